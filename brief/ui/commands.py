"""Every command of the reader, defined once.

A `Command` is data: its key, the short word the footer shows, the words the palette and the
help show, and the screen it acts on. From it come the screen's key binding (with the command's
`id`, so a user keymap can remap it through Textual's `App.set_keymap`), the footer entry, the
palette entry and the help line, so none of them can disagree.

Keys that only move a cursor or scroll (j/k, g/G, page up/down) are not commands: they stay with
their widget's `BINDINGS`, and the help lists them from there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding

APP, MAIN, TIMELINE, DAILY, ENTITY, HELP = "app", "main", "timeline", "daily", "entity", "help"

EVERYWHERE, THREADS, ENTITY_PICKER = "Everywhere", "Threads", "Entity picker"  # help sections
READING = "Read state and links"


@dataclass(frozen=True)
class Command:
    id: str  # the binding id a keymap names
    key: str  # Textual key names, comma-separated
    action: str  # run on the screen it acts on (the App's for app-wide commands)
    label: str  # short, for the footer
    description: str  # for the palette and the help
    screen: str  # the screen it acts on: APP, MAIN, TIMELINE, DAILY, ENTITY or HELP
    section: str | None = None  # its block in the help; None: the help leaves it out
    show: bool = True  # in the footer
    palette: bool = True  # in the command palette
    priority: bool = False

    def binding(self, on: str | None = None) -> Binding:
        """The key binding on screen `on`; an app-wide command bound on a screen calls the App."""
        action = self.action
        if self.screen == APP and on not in (None, APP):
            action = f"app.{action}"
        return Binding(
            self.key,
            action,
            self.label,
            show=self.show,
            priority=self.priority,
            tooltip=self.description,
            id=self.id,
        )

    def action_on(self, screen: str) -> str:
        """The action string to run from `screen` (the palette runs commands this way)."""
        return self.binding(screen).action


def bindings(screen: str, commands: Iterable[Command]) -> list[Binding]:
    """A screen's `BINDINGS`, in the order given (the footer keeps it)."""
    return [command.binding(screen) for command in commands]


# --- app-wide: bound on the App, so every screen has them --------------------------------------

SHOW_HELP = Command("help", "question_mark", "help", "Help", "Help", APP, EVERYWHERE)
QUIT = Command("quit", "q", "quit", "Quit", "Quit", APP, EVERYWHERE)

# --- the main screen: the list, the search bar, the reading pane, the saved searches ------------

# A priority key: handled as it arrives, before keys typed in the same burst (a paste, a line
# in one SSH packet) are passed on, so they reach the search bar, not the list behind it.
SEARCH = Command("search", "/", "search", "Search", "Search", MAIN, EVERYWHERE, priority=True)
# Short words for the footer; the help and the palette show the descriptions.
THREAD = Command("thread", "t", "thread_timeline", "Thread", "Thread timeline", MAIN, THREADS)
SHOW_DAILY = Command("daily", "b", "daily", "Daily", "Daily briefing", MAIN, THREADS)
# T, not g: g is "first" in the list and the pane. Upper case like S: it changes the view.
GROUP = Command("group", "T", "toggle_grouped", "Group", "Group by thread", MAIN, THREADS)
NEWER = Command(
    "thread.next", "n", "step_thread(1)", "Newer", "Newer in thread", MAIN, THREADS, show=False
)
OLDER = Command(
    "thread.previous", "p", "step_thread(-1)", "Older", "Older in thread", MAIN, THREADS, show=False
)
PICK_ENTITY = Command("entity", "e", "pick_entity", "Entity", "Entity", MAIN, EVERYWHERE)
STAR = Command("star", "s", "star", "Star", "Star", MAIN, EVERYWHERE)
SAVED = Command("saved", "S", "toggle_saved", "Saved searches", "Saved searches", MAIN, EVERYWHERE)
BACK = Command("back", "escape", "back", "Back", "Back", MAIN, EVERYWHERE)
TOGGLE_READ = Command(
    "read", "m", "toggle_read", "Read", "Mark read / unread", MAIN, READING, show=False
)
ALL_READ = Command(
    "read.all", "M", "mark_all_read", "All read", "Mark all shown read", MAIN, READING, show=False
)
NEXT_UNREAD = Command(
    "unread.next", "N", "next_unread", "Next unread", "Next unread", MAIN, READING, show=False
)
OPEN_LINK = Command(
    "link.open", "o", "open_link", "Open link", "Open the link", MAIN, READING, show=False
)
COPY_LINK = Command(
    "link.copy", "y", "copy_link", "Copy link", "Copy the link", MAIN, READING, show=False
)
COMPACT = Command(
    "compact", "c", "toggle_compact", "Compact", "Compact list", MAIN, EVERYWHERE, show=False
)
REFRESH = Command("refresh", "r", "refresh", "Refresh", "Refresh feeds and pages", MAIN, EVERYWHERE)
# priority: the Screen binds tab to focus_next, which would otherwise win.
SWITCH = Command(
    "switch",
    "tab",
    "switch_pane",
    "Switch",
    "Switch pane",
    MAIN,
    EVERYWHERE,
    show=False,
    priority=True,
)

