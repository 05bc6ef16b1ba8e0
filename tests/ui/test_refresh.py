"""`r` in the reader: the followed feeds are fetched in the background, new briefings appear
without a restart, and the header says what happened. The feed comes from a real HTTP server on
127.0.0.1 (tests/feed_server.py); the library is a real SQLite file."""

from __future__ import annotations

from brief.library import Library
from brief.ui.app import BriefApp
from tests.feed_server import FeedServer
from tests.ui.test_ui_pilot import list_text, loaded

ITEM = (
    "<item><title>{title}</title><guid isPermaLink='false'>{guid}</guid>"
    "<link>https://harbour.example/{guid}</link><pubDate>{date}</pubDate>"
    "<description>&lt;p&gt;{text}&lt;/p&gt;</description></item>"
)


def _feed(*items: str) -> str:
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        "<title>Harbour Gazette</title><link>https://harbour.example/</link>"
        + "".join(items)
        + "</channel></rss>"
    )


FIRST = ITEM.format(
    title="Ferry service resumes after storm",
    guid="ferry",
    date="Mon, 03 Mar 2025 09:00:00 GMT",
    text="The island ferry sailed again on Monday after three days of storms, the operator said.",
)
SECOND = ITEM.format(
    title="Harbour master announces new berths",
    guid="berths",
    date="Tue, 04 Mar 2025 09:00:00 GMT",
    text="Four new berths will open in the harbour next spring, the harbour master said on "
    "Tuesday.",
)


async def test_r_refreshes_the_followed_feeds_and_shows_what_is_new(tmp_path):
    server = FeedServer().start()
    try:
        url = server.put("harbour.xml", _feed(FIRST))
        library = Library.open(tmp_path / "lib" / "cache.sqlite3")
        library.add([url])
        app = BriefApp([], library=library)
        async with app.run_test(size=(110, 32)) as pilot:
            await loaded(pilot)
            assert "Ferry service resumes" in list_text(app)
            assert "Harbour master" not in list_text(app)
            server.put("harbour.xml", _feed(FIRST, SECOND))
            app.corpus_shown = False
            await pilot.press("r")
            await loaded(pilot)
            assert "Harbour master announces new berths" in list_text(app)
            assert app.main.sub_title == "2 briefings · 2 unread · 1 new from 1 source"
            server.put("harbour.xml", "not a feed at all")
            app.corpus_shown = False
            await pilot.press("r")
            await loaded(pilot)
            assert app.main.sub_title == "2 briefings · 2 unread · nothing new · 1 failed"
            assert "Ferry service resumes" in list_text(app)  # what was stored stays
    finally:
        server.stop()


async def test_r_on_files_named_on_the_command_line_reads_them_again(tmp_path):
    story = tmp_path / "news" / "a.txt"
    story.parent.mkdir()
    story.write_text("The council approved the budget on Monday after a long debate.")
    app = BriefApp([str(story.parent)])
    async with app.run_test(size=(110, 32)) as pilot:
        await loaded(pilot)
        (story.parent / "b.txt").write_text(
            "The river burst its banks on Tuesday night, flooding homes."
        )
        app.corpus_shown = False
        await pilot.press("r")
        await loaded(pilot)
        assert "river burst its banks" in list_text(app)
        assert app.main.sub_title == "2 briefings · 2 unread · reloaded"
