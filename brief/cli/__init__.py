"""The `brief` command. Only `brief` with no subcommand imports Textual.

`reading` holds the commands that read (the reader, list, threads, search, entities),
`following` those that follow sources (add, remove, sources, refresh) and export;
`common` what they share: restricted mode, paths, errors and the JSON output.
"""

from __future__ import annotations

import os
import sys

import click

from brief import __version__
from brief.cli.common import (
    REMOTE_COMMANDS,
    _env_restricted,
    _print_warnings,
    _refuse,
    _refuse_newer,
    _remote_args,
    _split_group_options,
)


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
        except Exception as exc:
            _refuse_newer(exc)
            raise
        finally:
            _print_warnings(ctx.meta)


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


def _register() -> None:
    from brief.cli import following, reading

    for module in (reading, following):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