# The main screen's order is the footer's: at 80 columns it has room for about eight keys, and
# ? (which leads to all of them) comes before the rest. Help and Quit are the App's; listed here
# too, they keep their place in this footer.
MAIN_COMMANDS = (
    SEARCH,
    THREAD,
    SHOW_DAILY,
    GROUP,
    SHOW_HELP,
    NEWER,
    OLDER,
    PICK_ENTITY,
    STAR,
    SAVED,
    REFRESH,
    TOGGLE_READ,
    ALL_READ,
    NEXT_UNREAD,
    OPEN_LINK,
    COPY_LINK,
    COMPACT,
    BACK,
    SWITCH,
    QUIT,
)
APP_COMMANDS = (SHOW_HELP, QUIT)

# --- the thread screens ---------------------------------------------------------------------

TIMELINE_BACK = Command("timeline.back", "escape,q", "dismiss(None)", "Back", "Back", TIMELINE)
TIMELINE_COMMANDS = (TIMELINE_BACK,)

PERIOD = Command(
    "daily.period", "d", "cycle_period", "Today / week / all", "Today/week/all", DAILY, THREADS
)
DAILY_TIMELINE = Command(
    "daily.timeline", "t", "timeline", "Thread timeline", "Thread timeline", DAILY
)
DAILY_BACK = Command("daily.back", "escape,q,b", "dismiss(None)", "Back", "Back", DAILY)
DAILY_COMMANDS = (PERIOD, DAILY_TIMELINE, DAILY_BACK)

# --- the modals: their keys show in their borders and the help, not in the palette --------------

ENTITY_COMMANDS = (
    Command(
        "entity.cancel",
        "escape",
        "dismiss(None)",
        "Cancel",
        "Cancel",
        ENTITY,
        ENTITY_PICKER,
        palette=False,
    ),
    Command("entity.next", "down", "move(1)", "Next", "Next", ENTITY, show=False, palette=False),
    Command(
        "entity.previous",
        "up",
        "move(-1)",
        "Previous",
        "Previous",
        ENTITY,
        show=False,
        palette=False,
    ),
    Command(
        "entity.choose",
        "enter",
        "choose",
        "Its briefings",
        "Its briefings",
        ENTITY,
        ENTITY_PICKER,
        palette=False,
        priority=True,
    ),
)
HELP_COMMANDS = (
    Command(
        "help.close",
        "escape,question_mark,q",
        "dismiss",
        "Close help",
        "Close help",
        HELP,
        palette=False,
    ),
    # the help scrolls when it is taller than the terminal (60x20)
    Command("help.down", "j,down", "scroll(1)", "Down", "Down", HELP, show=False, palette=False),
    Command("help.up", "k,up", "scroll(-1)", "Up", "Up", HELP, show=False, palette=False),
    Command(
        "help.page_down",
        "pagedown,space",
        "page(1)",
        "Page down",
        "Page down",
        HELP,
        show=False,
        palette=False,
    ),
    Command(
        "help.page_up", "pageup", "page(-1)", "Page up", "Page up", HELP, show=False, palette=False
    ),
)

ALL_COMMANDS = (
    *MAIN_COMMANDS,
    *TIMELINE_COMMANDS,
    *DAILY_COMMANDS,
    *ENTITY_COMMANDS,
    *HELP_COMMANDS,
)
SCREEN_COMMANDS = {
    APP: APP_COMMANDS,
    MAIN: MAIN_COMMANDS,
    TIMELINE: TIMELINE_COMMANDS,
    DAILY: DAILY_COMMANDS,
    ENTITY: ENTITY_COMMANDS,
    HELP: HELP_COMMANDS,
}


def palette_commands(screen: str) -> list[Command]:
    """What the palette offers over `screen`: its commands, then the app-wide ones, each once."""
    seen: set[str] = set()
    out = []
    for command in (*SCREEN_COMMANDS.get(screen, ()), *APP_COMMANDS):
        if command.palette and command.id not in seen:
            seen.add(command.id)
            out.append(command)
    return out


def section(title: str) -> list[Command]:
    """The commands in one block of the help, in the order of `ALL_COMMANDS`."""
    return [command for command in ALL_COMMANDS if command.section == title]
