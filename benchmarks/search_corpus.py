"""A deterministic synthetic corpus for the search benchmarks.

Recombines headlines, sentences and capitalised names from the dev corpora in
../shared/data (ECB+ and CNN/DailyMail) with a fixed seed, so every run indexes
the same briefings: ~200 searchable characters each (headline, source, entity
names, a two-sentence body whose first sentence is the summary).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from pathlib import Path

from brief.model import Article, Briefing, Entity

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SOURCES = (
    "Reuters",
    "AP",
    "BBC News",
    "CNN",
    "The Guardian",
    "Al Jazeera",
    "NPR",
    "Bloomberg",
    "Los Angeles Times",
    "The Independent",
    "Daily Mail",
    "ESPN",
)
_SENT = re.compile(r"[^.!?\n]{40,140}[.!?]")
_NAME = re.compile(r"(?<=[a-z,] )(?:[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})")


def dev_rows() -> list[dict]:
    rows = []
    for name in ("threads-ecbplus-dev.jsonl", "summaries-cnndm-dev.jsonl"):
        with open(DATA / name, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
    return rows


def _pieces() -> tuple[list[str], list[str]]:
    titles, sentences = [], []
    for row in dev_rows():
        title = (row.get("title") or "").strip()
        if 25 <= len(title) <= 90 and not title[0].isdigit():
            titles.append(title)
        sentences += [s.strip() for s in _SENT.findall(row["text"].replace("\n", " "))]
    return sorted(set(titles)), sorted(set(sentences))


def _entities(text: str) -> tuple[Entity, ...]:
    seen: dict[str, Entity] = {}
    for m in _NAME.finditer(text):
        name = m.group()
        before = text[max(0, m.start() - 3) : m.start()]
        kind = "GPE" if before.endswith("in ") else "PERSON" if " " in name else "ORG"
        if name not in seen and len(seen) < 4:
            aliases = (name.split()[-1],) if kind == "PERSON" else ()
            seen[name] = Entity(name=name, type=kind, count=1, aliases=aliases)
    return tuple(seen.values())


def synthetic_briefings(n: int, seed: int = 7) -> list[Briefing]:
    rng = random.Random(seed)
    titles, sentences = _pieces()
    day0 = dt.date(2005, 1, 1).toordinal()
    out = []
    for i in range(n):
        a, b = rng.choice(titles).split(), rng.choice(titles).split()
        cut_a, cut_b = rng.randint(2, max(2, len(a) - 1)), rng.randint(1, max(1, len(b) - 2))
        headline = " ".join(a[:cut_a] + b[cut_b:])[:90]
        s1, s2 = rng.choice(sentences), rng.choice(sentences)
        text = f"{s1} {s2}"[:160]
        date = (
            None
            if rng.random() < 0.1
            else dt.date.fromordinal(day0 + rng.randrange(7300)).isoformat()
        )
        source = rng.choice(SOURCES)
        article = Article(id=f"syn-{i:06d}", text=text, title=headline, date=date, source=source)
        out.append(
            Briefing(
                article=article,
                headline=headline,
                summary=s1,
                date=date,
                source=source,
                entities=_entities(text),
            )
        )
    return out


def searchable_line(b: Briefing) -> str:
    """What fzf sees for one briefing: the same text brief indexes, on one line."""
    names = " ".join(n for e in b.entities for n in (e.name, *e.aliases))
    return " ".join(f"{b.headline} | {b.source} | {names} | {b.article.text}".split())
