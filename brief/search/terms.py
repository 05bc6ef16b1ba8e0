"""The searchable words of a text: folded (lower-case,
accent-free) \\w+ runs, split fast (no I/O)."""

from __future__ import annotations

import re
import unicodedata
from itertools import compress
from operator import not_

TOKEN_RE = re.compile(r"\w+")
# For ASCII text, \w+ tokens are what is left, lower-cased, after every other byte becomes a space
# (bytes.translate is several times faster than the regular expression).
_ASCII_SPLIT = bytes(
    (c | 0x20 if 65 <= c <= 90 else c) if c < 128 and (chr(c).isalnum() or c in (1, 95)) else 32
    for c in range(256)
)
_SEP = "\x01"  # kept by _ASCII_SPLIT, so several fields can be split in one pass


def _fold_table() -> dict[int, str]:
    """Accented Latin letters to their base letter, so
    'zelenskyy' finds 'Zelenskyy' and 'Łukaszenka'."""
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        base = "".join(
            c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c)
        )
        if len(base) == 1 and base != chr(code):
            table[code] = base
    table.update(
        {ord("ł"): "l", ord("Ł"): "L", ord("ø"): "o", ord("Ø"): "O", ord("đ"): "d", ord("Đ"): "D"}
    )
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower-case, accent-free text; keeps the length when it can so offsets still line up."""
    folded = text.translate(_FOLD).lower()
    if len(folded) == len(text):
        return folded
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text.translate(_FOLD))


def terms(text: str) -> list[str]:
    """The searchable words of `text`: folded \\w+ runs."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_SPLIT).decode("ascii").split()
    words = TOKEN_RE.findall(text.lower())
    joined = " ".join(words)
    return words if joined.isascii() else fold(joined).split()  # most non-ASCII is punctuation


def field_terms(*texts: str) -> list[list[str]]:
    """`terms` of each text, tokenising them together (one pass is much cheaper than several)."""
    joined = f" {_SEP} ".join(texts)
    if joined.count(_SEP) != len(texts) - 1:
        return [terms(t) for t in texts]
    if joined.isascii():
        words = joined.encode("ascii").translate(_ASCII_SPLIT).decode("ascii").split()
    else:
        # split on ASCII separators as above; then fold the few words with other characters in them
        words = (
            joined.encode("utf-8", "surrogatepass")
            .translate(_UTF8_SPLIT)
            .decode("utf-8", "surrogatepass")
            .split()
        )
        for k in reversed(list(compress(range(len(words)), map(not_, map(str.isascii, words))))):
            words[k : k + 1] = terms(words[k])
    out, start = [], 0
    for _ in range(len(texts) - 1):
        end = words.index(_SEP, start)
        out.append(words[start:end])
        start = end + 1
    out.append(words[start:])
    return out


# Like _ASCII_SPLIT, but the bytes of multi-byte UTF-8
# characters are kept, so the result still decodes.
_UTF8_SPLIT = bytes(c if c >= 128 else _ASCII_SPLIT[c] for c in range(256))
