"""The search-bar query language: words, "phrases", -exclusions and qualifiers.

    putn minsk            plain words: typo-tolerant, any order, prefixes while typing
    "press conference"    exact phrase (case and punctuation ignored)
    -ukraine              exclude; also -"a phrase", -from:tass, -@zelensky
    @putin  who:putin     an entity (names and aliases)
    where:minsk           a place entity (GPE/LOC), or the place named in the text
    from:reuters          the source
    after:2025-01-01      on or after that day (YYYY, YYYY-MM or YYYY-MM-DD)
    before:2025-02-01     strictly before that day
    thread:minsk          a thread id or words of its title
    is:unread is:starred  state supplied by the caller (also is:read, is:unstarred)

`parse_query` never raises: a malformed clause becomes a `ParseError` with its
span in the text (for the search bar) and is left out of the query, except an
unterminated quote, whose words are still searched as plain words so results
keep up with typing.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

QUALIFIERS = {
    "who": "entity",
    "where": "place",
    "from": "source",
    "after": "after",
    "before": "before",
    "thread": "thread",
    "is": "is",
}
STATES = ("unread", "read", "starred", "unstarred")


@dataclass(frozen=True, slots=True)
class Clause:
    """One piece of a query. `kind` is word, phrase,
    entity, place, source, after, before, thread or is."""

    kind: str
    value: str  # for after/before: an ISO date YYYY-MM-DD
    negated: bool = False
    start: int = 0  # span in the query text
    end: int = 0


@dataclass(frozen=True, slots=True)
class ParseError:
    message: str
    start: int
    end: int

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    clauses: tuple[Clause, ...] = ()


def _parse_date(value: str, kind: str) -> str | None:
    """ISO day for a YYYY, YYYY-MM or YYYY-MM-DD bound; None when it is not a real date."""
    parts = value.split("-")
    if not (1 <= len(parts) <= 3) or not all(p.isdigit() for p in parts):
        return None
    if len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
        return None
    try:
        if len(parts) == 3:
            return _dt.date.fromisoformat(value).isoformat()
        year = int(parts[0])
        month = int(parts[1]) if len(parts) == 2 else 1
        return _dt.date(year, month, 1).isoformat()
    except ValueError:
        return None


def _scan(text: str) -> tuple[list[tuple[int, int, str, bool]], list[ParseError]]:
    """Split `text` into (start, end, raw, quoted_ok)
    tokens on whitespace, keeping quoted runs whole."""
    tokens: list[tuple[int, int, str, bool]] = []
    errors: list[ParseError] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        closed = True
        while i < n and not text[i].isspace():
            if text[i] == '"':
                close = text.find('"', i + 1)
                if close < 0:
                    errors.append(ParseError('unterminated quote: add a closing "', i, n))
                    closed = False
                    i = n
                    break
                i = close + 1
            else:
                i += 1
        tokens.append((start, i, text[start:i], closed))
    return tokens, errors


def _unquote(value: str) -> str:
    return value.replace('"', " ").strip()


def parse_query(text: str) -> tuple[Query, list[ParseError]]:
    """Parse the search bar's text. Never raises; problems come back as `ParseError`s."""
    tokens, errors = _scan(text)
    clauses: list[Clause] = []
    last = len(tokens) - 1
    for index, (start, end, raw, closed) in enumerate(tokens):
        negated = raw.startswith("-") and len(raw) > 1
        body = raw[1:] if negated else raw
        if not closed:  # unterminated quote: search its words as plain words while the user types
            clauses.extend(Clause("word", w, negated, start, end) for w in _unquote(body).split())
            continue
        if body.startswith('"'):
            phrase = _unquote(body)
            if phrase:
                clauses.append(Clause("phrase", phrase, negated, start, end))
            continue
        key, sep, value = body.partition(":")
        if body.startswith("@"):
            key, sep, value = "who", ":", body[1:]
        if not sep or key.lower() not in QUALIFIERS:
            if body and body != "-":
                clauses.append(Clause("word", body, negated, start, end))
            continue
        kind = QUALIFIERS[key.lower()]
        value = _unquote(value)
        if not value:
            if index != last:  # the last token may still be being typed
                errors.append(ParseError(f"{body} needs a value", start, end))
            continue
        checked = _checked_value(kind, key, value, start, end)
        if isinstance(checked, ParseError):
            errors.append(checked)
            continue
        clauses.append(Clause(kind, checked, negated, start, end))
    return Query(text, tuple(clauses)), errors


def _checked_value(kind: str, key: str, value: str, start: int, end: int) -> str | ParseError:
    """A qualifier's value as its clause holds it (an ISO day, a lower-case state), or the error."""
    if kind in ("after", "before"):
        day = _parse_date(value, kind)
        if day is None:
            return ParseError(f"{key}: {value!r} is not a date (use YYYY-MM-DD)", start, end)
        return day
    if kind == "is":
        value = value.lower()
        if value not in STATES:
            states = ", ".join("is:" + s for s in STATES)
            return ParseError(f"is:{value} is unknown (use {states})", start, end)
    return value
