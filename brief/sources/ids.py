"""Stable article ids derived from content, so the same input always gets the same id."""

from __future__ import annotations

import hashlib


def content_id(text: str, title: str | None = None) -> str:
    digest = hashlib.blake2b(f"{title or ''}\x00{text}".encode(), digest_size=8)
    return digest.hexdigest()
