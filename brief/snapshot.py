"""What the reader paints before anything loads: the list as it was last built from the same input.

    shown = first_screen(paths)      # None: nothing saved for this input (or it changed)
    shown.rows[0].headline, len(shown.rows), shown.read, shown.starred

The input is named by `corpus_key` and fingerprinted by `input_signature` from file sizes and
modification times (or the library's article counters) and the code that turns it into
briefings, so no article is read to know that the saved rows still hold. Imports nothing
heavy: it runs on the reader's UI thread before the first paint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from brief.resources import seeds_dir
from brief.sources.walk import files_signature
from brief.store.rows import StoredRows, library_signature, reader_state, stored_rows

_BRIEF = Path(__file__).resolve().parent
_NOT_CODE = ("ui", "cli", "__pycache__")  # what the list's rows do not depend on


def default_paths(paths: Sequence[str | Path]) -> list[str | Path]:
    return list(paths) if paths else [seeds_dir()]


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def corpus_key(paths: Sequence[str | Path], followed: bool) -> str | None:
    """Names what a load reads, so that what was built from it (threads, the list's rows) can be
    found again and grown: "library" for the followed sources, else the paths named (the bundled
    seeds when none). None for input that cannot be named again: stdin, a URL fetched once."""
    if followed:
        return "library"
    given = default_paths(paths)
    if any(str(p) == "-" or _is_url(str(p)) for p in given):
        return None
    return "files:" + "\n".join(sorted({str(Path(p).resolve()) for p in given}))


def code_signature() -> str:
    """Sizes and times of brief's own files that shape the briefings: a new version (or an edit
    in a checkout) is new code, whose rows must be built again."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(_BRIEF.rglob("*")):
        if path.is_file() and path.relative_to(_BRIEF).parts[0] not in _NOT_CODE:
            stat = path.stat()
            digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def input_signature(paths: Sequence[str | Path], followed: bool, library_path: Path) -> str | None:
    """A fingerprint of the input a load would read now, and of the code; None when it cannot
    be taken (a missing path, stdin), so that nothing is saved or reused."""
    if followed:
        data = library_signature(library_path)
    elif corpus_key(paths, followed) is None:
        return None
    else:
        data = files_signature(default_paths(paths))
    return None if data is None else f"{data}|{code_signature()}"


@dataclass
class FirstScreen:
    rows: StoredRows
    read: set[str] = field(default_factory=set)
    starred: set[str] = field(default_factory=set)


def first_screen(
    paths: Sequence[str | Path],
    cache_path: Path | None = None,
    state_path: Path | None = None,
) -> FirstScreen | None:
    """The rows saved from this very input, with read and starred; None when there are none."""
    from brief.store.paths import default_path, default_state_path

    cache_path = cache_path or default_path()
    state_path = state_path or default_state_path()
    library_path = state_path.with_name("library.sqlite3")
    followed = not paths and library_signature(library_path) is not None
    key = corpus_key(paths, followed)
    signature = input_signature(paths, followed, library_path) if key else None
    if key is None or signature is None:
        return None
    rows = stored_rows(cache_path, key, signature)
    if rows is None:
        return None
    read, starred = reader_state(state_path)
    return FirstScreen(rows, read, starred)
