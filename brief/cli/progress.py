"""A progress bar on stderr while a command analyses articles: only on a terminal, and only when
there is work (nothing when everything came from the cache). Scripts and tests read stdout, and
a stderr that is not a terminal gets nothing from here."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from brief.library import LoadProgress


class LoadBar:
    """The `progress` callback of `Library.load`: a bar while articles are analysed, a spinner
    while they are threaded, and, once done, one line saying what was analysed."""

    def __init__(self) -> None:
        self._started = time.perf_counter()
        self._seconds = 0.0  # the analysis took, once it is done
        self._shown = None  # a rich.progress.Progress, made when there is work (importing costs)
        self._analysed = 0
        self._cached = 0

    def __call__(self, progress: LoadProgress) -> None:
        if progress.stage == "analysing":
            if self._shown is None:
                if progress.done >= progress.total:
                    return  # all from the cache
                self._cached = progress.cached
                self._shown = self._display(progress, self._analysing_columns())
            self._analysed = progress.done - progress.cached
            self._shown.update(self._shown.task_ids[0], completed=self._analysed)
        elif self._shown is not None and not self._seconds:
            self._seconds = time.perf_counter() - self._started
            self._shown.stop()
            self._shown = self._display(progress, self._threading_columns())

    def _display(self, progress: LoadProgress, columns: list):
        from rich.console import Console
        from rich.progress import Progress

        # transient: the bar goes when done; the line `close` writes stays
        shown = Progress(*columns, console=Console(stderr=True), transient=True)
        if progress.stage == "threading":
            shown.add_task(f"Threading {progress.total:,} briefings", total=None)
        else:
            described = "Analysing"
            if progress.cached:
                described += f" ({progress.cached:,} from the cache)"
            shown.add_task(described, total=progress.total - progress.cached)
        shown.start()
        return shown

    @staticmethod
    def _analysing_columns() -> list:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        return [
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("· left"),
            TimeRemainingColumn(),
        ]

    @staticmethod
    def _threading_columns() -> list:
        from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

        return [SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn()]

    def close(self) -> None:
        """Take the bar off the screen; after a load that analysed, say what it did."""
        if self._shown is None:
            return
        self._shown.stop()
        if self._seconds:  # the analysis ran to its end
            line = f"brief: analysed {self._analysed:,} articles in {self._seconds:.1f} s"
            if self._cached:
                line += f"; {self._cached:,} were in the cache"
            print(line, file=sys.stderr, flush=True)


def load_bar() -> LoadBar | None:
    """A LoadBar when stderr is a terminal, else None."""
    try:
        return LoadBar() if sys.stderr.isatty() else None
    except (AttributeError, ValueError):  # no stderr, or a closed one
        return None
