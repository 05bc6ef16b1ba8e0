"""Where the bundled seeds and styles live, in a wheel and in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    # In a wheel they are copied under brief/_data; in a checkout they sit at the top level.
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"brief is missing its bundled {name}/ folder; reinstall brief")


def seeds_dir() -> Path:
    return _find("seeds")


def styles_dir() -> Path:
    return _find("styles")
