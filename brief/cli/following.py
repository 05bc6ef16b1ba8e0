"""The commands that follow sources (add, remove, sources, refresh) and export the articles."""

from __future__ import annotations

import json
import sys

import click

from brief.cli.common import (
    _dump,
    _fail,
    _open_library,
    _refuse,
    _restricted,
    count_label,
)


@click.command("export")
@click.argument("paths", nargs=-1, type=click.Path())
def export_command(paths: tuple[str, ...]) -> None:
    """Print the articles of PATHS (else the library, else the seeds) as JSON Lines.

    \b
    One object a line: id, title, date, source, url, text (and author when known),
    so `brief export X | brief list --json -` lists what `brief list --json X` does.
    """
    if _restricted():
        _refuse("export")
    from brief.library import SourceError, export_rows

    try:
        loaded = _open_library().articles(paths)
    except SourceError as exc:
        _fail(str(exc))
    for problem in loaded.problems:
        click.echo(f"brief: {problem}", err=True)
    out = sys.stdout
    for row in export_rows(loaded.articles):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _limits(timeout: float | None, max_mb: float | None):
    from brief.library import limits_from_env

    return limits_from_env(timeout, max_mb)


_timeout_option = click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=None,
    help="Seconds allowed for each whole response (default 30, or BRIEF_TIMEOUT).",
)
_max_mb_option = click.option(
    "--max-mb",
    type=click.FloatRange(min=0.001),
    default=None,
    help="Largest response accepted, in MB (default 20, or BRIEF_MAX_MB).",
)


@click.command("add")
@click.option(
    "--fetch-pages",
    is_flag=True,
    help="For items with only a short description, fetch and extract the linked page.",
)
@_timeout_option
@_max_mb_option
@click.argument("sources", nargs=-1, required=True)
def add_command(
    fetch_pages: bool, timeout: float | None, max_mb: float | None, sources: tuple[str, ...]
) -> None:
    """Follow SOURCES: feed or page URLs, OPML lists (each feed in them), local paths."""
    if _restricted():
        _refuse("add")
    from brief.library import SourceError

    try:
        results = _open_library().add(
            sources, fetch_pages=fetch_pages, limits=_limits(timeout, max_mb)
        )
    except SourceError as exc:
        _fail(str(exc))
    failed = 0
    for r in results:
        name = safe_line(r.title or r.source)
        if r.error:
            failed += 1
            click.echo(f"brief: {safe_line(r.source)}: {safe_line(r.error)}", err=True)
        elif r.added:
            articles = count_label(r.articles, "article")
            click.echo(f"added {name} ({r.kind}, {articles})  {safe_line(r.source)}")
        else:
            click.echo(f"already following {name}  {safe_line(r.source)}")
    sys.exit(1 if failed else 0)


@click.command("remove")
@click.argument("source")
def remove_command(source: str) -> None:
    """Stop following SOURCE (its URL, path or title) and forget its articles."""
    if _restricted():
        _refuse("remove")
    from brief.library import SourceError

    try:
        removed = _open_library().remove(source)
    except SourceError as exc:
        _fail(str(exc))
    if removed is None:
        _fail(f"{source}: not a followed source (see brief sources)", 1)
    click.echo(f"removed {safe_line(removed)}")


@click.command("sources")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract.")
def sources_command(as_json: bool) -> None:
    """List followed sources: title, kind, last fetch, articles, last error."""
    from brief.library import SourceError

    try:
        sources = _open_library().sources()
    except SourceError as exc:
        _fail(str(exc))
    if as_json:
        _dump([s.as_json() for s in sources])
        return
    if not sources:
        click.echo("brief follows no sources yet: brief add URL", err=True)
        return
    for s in sources:
        when = (s.last_fetch or "never").replace("T", " ").removesuffix("Z")
        status = f"error: {safe_line(s.last_error)}" if s.last_error else "ok"
        click.echo(
            f"{safe_line(s.title or s.source)[:40]:<40}  {s.kind:<5}  {s.articles:>5}  "
            f"{when:<19}  {status}"
        )
        click.echo(f"  {safe_line(s.source)}")
    click.echo(count_label(len(sources), "source"), err=True)


@click.command("refresh")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@_timeout_option
@_max_mb_option
def refresh_command(as_json: bool, timeout: float | None, max_mb: float | None) -> None:
    """Fetch every followed source. Exit 0 when all worked, 1 when some failed."""
    from brief.library import SourceError

    library = _open_library()
    progress = _Progress() if sys.stderr.isatty() and not as_json else None
    try:
        summary = library.refresh(
            limits=_limits(timeout, max_mb),
            on_start=progress.start if progress else None,
            on_done=progress.advance if progress else None,
        )
    except SourceError as exc:
        _fail(str(exc))
    finally:
        if progress:
            progress.stop()
    for r in summary.failed:
        click.echo(f"brief: {safe_line(r.name)}: {safe_line(r.error or '')}", err=True)
    if as_json:
        _dump(summary.as_json())
    else:
        click.echo(
            f"{summary.label()} · {count_label(len(summary.results), 'source')} in "
            f"{summary.seconds:.1f} s · {summary.not_modified} unchanged (304)"
        )
    sys.exit(0 if summary.ok else 1)


class _Progress:
    """A Rich progress bar on stderr (only when it is a terminal)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(
            TextColumn("refreshing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[last]}", markup=False),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = None

    def start(self, total: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task("refresh", total=total, last="")

    def advance(self, result) -> None:
        if self.task is not None:
            self.bar.update(self.task, advance=1, last=safe_line(result.name)[:40])

    def stop(self) -> None:
        self.bar.stop()


def safe_line(text: str) -> str:
    """Untrusted text (a feed title, an error) as one line without control characters."""
    from brief.library import clean_line

    return clean_line(text) or ""


COMMANDS = (export_command, add_command, remove_command, sources_command, refresh_command)
