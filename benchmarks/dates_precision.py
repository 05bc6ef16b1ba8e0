"""How often a date brief infers from an article's text is right, and how many it infers.

    python benchmarks/dates_precision.py [--show]

Three checks, on the development data in ../shared/data (skipped when absent):

- BBC (112 articles, no dates given, all written in 2004-2005): an inferred date
  outside those years is wrong.
- ECB+ (the 32 articles whose date is given): the date is hidden from brief, which
  must infer it again; right when the year matches (and counted apart when the day does).
- CNN/DailyMail (100 articles, no dates, written 2007-2015): outside those years is wrong.

Precision is right / inferred; coverage is inferred / articles. Precision matters
more: an article left undated is better than one dated to a birth or a war.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = next(
    (p for p in (HERE.parent.parent / "shared" / "data", Path("/work/shared/data")) if p.is_dir()),
    None,
)


def infer(rows: list[dict]) -> dict[str, dict]:
    """`brief list --json` on `rows` (written as JSON Lines), by id."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
        brief = Path(sys.executable).with_name("brief")
        command = [str(brief)] if brief.exists() else [sys.executable, "-m", "brief"]
        done = subprocess.run(
            [*command, "list", "--json", str(path)],
            capture_output=True,
            text=True,
            check=True,
            env={"XDG_CACHE_HOME": tmp, "XDG_DATA_HOME": tmp, "PATH": "/usr/bin:/bin"},
        )
    return {b["id"]: b for b in json.loads(done.stdout)}


def rows_of(name: str) -> list[dict]:
    keep = ("id", "title", "text", "date", "source", "url")
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [{k: v for k, v in json.loads(line).items() if k in keep} for line in lines]


def years_check(name: str, first: int, last: int, show: bool) -> tuple[int, int, int]:
    rows = [{**r, "date": None} for r in rows_of(name)]
    out = infer(rows)
    inferred = [b for b in out.values() if b["date"] and b["date_inferred"]]
    right = [b for b in inferred if first <= int(b["date"][:4]) <= last]
    if show:
        for b in inferred:
            mark = "ok " if b in right else "BAD"
            print(f"  {mark} {b['date']}  {b['id']}  {b['title'][:60]}")
    return len(rows), len(inferred), len(right)


def hidden_check(show: bool) -> tuple[int, int, int, int]:
    rows = [r for r in rows_of("threads-ecbplus-dev.jsonl") if r.get("date")]
    truth = {r["id"]: r["date"] for r in rows}
    out = infer([{**r, "date": None} for r in rows])
    inferred = [b for b in out.values() if b["date"] and b["date_inferred"]]
    right = [b for b in inferred if b["date"][:4] == truth[b["id"]][:4]]
    exact = [b for b in inferred if b["date"] == truth[b["id"]]]
    if show:
        for b in inferred:
            mark = "ok " if b in right else "BAD"
            print(f"  {mark} {b['date']} (given {truth[b['id']]})  {b['id']}  {b['title'][:50]}")
    return len(rows), len(inferred), len(right), len(exact)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="list every inferred date")
    args = parser.parse_args()
    if DATA is None:
        print("dates_precision: skipped; the dev data (../shared/data) is not here")
        return
    total_inferred = total_right = 0
    print(f"{'set':<34} {'articles':>8} {'inferred':>8} {'right':>6} {'precision':>9}")
    for label, name, first, last in (
        ("BBC 2004-2005 (year)", "summaries-bbc-dev.jsonl", 2004, 2005),
        ("CNN/DailyMail 2007-2015 (year)", "summaries-cnndm-dev.jsonl", 2007, 2015),
    ):
        n, inferred, right = years_check(name, first, last, args.show)
        total_inferred, total_right = total_inferred + inferred, total_right + right
        precision = f"{right / inferred:9.1%}" if inferred else "      n/a"
        print(f"{label:<34} {n:>8} {inferred:>8} {right:>6} {precision}")
    n, inferred, right, exact = hidden_check(args.show)
    total_inferred, total_right = total_inferred + inferred, total_right + right
    precision = f"{right / inferred:9.1%}" if inferred else "      n/a"
    print(f"{'ECB+ given dates hidden (year)':<34} {n:>8} {inferred:>8} {right:>6} {precision}")
    print(f"{'  of which the exact day':<34} {'':>8} {'':>8} {exact:>6}")
    overall = f"{total_right / total_inferred:.1%}" if total_inferred else "n/a"
    print(f"overall precision {overall} ({total_right} of {total_inferred} inferred dates right)")


if __name__ == "__main__":
    main()
