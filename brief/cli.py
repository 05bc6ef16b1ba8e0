"""The `brief` command. Only `brief` with no subcommand imports Textual."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sys
import time

import click

from brief import __version__
from brief.views.labels import count_label, dated  # plain strings: no Textual behind it

_STARTED = time.perf_counter()  # start-up time is reported by the app once it has painted


RESTRICTED_ENV = "BRIEF_RESTRICTED"  # BRIEF_RESTRICTED=1 is --restricted
# Over SSH in restricted mode (ForceCommand brief --restricted), what a user may ask for
# in their ssh command line: reading only, and never a path of their own.
REMOTE_COMMANDS = ("read", "list", "threads", "search", "sources", "--help", "-h", "--version")


def _env_restricted() -> bool:
    return os.environ.get(RESTRICTED_ENV, "").strip().lower() not in ("", "0", "no", "false")


def _split_group_options(args: list[str]) -> tuple[list[str], list[str]]:
    """(leading --restricted / --config PATH, the rest)."""
    head, rest = [], list(args)
    while rest and (rest[0] in ("--restricted", "--config") or rest[0].startswith("--config=")):
        item = rest.pop(0)
        head.append(item)
        if item == "--config" and rest:
            head.append(rest.pop(0))
    return head, rest


def _remote_args(original: str) -> list[str]:
    """A restricted SSH user's own command line, split without a shell: brief's arguments."""
    try:
        words = shlex.split(original)
    except ValueError as exc:
        _fail(f"restricted mode: cannot read the command line ({exc})")
    if words and os.path.basename(words[0]) == "brief":
        words = words[1:]
    if any(w == "--config" or w.startswith("--config=") for w in words):
        _fail("restricted mode: --config is not allowed")
    return [w for w in words if w != "--restricted"]


class _DefaultGroup(click.Group):
    """`brief [PATH...]` opens the reader; `brief list …` etc. run subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        head, rest = _split_group_options(args)
        original = os.environ.get("SSH_ORIGINAL_COMMAND", "").strip()
        restricted = "--restricted" in head or _env_restricted()
        ctx.meta["brief.remote"] = False
        forced = rest[0] if rest and rest[0] in self.commands else None
        if restricted and original and forced in (None, "read"):
            # ForceCommand brief --restricted [PATH...]: the user's ssh command line says what
            # to run, on the paths of the ForceCommand line (the user may name none)
            ctx.meta["brief.paths"] = tuple(rest[1:] if forced else rest)
            rest = _remote_args(original)
            ctx.meta["brief.remote"] = True
        if not rest or (
            rest[0] not in self.commands and rest[0] not in ("--help", "-h", "--version")
        ):
            rest = ["read", *rest]
        if ctx.meta["brief.remote"] and rest[0] not in REMOTE_COMMANDS:
            _refuse(rest[0])
        return super().parse_args(ctx, head + rest)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # `brief list --json | head`: the reader has what it wanted; exit quietly and well
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)


def _refuse(command: str) -> None:
    click.echo(f"brief: {command} is not allowed in restricted mode", err=True)
    sys.exit(2)


def _restricted() -> bool:
    ctx = click.get_current_context(silent=True)
    root = ctx.find_root() if ctx else None
    return bool(root and (root.params.get("restricted") or _env_restricted()))


def _allowed_paths(paths: tuple[str, ...]) -> tuple[str, ...]:
    """Restricted over SSH, the user names no paths: brief reads those of the ForceCommand line."""
    ctx = click.get_current_context(silent=True)
    meta = ctx.find_root().meta if ctx else {}
    if not meta.get("brief.remote"):
        return paths
    if paths:
        _fail("restricted mode: paths are not allowed over SSH; brief reads only its own sources")
    return meta.get("brief.paths", ())


def _config_path() -> str | None:
    ctx = click.get_current_context(silent=True)
    return ctx.find_root().params.get("config_path") if ctx else None


def _fail(message: str, status: int = 2) -> None:
    click.echo(f"brief: error: {message}", err=True)
    sys.exit(status)


def _corpus(paths: tuple[str, ...]):
    from brief.library import Library, SourceError

    try:
        # Named paths, or with none the library (when it follows sources) or the seeds; what
        # was analysed and threaded before comes from the cache, as in the reader.
        corpus = Library.open().load(paths)
    except SourceError as exc:
        _fail(str(exc))
    for problem in corpus.problems:
        click.echo(f"brief: {problem}", err=True)
    return corpus


def _dump(data: list | dict) -> None:
    """A JSON array is written an object a line: readable, greppable, and at C speed (an
    indented dump goes through json's Python encoder, seconds at 10,000 briefings)."""
    if not isinstance(data, list):
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return
    lines = ",\n".join(json.dumps(item, ensure_ascii=False) for item in data)
    sys.stdout.write(f"[\n{lines}\n]\n" if data else "[]\n")


