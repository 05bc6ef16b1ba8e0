"""ROUGE of `brief` summaries against human reference summaries, beside Lead-3 and Lead-2.

    python benchmarks/summaries_rouge.py [GOLD.jsonl] [--show N]

GOLD.jsonl has one article a line with "id", "text" and "reference" (default:
../shared/data/summaries-cnndm-dev.jsonl, 100 CNN/DailyMail articles from the FRANK benchmark).
Summaries come from the real `brief list --json GOLD.jsonl` command, so the whole pipeline
(sources, blocks, sentences, cleaning, selection) is measured. Scoring follows
../shared/eval/summaries.py: rouge-score with stemming, sentences on separate lines for
ROUGE-Lsum, F1 x 100 averaged over articles. Needs `pip install rouge-score`.
--show N prints the first N summaries with their references and derived headlines.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from rouge_score import rouge_scorer

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO.parent / "shared" / "data" / "summaries-cnndm-dev.jsonl"
# The evaluation script's sentence splitter, so Lead-k and Lsum line breaks match it exactly.
SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"\u201d']))\s+(?=[A-Z\"\u201c'])")
METRICS = ("rouge1", "rouge2", "rougeLsum")


def sentences(text: str) -> list[str]:
    return [s for s in SENT.split(" ".join(text.split())) if s]


def score(pairs: list[tuple[str, str]]) -> list[float]:
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    total = [0.0] * len(METRICS)
    for ref, pred in pairs:
        result = scorer.score("\n".join(sentences(ref)), "\n".join(sentences(pred)))
        for i, metric in enumerate(METRICS):
            total[i] += result[metric].fmeasure
    return [100 * t / len(pairs) for t in total]


def brief_list(path: Path) -> list[dict]:
    exe = Path(sys.executable).with_name("brief")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "brief"]
    out = subprocess.run(
        [*command, "list", "--json", str(path)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    gold = [
        json.loads(line)
        for line in args.gold.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    items = {item["id"]: item for item in brief_list(args.gold)}
    ours = [items[g["id"]]["summary"] for g in gold]
    rows = {
        "Lead-2": [" ".join(sentences(g["text"])[:2]) for g in gold],
        "Lead-3": [" ".join(sentences(g["text"])[:3]) for g in gold],
        "brief": ours,
    }
    print(f"articles {len(gold)}  ({args.gold})")
    print(f"{'':8} {'R1':>6} {'R2':>6} {'RLsum':>6} {'words':>6}")
    results = {}
    for name, preds in rows.items():
        results[name] = score([(g["reference"], p) for g, p in zip(gold, preds)])
        words = sum(len(p.split()) for p in preds) / len(preds)
        print(
            f"{name:8} {results[name][0]:6.2f} {results[name][1]:6.2f} {results[name][2]:6.2f} "
            f"{words:6.1f}"
        )
    gap = [b - lead for b, lead in zip(results["brief"], results["Lead-3"])]
    print("brief - Lead-3: " + " ".join(f"{g:+.2f}" for g in gap))
    for g, summary in list(zip(gold, ours))[: args.show]:
        print(
            f"\n# {items[g['id']]['title']}\n  brief: {summary}\n  ref:   "
            f"{' '.join(g['reference'].split())}"
        )


if __name__ == "__main__":
    main()
