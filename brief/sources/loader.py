"""Walking paths, sniffing each file's kind, and reporting files that cannot be read."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from brief.model import Article
from brief.sources.clean import strip_controls
from brief.sources.jsonl import read_json, read_jsonl
from brief.sources.text import read_text

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | JSON_SUFFIXES
MAX_BYTES = 50 * 1024 * 1024


class SourceError(Exception):
    """A problem with what the user asked for (e.g. a path that does not exist): fatal, exit 2."""


@dataclass
class LoadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath, name)
            if not name.startswith(".") and path.suffix.lower() in KNOWN_SUFFIXES - {""}:
                found.append(path)
    return found


def _decode(path: Path) -> str:
    """The file's text; raises ValueError with a short reason when it is not usable text."""
    size = path.stat().st_size
    if size == 0:
        raise ValueError("empty file")
    if size > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise ValueError("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (bad byte at offset {exc.start})") from None
    if not text.strip():
        raise ValueError("empty file")
    return text


def read_file(path: Path, result: LoadResult) -> None:
    shown = str(path)
    try:
        raw = _decode(path)
    except ValueError as exc:
        result.problems.append(f"{shown}: skipped: {exc}")
        return
    except OSError as exc:
        result.problems.append(f"{shown}: skipped: {exc.strerror or exc}")
        return
    source = path.resolve().parent.name or None
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        result.articles.extend(
            read_jsonl(raw, path=shown, source=source, problem=result.problems.append)
        )
    elif suffix == ".json":
        result.articles.extend(
            read_json(raw, path=shown, source=source, problem=result.problems.append)
        )
    else:
        article = read_text(
            strip_controls(raw), path=shown, source=source, markdown=suffix in MARKDOWN_SUFFIXES
        )
        if article.text:
            result.articles.append(article)
        else:
            result.problems.append(f"{shown}: skipped: no article text")


def load(paths: list[str | Path]) -> LoadResult:
    """Read every article under `paths`. Raises SourceError for a path that does not exist."""
    result = LoadResult()
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise SourceError(f"{given}: no such file or directory")
        files = _walk(path) if path.is_dir() else [path]
        for file in files:
            read_file(file, result)
    seen: set[str] = set()
    unique = []
    for article in result.articles:
        if article.id in seen:
            result.problems.append(f"{article.path}: skipped duplicate article id {article.id}")
            continue
        seen.add(article.id)
        unique.append(article)
    result.articles = unique
    return result
