"""How one briefing looks in the list: a fixed-height card of Rich `Text` lines.

Article text is only ever put into `Text(...)` with explicit styles, never parsed as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text

from brief.model import Briefing, Entity
from brief.ui.labels import date_label

CARD_HEIGHT = 4  # headline, date · source · chips, summary, gap
_SPACES = re.compile(r"\s+")
_BAR = "▌ "


@dataclass(frozen=True)
class CardStyles:
    headline: Style = Style(bold=True)
    meta: Style = Style(dim=True)
    summary: Style = Style()
    bar: Style = Style()
    selected: Style = Style(reverse=True)  # background of the selected card
    entities: dict[str, Style] = field(default_factory=dict)


def one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def top_entities(briefing: Briefing, limit: int = 4) -> list[Entity]:
    """The most mentioned entities first; ties by name so the order is stable."""
    return sorted(briefing.entities, key=lambda e: (-e.count, e.name))[:limit]


def _meta_line(briefing: Briefing, width: int, styles: CardStyles) -> Text:
    meta = Text()  # spans, not a base style, so chips keep only their own colour
    meta.append(date_label(briefing), style=styles.meta)
    if briefing.source:
        meta.append(" · " + one_line(briefing.source), style=styles.meta)
    for entity in top_entities(briefing):
        chip = one_line(entity.name)
        if meta.cell_len + 2 + len(chip) > width:
            continue  # a shorter, less mentioned name may still fit
        meta.append("  ")
        meta.append(chip, style=styles.entities.get(entity.type, Style()))
    return meta


def card_lines(briefing: Briefing, width: int, styles: CardStyles, selected: bool) -> list[Text]:
    """CARD_HEIGHT lines, each exactly `width` cells, ending with a blank gap line."""
    inner = max(1, width - len(_BAR))
    lines = [
        Text(one_line(briefing.headline) or "(no headline)", style=styles.headline),
        _meta_line(briefing, inner, styles),
        Text(one_line(briefing.summary), style=styles.summary),
    ]
    bar = Text(_BAR, style=styles.bar) if selected else Text(" " * len(_BAR))
    out = []
    for line in lines:
        line.truncate(inner, overflow="ellipsis", pad=True)
        row = bar + line
        if selected:
            row.stylize_before(styles.selected)
        out.append(row)
    out.append(Text(" " * width))
    return out
