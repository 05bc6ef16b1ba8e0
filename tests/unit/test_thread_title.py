"""Thread titles read like a headline of the story; its names fold surnames into full names."""

import json

from brief.model import Article, Briefing, Entity
from tests.helpers import run_brief


def _b(i: int, headline: str, summary: str, entities=()) -> Briefing:
    return Briefing(
        article=Article(id=str(i), text=summary),
        headline=headline,
        summary=summary,
        date=None,
        entities=tuple(entities),
    )


LOHAN = Entity("Lindsay Lohan", "PERSON", 3, ("Lohan",))


def test_a_thread_is_named_by_its_most_representative_headline():
    from brief.threads import build_threads

    corpus = [
        _b(
            1,
            "Lindsay Lohan checks into rehab at Betty Ford clinic",
            "Lindsay Lohan checked into rehab at the Betty Ford clinic in Palm Springs on "
            "Tuesday, her lawyer said, after a judge ordered ninety days of treatment.",
            [LOHAN],
        ),
        _b(
            2,
            "Lohan back in rehab",
            "Actress Lindsay Lohan entered rehab at the Betty Ford clinic in Palm Springs, "
            "a spokesman said, after a judge ordered ninety days of treatment.",
            [LOHAN],
        ),
        _b(
            3,
            "Lohan's lawyer: she will stay ninety days at the Betty Ford clinic in Palm Springs",
            "Lindsay Lohan will stay at the Betty Ford clinic in Palm Springs for ninety days of "
            "treatment that a judge ordered, her lawyer said on Tuesday.",
            [LOHAN],
        ),
    ]
    _, threads = build_threads(corpus)
    [thread] = threads
    assert thread.title in {b.headline for b in corpus}  # a headline, not "Name, Name: word"
    assert thread.title != "Lohan back in rehab"  # shares the least with the others


def test_a_whole_sentence_given_as_title_gives_way_to_a_headline():
    from brief.threads import build_threads

    long = (
        "Wladimir Klitschko stopped Tony Thompson in the sixth round to keep a comfortable hold "
        "on his heavyweight title belts on Saturday night in Bern"
    )
    text = (
        "Wladimir Klitschko stopped Tony Thompson in the sixth round in Bern on Saturday to "
        "keep his heavyweight title belts, knocking the American down twice."
    )
    corpus = [
        _b(1, long, text, [Entity("Wladimir Klitschko", "PERSON", 2)]),
        _b(
            2, "Klitschko stops Thompson in Bern", text, [Entity("Wladimir Klitschko", "PERSON", 2)]
        ),
    ]
    _, [thread] = build_threads(corpus)
    assert thread.title == "Klitschko stops Thompson in Bern"


def test_seed_thread_title_reads_like_a_headline():
    threads = json.loads(run_brief("threads", "--json").stdout)
    [thread] = threads
    assert thread["title"] in {
        "Vladimir Putin congratulated Donald Trump on his election victory",
        "Russian President Vladimir Putin lauded US President Donald Trump for progress",
    }


def test_thread_names_fold_a_surname_into_the_full_name_across_articles():
    from brief.threads import build_threads

    page = Entity("Bettie Page", "PERSON", 2, ("Page",))
    # the same story from two outlets; the second names her only by her surname
    a = _b(
        1,
        "Bettie Page dies at 85",
        "Pin-up model Bettie Page died in Los Angeles on Thursday after a heart attack.",
        [page],
    )
    b = _b(
        2,
        "Page remembered",
        "Page, the pin-up model, died in Los Angeles on Thursday after a heart attack.",
        [Entity("Page", "PERSON", 2)],
    )
    _, threads = build_threads([a, b])
    assert len(threads) == 1
    assert "Bettie Page" in threads[0].entities and "Page" not in threads[0].entities
