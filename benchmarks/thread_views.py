"""The thread views' plain work at scale: grouping the
list, the daily briefing, a big thread's timeline.

    python benchmarks/thread_views.py [N] [--runs R]

Synthetic briefings (deterministic, random.Random(0)), built directly without analysis:
N briefings (default 100,000) in threads of Zipf-like sizes (most alone, a few of
thousands), dated over a year, each with six sentences of which two are the thread's
own and four drawn from a shared vocabulary, plus two named entities. Timed, each the
median of R runs (default 5):

  group      group_by_thread + GroupLayout.build: what T costs at N briefings
  daily      daily_briefing for today, this week and all
  timeline   timeline_items (what's new) for the largest thread
  reference  sorted() of the N briefings by (date, id): the same N, a fixed yardstick

Last line: `thread views ms: group=… daily_all=… timeline=… reference=… (group/reference=…)`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from brief.model import Article, Briefing, Entity, Event, Mention, Sentence, Thread
from brief.views.daily import anchor_day, daily_briefing
from brief.views.grouping import group_by_thread
from brief.views.timeline import timeline_items


def corpus(n: int) -> tuple[list[Briefing], list[Thread]]:
    rng = random.Random(0)
    vocabulary = [f"w{i}" for i in range(20_000)]
    start = date(2025, 1, 1)
    briefings: list[Briefing] = []
    threads: list[Thread] = []
    number = 0
    while len(briefings) < n:
        size = min(n - len(briefings), max(1, int(rng.paretovariate(1.2))))
        if number == 0:
            size = min(n, 3000)  # one story everyone writes about
        tid = f"t{number}"
        actor, place = f"Person {number}", f"Place {number % 500}"
        own = [
            f"{actor} met officials in {place} about plan {number}.",
            f"Talks on plan {number} continued.",
        ]
        members, events = [], []
        day0 = rng.randrange(365)
        for k in range(size):
            day = (start + timedelta(days=min(364, day0 + k // 5))).isoformat()
            filler = [" ".join(rng.choice(vocabulary) for _ in range(12)) + "." for _ in range(4)]
            text = " ".join([own[k % 2], *filler, f"Fact {k} of {number} was new."])
            sentences, at = [], 0
            for sentence in [own[k % 2], *filler, f"Fact {k} of {number} was new."]:
                sentences.append(Sentence(at, at + len(sentence)))
                at += len(sentence) + 1
            bid = f"b{len(briefings):07d}"
            eid = f"e{number}-{k // 5}"
            mentions = (Mention(0, len(actor), "PERSON", actor, actor),)
            members.append(
                Briefing(
                    article=Article(id=bid, text=text),
                    headline=f"Headline {bid}",
                    summary=own[k % 2],
                    date=day,
                    sentences=tuple(sentences),
                    mentions=mentions,
                    entities=(Entity(actor, "PERSON", 2), Entity(place, "GPE", 1)),
                    thread=tid,
                    event=eid,
                )
            )
        for k in range(0, size, 5):
            ids = tuple(b.id for b in members[k : k + 5])
            events.append(Event(f"e{number}-{k // 5}", members[k].date, members[k].headline, ids))
        briefings += members
        threads.append(
            Thread(
                tid,
                f"{actor}: plan {number}",
                tuple(b.id for b in members),
                (actor, place),
                tuple(events),
            )
        )
        number += 1
    briefings.sort(key=lambda b: (b.date or "", b.id), reverse=True)
    return briefings, threads


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from brief.ui.briefing_list import GroupLayout  # imports Textual; the rest of the work does not

    briefings, threads = corpus(args.n)
    by_id = {b.id: b for b in briefings}
    anchor = anchor_day(briefings)
    biggest = max(threads, key=lambda t: len(t.articles))
    print(
        f"{len(briefings):,} briefings, {len(threads):,} threads, largest "
        f"{len(biggest.articles):,} "
        f"stories in {len(biggest.events):,} events; today = {anchor}"
    )
    group = median_ms(lambda: GroupLayout.build(group_by_thread(briefings)), args.runs)
    daily = {
        p: median_ms(lambda p=p: daily_briefing(threads, by_id, p, anchor), args.runs)
        for p in ("today", "week", "all")
    }
    timeline = median_ms(lambda: timeline_items(biggest, by_id), args.runs)
    reference = median_ms(lambda: sorted(briefings, key=lambda b: (b.date or "", b.id)), args.runs)
    print(
        f"group {group:.0f} ms · daily today {daily['today']:.0f} / week {daily['week']:.0f} / all "
        f"{daily['all']:.0f} ms"
        f" · timeline {timeline:.0f} ms · reference sort {reference:.0f} ms"
    )
    print(
        f"thread views ms: group={group:.0f} daily_all={daily['all']:.0f} timeline={timeline:.0f} "
        f"reference={reference:.0f} (group/reference={group / reference:.1f})"
    )


if __name__ == "__main__":
    main()
