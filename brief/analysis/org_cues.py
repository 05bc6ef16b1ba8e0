"""Words around a name that say it is an organisation: "shares of Ameren", "a Bundesbank
spokesman", "Aston Villa manager", "Leeds drew 1-1".

A tagger that reads one capitalised run at a time calls an unknown one-word company a person
("Ameren said on Tuesday…") and a club named after its city a place. These cues, seen anywhere in
the article, retype the name there. Business and club-role cues retype a person reading; match
cues (a score, "beat", "drew") retype only a place reading, since players beat each other too.
A country stays a place (a national side is the country, as in CoNLL).
"""

from __future__ import annotations

import re

_BUSINESS_BEFORE = re.compile(
    r"\b(?:shares|stock|stake|shareholders|spokesman|spokeswoman|spokesperson|subsidiary|"
    r"unit|division|acquisition|takeover|merger|analysts?|executives?|employees|staff|"
    r"workers|chairman|chief\s+executive|CEO|founder|customers)\s+(?:of|for|in|at|with)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_BUSINESS_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:shares|stock|spokesman|spokeswoman|spokesperson|shareholders|"
    r"chief\s+executive|chairman)\b|"
    r"\s+(?:Inc|Corp|Co|plc|Ltd|AG|SA|NV|GmbH|board|said\s+in\s+a\s+statement)\b"
)
_ROLE_AFTER = re.compile(r"\s+(?:manager|coach|striker|midfielder|defender|goalkeeper)\b")
_MATCH_BEFORE = re.compile(r"\b(?:beat|beating|defeated|drew\s+with|lost\s+to|v\.?|vs\.?)\s+$")
_MATCH_AFTER = re.compile(r"\s+(?:beat|drew|\d{1,2}\s*[-–]\s*\d{1,2}\b)")


def cues(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(a business or club-role cue, a match cue) right around text[start:end]."""
    lo = max(0, start - 40)
    business = (
        _BUSINESS_BEFORE.search(text, lo, start) is not None
        or _BUSINESS_AFTER.match(text, end) is not None
        or _ROLE_AFTER.match(text, end) is not None
    )
    match = (
        _MATCH_BEFORE.search(text, lo, start) is not None
        or _MATCH_AFTER.match(text, end) is not None
        or _ROLE_AFTER.match(text, end) is not None
    )
    return business, match
