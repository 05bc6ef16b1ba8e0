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

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday)?\.?"
_ZONE = r"(?:[ECMP][SD]T|ET|GMT|BST|CET|CEST|IST|UTC|EET|MSK)"
_TOKEN = (
    r"(?:Posted|Published|Updated|Last\s+updated|Created)\s*(?:on|at)?\s*:?"
    rf"|{_WEEKDAY},?|{_MONTH},?"
    r"|\d{1,4}(?:st|nd|rd|th)?(?:\s*[:/.-]\s*\d{1,4})*,?"  # 2013, 27th, 8: 13, 08 / 02 / 2013
    r"|[ap]\.?\s?m\.?|AM|PM"
    rf"|{_ZONE}|\(\s*{_ZONE}\s*[+-]?\s*\d{{0,2}}\s*:?\s*\d{{0,2}}\s*\)"
    r"|@|at|on|[-|\u2013\u2014]"
)
_LEADING = re.compile(rf"^(?:(?:{_TOKEN})\s*)+(?=[A-Z\u201c\"'])")
_WHOLE = re.compile(rf"^\s*(?:(?:{_TOKEN})\s*)+$")
# what makes a stamp a stamp: a year, a d/m/y date, a clock time or a "Posted"/"Published"
_STAMP_MARK = re.compile(
    r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{2,4}|\b(?:19|20)\d\d\b|\d\s*:\s*\d\d|Posted|Published|Updated|Created"
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
    return len(_STAMP_WORDS.sub(" ", text).split()) < 2