@click.group(cls=_DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="brief", message="%(prog)s %(version)s")
@click.option(
    "--restricted",
    is_flag=True,
    help="Kiosk mode for SSH (or BRIEF_RESTRICTED=1): no browser, no programs, no writes "
    "but the library and state; add, remove and export are refused.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="The config file (default: config.toml in the platform config directory).",
)
def main(restricted: bool, config_path: str | None) -> None:
    """brief: news briefings in your terminal.

    \b
    brief [PATH...]                  open the reader (the bundled seeds when no PATH)
    brief list [--json] PATH         list briefings, newest first
    brief threads [--json] PATH      story threads with their events
    brief search [--json] QUERY PATH fuzzy search, best match first
    brief entities --json [PATH]     people, places, organisations with offsets
    brief export [PATH...]           the articles as JSON Lines (the input shape)
    brief add SOURCE...              follow a feed, page, OPML list or local path
    brief remove SOURCE              stop following one
    brief sources [--json]           what the library follows
    brief refresh [--json]           fetch every followed source

    \b
    PATH is a file (text, Markdown, JSON Lines, RSS/Atom/JSON Feed, OPML, HTML),
    a folder (read recursively), an http(s) URL, or - for JSON Lines on stdin.
    With no PATH: the library's articles when it follows sources, else the seeds.
    """


@main.command("read")
@click.argument("paths", nargs=-1, type=click.Path())
def read_command(paths: tuple[str, ...]) -> None:
    """Open the reader on PATHS (the bundled seeds when none).

    When stdout is not a terminal (`brief | cat`), print the list as `brief list` does instead.
    """
    from brief.library import is_url

    paths = _allowed_paths(paths)
    for path in paths:  # checked before the UI starts, so the error stays one clean line
        if not is_url(path) and not os.path.exists(path):
            _fail(f"{path}: no such file or directory")
    if not sys.stdout.isatty():
        from brief.ui.config import load_config

        config, problem = load_config(_config_path())
        if problem:
            click.echo(f"brief: config: {problem}", err=True)
        _print_list(_corpus(paths or config.sources))
        return
    from brief.ui.app import binding_ids, run
    from brief.ui.config import load_config

    config, problem = load_config(_config_path(), binding_ids())
    run(
        list(paths or config.sources),
        started=_STARTED,
        config=config,
        restricted=_restricted(),
        config_problem=problem,
    )


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract instead of a table.")
@click.argument("paths", nargs=-1, type=click.Path())
def list_command(as_json: bool, paths: tuple[str, ...]) -> None:
    """List briefings, newest first."""
    paths = _allowed_paths(paths)
    corpus = _corpus(paths)
    if as_json:
        from brief.library import Library
        from brief.views.contracts import briefing_json

        read, starred = Library.open().state()
        _dump([briefing_json(b, b.id in read, b.id in starred) for b in corpus.briefings])
        return
    _print_list(corpus)


def _print_list(corpus) -> None:
    width = shutil.get_terminal_size((100, 24)).columns
    title_width = max(20, width - 12 - 2 - 14 - 2)
    click.echo(f"{'DATE':<12}  {'SOURCE':<14}  HEADLINE")
    for b in corpus.briefings:
        # "≈ " marks a date inferred from the text; the column is wide enough for both kinds.
        date = dated(b.date, b.date_inferred, human=False, align=True)
        source = b.source or ""
        if b.article.also:  # the same story from several sources
            more = f" +{len(b.article.also)}"
            source = source[: 14 - len(more)] + more
        source = source[:14]
        headline = (
            b.headline if len(b.headline) <= title_width else b.headline[: title_width - 1] + "…"
        )
        click.echo(f"{date:<12}  {source:<14}  {headline}")
    click.echo(count_label(len(corpus.briefings)), err=True)


@main.command("threads")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract instead of a table.")
@click.argument("paths", nargs=-1, type=click.Path())
def threads_command(as_json: bool, paths: tuple[str, ...]) -> None:
    """Story threads and their events, oldest article first."""
    from brief.views.contracts import thread_json

    paths = _allowed_paths(paths)
    corpus = _corpus(paths)
    if as_json:
        _dump([thread_json(t) for t in corpus.threads])
        return
    by_id = {b.id: b for b in corpus.briefings}
    for t in corpus.threads:
        counts = f"{count_label(len(t.articles), 'article')}, {count_label(len(t.events), 'event')}"
        click.echo(f"{t.title}  ({counts})")
        for e in t.events:
            inferred = all(
                by_id[a].date_inferred for a in e.articles if a in by_id and by_id[a].date == e.date
            )
            date = dated(e.date, inferred, human=False, align=True)
            click.echo(f"  {date:<12}  {e.title}  [{len(e.articles)}]")
    click.echo(
        f"{count_label(len(corpus.threads), 'thread')} over {count_label(len(by_id))}", err=True
    )


