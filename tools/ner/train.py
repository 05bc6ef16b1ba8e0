"""Dev-time: distil spaCy silver labels into brief's perceptron tagger.

    /tmp/nerlab/venv/bin/python tools/ner/silver.py /tmp/nerlab/silver.jsonl DEV.jsonl...
    .venv/bin/python tools/ner/train.py SILVER.jsonl... [--eval]

--eval trains on 80 % of the documents and scores the other 20 % against the silver spans;
without it, trains on everything and writes brief/analysis/data/ner_model.json.
"""

from __future__ import annotations

import collections
import hashlib
import json
import random
import sys
from pathlib import Path

from brief.analysis import ner_tagger as nt

OUT = Path(nt.__file__).with_name("data") / "ner_model.json"
EPOCHS = 10


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
    begins = {s: (e, nt.TYPES.index(label)) for s, e, label in spans}
    for window in nt.windows(text):
        starts, ends, words, i, j = window
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
                if abs(avg) >= 0.05:
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
    res.lower = frozenset(lower_lexicon(d["text"] for d in docs))
    data = [(d["text"], run, gold) for d in docs for run, gold in examples(d["text"], d["spans"], res)]
    learner = Perceptron()
    rng = random.Random(7)
    for epoch in range(EPOCHS):
        rng.shuffle(data)
        for text, run, gold in data:
            learn(run, text, res, gold, learner)
    return learner.averaged()


def predict(text, res):
    return set(nt.tag_runs(text, res))


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


def evaluate(docs, res, predictor=None) -> None:
    counts = collections.defaultdict(lambda: [0, 0, 0])
    for d in docs:
        pred = (predictor or predict)(d["text"], res)
        gold = set(d["spans"])
        for scheme, mapping in (("fine", {t: t for t in nt.TYPES}), ("conll", CONLL)):
            p = {(s, e, mapping[t]) for s, e, t in pred}
            g = {(s, e, mapping[t]) for s, e, t in gold}
            for t in set(mapping.values()):
                pt = {x for x in p if x[2] == t}
                gt = {x for x in g if x[2] == t}
                c = counts[(scheme, t)]
                c[0] += len(pt & gt)
                c[1] += len(pt - gt)
                c[2] += len(gt - pt)
    for key in sorted(counts):
        print("%-6s %-7s P %.3f R %.3f F %.3f  (n=%d)" % (*key, *prf(*counts[key]), counts[key][0] + counts[key][2]))
    main3 = [sum(counts[("conll", t)][i] for t in ("PER", "ORG", "LOC")) for i in range(3)]
    print("conll PER+ORG+LOC micro P %.3f R %.3f F %.3f" % prf(*main3))


def main(paths: list[str], do_eval: bool) -> None:
    res = nt.Resources(nt.load_json("gazetteer.json"), {})
    docs = [json.loads(line) for path in paths for line in open(path, encoding="utf-8")]
    for d in docs:
        d["spans"] = clean_spans(d["text"], d["ents"], res.norp)
    if do_eval:
        held = [d for d in docs if int(hashlib.md5(d["id"].encode()).hexdigest(), 16) % 5 == 0]
        rest = [d for d in docs if d not in held]
        res.weights = train(rest, res)
        print(f"trained on {len(rest)} documents, held out {len(held)}")
        news = [d for d in held if not d["id"].startswith(("wiki-", "lee-"))]
        print(f"-- held-out news documents (CNN/DM + ECB+), n={len(news)}")
        evaluate(news, res)
        print(f"-- all held-out documents, n={len(held)}")
        evaluate(held, res)
        print(f"-- held-out news documents through brief's whole entity pipeline, n={len(news)}")
        evaluate(news, res, predict_pipeline)
        return
    weights = train(docs, res)
    model = {
        "about": "Averaged perceptron distilled from spaCy en_core_web_sm 3.8 (MIT) silver labels "
        "over the dev texts by tools/ner/train.py.",
        "tags": list(nt.TAGS),
        "lower": sorted(res.lower),
        "weights": dict(sorted(weights.items())),
    }
    OUT.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(OUT, len(weights), "features", OUT.stat().st_size, "bytes")


if __name__ == "__main__":
    main([a for a in sys.argv[1:] if a != "--eval"], "--eval" in sys.argv[1:])
