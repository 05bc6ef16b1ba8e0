"""OPML subscription lists: every outline with an http(s) `xmlUrl` is a feed to follow."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from brief.sources.clean import clean_field
from brief.sources.fetch import safe_link
from brief.sources.items import Document, Outline
from brief.sources.sniff import OPML
from brief.sources.xmlsafe import UnsafeXML, defuse

MAX_OUTLINES = 2000


def parse_opml(data: bytes) -> Document:
    doc = Document(OPML)
    try:
        root = ET.fromstring(defuse(data))
    except (ET.ParseError, UnsafeXML) as exc:
        doc.problems.append(f"not a valid OPML list ({exc})")
        return doc
    head_title = root.find("./head/title")
    doc.title = clean_field(head_title.text if head_title is not None else None)
    seen: set[str] = set()
    for outline in root.iter("outline"):
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        given = attrs.get("xmlurl")
        if not given:
            continue
        url = safe_link(given)
        if url is None:
            doc.problems.append(f"outline {clean_field(given)!r} skipped: not an http(s) URL")
            continue
        if url in seen:
            continue
        seen.add(url)
        doc.outlines.append(Outline(url, clean_field(attrs.get("title") or attrs.get("text"))))
        if len(doc.outlines) >= MAX_OUTLINES:
            doc.problems.append(f"only the first {MAX_OUTLINES} outlines are read")
            break
    if not doc.outlines and not doc.problems:
        doc.problems.append("no feeds in this OPML list")
    return doc
