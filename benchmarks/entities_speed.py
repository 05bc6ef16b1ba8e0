"""Words per second of the whole `brief entities --json X.jsonl` command on one core.

    python benchmarks/entities_speed.py [X.jsonl ...] [--runs 5]

Default input: the dev texts in ../shared/data (about 150,000 words), else the bundled seeds
repeated. Each run is a fresh process pinned to core 0 (`taskset -c 0`), so start-up, loading the
model and writing JSON all count. The reference, measured in the same run on the same file, is a
fresh Python process that reads the file and does one plain regex tokenizer pass over every text.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "data"
REFERENCE = (
    "import json, re, sys\n"
    "W = re.compile(r'\\w+|[^\\w\\s]')\n"
    "n = 0\n"
    "for line in open(sys.argv[1], encoding='utf-8'):\n"
    "    n += len(W.findall(json.loads(line)['text']))\n"
    "print(n)\n"
)


def input_file(paths: list[str]) -> Path:
    sources = [Path(p) for p in paths] or sorted(SHARED.glob("*.jsonl"))
    rows = []
    for path in sources:
        rows += [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    if not rows:
        seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
        rows = [{"id": f"seed-{n}", "text": seeds[n % len(seeds)]} for n in range(400)]
    out = Path(tempfile.mkdtemp()) / "entities-bench.jsonl"
    rows = [r for r in rows if r["text"].strip()]
    out.write_text(
        "".join(
            json.dumps({"id": r.get("id", str(n)), "text": r["text"]}) + "\n"
            for n, r in enumerate(rows)
        ),
        encoding="utf-8",
    )
    return out


def timed(command: list[str]) -> float:
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    start = time.perf_counter()
    subprocess.run(pin + command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    args = sys.argv[1:]
    runs = 5
    if "--runs" in args:
        i = args.index("--runs")
        runs = int(args[i + 1])
        del args[i : i + 2]
    path = input_file(args)
    words = sum(
        len(json.loads(line)["text"].split())
        for line in path.read_text(encoding="utf-8").splitlines()
    )
    brief = shutil.which("brief", path=str(Path(sys.executable).parent)) or "brief"
    ours, ref = [], []
    for _ in range(runs):
        ours.append(timed([brief, "entities", "--json", str(path)]))
        ref.append(timed([sys.executable, "-c", REFERENCE, str(path)]))
    t, r = statistics.median(ours), statistics.median(ref)
    print(f"input: {words:,} words in {path}")
    print(f"brief entities --json : median {t:.3f} s over {runs} runs = {words / t:,.0f} words/s")
    print(f"reference regex pass  : median {r:.3f} s = {words / r:,.0f} words/s")
    print(f"brief takes {t / r:.1f}x the reference")


if __name__ == "__main__":
    main()
