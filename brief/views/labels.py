"""Short human labels for dates and counts (plain strings, no Textual)."""

from __future__ import annotations

from brief.model import Briefing

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def human_date(iso: str) -> str:
    """`2025-06-27` -> `27 Jun 2025`; partial dates degrade
    (`2025-06` -> `Jun 2025`); junk is shown as given."""
    parts = iso.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return iso
    if len(numbers) == 3 and 1 <= numbers[1] <= 12:
        return f"{numbers[2]} {_MONTHS[numbers[1] - 1]} {numbers[0]}"
    if len(numbers) == 2 and 1 <= numbers[1] <= 12:
        return f"{_MONTHS[numbers[1] - 1]} {numbers[0]}"
    return iso


INFERRED = "≈"  # marks a date read from the article's text rather than given by its source


def dated(
    date: str | None,
    inferred: bool,
    *,
    human: bool = True,
    align: bool = False,
    undated: str = "undated",
) -> str:
    """A date as shown everywhere: `8 Nov 2024`, `≈ 27
    Jun 2025` when inferred, `undated` when unknown.

    `human=False` keeps ISO (`≈ 2025-06-27`, for tables); `align` pads a given date (and
    `undated`) by the width of the mark, so that a column of dates lines up.
    """
    if not date:
        return ("  " if align else "") + undated
    shown = human_date(date) if human else date
    if inferred:
        return f"{INFERRED} {shown}"
    return ("  " if align else "") + shown


def date_label(briefing: Briefing) -> str:
    """What a card shows for the date: `8 Nov 2024`, `≈ 27 Jun 2025` when inferred, or `undated`."""
    return dated(briefing.date, briefing.date_inferred)


def count_label(count: int, noun: str = "briefing") -> str:
    """`1 briefing`, `10,000 briefings`, `2 stories`."""
    if count == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"
    return f"{count:,} {plural}"
