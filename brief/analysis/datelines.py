"""A timestamp a page put in front of the story:
"Friday August 2, 2013 @ 8:13am PDT Ellen DeGeneres …".

Scraped articles often open with the publication stamp glued to the first
sentence ("Published on Friday, 27 September 2013", "4 October 2013, 18:07
(GMT+05:00)", "Posted: 08/02/2013 11:10 am EDT"). It is not part of the
story, so summaries and headlines leave it out; but it is the best evidence of
when the article was written, so date inference prefers it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday)?\.?"
_ZONE = r"(?:[ECMP][SD]T|ET|GMT|BST|CET|CEST|IST|UTC|EET|MSK)"
# the parts a stamp is made of; words in any case ("UPDATED", "FRIDAY, MAY 3, 2013, 9: 56 AM")
_TOKEN = (
    r"(?i:(?:first\s+)?(?:posted|published|updated|last\s+updated|created))\s*(?i:on|at)?\s*:?"
    rf"|(?i:{_WEEKDAY}),?|(?i:{_MONTH}),?"
    r"|\d{1,4}(?:st|nd|rd|th)?(?:\s*[:/.-]\s*\d{1,4})*,?:?"  # 2013, 27th, 8: 13, 08 / 02 / 2013
    r"|(?i:[ap]\.?\s?m\.?|hrs)\.?:?"
    rf"|{_ZONE}|\(\s*{_ZONE}\s*[+-]?\s*\d{{0,2}}\s*:?\s*\d{{0,2}}\s*\)"
    # 1 year, 160 days ago
    r"|\d+\s+(?i:years?|months?|weeks?|days?|hours?|minutes?|mins?),?|(?i:ago)"
    r"|\[[^\]\n]{0,60}\]"  # [downloaded on 2 October 2013]
    r"|@|(?i:at|on)|[-|\u2013\u2014]"
)
_LEADING = re.compile(rf"^(?:(?:{_TOKEN})\s*)+(?=[A-Z\u201c\"'])")
_WHOLE = re.compile(rf"^\s*(?:(?:{_TOKEN})\s*)+$")
# what makes a stamp a stamp: a year, a d/m/y date, a clock time or a "Posted"/"Published"
_STAMP_MARK = re.compile(
    r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}|\b(?:19|20)\d\d\b|\d\s*:\s*\d\d|"
    r"(?i:posted|published|updated|created)"
)


def leading_stamp(text: str) -> int:
    """Where the story starts after a leading timestamp, or 0 when the text does not open with one.

    A stamp has a year, a d/m/y date, a clock time or a "Posted" in it, and at least
    two parts, so "June 27 was hot", "March 2 Oscars …" or "2013 ended well" are left alone.
    """
    m = _LEADING.match(text)
    if not m or not _STAMP_MARK.search(m.group()):
        return 0
    if len(m.group().split()) < 2:
        return 0
    return m.end()


def strip_stamp(sentence: str) -> str:
    return sentence[leading_stamp(sentence) :]


# the words a timestamp line is made of, whatever their
# case ("PUBLISHED: THURSDAY, MAY 2, 2013, 1: 32 PM")
_STAMP_WORDS = re.compile(
    r"\b(?:published|updated|last|posted|on|at|by|am|pm|a\.\s?m|p\.\s?m|et|edt|est|gmt|bst|ist|utc|uk|hrs|"
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day)?|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|"
    r"dec|january|february|march|april|june|july|august|september|october|november|december)\b\.?|[\d:,./@()+-]+",
    re.I,
)


def is_stamp(text: str) -> bool:
    """Whether `text` is only a timestamp or dateline, at most one other word beside it
    ("Friday, November 11, 2011", "12 January 2010 @ 09: 29 pm", "Mumbai, Nov 11 -")."""
    if not re.search(r"\d", text):
        return False
    if _WHOLE.match(text) and _STAMP_MARK.search(text):
        return True
    return not _two_plain_words(text) and len(_STAMP_WORDS.sub(" ", text).split()) < 2


def _two_plain_words(text: str) -> bool:
    """Whether `text` has two words of letters that no stamp is made of ("… 2 reporters said"):
    a sentence's first few words tell, where a pass of `_STAMP_WORDS` over it costs ten times
    more. Such a word (two letters or more: "m" may end "a. m") is left whole by that pass."""
    found = 0
    for word in text.split():
        if len(word) > 1 and word.isascii() and word.isalpha() and not _STAMP_WORDS.fullmatch(word):
            found += 1
            if found == 2:
                return True
    return False


# --- wire datelines: "FRANKFURT (Reuters) -", "LONDON, Jan 5 (Reuters) -", "KIEV, Ukraine (AP) —"

_CAPS_PLACE = (
    r"[A-Z][A-Z.'\u2019-]+(?:\s+[A-Z][A-Z.'\u2019-]+){0,3}"  # FRANKFURT, NEW YORK, ST. LOUIS
)
_TITLE_PLACE = r"[A-Z][a-z.'\u2019-]+(?:\s+[A-Z][a-z.'\u2019-]+){0,2}"  # Kiev, New Delhi
_DATELINE_RE = re.compile(
    rf"""^\s*
    (?:
      (?P<city>{_CAPS_PLACE}|{_TITLE_PLACE})
      (?:,\s*(?!{_MONTH}\s*\d)(?P<region>[A-Z][A-Za-z.'\u2019-]+(?:\s+[A-Z][A-Za-z.'\u2019-]+){{0,2}}))?
      (?:,\s*(?P<date>{_MONTH}\s*\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*(?:19|20)\d\d)?))?
      \s*(?:\((?P<agency>[A-Z][A-Za-z.&'\u2019 ]{{1,30}}?)\))?
      \s*(?P<dash>--|[\u2014\u2013]|-(?=\s))?
    |
      \((?P<lone>CNN|AP|AFP|Reuters|UPI|Bloomberg|dpa|ANSA|Xinhua|EFE)\)\s*(?:--|[\u2014\u2013-])?
    )\s*(?=[A-Z0-9\u201c"'])""",
    re.X,
)
# capitals before a dash that are no place: flags and the acronyms of bodies
_NOT_PLACES = frozenset(
    "BREAKING UPDATE UPDATED EXCLUSIVE WATCH VIDEO PHOTOS LIVE OPINION ANALYSIS EDITORIAL "
    "NATO OPEC NASA FIFA UEFA WHO IMF".split()
)


class Dateline(NamedTuple):
    """A wire dateline opening the story."""

    end: int  # where the story starts after it
    city: tuple[int, int] | None  # the place's span in the text
    date: str | None  # "2014-03-03", or "--01-05" when it gives no year
    agency: str | None  # "Reuters", "AP"


def find_dateline(text: str) -> Dateline | None:
    """The wire dateline the text opens with, if any.

    A place in capitals may stand alone before its dash ("NEW YORK — Stocks fell");
    a place in ordinary case only with an agency after it ("Kiev, Ukraine (AP) —"),
    so that a sentence opening "Paris - the city of light" is not taken for one.
    """
    m = _DATELINE_RE.match(text[:160])
    if not m:
        return None
    if m.group("lone"):
        return Dateline(m.end(), None, None, m.group("lone"))
    city, agency, dash = m.group("city"), m.group("agency"), m.group("dash")
    # without an agency only a place in capitals and a long dash make a dateline ("NEW YORK —")
    if not agency and (city.upper() != city or dash not in ("--", "\u2014", "\u2013")):
        return None
    if city.upper() in _NOT_PLACES or len(city.replace(".", "")) < 3:
        return None
    return Dateline(m.end(), m.span("city"), _iso(m.group("date")), agency)


def strip_dateline(sentence: str) -> str:
    found = find_dateline(sentence)
    return sentence[found.end :] if found else sentence


_MONTH_NUMBER = {
    m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())
}


def _iso(written: str | None) -> str | None:
    """ "Jan 5" -> "--01-05", "March 3, 2014" -> "2014-03-03"; None when no such day."""
    if not written:
        return None
    m = re.match(r"([A-Za-z]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?(?:,\s*(\d{4}))?", written)
    if not m:
        return None
    month, day = _MONTH_NUMBER[m.group(1)[:3].lower()], int(m.group(2))
    try:
        date(int(m.group(3) or 2000), month, day)  # 2000 is a leap year: Feb 29 passes
    except ValueError:
        return None
    return f"{m.group(3)}-{month:02d}-{day:02d}" if m.group(3) else f"--{month:02d}-{day:02d}"
