"""HTML article pages: trafilatura finds the main text; the page's metadata gives title,
date, author and site name. `source` is the site name, else the page's domain."""

from __future__ import annotations

from brief.model import Article
from brief.sources.clean import clean_field, strip_controls
from brief.sources.dates import normalise_date
from brief.sources.fetch import safe_link
from brief.sources.htmltext import MAX_TEXT_CHARS
from brief.sources.items import Document, Item, domain, item_article_id
from brief.sources.sniff import HTML

MAX_PAGE_BYTES = 5 * 1024 * 1024  # a page beyond this is cut before extraction


def _paragraphs(text: str) -> str:
    lines = (" ".join(line.split()) for line in strip_controls(text).split("\n"))
    return "\n\n".join(line for line in lines if line)[:MAX_TEXT_CHARS]


def extract_page(data: bytes, url: str | None) -> dict | None:
    """trafilatura's main text and metadata for a page, or None when it finds no text."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            data[:MAX_PAGE_BYTES],
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
        )
    except (ValueError, TypeError, RecursionError):
        return None
    if doc is None:
        return None
    found = doc if isinstance(doc, dict) else doc.as_dict()
    return found if (found.get("text") or "").strip() else None


def parse_page(data: bytes, *, location: str, url: str | None, fallback: str | None) -> Document:
    found = extract_page(data, url)
    if found is None:
        return Document(HTML, problems=["no article text found in this page"])
    page_url = safe_link(url) or safe_link(found.get("url"))
    title = clean_field(found.get("title"))
    source = clean_field(found.get("sitename")) or domain(page_url) or fallback
    text = _paragraphs(found.get("text") or "")
    if title and text.startswith(title + "\n\n"):  # the page's own heading, shown as the title
        text = text[len(title) + 2 :]
    item_id = page_url or location
    article = Article(
        id=item_article_id(location, item_id),
        text=text,
        title=title,
        date=normalise_date(found.get("date")),
        source=source,
        url=page_url,
        path=location,
        author=clean_field(found.get("author")),
    )
    return Document(HTML, title, items=[Item(item_id, article)])


def page_text(data: bytes, url: str) -> str:
    """Just the main text of a linked page (for feeds whose items carry only a teaser)."""
    found = extract_page(data, url)
    return _paragraphs(found.get("text") or "") if found else ""
