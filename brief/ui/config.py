"""The reader's settings: one TOML file, `~/.config/brief/config.toml` (the platform's config
directory, found with platformdirs) or the file `brief --config PATH` names.

    theme = "ansi-dark"            # any Textual theme; chosen in the palette, it is saved here
    density = "compact"            # "cards" (4 lines a story) or "compact" (one line); c toggles
    summary_length = 40            # words of the summary the reading pane shows; 0: all
    refresh_interval = 30          # minutes between background refreshes; 0: only on r
    sources = ["~/news", "https://example.org/feed.xml"]   # what `brief` opens with no PATH

    [keys]                         # remap a command by its id (see the help, ?)
    quit = "x"

Plain data: no Textual here, so the CLI can read it without starting the UI. It lives in
brief/ui because only the reader uses it (the top of brief/ keeps at most eight modules).
A bad file is one line naming the file, the line and the key; the reader then starts with the
defaults, and never writes over a file it could not read.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DENSITIES = ("cards", "compact")
CONFIG_ENV = "BRIEF_CONFIG"  # a config file, as --config names one


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # where it was read from (and where a chosen theme is saved)
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> key(s)
    density: str = "cards"
    summary_length: int = 0  # words; 0: the whole summary
    refresh_interval: float = 0  # minutes; 0: no background refresh
    sources: tuple[str, ...] = ()
    writable: bool = True  # False when the file was bad: it is never overwritten then

    @property
    def compact(self) -> bool:
        return self.density == "compact"


class ConfigError(ValueError):
    """What is wrong with a config file, as one line."""


def default_config_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("brief", appauthor=False)) / "config.toml"


def _line_of(text: str, key: str, table: str | None = None) -> int | None:
    """The line where `key` is set (inside `[table]` when given), for the error message."""
    in_table = table is None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            in_table = stripped.strip("[] ") == table if table else False
            continue
        if in_table and re.match(rf'["\']?{re.escape(key)}["\']?\s*=', stripped):
            return number
    return None


def _where(path: Path, text: str, key: str, table: str | None = None) -> str:
    line = _line_of(text, key, table)
    name = f"{table}.{key}" if table else key
    return f"{path}{f', line {line}' if line else ''}: {name}"


def _check_keys(raw: object, path: Path, text: str, known: set[str] | None) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{_where(path, text, 'keys')}: expected a [keys] table")
    keys: dict[str, str] = {}
    for command, key in raw.items():
        where = _where(path, text, command, "keys")
        if known is not None and command not in known:
            raise ConfigError(f"{where}: no command has this id (? lists them)")
        if not isinstance(key, str) or not key.strip():
            raise ConfigError(f'{where}: expected a key name in quotes, like "x" or "ctrl+x"')
        keys[command] = key.strip()
    return keys


def _number(data: dict, key: str, path: Path, text: str) -> float:
    value = data.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigError(f"{_where(path, text, key)}: expected a number, 0 or more")
    return value


def parse_config(text: str, path: Path, known_ids: set[str] | None = None) -> Config:
    """The settings in `text`; raises ConfigError naming the file, line and key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    allowed = {"theme", "keys", "density", "summary_length", "refresh_interval", "sources"}
    for key in data:
        if key not in allowed:
            raise ConfigError(
                f"{_where(path, text, key)}: unknown setting (known: {', '.join(sorted(allowed))})"
            )
    theme = data.get("theme")
    if theme is not None and (not isinstance(theme, str) or not theme):
        raise ConfigError(f"{_where(path, text, 'theme')}: expected a theme name in quotes")
    density = data.get("density", "cards")
    if density not in DENSITIES:
        raise ConfigError(f'{_where(path, text, "density")}: expected "cards" or "compact"')
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) and s for s in sources):
        raise ConfigError(f"{_where(path, text, 'sources')}: expected a list of paths or URLs")
    return Config(
        path=path,
        theme=theme,
        keys=_check_keys(data.get("keys", {}), path, text, known_ids),
        density=density,
        summary_length=int(_number(data, "summary_length", path, text)),
        refresh_interval=_number(data, "refresh_interval", path, text),
        sources=tuple(os.path.expanduser(s) for s in sources),
    )


def load_config(
    path: str | Path | None = None, known_ids: set[str] | None = None
) -> tuple[Config, str | None]:
    """(settings, problem): the file named (else $BRIEF_CONFIG, else the default one).

    A missing default file is no problem: the defaults. A file that cannot be used gives the
    defaults and one line saying why; it is then never written over.
    """
    named = path or os.environ.get(CONFIG_ENV) or None
    where = Path(named).expanduser() if named else default_config_path()
    try:
        text = where.read_text(encoding="utf-8")
    except FileNotFoundError:
        if named:
            return Config(path=where, writable=False), f"{where}: no such file; using the defaults"
        return Config(path=where), None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        return Config(path=where, writable=False), f"{where}: {reason}; using the defaults"
    try:
        return parse_config(text, where, known_ids), None
    except ConfigError as exc:
        return Config(path=where, writable=False), f"{exc}; using the defaults"


def set_setting(text: str, key: str, value: object) -> str:
    """`text` with the top-level `key = value` set (replaced where it is, else added at the top);
    comments, tables and other settings are kept as they are."""
    line = f"{key} = {json.dumps(value, ensure_ascii=False)}"
    lines = text.splitlines()
    for number, existing in enumerate(lines):
        if existing.strip().startswith("["):
            break
        if re.match(rf"\s*{re.escape(key)}\s*=", existing):
            lines[number] = line
            return "\n".join(lines) + "\n"
    return "\n".join([line, *lines]) + "\n"


def save_setting(config: Config, key: str, value: object) -> str | None:
    """Write one setting into the config file; None when done, else why not (one line)."""
    if config.path is None or not config.writable:
        return "the config file could not be read, so it is left as it is"
    try:
        text = config.path.read_text(encoding="utf-8") if config.path.exists() else ""
        config.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = config.path.with_name(config.path.name + ".tmp")
        temporary.write_text(set_setting(text, key, value), encoding="utf-8")
        temporary.replace(config.path)
    except (OSError, UnicodeDecodeError) as exc:
        return f"{config.path}: {getattr(exc, 'strerror', None) or exc}"
    return None
