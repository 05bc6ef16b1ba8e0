"""Typing in the search bar over 100,000 briefings: every keystroke lands, results arrive.

Not timed (speed lives in benchmarks/search_bench.py): the test types faster than a
person, part of it while the index is still being built in its worker, and checks
that the bar holds exactly what was typed and the list shows what matches it.
"""

from __future__ import annotations

import random

from brief.model import Article, Briefing, Entity
from brief.ui.app import BriefApp
from brief.ui.widgets.briefing_list import BriefingList

# Made-up words without "p" or "m", so none is a near miss of "putin" or "minsk".
_SYLLABLES = [c + v for c in "bdfgklrstvz" for v in "aeiou"]


def big_corpus(n: int, seed: int = 5) -> list[Briefing]:
    """n briefings of ~200 characters built directly (no analysis), plus a needle and two decoys."""
    rng = random.Random(seed)
    vocab = sorted({"".join(rng.choices(_SYLLABLES, k=rng.randint(2, 4))) for _ in range(5000)})
    out = []
    for i in range(n):
        headline = " ".join(rng.choices(vocab, k=6)).capitalize()
        text = " ".join(rng.choices(vocab, k=24)).capitalize() + "."
        date = f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        out.append(
            Briefing(
                article=Article(
                    id=f"b{i:06d}", text=text, title=headline, date=date, source="Wire"
                ),
                headline=headline,
                summary=text[:80],
                date=date,
                source="Wire",
            )
        )

    def story(id_: str, headline: str, text: str, *entities: Entity) -> Briefing:
        article = Article(id=id_, text=text, title=headline, date="2025-06-27", source="Reuters")
        return Briefing(
            article=article,
            headline=headline,
            summary=text,
            date="2025-06-27",
            source="Reuters",
            entities=entities,
        )

    putin, minsk = Entity("Vladimir Putin", "PERSON", 2, ("Putin",)), Entity("Minsk", "GPE", 1)
    out.insert(
        n // 2,
        story(
            "needle", "Putin speaks to reporters", "Vladimir Putin spoke in Minsk.", putin, minsk
        ),
    )
    out.insert(
        n // 3, story("decoy-putin", "Putin visits Sochi", "Vladimir Putin went to Sochi.", putin)
    )
    out.insert(n // 4, story("decoy-minsk", "Hockey final in Minsk", "Dynamo won in Minsk.", minsk))
    return out


async def wait_until(pilot, condition, rounds: int = 1200) -> bool:
    """Let the app run until `condition()` holds (a bound on waiting, not a timing check)."""
    for _ in range(rounds):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


async def test_typing_fast_over_a_hundred_thousand_briefings():
    briefings = big_corpus(100_000)
    app = BriefApp(briefings=briefings)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        cards = app.query_one(BriefingList)
        bar = app.query_one("#filter")
        await pilot.press("slash")
        # The first word goes in while the index is most likely still building.
        await pilot.press(*"putn")
        assert await wait_until(pilot, lambda: app.main.index is not None), (
            "the index never finished"
        )
        await pilot.press(*" minsk")
        assert bar.value == "putn minsk"
        assert await wait_until(pilot, lambda: [b.id for b in cards.briefings] == ["needle"]), [
            b.id for b in cards.briefings[:5]
        ]
        assert app.main.sub_title.startswith("1 of 100,003")

        # Backspacing and typing on, faster than any search finishes: the last query wins.
        await pilot.press(*["backspace"] * 5, *"sochi")
        assert bar.value == "putn sochi"
        assert await wait_until(pilot, lambda: [b.id for b in cards.briefings] == ["decoy-putin"])
        await pilot.press(*["backspace"] * 10, *"minsk")
        assert bar.value == "minsk"
        assert await wait_until(
            pilot, lambda: {b.id for b in cards.briefings} == {"needle", "decoy-minsk"}
        )
        # A word of the made-up vocabulary matches many: the list is capped, the count is not.
        word = briefings[0].headline.split()[1].lower()
        await pilot.press(*["backspace"] * 5, *word)
        assert bar.value == word
        assert await wait_until(
            pilot, lambda: len(cards.briefings) > 20 and not app.main.sub_title.startswith("1 of")
        )
        assert all(
            word in b.headline.lower().split() for b in cards.briefings[:10]
        )  # headline matches first
