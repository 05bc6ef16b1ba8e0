"""Dev-time: turn gold-labelled NER corpora (CoNLL/IOB columns) into brief's evaluation JSONL.

    python -m tools.ner.gold OUT_DIR [--share-alike]
        [--wikigold FILE] [--btc FILE...] [--uner FILE...] [--gum DEP_DIR]

Writes OUT_DIR/train.jsonl and OUT_DIR/heldout.jsonl, one document a line in the format of
../shared/eval/entities.py: {"id", "source", "text", "gold": [{"start", "end", "type"}]} with
CoNLL types PER, ORG, LOC, MISC. Documents are split by a hash of their id (one in five held
out), except UNER, whose own test file is the held-out part. Where each corpus comes from, and
its licence, is in tools/ner/README.md. The corpora stay outside the repository.

Share-alike material is left out of train.jsonl unless --share-alike is given: UNER English-EWT
(CC BY-SA 4.0) then gives only its held-out test file (scoring on it is no use of its text in
the weights), and GUM's bio and voyage genres (CC BY-SA 3.0 texts) are not read at all.
"""

from __future__ import annotations

import collections
import hashlib
import json
import re
import sys
from pathlib import Path

# No space before these tokens, none after the opening ones: a plain detokeniser, enough for
# the tagger, whose own tokeniser splits them again.
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|'s|'S|n't|'re|'ve|'ll|'d|'m|’s)$")
_NO_SPACE_AFTER = frozenset("([{$")


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text and each token's (start, end) in it."""
    parts: list[str] = []
    offsets = []
    pos = 0
    prev = None
    for tok in tokens:
        if prev is not None and not _NO_SPACE_BEFORE.match(tok) and prev not in _NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        prev = tok
    return "".join(parts), offsets


