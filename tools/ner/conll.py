"""Dev-time, evaluation only: CoNLL-2003 English (eng.testa / eng.testb) as brief's gold JSONL.

    python -m tools.ner.conll eng.testb > /tmp/conll-test.jsonl
    python ../shared/eval/entities.py /tmp/conll-test.jsonl

CoNLL-2003's text is the Reuters corpus, licensed for research only: it is never trained on,
and neither the files nor their conversion belong in the repository. This script only lets the
issue's held-out target be measured on a copy the developer has. Each "-DOCSTART-" starts a
document; its first lines (headline, byline, dateline) are paragraphs of their own, as on the
wire, and the body follows as prose. Tags are IOB1 in the last column.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tools.ner.gold import detokenize, spans_from_tags

HEAD_LINES = 3  # headline, then byline or dateline: lines of their own before the body


def documents(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents as lists of sentences of (token, tag)."""
    docs: list[list[list[tuple[str, str]]]] = [[]]
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-") or not line.strip():
            if sent:
                docs[-1].append(sent)
                sent = []
            if line.startswith("-DOCSTART-") and docs[-1]:
                docs.append([])
            continue
        cols = line.split()
        sent.append((cols[0], cols[-1]))
    if sent:
        docs[-1].append(sent)
    return [d for d in docs if d]


def as_gold(n: int, sentences: list[list[tuple[str, str]]]) -> dict:
    text, gold = "", []
    for k, sent in enumerate(sentences):
        part, offsets = detokenize([tok for tok, _ in sent])
        if text:
            text += "\n\n" if k < HEAD_LINES else " "
        base = len(text)
        text += part
        for i, j, kind in spans_from_tags([tag for _, tag in sent]):
            gold.append(
                {"start": base + offsets[i][0], "end": base + offsets[j - 1][1], "type": kind}
            )
    return {"id": f"conll-{n}", "text": text, "gold": gold}


def main(argv: list[str]) -> None:
    for n, doc in enumerate(documents(Path(argv[0]))):
        print(json.dumps(as_gold(n, doc), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
