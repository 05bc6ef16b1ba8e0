"""Dev-time: more cased English text for distillation, from files that PyPI packages ship.

    pip download --no-deps gensim==4.4.0 ; unzip its wheel's gensim/test/test_data/
    python tools/ner/extra_text.py TEST_DATA_DIR OUT.jsonl

Uses lee_background.cor (299 Australian news stories, the Lee et al. 2005 corpus) and the
shortened English Wikipedia dump gensim ships for its tests (CC BY-SA), reduced to prose paragraphs.
Only the learned weights and a list of common lower-case words reach brief, never the text.
"""

import bz2
import html
import json
import re
import sys
from pathlib import Path

TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
REF = re.compile(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>", re.S)
TAG = re.compile(r"<[^>]+>")
LINK = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]")
EXTERNAL = re.compile(r"\[https?://\S+\s*([^\]]*)\]")
QUOTES = re.compile(r"'{2,}")
TITLE = re.compile(r"<title>(.*?)</title>")


def wiki_articles(path: Path, max_words: int):
    raw = html.unescape(bz2.open(path, "rt", encoding="utf-8").read())
    words = 0
    for n, page in enumerate(raw.split("<page>")[1:]):
        body = REF.sub("", page)
        for _ in range(4):
            body = TEMPLATE.sub("", body)
        paras = []
        for line in body.splitlines():
            line = line.strip()
            if len(line) < 200 or not line[0].isalpha() or line.startswith(("File:", "Image:")):
                continue
            line = QUOTES.sub("", EXTERNAL.sub(r"\1", LINK.sub(r"\1", TAG.sub("", line))))
            if "{{" in line or "}}" in line or "|" in line:
                continue
            paras.append(line)
        if paras:
            text = "\n\n".join(paras)
            words += len(text.split())
            title = TITLE.search(page)
            yield f"wiki-{n}", text, (title.group(1) if title else "")
        if words > max_words:
            return


def main(test_data: str, out_path: str) -> None:
    root = Path(test_data)
    with open(out_path, "w", encoding="utf-8") as out:
        for n, line in enumerate((root / "lee_background.cor").read_text(encoding="utf-8").splitlines()):
            if line.strip():
                out.write(json.dumps({"id": f"lee-{n}", "text": line.strip()}) + "\n")
        dump = next(root.glob("enwiki-*.bz2"))
        for doc_id, text, _ in wiki_articles(dump, 700_000):
            out.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
