"""Fetching one http(s) URL with limits: the only network code in brief.

Standard library only (http.client), so every limit is ours to enforce:
- only http and https, also after a redirect, and at most `MAX_REDIRECTS` of them;
- a connect timeout, and one deadline for the whole response (a server that
  trickles bytes or stalls mid-body cannot hold a fetch past it);
- a size cap on the decoded body (gzip is accepted, and inflated under the same cap);
- conditional GET: an ETag and a Last-Modified date are sent when known, and a
  304 comes back as `Response(status=304)` with no body.

Every failure is a `FetchError` whose message is the short reason a user sees:
`HTTP 404`, `timed out after 30 s`, `larger than 20 MB`, `too many redirects`.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from brief import __version__

MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 10.0
TOTAL_TIMEOUT = 30.0
MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = f"brief/{__version__} (+https://github.com/brief-reader/brief)"
_CHUNK = 64 * 1024


class FetchError(Exception):
    """A fetch that failed; str() is the one-line reason."""


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = CONNECT_TIMEOUT
    total_timeout: float = TOTAL_TIMEOUT
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS


def limits_from_env(total_timeout: float | None = None, max_mb: float | None = None) -> Limits:
    """Limits from the arguments, else BRIEF_TIMEOUT (seconds) and BRIEF_MAX_MB, else defaults."""
    import os

    def number(given: float | None, name: str, default: float) -> float:
        if given is not None:
            return given
        try:
            value = float(os.environ.get(name, ""))
        except ValueError:
            return default
        return value if value > 0 else default

    total = number(total_timeout, "BRIEF_TIMEOUT", TOTAL_TIMEOUT)
    mb = number(max_mb, "BRIEF_MAX_MB", MAX_BYTES / (1024 * 1024))
    return Limits(
        connect_timeout=min(CONNECT_TIMEOUT, total),
        total_timeout=total,
        max_bytes=int(mb * 1024 * 1024),
    )


@dataclass
class Response:
    url: str  # after redirects
    status: int  # 200 or 304
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def is_url(value: object) -> bool:
    return str(value)[:8].lower().startswith(("http://", "https://"))


def safe_link(value: object) -> str | None:
    """`value` when it is an absolute http(s) URL without whitespace or controls, else None."""
    if not isinstance(value, str):
        return None
    link = value.strip()
    if not link or len(link) > 4096 or any(c.isspace() or ord(c) < 32 for c in link):
        return None
    parts = urlsplit(link)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return link


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _human_size(limit: int) -> str:
    mb = limit / (1024 * 1024)
    return f"{mb:g} MB" if mb >= 1 else f"{limit:,} bytes"


class _Deadline:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.end = time.monotonic() + limits.total_timeout

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise FetchError(f"timed out after {_seconds(self.limits.total_timeout)}")
        return left


def _connection(url: str, limits: Limits) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"not an http(s) URL ({scheme or 'no'} scheme)")
    if not parts.hostname:
        raise FetchError("no host in URL")
    try:
        port = parts.port
    except ValueError:
        raise FetchError("bad port in URL") from None
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    if scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname, port, timeout=limits.connect_timeout,
            context=ssl.create_default_context(),
        )  # fmt: skip
    else:
        conn = http.client.HTTPConnection(parts.hostname, port, timeout=limits.connect_timeout)
    return conn, target


def _read_body(
    resp: http.client.HTTPResponse, conn: http.client.HTTPConnection, deadline: _Deadline
) -> bytes:
    limits = deadline.limits
    gzipped = (resp.getheader("Content-Encoding") or "").strip().lower() in ("gzip", "x-gzip")
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    too_big = FetchError(f"larger than {_human_size(limits.max_bytes)}")
    declared = resp.getheader("Content-Length")
    if not gzipped and declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise too_big
    out = bytearray()
    while True:
        if conn.sock is not None:
            conn.sock.settimeout(deadline.left())
        chunk = resp.read1(_CHUNK) if hasattr(resp, "read1") else resp.read(_CHUNK)
        if not chunk:
            break
        if inflate is not None:
            try:
                chunk = inflate.decompress(chunk, limits.max_bytes + 1 - len(out))
            except zlib.error:
                raise FetchError("bad gzip data") from None
        out += chunk
        if len(out) > limits.max_bytes:
            raise too_big
        deadline.left()
    return bytes(out)


def _request_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {
        "User-Agent": USER_AGENT,
        "Accept-Encoding": "gzip",
        "Accept": "application/atom+xml, application/rss+xml, application/feed+json, "
        "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    limits: Limits | None = None,
) -> Response:
    """GET `url` within `limits`; raises FetchError with a short reason."""
    limits = limits or limits_from_env()
    deadline = _Deadline(limits)
    headers = _request_headers(etag, last_modified)
    for _ in range(limits.max_redirects + 1):
        conn, target = _connection(url, limits)
        try:
            try:
                try:
                    conn.connect()
                except TimeoutError:
                    raise FetchError(
                        f"timed out connecting after {_seconds(limits.connect_timeout)}"
                    ) from None
                conn.sock.settimeout(deadline.left())
                conn.request("GET", target, headers=headers)
                resp = conn.getresponse()
                status = resp.status
                if status in (301, 302, 303, 307, 308):
                    location = resp.getheader("Location")
                    if not location:
                        raise FetchError(f"HTTP {status} without a Location")
                    url = urljoin(url, location.strip())
                    continue
                if status == 304:
                    return Response(url, 304, etag=etag, last_modified=last_modified)
                if status != 200:
                    reason = (resp.reason or "").strip()
                    raise FetchError(f"HTTP {status}" + (f" {reason}" if reason else ""))
                body = _read_body(resp, conn, deadline)
            except TimeoutError:
                raise FetchError(f"timed out after {_seconds(limits.total_timeout)}") from None
            except ssl.SSLError as exc:
                raise FetchError(f"TLS error ({exc.reason or exc})") from None
            except socket.gaierror:
                raise FetchError(f"unknown host {urlsplit(url).hostname}") from None
            except ConnectionRefusedError:
                raise FetchError("connection refused") from None
            except (OSError, http.client.HTTPException) as exc:
                raise FetchError(f"network error ({type(exc).__name__}: {exc})") from None
            return Response(
                url,
                200,
                body,
                content_type=(resp.getheader("Content-Type") or "").split(";")[0].strip().lower(),
                etag=resp.getheader("ETag"),
                last_modified=resp.getheader("Last-Modified"),
                headers={k.lower(): v for k, v in resp.getheaders()},
            )
        finally:
            conn.close()
    raise FetchError(f"more than {limits.max_redirects} redirects")
