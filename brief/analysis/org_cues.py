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
# An organisation named right after what it is: "the daily La Voz", "telecoms group
# Nordtel", "press distributor Pressco", "Spanish side Atletico Orba".
_KIND_BEFORE = frozenset(
    """daily weekly newspaper magazine agency broadcaster company firm group maker producer
    carrier airline conglomerate retailer insurer brokerage distributor manufacturer supplier
    operator club side""".split()
)
# "Veltra said it ...", "Veltra, the first foreign company to ...": a person is no "it".
_IT_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:said|says|added|announced|reported|expects|expected)\s+(?:it|its)\b"
    r"|,\s+(?:the|a|an)\s+(?:[a-z][\w-]*\s+){0,3}?(?:company|firm|group|bank|maker|producer|carrier|"
    r"airline|club|side|team|newspaper|daily|party|agency|subsidiary|conglomerate|retailer|"
    r"insurer|brokerage|manufacturer|operator)\b"
)
_MATCH_BEFORE = frozenset(
    "beat beating defeated v v. vs vs. rivals champions hosts visitors".split()
)
# "victory over", "winners over", "drew with", "lost to", "match against"
_MATCH_PAIRS = frozenset(
    (
        ("drew", "with"),
        ("lost", "to"),
        ("victory", "over"),
        ("win", "over"),
        ("winners", "over"),
        ("match", "against"),
        ("game", "against"),
    )
)
# "Ameren shares", "a Bundesbank spokesman", "Ameren's shares"; a person has a spokesman too,
# but is seldom written "Obama spokesman", so the spokesman cue takes no "'s".
_BUSINESS_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:shares|stock|shareholders|chief\s+executive|chairman|CEO|GDRs?|"
    r"profits?|earnings|revenues?|sales|subsidiary|subsidiaries|headquarters|head\s+office|"
    r"employees|stake)\b|"
    r"\s+(?:Inc|Corp|Co|plc|Ltd|AG|SA|NV|GmbH|board|spokesman|spokeswoman|spokesperson|"
    r"said\s+in\s+a\s+statement|newspaper|daily|weekly|magazine|news\s+agency)\b"
)
# A cricket side's innings: "Westmere 108-3", "Eastholm 232 and 109-5", "Northvale 363 (J. Doe 111";
# no one person scores so.
INNINGS_AFTER = re.compile(
    r"[ \t]+\d{2,3}(?:[-–]\d{1,2})?(?:[ \t]+and[ \t]+\d{2,3}\b|[ \t]+\([A-Z]\.[ \t]*[A-Z])"
    r"|[ \t]+\d{3}[-–]\d{1,2}\b(?![-–]\d)"
)
_ROLE_AFTER = re.compile(
    r"\s+(?:manager|coach|striker|midfielder|defender|goalkeeper|forward|winger|full-back|"
    r"pitcher|shortstop|outfielder|infielder|quarterback|batsman|bowler|all-rounder|fly-half)\b"
)
# A result ("drew 1-1", "2-1") follows a side; so does a results line ("Aston Villa 1 Leeds 0")
# or a table row ("Chelsea 2 1 1 0 4 2 4"), which no person's name is followed by.
# A cricket side's total is a score too ("Westmere 429-7", "Eastholm 108-3"); a bowler's figures
# ("Pryce 8-0-37-2") are not.
_MATCH_AFTER = re.compile(
    r"[ \t]+(?:beat|drew|won|defeated|routed|thrashed|blanked|edged|"
    r"\d{1,3}[ \t]*[-–][ \t]*\d{1,2}\b(?![-–]\d))"
)
# A standings row may end in a winning percentage: "BOSTON 70 62 .530".
_TABLE_AFTER = re.compile(
    r"[ \t]+(?:\d{1,2}[ \t]+[A-Z]|\d{1,3}(?:[ \t]+\d{1,3}){2,}\b"
    r"|\d{1,3}[ \t]+\d{1,3}[ \t]+\.\d{3}\b|\d{1,2}[ \t]*$)",
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
    match_before = last in _MATCH_BEFORE or (noun, last) in _MATCH_PAIRS
    role = (
        _ROLE_AFTER.match(text, end) is not None
        or _TABLE_AFTER.match(text, end) is not None
        or INNINGS_AFTER.match(text, end) is not None
    )
    business = (
        business_before
        or role
        or last in _KIND_BEFORE
        or _BUSINESS_AFTER.match(text, end) is not None
        or _IT_AFTER.match(text, end) is not None
    )
    match = match_before or role or _MATCH_AFTER.match(text, end) is not None
    return business, match


# Words after a name that make it a company or a body on their own, whatever the tagger read:
# "A Bundesbank spokesman said", "Ameren shares fell", "Ameren said in a statement".
_STRONG_AFTER = re.compile(
    r"\b(?:spokesman|spokeswoman|spokesperson|shares|shareholders|"
    r"said[ \t]+in[ \t]+a[ \t]+statement)\b"
)


def strong_cues(text: str):
    """(start of the cue) for each cue that alone names the word before it an organisation."""
    return (m.start() for m in _STRONG_AFTER.finditer(text))
