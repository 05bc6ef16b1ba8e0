"""Threading a corpus that grows: only its new articles are added (the library's facade
uses this; the SQL is in store/threading_state.py).

    threaded = thread_corpus(briefings, store, "library")

What a corpus's last threading left is kept in the store under its key (see
`brief.library.corpus_key`). A load with nothing new reads it back. A load whose
earlier articles are all there, unchanged, restores the threader, adds the new ones
and clusters again only what they touch. Anything else (an article removed or edited,
new code, nothing kept) threads from scratch. Either way event and thread ids carry
over by overlap, so a story that only grows keeps its id.

A threader that only ever grows weighs its oldest articles by the corpus as it was
then, so it is rebuilt from scratch while that is cheap (a small corpus) and once the
corpus has grown by half since it was last built: the rebuilds cost at most twice
what the additions do, and a thread keeps its id through them.
"""

from __future__ import annotations

from dataclasses import dataclass

from brief.gc_pause import paused_gc
from brief.model import Briefing, Thread
from brief.store.db import Store
from brief.store.threading_state import Saved, article_digest
from brief.threads import Plan, Previous, Threader, placed_as

GROW_FROM = 1000  # below this many articles, threading from scratch costs under a second
REBUILD_GROWTH = 0.5  # rebuilt once the articles added since it was built reach this share


@dataclass
class Threaded:
    briefings: list[Briefing]  # in the order given
    threads: list[Thread]
    how: str  # "cached" (read back whole), "grown" (new articles added) or "built"


def worth_growing(built: int, threaded: int, adding: int) -> bool:
    """Whether to add `adding` articles to a threader of `threaded` articles, `built` of
    them when it was last built from scratch, rather than build it again."""
    return built >= GROW_FROM and threaded + adding - built <= REBUILD_GROWTH * built


def thread_corpus(
    briefings: list[Briefing], store: Store, key: str, plan: Plan | None = None
) -> Threaded:
    """Events and threads of `briefings`, the corpus called `key`, growing what was kept."""
    # what is read back makes millions of small objects beside the corpus: a collection
    # every few thousand of them would rescan it all (seconds at 100,000 articles)
    with paused_gc():
        return _thread_corpus(briefings, store, key, plan)


def _thread_corpus(
    briefings: list[Briefing], store: Store, key: str, plan: Plan | None
) -> Threaded:
    articles = [b.article for b in briefings]
    digests = {a.id: article_digest(a) for a in articles}
    saved = store.threading.saved(key)
    previous = store.threading.previous(key, saved) if saved is not None else None
    if saved is None or previous is None:
        return _build(briefings, digests, store, key, plan, None)
    unchanged = all(digests.get(i) == d for i, d in zip(saved.ids, saved.digests))
    same_code = saved.fingerprint == store.threads_fingerprint
    if same_code and unchanged and len(saved.ids) == len(briefings):
        return Threaded(*_as_placed(briefings, previous), "cached")
    if (
        same_code
        and unchanged
        and worth_growing(saved.built, len(saved.ids), len(briefings) - len(saved.ids))
    ):
        grown = _grow(briefings, digests, store, key, plan, saved, previous)
        if grown is not None:
            return grown
    if not same_code:  # the titles and dates it made may have changed: keep only the ids
        previous = Previous(previous.placed, {})
    elif not unchanged:  # a story with an edited article is titled afresh
        edited = {i for i, d in zip(saved.ids, saved.digests) if digests.get(i, d) != d}
        previous = Previous(
            previous.placed,
            {
                tid: t
                for tid, t in previous.threads.items()
                if not any(a in edited for a in t.articles)
            },
        )
    return _build(briefings, digests, store, key, plan, previous)


def _as_placed(
    briefings: list[Briefing], previous: Previous
) -> tuple[list[Briefing], list[Thread]]:
    placed = previous.placed
    return [placed_as(b, placed[b.id]) for b in briefings], list(previous.threads.values())


def _grow(
    briefings: list[Briefing],
    digests: dict[str, bytes],
    store: Store,
    key: str,
    plan: Plan | None,
    saved: Saved,
    previous: Previous,
) -> Threaded | None:
    snapshot = store.threading.snapshot(key, saved)
    if snapshot is None or snapshot.ids != saved.ids:
        return None
    by_id = {b.article.id: b for b in briefings}
    threader = Threader.restore(snapshot, by_id, plan)
    known = set(saved.ids)
    threader.add([b for i, b in by_id.items() if i not in known])
    out, threads = threader.result(previous)
    _save(threader, out, threads, digests, store, key, saved.built, saved.version)
    return Threaded(_in_order(out, briefings), threads, "grown")


def _build(
    briefings: list[Briefing],
    digests: dict[str, bytes],
    store: Store,
    key: str,
    plan: Plan | None,
    previous: Previous | None,
) -> Threaded:
    threader = Threader(plan)
    # features come from each article's sentences and dates, which lean briefings lack
    threader.add(store.whole(briefings))
    out, threads = threader.result(previous)
    _save(threader, out, threads, digests, store, key, len(briefings))
    return Threaded(_in_order(out, briefings), threads, "built")


def _save(
    threader: Threader,
    out: list[Briefing],
    threads: list[Thread],
    digests: dict[str, bytes],
    store: Store,
    key: str,
    built: int,
    grew: int | None = None,
) -> None:
    """Keeps the threading for next time (appended to what was kept, when it grew from it)."""
    snapshot = threader.snapshot()
    saved = Saved(
        store.threads_fingerprint, snapshot.ids, [digests[i] for i in snapshot.ids], built
    )
    store.threading.save(key, saved, out, threads, snapshot, grew)


def _in_order(out: list[Briefing], briefings: list[Briefing]) -> list[Briefing]:
    at = {b.article.id: i for i, b in enumerate(briefings)}
    ordered: list[Briefing] = list(briefings)
    for b in out:
        ordered[at[b.article.id]] = b
    return ordered
