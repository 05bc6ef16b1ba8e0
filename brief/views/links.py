"""A briefing's link, made safe to show, open or copy: http and https only, no control
characters, no spaces. Feeds are untrusted: a `javascript:` or `file:` link, or one carrying an
escape sequence, must never reach a terminal hyperlink, a browser or the clipboard."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_URL = 2048


def safe_url(url: str | None) -> str | None:
    """`url` without control characters when it is an absolute http(s) URL, else None."""
    if not url:
        return None
    cleaned = _CONTROLS.sub("", url).strip()
    if not cleaned or len(cleaned) > MAX_URL or any(c.isspace() for c in cleaned):
        return None
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return cleaned
