"""Bytes on the wire: what `brief` writes to a real pty for one cursor move, one search
keystroke and the first paint, with 1,000 briefings, at 80x24 and 200x50; and the same for a
plain Textual OptionList app and a plain DataTable app of 1,000 rows, as references.

    python benchmarks/wire_bytes.py [--moves 20]

Each figure is the median over `--moves` single keystrokes, each read until the program has
been quiet for 0.3 s. Cursor moves are `j` (down) in brief and `down` in the references.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.pty_session import PtySession  # noqa: E402

REFERENCE = """
import sys
from textual.app import App
from textual.widgets import DataTable, OptionList

KIND = sys.argv[1]
ROWS = [f"Headline number {i:04d} about a story in the news" for i in range(1000)]


class Reference(App):
    def compose(self):
        if KIND == "optionlist":
            yield OptionList(*ROWS)
        else:
            table = DataTable(cursor_type="row")
            table.add_columns("date", "headline")
            for i, row in enumerate(ROWS):
                table.add_row(f"2025-01-{i % 28 + 1:02d}", row)
            yield table

    def on_mount(self):
        self.query("*").focus()
        self.notify("ready", timeout=1)


Reference().run()
"""


def corpus(folder: Path) -> Path:
    path = folder / "news.jsonl"
    with path.open("w") as out:
        for i in range(1000):
            row = {
                "id": f"n{i:04d}",
                "title": f"Story {i:04d}: Minister Ada Lovelace visits Berlin about trade",
                "date": f"2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
                "source": "Wire",
                "text": f"Minister Ada Lovelace visited Berlin on story {i}. Talks were held.",
            }
            out.write(json.dumps(row) + "\n")
    return path


def measure(command, env, size, move, search, ready, moves) -> dict[str, float]:
    with PtySession(command, env, *size) as term:
        term.wait_for(ready, timeout=300)
        first = len(term.output)
        term.settle(1.0)
        first = len(term.output)
        per_move = []
        for _ in range(moves):
            term.send(move)
            per_move.append(len(term.settle(0.3)))
        per_key = []
        if search:
            term.send("/")
            term.settle(0.5)
            for char in "lovelace berlin"[:moves]:
                term.send(char)
                per_key.append(len(term.settle(0.3)))
        return {
            "first_paint": first,
            "move": statistics.median(per_move),
            "keystroke": statistics.median(per_key) if per_key else float("nan"),
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--moves", type=int, default=15)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp())
    env = dict(os.environ, TERM="xterm-256color")
    for name in ("CONFIG", "DATA", "CACHE"):
        env[f"XDG_{name}_HOME"] = str(root / name.lower())
    env.pop("NO_COLOR", None)
    news = corpus(root)
    brief = [str(Path(sys.executable).with_name("brief")), str(news)]
    script = root / "reference.py"
    script.write_text(REFERENCE)
    for size in ((80, 24), (200, 50)):
        rows = {
            "brief": measure(brief, env, size, "j", True, "1,000 briefings", args.moves),
            "OptionList": measure(
                [sys.executable, str(script), "optionlist"],
                env,
                size,
                "down",
                False,
                "ready",
                args.moves,
            ),
            "DataTable": measure(
                [sys.executable, str(script), "datatable"],
                env,
                size,
                "down",
                False,
                "ready",
                args.moves,
            ),
        }
        for name, row in rows.items():
            print(
                f"{size[0]}x{size[1]}  {name:<10}  first paint {row['first_paint']:>7,} B  "
                f"cursor move {row['move']:>7,.0f} B  search keystroke {row['keystroke']:>7,.0f} B"
            )


if __name__ == "__main__":
    main()
