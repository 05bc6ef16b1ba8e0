"""Thread titles: the key phrase is what the thread's articles share and the corpus does not."""

import json

from brief.model import Article, Briefing, Entity
from brief.threads.titles import TitleWords
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
CORPUS = [
    _b(
        1,
        "Lindsay Lohan checks into rehab",
        "Lohan checked into rehab on Tuesday, her lawyer said.",
        [LOHAN],
    ),
    _b(
        2,
        "Lohan back in rehab",
        "Actress Lindsay Lohan entered rehab, a spokesman said on Tuesday.",
        [LOHAN],
    ),
    _b(3, "Quake kills 20", "An earthquake killed 20 people on Tuesday, officials said."),
    _b(4, "Storm hits coast", "A storm hit the coast on Tuesday, officials said."),
]


def test_key_phrase_is_shared_and_distinctive_not_common_or_a_name():
    words = TitleWords.of(CORPUS)
    assert (
        words.key_phrase(CORPUS[:2]) == "rehab"
    )  # not "Tuesday", "said" (everywhere) nor "Lohan" (the name)


def test_key_phrase_widens_to_the_phrase_the_members_agree_on():
    corpus = [
        _b(1, "Talks on trade", "Officials resumed trade talks in Geneva."),
        _b(2, "Trade talks stall", "The trade talks stalled over tariffs."),
        _b(3, "Trade fair opens", "A trade fair opened in Milan."),
    ]
    assert TitleWords.of(corpus).key_phrase(corpus[:2]) == "trade talks"


def test_no_content_words_gives_no_phrase():
    b = _b(1, "Lohan", "Lohan.", [LOHAN])
    assert TitleWords.of([b]).key_phrase([b]) == ""


def test_seed_thread_title_names_both_actors_and_a_phrase():
    threads = json.loads(run_brief("threads", "--json").stdout)
    title = threads[0]["title"]
    actors, _, phrase = title.partition(": ")
    assert actors == "Vladimir Putin, Donald Trump"
    assert phrase and phrase.lower() not in {"added", "said", "putin", "trump"}


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
