"""`e`: pick a person, place or organisation fuzzily and list every briefing that mentions it."""

from __future__ import annotations

from brief.model import Article, Briefing, Entity
from brief.ui.app import BriefApp
from brief.ui.screens.entity_picker import EntityPickerScreen
from brief.ui.widgets.briefing_list import BriefingList
from brief.views.entity_directory import EntityPicker, entity_directory
from tests.ui.terminal import screen_text
from tests.ui.test_ui_pilot import loaded, seeds


def _briefing(i: int, *entities: Entity) -> Briefing:
    return Briefing(
        article=Article(id=f"b{i}", text=f"Story {i}."),
        headline=f"Story {i}",
        summary="",
        date=None,
        entities=entities,
    )


PUTIN = Entity("Vladimir Putin", "PERSON", 3, ("Putin", "Russian President Vladimir Putin"))
US = Entity("United States", "GPE", 2, ("US", "the United States"))
TRUMP = Entity("Donald Trump", "PERSON", 2, ("US President Donald Trump", "Trump"))
EAEU = Entity("Eurasian Economic Union", "ORG", 1, ("EAEU",))
PUTNAM = Entity("Robert Putnam", "PERSON", 1)


def directory():
    return entity_directory(
        [_briefing(0, PUTIN, US, TRUMP), _briefing(1, PUTIN, EAEU), _briefing(2, US, PUTNAM)]
    )


def test_directory_lists_each_entity_once_with_its_briefings_most_reported_first():
    entries = directory()
    assert [(e.name, e.briefings) for e in entries[:2]] == [
        ("United States", (0, 2)),
        ("Vladimir Putin", (0, 1)),
    ]
    assert {e.name for e in entries} == {
        "Vladimir Putin",
        "United States",
        "Donald Trump",
        "Eurasian Economic Union",
        "Robert Putnam",
    }


def test_pick_is_typo_tolerant_and_finds_aliases():
    picker = EntityPicker(directory())
    assert picker.pick("vladmir")[0].name == "Vladimir Putin"  # a typo
    assert {e.name for e in picker.pick("putn")[:2]} == {
        "Vladimir Putin",
        "Robert Putnam",
    }  # a typo and a prefix
    assert picker.pick("eaeu")[0].name == "Eurasian Economic Union"
    assert picker.pick("us")[0].name == "United States"  # the alias, not the "US President …" title
    assert [e.name for e in picker.pick("vlad putin")] == ["Vladimir Putin"]
    assert picker.pick("zzzz") == []
    assert len(picker.pick("")) == 5


async def test_e_picks_an_entity_and_escape_restores_the_list():
    app = BriefApp([])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, EntityPickerScreen)
        await pilot.press("z", "e", "l", "e", "n")
        await pilot.pause()
        assert "Zelensky" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        shown = app.query_one(BriefingList).briefings
        with_zelensky = [b for b in seeds() if any(e.name == "Zelensky" for e in b.entities)]
        assert [b.id for b in shown] == [b.id for b in with_zelensky] and len(shown) < len(seeds())
        assert app.main.sub_title.startswith("Zelensky · 1 of 2 briefings")
        await pilot.press("escape")
        assert len(app.query_one(BriefingList).briefings) == len(seeds())
        assert app.main.sub_title == "2 briefings · 2 unread"


async def test_escape_in_the_picker_changes_nothing():
    app = BriefApp([])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("e", "p", "u", "t", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, EntityPickerScreen)
        assert (
            app.main.sub_title == "2 briefings · 2 unread"
            and len(app.query_one(BriefingList).briefings) == 2
        )
