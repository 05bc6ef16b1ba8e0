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

# "<noun> <preposition> [the] NAME": "shares of", "a spokesman for", "analysts at".
_BUSINESS_NOUNS = frozenset(
    """shares stock stake shareholders subsidiary unit division acquisition takeover merger
    analyst analysts executive executives employees staff workers chairman ceo founder
    customers""".split()
)
_PREPOSITIONS = frozenset("of for in at with".split())
_MATCH_BEFORE = frozenset("beat beating defeated v v. vs vs.".split())
# "Ameren shares", "a Bundesbank spokesman", "Ameren's shares"; a person has a spokesman too,
# but is seldom written "Obama spokesman", so the spokesman cue takes no "'s".
_BUSINESS_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:shares|stock|shareholders|chief\s+executive|chairman)\b|"
    r"\s+(?:Inc|Corp|Co|plc|Ltd|AG|SA|NV|GmbH|board|spokesman|spokeswoman|spokesperson|"
    r"said\s+in\s+a\s+statement)\b"
)
_ROLE_AFTER = re.compile(r"\s+(?:manager|coach|striker|midfielder|defender|goalkeeper)\b")
# A result ("drew 1-1", "2-1") follows a side; so does a results line ("Aston Villa 1 Leeds 0")
# or a table row ("Chelsea 2 1 1 0 4 2 4"), which no person's name is followed by.
_MATCH_AFTER = re.compile(r"[ \t]+(?:beat|drew|\d{1,2}[ \t]*[-–][ \t]*\d{1,2}\b)")
_TABLE_AFTER = re.compile(
    r"[ \t]+(?:\d{1,2}[ \t]+[A-Z]|\d{1,3}(?:[ \t]+\d{1,3}){2,}\b|\d{1,2}[ \t]*$)",
    re.MULTILINE,
)


def _words_before(text: str, start: int) -> list[str]:
    """The three words before the name, lower-cased, without a "the" right before it."""
    words = text[max(0, start - 40) : start].lower().split()[-4:]
    if words and words[-1] == "the":
        words.pop()
    return words[-3:]


def cues(text: str, start: int, end: int) -> tuple[bool, bool]:
    """(a business, club-role or results-table cue, a match cue) right around
    text[start:end]."""
    before = _words_before(text, start)
    last = before[-1] if before else ""
    noun = before[-2] if len(before) > 1 else ""
    business_before = last in _PREPOSITIONS and (
        noun in _BUSINESS_NOUNS or before[-3:-1] == ["chief", "executive"]
    )
    match_before = last in _MATCH_BEFORE or ((noun, last) in (("drew", "with"), ("lost", "to")))
    role = _ROLE_AFTER.match(text, end) is not None or _TABLE_AFTER.match(text, end) is not None
    business = business_before or role or _BUSINESS_AFTER.match(text, end) is not None
    match = match_before or role or _MATCH_AFTER.match(text, end) is not None
    return business, match
