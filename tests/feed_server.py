"""A real HTTP server on 127.0.0.1 for feed tests: static files plus a few scripted responses.

Routes:
  /<file>            a file of tests/fixtures/feeds (or one added with `server.put`), with
                     ETag and Last-Modified; a request whose If-None-Match matches gets 304
  /gone              404
  /stall             headers, then nothing for `stall_seconds`
  /redirect/N/<file> N redirects, then the file
  /gzip/<file>       the file gzip-encoded
Every request's path and headers are recorded in `server.requests`.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
LAST_MODIFIED = "Mon, 03 Mar 2025 10:00:00 GMT"
TYPES = {
    ".xml": "application/rss+xml",
    ".rdf": "application/rdf+xml",
    ".cdf": "application/xml",
    ".json": "application/feed+json",
    ".opml": "text/x-opml",
    ".html": "text/html; charset=utf-8",
}


class FeedServer:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stall_seconds = 5.0
        self.stalling: set[str] = set()  # names that stall like /stall
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def put(self, name: str, data: bytes | str) -> str:
        self.files[name] = data.encode() if isinstance(data, str) else data
        return self.url(name)

    def body(self, name: str) -> bytes | None:
        if name in self.files:
            return self.files[name]
        path = FEEDS / name
        if path.is_file():
            return path.read_bytes().replace(b"{base}", self.base.encode())
        return None

    def headers_for(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.requests if p == path]

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (the http.server name)
                server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                parts = self.path.lstrip("/").split("/")
                if parts[0] == "stall" or self.path.lstrip("/") in server.stalling:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.send_header("Content-Length", "100000")
                    self.end_headers()
                    self.wfile.write(b"<rss version='2.0'>")
                    self.wfile.flush()
                    time.sleep(server.stall_seconds)
                    return
                if parts[0] == "redirect" and len(parts) >= 3:
                    left = int(parts[1])
                    target = "/".join(parts[2:])
                    where = f"/redirect/{left - 1}/{target}" if left > 1 else f"/{target}"
                    self.send_response(302)
                    self.send_header("Location", where)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                zipped = parts[0] == "gzip"
                name = "/".join(parts[1:] if zipped else parts)
                self._file(name, zipped)

            def _file(self, name: str, zipped: bool) -> None:
                body = server.body(name)
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                if zipped:
                    body = gzip.compress(body)
                self.send_response(200)
                self.send_header("Content-Type", TYPES.get(Path(name).suffix, "text/plain"))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", LAST_MODIFIED)
                if zipped:
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


def seeds_feed() -> bytes:
    """The bundled seeds as one RSS 2.0 feed (the first paragraph is the title)."""
    from xml.sax.saxutils import escape

    from brief.resources import seeds_dir
    from brief.sources import load

    items = []
    for a in load([seeds_dir()]).articles:
        title = a.title or a.text.split("\n\n")[0][:80]
        body = "".join(f"<p>{escape(p)}</p>" for p in a.text.split("\n\n"))
        date = f"<pubDate>{_rfc822(a.date)}</pubDate>" if a.date else ""
        items.append(
            f"<item><title>{escape(title)}</title><guid isPermaLink='false'>{a.id}</guid>"
            f"<link>https://seeds.example/{a.id}</link>{date}"
            f"<description>{escape(body)}</description></item>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        "<title>Seeds Wire</title><link>https://seeds.example/</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def _rfc822(day: str) -> str:
    from datetime import UTC, date, datetime
    from email.utils import format_datetime

    d = date.fromisoformat(day)
    return format_datetime(datetime(d.year, d.month, d.day, 12, tzinfo=UTC))
