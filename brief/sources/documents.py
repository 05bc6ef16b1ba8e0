"""One document's bytes to items, whatever its kind: the sniffer decides, the suffix helps."""

from __future__ import annotations

from brief.sources.clean import strip_controls
from brief.sources.feeds import parse_feed, parse_json_feed
from brief.sources.items import Document, Item
from brief.sources.jsonl import read_json, read_jsonl
from brief.sources.opml import parse_opml
from brief.sources.pages import parse_page
from brief.sources.sniff import (
    FEED,
    HTML,
    JSON,
    JSON_FEED,
    JSONL,
    MARKDOWN,
    OPML,
    XML,
    sniff,
)
from brief.sources.text import read_text
from brief.sources.xmlsafe import UnsafeXML, defuse


def decode_text(data: bytes) -> str:
    """UTF-8 text; raises ValueError with a short reason when it is not usable text."""
    if b"\x00" in data[:8192]:
        raise ValueError("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (bad byte at offset {exc.start})") from None
    if not text.strip():
        raise ValueError("empty file")
    return text


def _plain(data: bytes, kind: str, *, location: str, fallback: str | None) -> Document:
    doc = Document(kind)
    try:
        raw = decode_text(data)
    except ValueError as exc:
        doc.problems.append(str(exc))
        return doc
    if kind in (JSONL, JSON):
        reader = read_jsonl if kind == JSONL else read_json
        articles = list(reader(raw, path=location, source=fallback, problem=doc.problems.append))
    else:
        article = read_text(
            strip_controls(raw), path=location, source=fallback, markdown=kind == MARKDOWN
        )
        articles = [article] if article.text else []
        if not articles:
            doc.problems.append("no article text")
    doc.items = [Item(a.id, a) for a in articles]
    return doc


def _is_markup(data: bytes) -> bool:
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        return True
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 XML
        head = data[:200].decode("utf-16", errors="replace").lstrip("\ufeff \t\r\n")
        return head.startswith("<")
    return False


def read_document(
    data: bytes,
    *,
    location: str,
    url: str | None = None,
    suffix: str = "",
    content_type: str = "",
    fallback: str | None = None,
) -> Document:
    """The items (or, for OPML, the outlines) of one document.

    `location` is the path or URL the user gave (it names the items' source for ids and
    messages), `url` the address it was fetched from, `fallback` the source name to use
    when the document names none (a folder's name for a local file).
    """
    if _is_markup(data):
        try:  # no DOCTYPE or ENTITY declaration ever reaches a parser (nor hides the root)
            data = defuse(data)
        except UnsafeXML as exc:
            return Document(XML, problems=[str(exc)])
    kind = sniff(data, suffix, content_type)
    try:
        if kind == FEED:
            return parse_feed(data, location=location, url=url, fallback=fallback)
        if kind == JSON_FEED:
            return parse_json_feed(data, location=location, url=url, fallback=fallback)
        if kind == OPML:
            return parse_opml(data)
        if kind == HTML:
            return parse_page(data, location=location, url=url, fallback=fallback)
    except UnsafeXML as exc:
        return Document(kind, problems=[str(exc)])
    if kind == XML:
        return Document(kind, problems=["not a feed (XML of another kind)"])
    if url and kind not in (JSON, JSONL) and "html" in content_type:
        return parse_page(data, location=location, url=url, fallback=fallback)
    return _plain(data, kind, location=location, fallback=fallback)
