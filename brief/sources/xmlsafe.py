"""Making untrusted XML safe to parse: no entity is ever declared, so none can expand.

feedparser's strict parser refuses billion laughs and external entities, but its
loose fallback expands internal entities, so a 100 KB entity used 1,000 times
becomes a 100-million-character description. Every DOCTYPE (with its internal
subset) and every stray ENTITY declaration is cut out of the bytes before any
parser sees them. References to the removed entities stay as literal text.
"""

from __future__ import annotations

import re

_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
_XML_ENCODING = re.compile(rb"""(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""", re.I)


MAX_TEXT_RUN = 1_000_000  # bytes of one text node or CDATA section kept before parsing
_LONG_TEXT = re.compile(rb">([^<]{%d,})" % MAX_TEXT_RUN)
_LONG_CDATA = re.compile(rb"<!\[CDATA\[(.{%d,}?)\]\]>" % MAX_TEXT_RUN, re.S)


class UnsafeXML(ValueError):
    """XML that cannot be made safe (an unterminated declaration)."""


def _declaration_end(data: bytes, start: int) -> int:
    """Index just past the declaration opening at `start` (nested brackets and quotes skipped)."""
    depth = 0
    quote = 0
    i = start + 2
    n = len(data)
    while i < n:
        c = data[i]
        if quote:
            j = data.find(bytes([quote]), i)
            if j < 0:
                break
            quote = 0
            i = j + 1
            continue
        if c in (0x22, 0x27):
            quote = c
        elif c == 0x5B:
            depth += 1
        elif c == 0x5D:
            depth = max(0, depth - 1)
        elif c == 0x3E and depth == 0:
            return i + 1
        i += 1
    raise UnsafeXML("unterminated DOCTYPE or ENTITY declaration")


def _as_utf8(data: bytes) -> bytes:
    """UTF-16/32 documents re-encoded as UTF-8 (so the byte scan below sees their markup)."""
    head = data[:4]
    encoding = None
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        encoding = "utf-32"
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif head.startswith(b"\x00<\x00"):
        encoding = "utf-16-be"
    elif head.startswith(b"<\x00"):
        encoding = "utf-16-le"
    if encoding is None:
        return data
    text = data.decode(encoding, errors="replace").lstrip("\ufeff")
    out = text.encode("utf-8")
    return _XML_ENCODING.sub(rb"\1\2utf-8\2", out, count=1)


def defuse(data: bytes) -> bytes:
    """`data` without DOCTYPE or ENTITY declarations; raises UnsafeXML when one never ends."""
    data = _as_utf8(data)
    if not _DECLARATION.search(data):
        return data
    out = bytearray()
    pos = 0
    for m in _DECLARATION.finditer(data):
        if m.start() < pos:
            continue  # inside a declaration already removed
        out += data[pos : m.start()]
        pos = _declaration_end(data, m.start())
    out += data[pos:]
    return bytes(out)


def _cut(run: bytes) -> bytes:
    """`run` cut to MAX_TEXT_RUN bytes, not inside a UTF-8 sequence or an entity reference."""
    cut = MAX_TEXT_RUN
    while cut and (run[cut] & 0xC0) == 0x80:
        cut -= 1
    head = run[:cut]
    amp = head.rfind(b"&")
    if amp >= 0 and b";" not in head[amp:]:
        head = head[:amp]
    return head


def cap_text_runs(data: bytes) -> bytes:
    """`data` with every text node and CDATA section longer than MAX_TEXT_RUN bytes cut, so
    one enormous item costs a parser bounded time and memory."""
    if len(data) <= MAX_TEXT_RUN:
        return data
    data = _LONG_CDATA.sub(lambda m: b"<![CDATA[" + _cut(m[1]) + b"]]>", data)
    return _LONG_TEXT.sub(lambda m: b">" + _cut(m[1]), data)
