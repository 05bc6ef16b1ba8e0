"""Which files a path names, and a cheap signature of them (stat only, no reading).

Kept free of the readers' imports: the reader checks the signature before its first paint,
to find the list it built last time from the very same files.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
WEB_SUFFIXES = {".xml", ".rss", ".atom", ".rdf", ".cdf", ".opml", ".html", ".htm", ".xhtml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | JSON_SUFFIXES | WEB_SUFFIXES
OWN_SUFFIX = ".sqlite3"


def files_under(root: Path, problems: list[str]) -> list[Path]:
    """The files brief reads under the folder `root`, in a stable order; a file of another kind
    is reported in `problems` and skipped."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath, name)
            suffix = path.suffix.lower()
            if suffix and suffix in KNOWN_SUFFIXES:
                found.append(path)
            elif suffix.startswith(OWN_SUFFIX):
                continue  # brief's own cache, state and library files (and their WAL)
            else:
                problems.append(
                    f"{path}: skipped: not a kind of file brief reads ({suffix or 'no extension'})"
                )
    return found


def files_signature(paths: Sequence[str | Path]) -> str | None:
    """A hash of the name, size and modification time of every file under `paths`: it changes
    when a file is added, removed or written. None when a path is missing."""
    digest = hashlib.blake2b(digest_size=16)
    for given in sorted({str(Path(p).resolve()) for p in paths}):
        root = Path(given)
        try:
            files = files_under(root, []) if root.is_dir() else [root]
            for file in files:
                stat = file.stat()
                digest.update(f"{file}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        except OSError:
            return None
    return digest.hexdigest()
