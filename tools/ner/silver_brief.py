"""Dev-time: label texts with brief's own entity pipeline and a given model file, as silver data.

    python -m tools.ner.silver_brief MODEL.json OUT.jsonl INPUT.jsonl...

The shipped tagger is trained on gold corpora plus these labels from the previous model (spaCy
en_core_web_sm distilled, commit a23bcc2) over the development news texts, so that it keeps
what that model knew of news names (see tools/ner/README.md). Writes {"id", "text", "ents"}.
"""

from __future__ import annotations

import json
import sys

from brief.analysis import entities
from brief.analysis import ner_tagger as nt


def main(model_path: str, out_path: str, paths: list[str]) -> None:
    with open(model_path, encoding="utf-8") as f:
        res = nt.Resources(nt.load_json("gazetteer.json"), json.load(f))
    nt.resources = entities.resources = lambda: res  # label with the given weights
    with open(out_path, "w", encoding="utf-8") as out:
        for path in paths:
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f):
                    text = json.loads(line).get("text") or ""
                    mentions, _ = entities.find_entities(text)
                    ents = [[m.start, m.end, m.type] for m in mentions]
                    row = {"id": f"{path}:{n}", "text": text, "ents": ents}
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
