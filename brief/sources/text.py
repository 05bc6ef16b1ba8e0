"""Plain text in the seed format, and Markdown or text with front matter.

Seed format: an optional `date YYYY-MM-DD` marker at the very start (it may
stand inline before the first sentence), then paragraphs split by blank lines.
Front matter: a leading `---` block of `key: value` lines (title, date, source, url).
"""

from __future__ import annotations

import re

from brief.model import Article
from brief.sources.clean import clean_field
from brief.sources.dates import normalise_date
from brief.sources.ids import content_id

_DATE_MARKER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_MD_TITLE = re.compile(r"\A\s*#\s+(.+?)\s*#*\s*(?:\n|\Z)")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split `key: value` front matter from the body; no front matter gives an empty dict."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m[1].splitlines():
        kv = _KEY_VALUE.match(line)
        if kv:
            value = kv[2]
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            meta[kv[1].lower()] = value
    return meta, text[m.end() :]


def normalise_paragraphs(text: str) -> str:
    """Collapse runs of blank lines and trailing spaces;
    paragraphs stay separated by one blank line."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _strip_markdown(body: str) -> str:
    body = _MD_HEADING.sub(lambda m: "\n" + m[1] + "\n", body)
    body = _MD_LINK.sub(lambda m: m[1], body)
    return _MD_EMPHASIS.sub(lambda m: m[2], body)


def read_text(text: str, *, path: str, source: str | None, markdown: bool = False) -> Article:
    """One article from a text or Markdown document (already decoded and control-stripped)."""
    meta, body = parse_front_matter(text)
    date = normalise_date(meta.get("date"))
    marker = _DATE_MARKER.match(body)
    if marker:
        date = date or normalise_date(marker[1])
        body = body[marker.end() :]
    title = clean_field(meta.get("title"))
    if markdown:
        heading = _MD_TITLE.match(body)
        if heading and not title:
            title = clean_field(heading[1])
            body = body[heading.end() :]
        body = _strip_markdown(body)
    body = normalise_paragraphs(body)
    return Article(
        id=clean_field(meta.get("id")) or content_id(body, title),
        text=body,
        title=title,
        date=date,
        source=clean_field(meta.get("source")) or source,
        url=clean_field(meta.get("url")),
        path=path,
    )
