"""One look per entity type, defined in styles/brief.tcss as component classes.

Each type gets its own colour and, under NO_COLOR, its own text style, so the six
types stay distinguishable in truecolour, 256 colours, 16 colours and monochrome.
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget

from brief.model import ENTITY_TYPES

# What the help legend says each type means.
ENTITY_MEANINGS = {
    "PERSON": "people",
    "ORG": "organisations",
    "GPE": "countries, cities",
    "LOC": "other places",
    "NORP": "nationalities",
    "EVENT": "named events",
}


def component_class(entity_type: str) -> str:
    return f"entity--{entity_type.lower()}"


ENTITY_COMPONENT_CLASSES = {component_class(t) for t in ENTITY_TYPES}


def entity_styles(widget: Widget) -> dict[str, Style]:
    """Rich styles per entity type, read from the widget's component classes (theme-aware)."""
    return {
        t: widget.get_component_rich_style(component_class(t), partial=True) for t in ENTITY_TYPES
    }
