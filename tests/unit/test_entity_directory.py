"""One person is one entity: within an article (a surname that is also a place name), and across
the corpus in the entity directory behind `e`."""

from __future__ import annotations

import json

from brief.model import Article, Briefing, Entity
from brief.views.entity_directory import entity_directory
from tests.helpers import run_brief


def _typed(text: str) -> set[tuple[str, str]]:
    """(mention, type) pairs `brief entities --json` finds in `text`."""
    done = run_brief("entities", "--json", input=text)
    assert done.returncode == 0, done.stderr
    return {(m["text"], m["type"]) for m in json.loads(done.stdout)}


def _b(i: int, *entities: Entity) -> Briefing:
    return Briefing(
        article=Article(id=str(i), text="x"), headline=f"h{i}", summary="", date=None,
        entities=entities,
    )  # fmt: skip


def test_a_surname_alone_joins_the_one_full_name_it_belongs_to():
    briefings = [
        _b(1, Entity("Barack Obama", "PERSON", 3, ("Obama",))),
        _b(2, Entity("Obama", "PERSON", 5)),
        _b(3, Entity("Obama", "PERSON", 1), Entity("Michelle Robinson", "PERSON", 1)),
    ]
    entries = {e.name: e for e in entity_directory(briefings)}
    assert "Obama" not in entries
    assert entries["Barack Obama"].briefings == (0, 1, 2)


def test_a_surname_shared_by_two_people_stays_apart():
    briefings = [
        _b(1, Entity("Michael Jordan", "PERSON", 2)),
        _b(2, Entity("Eddie Jordan", "PERSON", 2)),
        _b(3, Entity("Jordan", "PERSON", 1)),
    ]
    assert {e.name for e in entity_directory(briefings)} == {
        "Michael Jordan",
        "Eddie Jordan",
        "Jordan",
    }


def test_mr_surname_folds_into_the_full_name_even_when_the_surname_is_a_place():
    text = (
        "Tory leader Michael Howard said the report was flawed. Mr Howard described the "
        "inquiry as a whitewash. Runner Cathal Lombard had tested positive; Lombard's "
        "coach said he was shattered."
    )
    done = run_brief("entities", "--json", input=text)
    assert done.returncode == 0, done.stderr
    entities = {m["text"]: m["entity"] for m in json.loads(done.stdout)}
    assert entities["Howard"] == "Michael Howard"
    assert entities["Lombard"] == "Cathal Lombard"


def test_job_titles_stay_out_of_names_and_the_place_before_them_is_a_place():
    text = (
        "Springfield Mayor Linda Alvarez said the libraries would reopen. On Friday, Secretary of "
        "State John Kerry met Foreign Minister Sergei Lavrov. Liverpool Coach Jurgen Klopp "
        "praised the Barclays Premier League."
    )
    done = run_brief("entities", "--json", input=text)
    found = {(m["text"], m["type"]) for m in json.loads(done.stdout)}
    assert {
        ("Linda Alvarez", "PERSON"),
        ("Springfield", "GPE"),
        ("John Kerry", "PERSON"),
        ("Sergei Lavrov", "PERSON"),
        ("Jurgen Klopp", "PERSON"),
        ("Barclays Premier League", "ORG"),
    } <= found
    assert not any("Mayor" in name or "State" in name or "Coach" in name for name, _ in found)


def test_who_gave_the_title_is_never_the_person_who_holds_it():
    """ "Tory Treasurer Lord Ashcroft" (BBC, 2005) was one person named with the title; and the
    word before a title, when kept, took the person's type ("Microsoft" a person)."""
    text = (
        "Tory Treasurer Lord Ashcroft paid the bill. Labour Chairman Ian McCartney agreed. "
        "Microsoft Chief Executive Steve Ballmer left early."
    )
    found = _typed(text)
    assert {
        ("Lord Ashcroft", "PERSON"),
        ("Ian McCartney", "PERSON"),
        ("Steve Ballmer", "PERSON"),
        ("Microsoft", "ORG"),
        ("Labour", "NORP"),
    } <= found, found
    assert not any("Treasurer" in name or "Chief" in name for name, _ in found)
    assert ("Tory", "PERSON") not in found and ("Microsoft", "PERSON") not in found


def test_a_name_the_gazetteer_knows_as_only_an_organisation_or_a_country_takes_that_type():
    text = "Fans on Twitter praised him. Twitter said the account was closed. Ireland agreed."
    found = {
        (m["text"], m["type"])
        for m in json.loads(run_brief("entities", "--json", input=text).stdout)
    }
    assert ("Twitter", "ORG") in found and ("Ireland", "GPE") in found
    assert not any(t == "PERSON" for _, t in found)


def test_the_place_a_club_is_known_by_does_not_become_a_club_name():
    """Football writing calls Kilmarnock "the Ayrshire club" and Hearts "the Tynecastle club"
    (CNN/DailyMail); those were entities "Ayrshire Club" and "Tynecastle Club". A club or
    forum whose name has a word between, "the Valdai discussion club", is still one."""
    text = (
        "Locke paid tribute at the Ayrshire club. He was not retained by the Tynecastle club. "
        "Putin spoke at the Valdai discussion club in Sochi."
    )
    found = {m["entity"] for m in json.loads(run_brief("entities", "--json", input=text).stdout)}
    assert "Valdai Discussion Club" in found, found
    assert not any(name.endswith("Club") and name != "Valdai Discussion Club" for name in found)


def test_a_full_name_with_a_known_given_name_is_a_person_and_takes_in_the_surname():
    """The tagger read "James Haskell" and the lone "Haskell" as an organisation beside the
    club cues of a rugby story (CNN/DailyMail), so the player was two organisations. A name of
    two or three words that starts with a known given name is a person's; the club stays a club."""
    text = (
        "England flanker James Haskell posted a photo of himself on Thursday. Haskell first "
        "joined Wasps in 2002 and played eight seasons for the club. Since returning to Wasps, "
        "Haskell has passed 100 appearances for the club."
    )
    found = {
        (m["text"], m["type"], m["entity"])
        for m in json.loads(run_brief("entities", "--json", input=text).stdout)
    }
    assert ("James Haskell", "PERSON", "James Haskell") in found, found
    assert ("Haskell", "PERSON", "James Haskell") in found, found
    assert ("Wasps", "ORG", "Wasps") in found, found


def test_a_club_named_after_its_town_is_a_club_and_a_city_stays_a_city():
    """ "Manchester City" was a place in every CNN/DailyMail story that named it, so the entity
    directory listed it among countries and cities."""
    found = _typed(
        "Manchester City have spent heavily this summer. Hull City fans were unhappy with the "
        "price of tickets. Ipswich Town fans sang. Fans flew from Mexico City to Cape Town. "
        "Kansas City was quiet."
    )
    assert {
        ("Mexico City", "GPE"),
        ("Cape Town", "GPE"),
        ("Kansas City", "GPE"),
        ("Ipswich Town", "ORG"),
        ("Hull City", "ORG"),
        ("Manchester City", "ORG"),
    } <= found, found
