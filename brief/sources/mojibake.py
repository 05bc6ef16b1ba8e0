"""UTF-8 text that was decoded as Windows-1252 or Latin-1 on its way to brief ("Â£9m",
"itâ€™s", "cafÃ©"), read again as it was written.

Publishers' feeds and archives sometimes carry text encoded twice. Each UTF-8 character then
shows as a lead letter (Â, Ã, â, ð…) followed by one to three characters that stand for
continuation bytes. Only a run that decodes as strict UTF-8 is replaced, so text in another
language that merely contains those letters is left alone.
"""

from __future__ import annotations

import re

# The byte each Windows-1252 (or Latin-1) character stands for, for the continuation bytes
# 0x80-0xBF; the five bytes Windows-1252 leaves undefined arrive as Latin-1 C1 controls.
_BYTE: dict[str, int] = {chr(b): b for b in range(0x80, 0xC0)}
_BYTE |= {bytes([b]).decode("cp1252", "ignore") or chr(b): b for b in range(0x80, 0xC0)}
_CONT = "".join(sorted(_BYTE))
# a lead byte (0xC2-0xF4 as Latin-1 letters) and the continuation characters after it
_RUN = re.compile("[\u00c2-\u00f4][" + re.escape(_CONT) + "]{1,3}")


def _length(lead: int) -> int:
    return 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4


def _repaired(m: re.Match[str]) -> str:
    run = m.group()
    need = _length(ord(run[0]))
    if len(run) < need:
        return run
    try:
        fixed = bytes([ord(run[0]), *(_BYTE[c] for c in run[1:need])]).decode("utf-8")
    except UnicodeDecodeError:
        return run
    return fixed + run[need:]


def repair(text: str) -> str:
    """`text` with each run of double-encoded UTF-8 decoded; other text unchanged."""
    if not _RUN.search(text):
        return text
    return _RUN.sub(_repaired, text)
