"""Splitting an article body into paragraphs, subheadings and publisher furniture.

Scrapers glue a section subheading onto the paragraph that follows it
("Vladimir Putin praises Donald Trump The 72-year-old …") and keep
cross-links ("Also Read | …"). Neither is article text: summaries and
headlines must not use them, but the reading pane still shows subheadings.
"""

from __future__ import annotations

import re
from itertools import islice

from brief.analysis.datelines import find_dateline
from brief.model import Block

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
_FURNITURE = re.compile(
    r"^\s*(?:also read|read more|read also|also see|see also|related|must read|recommended|"
    r"watch|click here|subscribe|advertisement|sponsored|follow us|sign up)\b\s*[|:\-–—]",
    re.I,
)
_FURNITURE_LINE = re.compile(
    r"^\s*(?:advertisement|story continues below|continue reading|sponsored content)\s*$", re.I
)
# Words that open a sentence but almost never end a headline: a capitalised one of these
# right after a run of headline words marks where a glued subheading stops.
_SENTENCE_OPENERS = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "During",
    "After",
    "Before",
    "While",
    "When",
    "As",
    "But",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Its",
    "Their",
    "This",
    "That",
    "These",
    "Those",
    "According",
    "Speaking",
    "Addressing",
    "Meanwhile",
    "However",
    "Earlier",
    "Later",
    "Last",
    "Following",
    "Since",
    "Although",
    "Despite",
    "With",
    "For",
    "From",
    "Under",
    "Over",
}
# "Putin on restoring relations with US Russia, Putin said, was ready …": a parenthetical
# attribution right after the first word of a sentence shows where the sentence (and so the glued
# subheading before it) begins.
_ATTRIBUTED_SUBJECT = re.compile(
    r"((?:\S+\s+){2,11}?[A-Z][\w'’.-]*)\s+(?=[A-Z][\w'’-]+, "
    r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*,?\s+"
    r"(?:said|says|added|noted|stressed|insisted|claimed|argued|told\s+\w+)\b)"
)
_QUOTE_OPEN = "\u201c\"'\u2018"
_TOKEN = re.compile(r"\S+")
_QUESTION = re.compile(r"((?:\S+\s+){1,11}?\S+\?)\s+(?=[A-Z\u201c\"])")
# a word ending a clause or a sentence ("said.", "war?\u201d"): tested on the end alone
_CLAUSE_END = tuple(".!?,;:")
_FULL_STOPS = tuple(".!?")
_CLOSERS = "\"'\u201d\u2019)"


def _glued_subhead_end(para: str) -> int:
    """Length of a subheading glued to the start of `para`, or 0 when there is none."""
    if find_dateline(para):
        return 0  # "FRANKFURT (Reuters) - The European Central Bank …" is a dateline, not a subhead
    # A short question standing first: "What was Putin's response on Ukraine crisis? During …"
    q = _QUESTION.match(para)
    if q and not re.search('[\u201c\u201d"]', q[1]) and len(para) > len(q[0]) + 40:
        return len(q[1])
    a = _ATTRIBUTED_SUBJECT.match(para)
    if a and _looks_like_headline(a[1]) and not re.search(r"[.!?](?:\s|$)", a[1]):
        return len(a[1])
    words = list(islice(_TOKEN.finditer(para, 0, 160), 12))
    for i in range(2, len(words)):
        before = words[i - 1].group()  # the word before the split point
        if before.endswith(_CLAUSE_END) or before.rstrip(_CLOSERS).endswith(_FULL_STOPS):
            return 0  # punctuation before the split point: an ordinary sentence
        token = words[i].group()
        opens_quote = token[0] in _QUOTE_OPEN and len(token) > 1 and token[1].isupper()
        if token in _SENTENCE_OPENERS or opens_quote:
            head = para[: words[i - 1].end()]
            if _looks_like_headline(head):
                return len(head)
    return 0


def _looks_like_headline(head: str) -> bool:
    words = head.split()
    if not 3 <= len(words) <= 12:
        return False
    # A headline starts with a capitalised word and has no clause punctuation.
    return words[0][0].isupper() and not re.search(r"[,;:\u201c\u201d\"]", head)


def split_blocks(text: str) -> tuple[Block, ...]:
    """The body's blocks in order; offsets index `text`."""
    blocks: list[Block] = []
    for m in _PARAGRAPH.finditer(text):
        para = m.group()
        start = m.start() + (len(para) - len(para.lstrip()))
        end = m.start() + len(para.rstrip())
        if start >= end:
            continue
        body = text[start:end]
        if _FURNITURE.match(body) or _FURNITURE_LINE.match(body):
            blocks.append(Block("furniture", start, end))
            continue
        cut = _glued_subhead_end(body)
        if cut:
            blocks.append(Block("subhead", start, start + cut))
            rest = start + cut
            while rest < end and text[rest].isspace():
                rest += 1
            blocks.append(Block("para", rest, end))
        else:
            blocks.append(Block("para", start, end))
    return tuple(blocks)
