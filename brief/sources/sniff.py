"""What kind of document a file or a response is, judged by its content first.

An RSS file named `news.txt` is still a feed, and a `.xml` file that is not a
feed is reported as such rather than shown as raw XML.
"""

from __future__ import annotations

import json
import re

FEED = "feed"
JSON_FEED = "jsonfeed"
OPML = "opml"
HTML = "html"
JSONL = "jsonl"
JSON = "json"
TEXT = "text"
MARKDOWN = "markdown"
XML = "xml"  # XML that is none of the above: not a feed

# Skipped before the root element: BOM, whitespace, the XML declaration, processing
# instructions, comments and a DOCTYPE (its internal subset may nest brackets).
_PROLOG = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.S)
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_FEED_ROOTS = {b"rss", b"feed", b"rdf", b"channel"}  # RSS 0.9x/2.0, Atom, RSS 1.0 (rdf:RDF), CDF
_HTML_HINT = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p|meta)\b", re.I)
_JSON_FEED = re.compile(rb'"version"\s*:\s*"https?://jsonfeed\.org/version/', re.I)


def _after_prolog(head: bytes) -> bytes:
    rest = head[_PROLOG.match(head).end() :]  # type: ignore[union-attr]
    if rest[:9].upper() == b"<!DOCTYPE":
        end = _doctype_end(rest)
        rest = rest[end:] if end else b""
        rest = rest[_PROLOG.match(rest).end() :]  # type: ignore[union-attr]
    return rest


def _doctype_end(data: bytes) -> int:
    """Index just past a DOCTYPE declaration at the start of `data`, or 0 if it never ends."""
    depth = 0
    quote = 0
    for i in range(9, len(data)):
        c = data[i]
        if quote:
            if c == quote:
                quote = 0
        elif c in (0x22, 0x27):  # " '
            quote = c
        elif c == 0x5B:  # [
            depth += 1
        elif c == 0x5D:  # ]
            depth = max(0, depth - 1)
        elif c == 0x3E and depth == 0:  # >
            return i + 1
    return 0


def sniff(data: bytes, suffix: str = "", content_type: str = "") -> str:
    """The kind of `data`; `suffix` (".md", ".jsonl"…) and `content_type` break ties."""
    head = data[:65536]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        if _JSON_FEED.search(head) or (
            content_type == "application/feed+json" and stripped[:1] == b"{"
        ):
            return JSON_FEED
        if suffix in (".jsonl", ".ndjson"):
            return JSONL
        if suffix == ".json" or stripped[:1] == b"[":
            return JSON
        return JSONL if _one_object_a_line(head) else JSON
    if stripped[:1] == b"<":
        return _sniff_markup(head)
    if suffix in (".md", ".markdown"):
        return MARKDOWN
    if suffix in (".jsonl", ".ndjson"):
        return JSONL
    if suffix in (".xml", ".rss", ".atom", ".rdf", ".opml", ".cdf"):
        return XML
    if suffix in (".html", ".htm", ".xhtml") or "html" in content_type:
        return HTML
    return TEXT


def _sniff_markup(head: bytes) -> str:
    rest = _after_prolog(head)
    root = _ROOT.match(rest)
    name = root[2].lower() if root else b""
    if name in _FEED_ROOTS:
        return FEED
    if name == b"opml":
        return OPML
    if name == b"html" or _HTML_HINT.search(head[:4096]):
        return HTML
    return XML


def _one_object_a_line(head: bytes) -> bool:
    first = head.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False
