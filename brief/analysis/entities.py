"""People, organisations and places in one article, each mention folded under a canonical name.

The tagger (ner_tagger) finds spans; this module makes them trustworthy at document level:
acronyms defined in the text ("Eurasian Economic Union (EAEU)"), short forms of a person's name
("Putin" -> "Vladimir Putin"), known aliases ("US" -> "United States"), and one type per entity,
decided by a vote over its mentions, since a tagger's noise differs from mention to mention.
"""

from __future__ import annotations

import collections
import re

from brief.analysis.ner_tagger import TITLE_WORDS, resources, tag_runs
from brief.model import Entity, Mention

_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.]{1,9})\s*\)")
_ORG_TAIL = re.compile(r"\s+(?:[a-z]+\s+)?(?:club|forum)\b")  # "Valdai discussion club"
_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")
_LOWER_WORDS = frozenset("of de del di da du la le van von der den al el bin and the for on".split())
_PREFIX = re.compile(r"(?:(?:the|The)\s+)$")
_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w.]*\s+)*?)((?:[A-Z][a-z]+\.?\s+)+)$")


def _initials_match(acronym: str, name: str) -> bool:
    letters = [c for c in acronym if c.isalpha()]
    words = [w for w in _WORD.findall(name) if w not in _LOWER_WORDS]
    return len(letters) >= 2 and bool(words) and letters[0].upper() == words[0][0] and len(words) <= len(letters)


def _raw_spans(text: str) -> list[tuple[int, int, str]]:
    """Tagger spans plus the acronyms the text defines, and lower-case club/forum tails."""
    spans = []
    taken = set()
    for s, e, t in tag_runs(text):
        tail = _ORG_TAIL.match(text, e)
        if tail and t in ("ORG", "PERSON", "GPE"):
            e, t = tail.end(), "ORG"
        spans.append((s, e, t))
        taken.add(s)
    spans.extend(_repeats(text, spans, taken))
    for s, e, t in list(spans):
        m = _ACRONYM_AFTER.match(text, e)
        if m and m.start(1) not in taken and _initials_match(m.group(1), text[s:e]):
            spans.append((m.start(1), m.end(1), t))
            taken.add(m.start(1))
    spans.sort()
    return spans


def _repeats(text: str, spans: list[tuple[int, int, str]], taken: set[int]) -> list[tuple[int, int, str]]:
    """Other occurrences of names already found, and of a person's surname: one reading per document."""
    lower = resources().lower
    known: dict[str, str] = {}
    for s, e, t in spans:
        surface = text[s:e]
        if len(surface) > 2 and surface.lower() not in lower and "\n" not in surface:
            known.setdefault(surface, t)
            if t == "PERSON" and " " in surface:
                known.setdefault(surface.rsplit(" ", 1)[1], t)
    if not known:
        return []
    pattern = re.compile(r"(?<![\w.'’-])(?:" + "|".join(map(re.escape, sorted(known, key=len, reverse=True))) + r")(?![\w'’-]\w)")
    busy = bytearray(len(text) + 1)
    for s, e, _ in spans:
        busy[s:e] = b"\x01" * (e - s)
    found = []
    for m in pattern.finditer(text):
        s, e = m.span()
        if s not in taken and not any(busy[s:e]):
            found.append((s, e, known[m.group()]))
            taken.add(s)
    return found


def _canonical_names(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    aliases = resources().aliases
    surfaces = [" ".join(text[s:e].split()) for s, e, _ in spans]
    names = []
    for (s, e, t), surface in zip(spans, surfaces):
        name = aliases.get(surface, surface)
        if t == "ORG" and any(w.islower() and w not in _LOWER_WORDS for w in surface.split()):
            name = " ".join(w if w in _LOWER_WORDS else w[:1].upper() + w[1:] for w in surface.split())
        names.append(name)
    # Acronyms the text defines: "Eurasian Economic Union (EAEU)".
    defined = {}
    for (s, e, t), name in zip(spans, names):
        m = _ACRONYM_AFTER.match(text, e)
        if m and _initials_match(m.group(1), name):
            defined[m.group(1)] = name
    names = [defined.get(n, n) for n in names]
    # Short forms of a person's name fold into the most frequent full name that contains them.
    counts = collections.Counter(n for n, (_, _, t) in zip(names, spans) if t == "PERSON" and " " in n)
    full_by_part: dict[str, str] = {}
    for full, _ in sorted(counts.items(), key=lambda kv: -kv[1]):
        parts = full.split()
        for part in (parts[-1], parts[0], " ".join(parts[-2:])):
            full_by_part.setdefault(part, full)
    return [full_by_part.get(n, n) if t in ("PERSON", "ORG") and n not in counts else n for n, (_, _, t) in zip(names, spans)]


def _alias_forms(text: str, s: int, e: int, surface: str) -> list[str]:
    """The surface, plus the title or "the" the text puts before it ("President Trump", "the United States")."""
    forms = [surface]
    before = text[max(0, s - 60) : s]
    if _PREFIX.search(before) and (" " in surface or surface.isupper()):  # "the US", not "the Ukraine conflict"
        forms.append("the " + surface)
    m = _TITLE_BEFORE.search(before)
    if m and m.group(2).split()[-1].rstrip(".") in TITLE_WORDS:
        titles = m.group(2)
        forms.append(" ".join((m.group(1) + titles).split() + [surface]) if m.group(1) else " ".join(titles.split() + [surface]))
        if m.group(1):
            forms.append(" ".join(titles.split() + [surface]))
    return forms


def find_entities(text: str) -> tuple[tuple[Mention, ...], tuple[Entity, ...]]:
    """Mentions in text order, and entities by salience (mention count, then first position)."""
    spans = _raw_spans(text)
    names = _canonical_names(text, spans)
    votes: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    first: dict[str, int] = {}
    for (s, _, t), name in zip(spans, names):
        votes[name][t] += 1
        first.setdefault(name, s)
    kind = {name: max(v, key=lambda t: (v[t], -list(v).index(t))) for name, v in votes.items()}
    mentions = tuple(Mention(s, e, kind[n], text[s:e], n) for (s, e, _), n in zip(spans, names))
    alias_sets: dict[str, dict[str, None]] = collections.defaultdict(dict)
    for m in mentions:
        for form in _alias_forms(text, m.start, m.end, " ".join(m.text.split())):
            if form != m.entity:
                alias_sets[m.entity][form] = None
    order = sorted(votes, key=lambda n: (-sum(votes[n].values()), first[n]))
    entities = tuple(Entity(n, kind[n], sum(votes[n].values()), tuple(alias_sets[n])) for n in order)
    return mentions, entities