@main.command("search")
@click.option(
    "--json", "as_json", is_flag=True, help="Print ranked [{id, score, title}] instead of a table."
)
@click.option(
    "-n",
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(1),
    help="Most results shown.",
)
@click.argument("query")
@click.argument("paths", nargs=-1, type=click.Path())
def search_command(as_json: bool, limit: int, query: str, paths: tuple[str, ...]) -> None:
    """Fuzzy-search briefings, best match first.

    \b
    QUERY: words (typos and any order are fine), "exact phrase", -exclude,
    @who or who:NAME, where:PLACE, from:SOURCE, after:DATE, before:DATE,
    thread:ID-OR-WORDS, is:unread, is:read, is:starred, is:unstarred.
    """
    from brief.search import SearchIndex, parse_query

    paths = _allowed_paths(paths)
    parsed, errors = parse_query(query)
    for error in errors:
        click.echo(f"brief: search: {error.message} (at character {error.start + 1})", err=True)
    if errors:
        sys.exit(2)
    state = None
    if any(c.kind == "is" for c in parsed.clauses):
        from brief.library import Library

        read, starred = Library.open().state()
        state = {"read": read, "starred": starred}
    corpus = _corpus(paths)
    found = SearchIndex.build(corpus.briefings, corpus.threads).search(
        parsed, limit=limit, state=state
    )
    if as_json:
        _dump([{"id": r.id, "score": r.score, "title": r.headline} for r in found.results])
        return
    width = shutil.get_terminal_size((100, 24)).columns
    for r in found.results:
        date = r.date or "undated"
        click.echo(f"{r.score:5.2f}  {date:<10}  {r.headline[: max(20, width - 20)]}")
        if r.snippet:
            click.echo(f"{'':17}  … {r.snippet.text[: max(20, width - 23)]}")
    click.echo(
        f"{found.total:,} {'match' if found.total == 1 else 'matches'}, {len(found.results)} shown",
        err=True,
    )


@main.command("entities")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print mentions as JSON (one line per document for a file).",
)
@click.argument("path", required=False, type=click.Path())
def entities_command(as_json: bool, path: str | None) -> None:
    """Named entities with character offsets: of PATH's documents, or of plain text on stdin."""
    from brief.analysis.entities import find_entities

    def mention_rows(text: str) -> list[dict]:
        return [
            {"start": m.start, "end": m.end, "type": m.type, "text": m.text, "entity": m.entity}
            for m in find_entities(text)[0]
        ]

    if path is None:
        rows = mention_rows(sys.stdin.read())
        if as_json:
            _dump(rows)
        else:
            for r in rows:
                click.echo(
                    f"{r['start']:>7} {r['end']:>7}  {r['type']:<7} {r['text']}  ->  {r['entity']}"
                )
        return
    from brief.sources import SourceError, load

    try:
        loaded = load([path])
    except SourceError as exc:
        _fail(str(exc))
    for problem in loaded.problems:
        click.echo(f"brief: {problem}", err=True)
    out = sys.stdout
    for article in loaded.articles:
        if as_json:
            out.write(
                json.dumps(
                    {"id": article.id, "mentions": mention_rows(article.text)}, ensure_ascii=False
                )
                + "\n"
            )
        else:
            click.echo(article.id)
            for entity in find_entities(article.text)[1]:
                click.echo(f"  {entity.count:>4}  {entity.type:<7} {entity.name}")


@main.command("export")
@click.argument("paths", nargs=-1, type=click.Path())
def export_command(paths: tuple[str, ...]) -> None:
    """Print the articles of PATHS (else the library, else the seeds) as JSON Lines.

    \b
    One object a line: id, title, date, source, url, text (and author when known),
    so `brief export X | brief list --json -` lists what `brief list --json X` does.
    """
    if _restricted():
        _refuse("export")
    from brief.library import Library, SourceError, export_rows

    try:
        loaded = Library.open().articles(paths)
    except SourceError as exc:
        _fail(str(exc))
    for problem in loaded.problems:
        click.echo(f"brief: {problem}", err=True)
    out = sys.stdout
    for row in export_rows(loaded.articles):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _library():
    from brief.library import Library

    library = Library.open()
    if not library.persistent:
        _fail("cannot open the library: brief cannot write its data directory")
    return library


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


@main.command("add")
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
        results = _library().add(sources, fetch_pages=fetch_pages, limits=_limits(timeout, max_mb))
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


@main.command("remove")
@click.argument("source")
def remove_command(source: str) -> None:
    """Stop following SOURCE (its URL, path or title) and forget its articles."""
    if _restricted():
        _refuse("remove")
    from brief.library import SourceError

    try:
        removed = _library().remove(source)
    except SourceError as exc:
        _fail(str(exc))
    if removed is None:
        _fail(f"{source}: not a followed source (see brief sources)", 1)
    click.echo(f"removed {safe_line(removed)}")


@main.command("sources")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract.")
def sources_command(as_json: bool) -> None:
    """List followed sources: title, kind, last fetch, articles, last error."""
    from brief.library import SourceError

    try:
        sources = _library().sources()
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


@main.command("refresh")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary.")
@_timeout_option
@_max_mb_option
def refresh_command(as_json: bool, timeout: float | None, max_mb: float | None) -> None:
    """Fetch every followed source. Exit 0 when all worked, 1 when some failed."""
    from brief.library import SourceError

    library = _library()
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


if __name__ == "__main__":
    main()
