"""The command palette (ctrl+p).

`CommandHits` (the App's) offers the commands of the screen under the palette and the app-wide
ones, built from `brief.ui.commands`: each with its description and its key, as bound now.
`BriefingHits` (the main screen's) adds what only the reader's data can offer: a search for what
was typed, the saved searches, and going to a thread or an entity.

Titles and names are article text: they go in as `Content(...)` (plain), never as markup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from brief.ui.commands import Command, palette_commands
from brief.views.labels import count_label

GO_LIMIT = 12  # threads or entities offered for one query


def bound_key(screen, command: Command) -> str:
    """The key `command` has on `screen` now (a user keymap may have moved it), for display."""
    for key, active in screen.active_bindings.items():
        if active.binding.id == command.id:
            return screen.app.get_key_display(Binding(key, command.action))
    return screen.app.get_key_display(Binding(command.key.split(",")[0], command.action))


class CommandHits(Provider):
    def _commands(self) -> list[tuple[Command, Callable[[], object], str]]:
        screen = self.screen
        name = getattr(screen, "COMMAND_SCREEN", None)
        return [
            (
                command,
                partial(self.app.run_action, command.action_on(name), screen),
                bound_key(screen, command),
            )
            for command in palette_commands(name)
        ]

    async def discover(self) -> Hits:
        for command, run, key in self._commands():
            yield DiscoveryHit(Content(command.description), run, help=f"key: {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, run, key in self._commands():
            score = matcher.match(command.description)
            if score > 0:
                yield Hit(
                    0.95 * score,
                    matcher.highlight(command.description),
                    run,
                    help=f"key: {key}",
                )


class BriefingHits(Provider):
    @property
    def _main(self):
        return self.screen  # the MainScreen; typed loosely so this module needs no import cycle

    async def discover(self) -> Hits:
        for name, query in self._main.saved:
            yield DiscoveryHit(
                Content(f"Saved search: {name}"),
                partial(self._main.start_search, query),
                help=query,
            )

    async def search(self, query: str) -> Hits:
        main = self._main
        text = query.strip()
        if not text:
            return
        yield Hit(
            1.0,
            Content(f"Search for “{text}”"),
            partial(main.start_search, text),
            help="Fuzzy search as you type",
        )
        matcher = self.matcher(text)
        for name, saved in main.saved:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    0.9 * score,
                    Content(f"Saved search: {name}"),
                    partial(main.start_search, saved),
                    help=saved,
                )
        for hit in self._threads(text):
            yield hit
        for entry in main.entity_picker().pick(text, limit=GO_LIMIT):
            yield Hit(
                0.7,
                Content(f"Go to entity: {entry.name}"),
                partial(main.show_entity, entry),
                help=count_label(len(entry.briefings)),
            )

    def _threads(self, text: str) -> list[Hit]:
        threads = self._main.threads
        if not threads:
            return []
        from rapidfuzz import fuzz, process, utils  # loaded on first use, not at start-up

        found = process.extract(
            text,
            [t.title for t in threads],
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            limit=GO_LIMIT,
            score_cutoff=60,
        )
        return [
            Hit(
                0.8 * score / 100,
                Content(f"Go to thread: {threads[i].title}"),
                partial(self._main.show_thread, threads[i]),
                help=f"{count_label(len(threads[i].articles), 'story')}, "
                f"{count_label(len(threads[i].events), 'event')}",
            )
            for _, score, i in found
        ]
