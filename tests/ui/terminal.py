"""What the terminal shows, read through Textual's public screenshot API.

`App.export_screenshot()` renders the current screen (with the screens under a modal, and any
toasts) to SVG, one `<text>` element per run of styled characters, clipped to its terminal line.
Putting each run at its column gives back the text a user sees.
"""

from __future__ import annotations

import html
import re

CHAR_WIDTH = 12.2  # Rich's SVG export: a cell is 0.61 of the 20px font size
_RUN = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#terminal-(?:\d+-)?line-(\d+)\)">(.*?)</text>'
)


def screen_text(app) -> str:
    """The screen as plain text, one line per terminal row."""
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for x, line, run in _RUN.findall(app.export_screenshot()):
        row, column = rows[int(line)], round(float(x) / CHAR_WIDTH)
        for offset, char in enumerate(html.unescape(run).replace("\xa0", " ")):
            if column + offset < width:
                row[column + offset] = char
    return "\n".join("".join(row).rstrip() for row in rows)
