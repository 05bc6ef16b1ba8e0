"""JSON Lines (one article an object) and JSON arrays of the same objects."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from brief.model import Article
from brief.sources.clean import clean_field, strip_controls
from brief.sources.dates import normalise_date
from brief.sources.ids import content_id
from brief.sources.text import normalise_paragraphs


def article_from_object(obj: object, *, path: str, source: str | None) -> Article:
    """An article from one decoded object; raises ValueError with a reason when it is not one."""
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    text = obj.get("text", "")
    if text is None:
        text = ""
    if not isinstance(text, str):
        raise ValueError('"text" is not a string')
    title = clean_field(obj.get("title"))
    # A headline-only item (a feed entry without a body) is
    # still a story; only a row with neither is skipped.
    if not text.strip() and not title:
        raise ValueError('no "text" or "title"')
    # Offsets in `brief entities` refer to the row's own text, so keep it as given (minus controls).
    body = strip_controls(text, keep_offsets=True)
    given_id = obj.get("id")
    return Article(
        id=clean_field(given_id)
        if given_id not in (None, "")
        else content_id(normalise_paragraphs(body), title),
        text=body,
        title=title,
        date=normalise_date(obj.get("date")),
        source=clean_field(obj.get("source")) or source,
        url=clean_field(obj.get("url")),
        path=path,
    )


def read_jsonl(
    text: str, *, path: str, source: str | None, problem: Callable[[str], None]
) -> Iterator[Article]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield article_from_object(json.loads(line), path=path, source=source)
        except json.JSONDecodeError as exc:
            problem(f"{path}:{number}: skipped: not valid JSON ({exc.msg})")
        except ValueError as exc:
            problem(f"{path}:{number}: skipped: {exc}")


def read_json(
    text: str, *, path: str, source: str | None, problem: Callable[[str], None]
) -> Iterator[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem(f"{path}: skipped: not valid JSON ({exc.msg} at line {exc.lineno})")
        return
    rows = data if isinstance(data, list) else [data]
    for number, obj in enumerate(rows, 1):
        try:
            yield article_from_object(obj, path=path, source=source)
        except ValueError as exc:
            problem(f"{path}: item {number} skipped: {exc}")
