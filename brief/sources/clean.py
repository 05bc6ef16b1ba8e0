"""The one place untrusted text is sanitised as it enters brief."""

from __future__ import annotations

import re

from brief.sources.mojibake import repair

# C0 controls except \t and \n, DEL, and C1 controls. \r is normalised first.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidi overrides and isolates can reorder what a terminal shows; zero-width joiners are harmless.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str, *, keep_offsets: bool = False) -> str:
    """Remove control characters (keeping newline and tab) so text can never drive the terminal,
    and read text that was encoded twice as it was written (`brief.sources.mojibake`).

    With `keep_offsets` each control becomes a space instead and nothing else changes, so
    character offsets computed on the cleaned text still point into the caller's original text.
    """
    if keep_offsets:
        return _BIDI.sub(" ", _CONTROL.sub(" ", text))
    # before the controls go: text encoded twice may carry C1 controls for continuation bytes
    text = repair(text).replace("\r\n", "\n").replace("\r", "\n")
    return _BIDI.sub("", _CONTROL.sub("", text))


def clean_field(value: object) -> str | None:
    """A metadata field (title, source…) as a single clean line, or None when empty."""
    if value is None:
        return None
    text = " ".join(strip_controls(str(value)).split())
    return text or None
