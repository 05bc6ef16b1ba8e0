"""The commands that read: the reader itself, list, threads, search, entities."""

from __future__ import annotations

import json
import os
import shutil
import sys

import click

from brief.cli.common import (
    _STARTED,
    _allowed_paths,
    _config_path,
    _corpus,
    _dump,
    _fail,
    _open_library,
    _restricted,
    count_label,
    dated,
)


@click.command("read")
@click.argument("paths", nargs=-1, type=click.Path())
def read_command(paths: tuple[str, ...]) -> None:
    """Open the reader on PATHS (the bundled seeds when none).

    When stdout is not a terminal (`brief | cat`), print the list as `brief list` does instead.
    """
    paths = _allowed_paths(paths)
    for path in paths:  # checked before the UI starts, so the error stays one clean line
        # (the scheme is checked here, not with brief.sources: importing the pipeline before
        # the first paint would delay it; the loading worker imports it after)
        is_url = path[:8].lower().startswith(("http://", "https://"))
        if not is_url and not os.path.exists(path):
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


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract instead of a table.")
@click.argument("paths", nargs=-1, type=click.Path())
def list_command(as_json: bool, paths: tuple[str, ...]) -> None:
    """List briefings, newest first."""
    paths = _allowed_paths(paths)
    corpus = _corpus(paths)
    if as_json:
        from brief.views.contracts import briefing_json

        read, starred = _open_library().state()
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


@click.command("threads")
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


@click.command("search")
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
        read, starred = _open_library().state()
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


@click.command("entities")
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


COMMANDS = (read_command, list_command, threads_command, search_command, entities_command)
