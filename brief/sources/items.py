"""What the readers of feeds, lists and pages give back: items with their own identity.

A feed item keeps the id its feed gave it (GUID, else link), so an item seen again
is the same item and an edited one can be updated in place; its article id is
derived from where it came from and that item id, not from its content.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from brief.model import Article


@dataclass(frozen=True)
class Item:
    item_id: str  # the feed's GUID, else its link, else a hash of its content
    article: Article


@dataclass(frozen=True)
class Outline:
    """One subscription of an OPML list."""

    url: str
    title: str | None = None


@dataclass
class Document:
    kind: str  # a kind from brief.sources.sniff
    title: str | None = None
    items: list[Item] = field(default_factory=list)
    outlines: list[Outline] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    etag: str | None = None  # caching info of the response it came from, if fetched
    last_modified: str | None = None


def item_article_id(location: str, item_id: str) -> str:
    """A stable article id for item `item_id` of the source at `location`."""
    return hashlib.blake2b(f"{location}\x00{item_id}".encode(), digest_size=8).hexdigest()


def domain(url: str | None) -> str | None:
    """The host of `url` without a leading `www.`, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None
