"""What every `brief` command shares: restricted mode, paths, errors, JSON output."""

from __future__ import annotations

import json
import os
import shlex
import sys
import time

import click

from brief.views.labels import count_label, dated  # noqa: F401  (plain strings: no Textual)

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
    _print_warnings(_root_meta())  # what led to the error comes first
    click.echo(f"brief: error: {message}", err=True)
    sys.exit(status)


def _root_meta() -> dict:
    ctx = click.get_current_context(silent=True)
    return ctx.find_root().meta if ctx else {}


def _open_library():
    """The library for this command, opened once; what went wrong with its files is printed
    on stderr, a line each, and a file from a newer brief stops the command (status 2)."""
    from brief.library import Library, NewerSchema

    meta = _root_meta()
    library = meta.get("brief.library")
    if library is None:
        try:
            library = Library.open()
        except NewerSchema as exc:
            _fail(str(exc))
        meta["brief.library"] = library
    _print_warnings(meta)
    return library


def _print_warnings(meta: dict) -> None:
    """The library's warnings not printed yet (more may come while a command runs)."""
    library = meta.get("brief.library")
    if library is None:
        return
    for line in library.warnings[meta.get("brief.warned", 0) :]:
        click.echo(f"brief: warning: {line}", err=True)
    meta["brief.warned"] = len(library.warnings)


def _refuse_newer(exc: Exception) -> None:
    """A file from a newer brief met after opening (the library is opened on first use)."""
    library = sys.modules.get("brief.library")  # never imported just for this
    if library is not None and isinstance(exc, library.NewerSchema):
        _fail(str(exc))


def _corpus(paths: tuple[str, ...]):
    from brief.cli.progress import load_bar
    from brief.library import SourceError

    library = _open_library()  # its warnings printed before any progress bar shows
    bar = load_bar()  # on a terminal, a progress bar on stderr while articles are analysed
    try:
        # Named paths, or with none the library (when it follows sources) or the seeds; what
        # was analysed and threaded before comes from the cache, as in the reader.
        # lean, with quotes: the JSON needs no article's sentences, mentions or paragraphs
        corpus = library.load(paths, progress=bar, lean=True, quotes=True)
    except SourceError as exc:
        _fail(str(exc))
    finally:
        if bar:
            bar.close()
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
