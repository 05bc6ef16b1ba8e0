"""Command palette (ctrl+p) entries: search for what you typed, the daily briefing and grouping,
saved searches, go to a thread or an entity.

Titles and names are article text: they go in as `Content(...)` (plain), never as markup.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from brief.views.labels import count_label

GO_LIMIT = 12  # threads or entities offered for one query


class BriefCommands(Provider):
    @property
    def _reader(self):
        return self.app  # BriefApp; typed loosely so this module needs no import cycle

    async def discover(self) -> Hits:
        app = self._reader
        yield DiscoveryHit(
            Content("Search briefings…"),
            app.action_search,
            help="Fuzzy search: words, @who, where:, from:, after:",
        )
        yield DiscoveryHit(
            Content("Go to entity…"),
            app.action_pick_entity,
            help="Pick a person, place or organisation",
        )
        for title, action, help in self._views():
            yield DiscoveryHit(Content(title), action, help=help)
        for name, query in app.saved_search_list():
            yield DiscoveryHit(
                Content(f"Saved search: {name}"), partial(app.start_search, query), help=query
            )

    def _views(self):
        app = self._reader
        return [
            (
                "Daily briefing",
                app.action_daily,
                "The threads that moved today, this week, or ever (b)",
            ),
            (
                "Group by thread / flat list",
                app.action_toggle_grouped,
                "Toggle how the list is laid out (T)",
            ),
        ]

    async def search(self, query: str) -> Hits:
        app = self._reader
        text = query.strip()
        if not text:
            return
        yield Hit(
            1.0,
            Content(f"Search for “{text}”"),
            partial(app.start_search, text),
            help="Fuzzy search as you type",
        )
        matcher = self.matcher(text)
        for title, action, help in self._views():
            score = matcher.match(title)
            if score > 0:
                yield Hit(0.95 * score, Content(title), action, help=help)
        for name, saved in app.saved_search_list():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    0.9 * score,
                    Content(f"Saved search: {name}"),
                    partial(app.start_search, saved),
                    help=saved,
                )
        threads = app.threads
        if threads:
            from rapidfuzz import fuzz, process, utils  # loaded on first use, not at start-up

            titles = [t.title for t in threads]
            for _, score, i in process.extract(
                text,
                titles,
                scorer=fuzz.WRatio,
                processor=utils.default_process,
                limit=GO_LIMIT,
                score_cutoff=60,
            ):
                thread = threads[i]
                yield Hit(
                    0.8 * score / 100,
                    Content(f"Go to thread: {thread.title}"),
                    partial(app.show_thread, thread),
                    help=f"{count_label(len(thread.articles), 'story')}, "
                    f"{count_label(len(thread.events), 'event')}",
                )
        for entry in app.entity_picker().pick(text, limit=GO_LIMIT):
            yield Hit(
                0.7,
                Content(f"Go to entity: {entry.name}"),
                partial(app.show_entity, entry),
                help=count_label(len(entry.briefings)),
            )
