"""RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and CDF through feedparser; JSON Feed 1.0/1.1 directly.

Bytes are defused first (no DOCTYPE or ENTITY declaration reaches a parser), item
HTML becomes plain text with paragraphs kept, links that are not http(s) are
dropped, and every text field is stripped of control characters.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable

from brief.model import Article
from brief.sources.clean import clean_field
from brief.sources.dates import normalise_date
from brief.sources.fetch import safe_link
from brief.sources.htmltext import html_to_text, looks_like_html, plain_to_text
from brief.sources.items import Document, Item, domain, item_article_id
from brief.sources.sniff import FEED, JSON_FEED
from brief.sources.xmlsafe import cap_text_runs, defuse

MAX_ITEMS = 5000  # a feed's items beyond this are not read


def _struct_date(value: object) -> str | None:
    if isinstance(value, time.struct_time):
        try:
            return time.strftime("%Y-%m-%d", value)
        except (ValueError, OverflowError):
            return None
    return None


def _text_of(value: str | None, mime: str | None) -> str:
    if not value:
        return ""
    if (mime and "html" in mime) or looks_like_html(value):
        return html_to_text(value)
    return plain_to_text(value)


def _entry_text(entry) -> str:
    """The longest of the item's content and its description, as plain text."""
    best = ""
    candidates = [(c.get("value"), c.get("type")) for c in entry.get("content") or ()]
    detail = entry.get("summary_detail") or {}
    candidates.append((entry.get("summary"), detail.get("type")))
    for value, mime in candidates:
        if isinstance(value, str) and len(value) > len(best) // 2:
            text = _text_of(value, mime)
            if len(text) > len(best):
                best = text
    return best


def _title(value: object, mime: str | None) -> str | None:
    if not isinstance(value, str):
        return None
    return clean_field(_text_of(value, mime) if "<" in value or "&" in value else value)


def _fallback_id(title: str | None, text: str) -> str:
    return "hash:" + hashlib.blake2b(f"{title}\x00{text}".encode(), digest_size=8).hexdigest()


def _make_item(
    location: str,
    source: str | None,
    *,
    guid: object,
    title: str | None,
    text: str,
    link: str | None,
    date: str | None,
    author: object,
) -> Item | None:
    if not text and not title:
        return None
    item_id = clean_field(guid) or link or _fallback_id(title, text)
    article = Article(
        id=item_article_id(location, item_id),
        text=text,
        title=title,
        date=date,
        source=source,
        url=link,
        path=location,
        author=clean_field(author),
    )
    return Item(item_id[:1000], article)


def parse_feed(data: bytes, *, location: str, url: str | None, fallback: str | None) -> Document:
    """The items of an RSS, Atom or CDF feed. `fallback` names the source when the feed has no
    title and no `url`."""
    import feedparser

    parsed = feedparser.parse(
        cap_text_runs(defuse(data)),
        response_headers={"content-location": url} if url else None,
        resolve_relative_uris=False,
        sanitize_html=False,
    )
    feed = parsed.get("feed") or {}
    title = _title(feed.get("title"), (feed.get("title_detail") or {}).get("type"))
    doc = Document(FEED, title)
    if not parsed.get("version") and not parsed.get("entries"):
        doc.problems.append("not a feed")
        return doc
    source = title or domain(url) or fallback
    for entry in parsed.get("entries", [])[:MAX_ITEMS]:
        item_title = _title(entry.get("title"), (entry.get("title_detail") or {}).get("type"))
        item = _make_item(
            location,
            source,
            guid=entry.get("id"),
            title=item_title,
            text=_entry_text(entry),
            link=safe_link(entry.get("link")),
            date=_struct_date(entry.get("published_parsed"))
            or _struct_date(entry.get("updated_parsed")),
            author=entry.get("author"),
        )
        if item:
            doc.items.append(item)
    return doc


def _json_author(obj: dict) -> object:
    authors = obj.get("authors")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        return authors[0].get("name")
    author = obj.get("author")
    return author.get("name") if isinstance(author, dict) else None


def _json_text(obj: dict) -> str:
    for key, mime in (("content_html", "text/html"), ("content_text", "text/plain")):
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return _text_of(value, mime)
    summary = obj.get("summary")
    return _text_of(summary, None) if isinstance(summary, str) else ""


def _json_items(feed: dict) -> Iterable[dict]:
    items = feed.get("items")
    return [i for i in items[:MAX_ITEMS] if isinstance(i, dict)] if isinstance(items, list) else []


def parse_json_feed(
    data: bytes, *, location: str, url: str | None, fallback: str | None
) -> Document:
    """The items of a JSON Feed (https://jsonfeed.org/version/1.1)."""
    try:
        feed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return Document(JSON_FEED, problems=["not valid JSON"])
    if not isinstance(feed, dict):
        return Document(JSON_FEED, problems=["not a feed"])
    title = _title(feed.get("title"), None)
    doc = Document(JSON_FEED, title)
    source = title or domain(url) or fallback
    for obj in _json_items(feed):
        item = _make_item(
            location,
            source,
            guid=obj.get("id"),
            title=_title(obj.get("title"), None),
            text=_json_text(obj),
            link=safe_link(obj.get("url")),
            date=normalise_date(obj.get("date_published") or obj.get("date_modified")),
            author=_json_author(obj),
        )
        if item:
            doc.items.append(item)
    return doc
