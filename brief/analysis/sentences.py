"""Sentence boundaries as character spans, aware of common news abbreviations."""

from __future__ import annotations

import re

from brief.model import Block, Sentence

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "sen",
    "rep",
    "gov",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "cpl",
    "adm",
    "cmdr",
    "rev",
    "hon",
    "pres",
    "supt",
    "insp",
    "det",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "no",
    "nos",
    "vs",
    "v",
    "etc",
    "approx",
    "inc",
    "corp",
    "co",
    "ltd",
    "llc",
    "plc",
    "dept",
    "univ",
    "ave",
    "blvd",
    "rd",
    "mt",
    "ft",
    "fig",
    "est",
    "al",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "d.c",
    "l.a",
    "n.y",
}
# A candidate end: terminal punctuation, optional closing quotes/brackets, then space.
_CANDIDATE = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s+)")
_NEXT_START = re.compile(r"\s+([\"'\u201c\u2018(\[]*)(\S)")


def _is_boundary(text: str, end: int, match: re.Match[str]) -> bool:
    nxt = _NEXT_START.match(text, end)
    if not nxt:
        return False
    first = nxt[2]
    if not (first.isupper() or first.isdigit() or nxt[1]):
        return False  # "… e.g. the …", "… 5 p.m. on …"
    punct = match.group()
    if punct[0] != ".":
        return True
    word = re.search(r"([\w.]+)$", text[max(0, match.start() - 12) : match.start()])
    if word:
        token = word[1].lower().rstrip(".")
        if token in _ABBREVIATIONS:
            return False
        if len(token) == 1 and token.isalpha():  # an initial: "J. K. Rowling"
            return False
        if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):  # U.S, U.N.
            # "U.S." ends a sentence only when a clear sentence opener follows.
            return first.isupper() and bool(
                re.match(r"(?:The|He|She|It|They|But|In|A|This)\b", text[nxt.start(2) :])
            )
    return True


def split_span(text: str, start: int, end: int) -> list[Sentence]:
    out: list[Sentence] = []
    begin = start
    for m in _CANDIDATE.finditer(text, start, end):
        if m.end() >= end:
            break
        if _is_boundary(text, m.end(), m):
            out.append(Sentence(begin, m.end()))
            begin = m.end()
            while begin < end and text[begin].isspace():
                begin += 1
    if begin < end:
        tail_end = end
        while tail_end > begin and text[tail_end - 1].isspace():
            tail_end -= 1
        if tail_end > begin:
            out.append(Sentence(begin, tail_end))
    return out


def split_sentences(text: str, blocks: tuple[Block, ...]) -> tuple[Sentence, ...]:
    """Sentences of the article's paragraphs (subheadings and furniture are not sentences)."""
    out: list[Sentence] = []
    for block in blocks:
        if block.kind == "para":
            out.extend(split_span(text, block.start, block.end))
    return tuple(out)
