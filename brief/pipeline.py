"""Wiring the stages: sources -> analysis -> threads. Used by the CLI and the app."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from brief.analysis.briefing import analyse
from brief.model import Article, Briefing, Thread
from brief.resources import seeds_dir
from brief.sources import load
from brief.store import Store
from brief.threads import build_threads


@dataclass
class Corpus:
    briefings: list[Briefing] = field(default_factory=list)
    threads: list[Thread] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def default_paths(paths: Sequence[str | Path]) -> list[str | Path]:
    return list(paths) if paths else [seeds_dir()]


def sort_briefings(briefings: list[Briefing]) -> list[Briefing]:
    """Newest first, undated after dated; ties broken by headline and id so the order is stable."""
    by_name = sorted(briefings, key=lambda b: (b.headline.lower(), b.id))
    dated = sorted((b for b in by_name if b.date), key=lambda b: b.date or "", reverse=True)
    return dated + [b for b in by_name if not b.date]


def analyse_all(articles: list[Article], store: Store | None = None) -> list[Briefing]:
    """Briefings for `articles`, taking unchanged ones from the cache and caching the rest."""
    cached = store.cached(articles) if store else {}
    fresh = [analyse(a) for a in articles if a.id not in cached]
    if store and fresh:
        store.save(fresh)
    by_id = {b.id: b for b in fresh} | cached
    return [by_id[a.id] for a in articles]


def build_corpus(paths: Sequence[str | Path], store: Store | None = None) -> Corpus:
    """Load, analyse and thread everything under `paths` (the bundled seeds when empty)."""
    loaded = load(default_paths(paths))
    briefings = analyse_all(loaded.articles, store)
    briefings, threads = build_threads(briefings)
    return Corpus(briefings=sort_briefings(briefings), threads=threads, problems=loaded.problems)