def spans_from_tags(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans [i, j) from IOB1 or IOB2 tags ("I-ORG" after "O" starts a span)."""
    out = []
    start, kind = None, None
    for k, tag in enumerate([*tags, "O"]):
        prefix, _, t = tag.partition("-")
        if start is not None and (prefix in ("O", "B") or t != kind):
            out.append((start, k, kind))
            start, kind = None, None
        if prefix in ("B", "I") and start is None:
            start, kind = k, t
    return out


TYPE_NAMES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


def document(doc_id: str, source: str, sentences: list[list[tuple[str, str]]]) -> dict:
    """One document: sentences joined by a space, as a paragraph of prose."""
    tokens = [tok for sent in sentences for tok, _ in sent]
    tags = [tag for sent in sentences for _, tag in sent]
    text, offsets = detokenize(tokens)
    gold = [
        {"start": offsets[i][0], "end": offsets[j - 1][1], "type": TYPE_NAMES[t]}
        for i, j, t in spans_from_tags(tags)
        if t in TYPE_NAMES
    ]
    return {"id": doc_id, "source": source, "text": text, "gold": gold}


def read_columns(path: Path, sep: str | None, tag_col: int = 1):
    """Documents as lists of sentences of (token, tag); "-DOCSTART-" or "# newdoc" starts one."""
    docs: list[list[list[tuple[str, str]]]] = [[]]
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc") or line.startswith("-DOCSTART-"):
            if sent:
                docs[-1].append(sent)
                sent = []
            if docs[-1]:
                docs.append([])
            continue
        if line.startswith("#"):
            continue
        cols = line.split(sep) if sep else line.split()
        if not line.strip():
            if sent:
                docs[-1].append(sent)
                sent = []
            continue
        if sep == "\t" and cols[0].isdigit() and len(cols) >= 3:  # UNER: index, token, tag
            cols = cols[1:]
        sent.append((cols[0], cols[tag_col] if len(cols) > tag_col else "O"))
    if sent:
        docs[-1].append(sent)
    return [d for d in docs if d]


def held_out(doc_id: str) -> bool:
    return int(hashlib.md5(doc_id.encode()).hexdigest(), 16) % 5 == 0


def wikigold(path: Path):
    for n, sents in enumerate(read_columns(path, None)):
        yield document(f"wikigold-{n}", "wikigold", sents), None


def uner(path: Path, share_alike: bool = False):
    """UNER English-EWT (CC BY-SA 4.0): its test file is held out; its other files train only
    with share_alike."""
    split = "heldout" if "test" in path.name else "train"
    if split == "train" and not share_alike:
        print(f"gold.py: {path.name}: UNER EWT is CC BY-SA 4.0; not trained on (see --share-alike)")
        return
    for n, sents in enumerate(read_columns(path, "\t")):
        yield document(f"uner-{path.stem}-{n}", "uner-ewt", sents), split


def btc(path: Path, per_doc: int = 10):
    """Tweets, ten to a document (a tweet alone gives the tagger no document context)."""
    tweets = [s for d in read_columns(path, "\t") for s in d]
    # The ids (and so the held-out split) are those of section files named btc_a.conll, ...;
    # the repository names them a.conll, ...
    part = path.stem if path.stem.startswith("btc_") else "btc_" + path.stem
    for n in range(0, len(tweets), per_doc):
        yield document(f"btc-{part}-{n}", "btc", tweets[n : n + per_doc]), None


def sec(path: Path):
    """SEC filings (Salinas Alvarado et al. 2015, CC BY 3.0): loan agreements, CoNLL columns
    (token, POS, chunk, IOB1 tag); the test file (FIN3) is held out. Tags on lower-case words
    ("the bank") teach the tagger nothing: it reads capitalised runs only."""
    split = "heldout" if "test" in path.parts or path.stem == "FIN3" else "train"
    for n, sents in enumerate(read_columns(path, " ", tag_col=3)):
        yield document(f"sec-{path.stem}-{n}", "sec", sents), split


WNUT_TYPES = {"person": "PER", "location": "LOC", "corporation": "ORG", "group": "ORG"}


def wnut17(path: Path, per_doc: int = 10):
    """WNUT-17 emerging entities (Derczynski et al. 2017, CC BY 4.0): posts, ten to a document;
    person, location, corporation and group (clubs, bands, parties) are PER, LOC, ORG, ORG,
    products and creative works MISC. Its test file is held out."""
    split = "heldout" if "test" in path.name else "train"
    posts = [
        [(tok, _wnut_tag(tag)) for tok, tag in sent]
        for d in read_columns(path, "\t")
        for sent in d
    ]
    for n in range(0, len(posts), per_doc):
        yield document(f"wnut17-{path.stem}-{n}", "wnut17", posts[n : n + per_doc]), split


def _wnut_tag(tag: str) -> str:
    prefix, _, kind = tag.partition("-")
    return f"{prefix}-{WNUT_TYPES.get(kind, 'MISC')}" if kind else "O"


def main(argv: list[str]) -> None:
    share_alike = "--share-alike" in argv
    argv = [a for a in argv if a != "--share-alike"]
    out_dir = Path(argv[0])
    out_dir.mkdir(parents=True, exist_ok=True)
    from tools.ner import gum

    genres = gum.GENRES + (gum.SHARE_ALIKE_GENRES if share_alike else ())
    readers = {
        "--wikigold": wikigold,
        "--uner": lambda path: uner(path, share_alike),
        "--btc": btc,
        "--sec": sec,
        "--wnut17": wnut17,
        "--gum": lambda path: gum.gum_documents(path, genres),
    }
    jobs = []
    reader = None
    for arg in argv[1:]:
        if arg in readers:
            reader = arg
        elif reader:
            jobs.append((readers[reader], Path(arg)))
        else:
            raise SystemExit(f"gold.py: {arg}: name its corpus first (--wikigold, --uner, ...)")
    counts: dict[tuple[str, str], int] = collections.Counter()
    with (
        open(out_dir / "train.jsonl", "w", encoding="utf-8") as train,
        open(out_dir / "heldout.jsonl", "w", encoding="utf-8") as heldout,
    ):
        for read, path in jobs:
            for doc, split in read(path):
                split = split or ("heldout" if held_out(doc["id"]) else "train")
                counts[split, doc["source"]] += 1
                (heldout if split == "heldout" else train).write(
                    json.dumps(doc, ensure_ascii=False) + "\n"
                )
    for split in ("train", "heldout"):
        parts = ", ".join(f"{src} {n}" for (sp, src), n in sorted(counts.items()) if sp == split)
        print(f"{split}: {sum(n for (sp, _), n in counts.items() if sp == split)} documents ({parts})")
    print(f"in {out_dir}; GUM genres read: {', '.join(genres)}")


if __name__ == "__main__":
    main(sys.argv[1:])
