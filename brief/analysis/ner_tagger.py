"""A fast named-entity tagger: runs of capitalised tokens, labelled by a greedy averaged perceptron.

Only capitalised runs (with inner connectors such as "of", "de", "-") are classified, so most
tokens cost one regex match and one character test. The weights are distilled at dev time from
spaCy silver labels (tools/ner/train.py) and shipped in data/ner_model.json; the same feature code
serves training and tagging, so the two cannot drift apart.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data")

TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT")
# Tag i: 0 is O, 2k+1 is B-TYPES[k], 2k+2 is I-TYPES[k].
TAGS = ("O", *(f"{p}-{t}" for t in TYPES for p in "BI"))

# "U.S." and "a.m." stay whole; "Putin's" splits before "'s"; "O'Brien" stays whole.
TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:['’](?![sS]\b)[^\W_]+)*|['’][sS]\b|\S")

CONNECTORS = frozenset("of de del della di da du des la le van von der den al el bin ibn and & the for on upon -".split())
# Abbreviations whose full stop may sit inside a name ("St. Louis", "George W. Bush").
ABBREVIATIONS = frozenset("Mr Mrs Ms Dr St Mt Ft Jr Sr Gen Sen Rep Gov Lt Col Capt Sgt Prof Rev Co Corp Inc Ltd".split())
# Titles are not part of a name: "President", "Russian President" stay outside the span.
TITLE_WORDS = frozenset(
    """President Vice Prime Minister Secretary Chancellor Senator Sen Governor Gov Mayor King Queen
    Prince Princess Pope Mr Mrs Ms Dr Premier Rep Ambassador Speaker Archbishop Sheikh Ayatollah Cardinal""".split()
)
BOUNDARIES = frozenset('. ! ? : ; " “ ” ‘ ’ | ( ) [ ] — – • … *'.split())


def tokenize(text: str) -> tuple[list[int], list[int], list[str]]:
    starts: list[int] = []
    ends: list[int] = []
    words: list[str] = []
    for m in TOKEN_RE.finditer(text):
        s, e = m.span()
        starts.append(s)
        ends.append(e)
        words.append(m.group())
    return starts, ends, words


def find_runs(text: str, starts: list[int], ends: list[int], words: list[str]) -> list[tuple[int, int]]:
    """(first, last+1) token indices of each capitalised run; runs never cross a line break."""
    runs = []
    n = len(words)
    find = text.find
    i = 0
    while i < n:
        if not words[i][0].isupper():
            i += 1
            continue
        j = i + 1
        while j < n:
            if find("\n", ends[j - 1], starts[j]) != -1:
                break
            w = words[j]
            if w[0].isupper():
                j += 1
                continue
            k = j
            if w == ".":
                if not (words[j - 1] in ABBREVIATIONS or (len(words[j - 1]) == 1 and words[j - 1].isupper())):
                    break
                k = j + 1
            else:
                while k < n and k - j < 2 and words[k] in CONNECTORS:
                    if w == "-" and (ends[k - 1] != starts[k] or (k + 1 < n and ends[k] != starts[k + 1])):
                        break  # only a tight hyphen joins ("US-Russia", "Jean-Claude")
                    k += 1
                if k == j:
                    break
            if k < n and words[k][0].isupper() and find("\n", ends[j - 1], starts[k]) == -1:
                j = k + 1
                continue
            break
        runs.append((i, j))
        i = j
    return runs


def _shape(w: str) -> str:
    if w.isupper():
        return "XX" if len(w) > 1 else "X"
    if w.istitle():
        return "Xx"
    if w.isdigit():
        return "d"
    if w.islower():
        return "x"
    return "mix"


class Resources:
    """The shipped gazetteer and model, loaded once."""

    def __init__(self, gazetteer: dict, model: dict) -> None:
        phrases: dict[str, str] = {}
        for key, code in (("country", "C"), ("state", "S"), ("city", "T"), ("region", "R"), ("norp", "N"), ("org", "O")):
            for name in gazetteer[key]:
                phrases[name] = phrases.get(name, "") + code
        for name in gazetteer["alias"]:
            phrases[name] = phrases.get(name, "") + "A"
        self.phrases = phrases
        self.max_phrase = max(len(TOKEN_RE.findall(p)) for p in phrases)
        self.aliases: dict[str, str] = gazetteer["alias"]
        self.norp = frozenset(gazetteer["norp"])
        self.lower = frozenset(model.get("lower", ()))
        self.weights: dict[str, tuple[tuple[int, float], ...]] = {
            f: tuple((int(c), v) for c, v in cw.items()) for f, cw in model.get("weights", {}).items()
        }


def load_json(name: str) -> dict:
    return json.loads((_DATA / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def resources() -> Resources:
    model_path = _DATA / "ner_model.json"
    model = json.loads(model_path.read_text(encoding="utf-8")) if model_path.exists() else {}
    return Resources(load_json("gazetteer.json"), model)


def gazetteer_codes(text, starts, ends, i, j, res: Resources) -> dict[int, str]:
    """For tokens in run [i, j): 'B'/'I' + place codes of the longest gazetteer phrase over them."""
    out: dict[int, str] = {}
    phrases = res.phrases
    k = i
    while k < j:
        for m in range(min(j, k + res.max_phrase), k, -1):
            codes = phrases.get(text[starts[k] : ends[m - 1]])
            if codes:
                out[k] = "B" + codes
                for q in range(k + 1, m):
                    out[q] = "I" + codes
                k = m
                break
        else:
            k += 1
    return out


def token_features(text, starts, ends, words, k, i, j, prev_tag, gaz, res: Resources) -> list[str]:
    w = words[k]
    lw = w.lower()
    pw = words[k - 1] if k else "<s>"
    nw = words[k + 1] if k + 1 < len(words) else "</s>"
    initial = k == 0 or pw in BOUNDARIES or text.find("\n", ends[k - 1], starts[k]) != -1
    shape = _shape(w)
    lex = lw in res.lower
    g = gaz.get(k, "")
    pos = ("S" if j - i == 1 else "F") if k == i else ("L" if k == j - 1 else "M")
    feats = [
        "b",
        "w=" + w,
        "s=" + shape,
        "x=" + lw[-3:],
        "pw=" + pw.lower(),
        "nw=" + nw.lower(),
        "p2=" + (words[k - 2].lower() if k > 1 else "<s>"),
        "pt=" + prev_tag,
        "pt|s=" + prev_tag + shape,
        "pos=" + pos + shape,
        "g=" + g,
        "g|pt=" + g + prev_tag,
        "lex=%d%d" % (lex, initial),
        "len=%d" % min(j - i, 4),
    ]
    if initial:
        feats.append("iw=" + w)
    if k + 1 < j:
        feats.append("n|w=" + nw + "|" + w)
    return feats


def score(feats: list[str], weights) -> list[float]:
    scores = [0.0] * len(TAGS)
    get = weights.get
    for f in feats:
        cw = get(f)
        if cw:
            for c, v in cw:
                scores[c] += v
    return scores


def allowed(tag: int, prev: int, connector: bool) -> bool:
    """Valid BIO transitions; a connector ("of", "-") can continue a name but never start one."""
    if tag == 0:
        return True
    if tag % 2:  # B-
        return not connector
    return prev in (tag - 1, tag)


def tag_runs(text: str, res: Resources | None = None):
    """Yield (start, end, type) spans found by the model."""
    res = res or resources()
    starts, ends, words = tokenize(text)
    weights = res.weights
    for i, j in find_runs(text, starts, ends, words):
        gaz = gazetteer_codes(text, starts, ends, i, j, res)
        prev = 0
        tags = []
        for k in range(i, j):
            g = gaz.get(k, "")
            if prev and g[:1] == "I":
                best = prev + 1 if prev % 2 else prev  # never split a known place name ("North Korean")
            elif words[k] == "-" and gaz.get(k - 1) and gaz.get(k + 1, "")[:1] == "B":
                best = 0  # "US-Russia" is two places
            else:
                feats = token_features(text, starts, ends, words, k, i, j, TAGS[prev], gaz, res)
                scores = score(feats, weights)
                connector = not words[k][0].isupper()
                best, best_score = 0, scores[0]
                for t in range(1, len(TAGS)):
                    if scores[t] > best_score and allowed(t, prev, connector):
                        best, best_score = t, scores[t]
                if best % 2 == 0 and best and g[:1] == "B" and gaz.get(k - 1, "")[:1] in ("B", "I") and "C" in g:
                    best -= 1  # two countries side by side are two names ("US Russia")
            tags.append(best)
            prev = best
        _known_phrases(tags, gaz, i, j)
        yield from _spans(tags, i, starts, ends, words)


_CODE_TYPE = {"C": "GPE", "S": "GPE", "T": "GPE", "A": "GPE", "R": "LOC", "N": "NORP", "O": "ORG"}


def _known_phrases(tags: list[int], gaz: dict[int, str], i: int, j: int) -> None:
    """A multi-word gazetteer name the model left untagged ("Black Sea") is tagged by its gazetteer type."""
    for k in range(i, j - 1):
        g = gaz.get(k, "")
        if g[:1] == "B" and gaz.get(k + 1, "")[:1] == "I" and not tags[k - i]:
            m = k + 1
            while m < j and gaz.get(m, "")[:1] == "I":
                m += 1
            if any(tags[q - i] for q in range(k, m)):
                continue
            t = 2 * TYPES.index(_CODE_TYPE[g[1]]) + 1
            tags[k - i] = t
            for q in range(k + 1, m):
                tags[q - i] = t + 1


def _spans(tags: list[int], offset: int, starts, ends, words):
    k = 0
    n = len(tags)
    while k < n:
        t = tags[k]
        if t % 2 == 1:
            m = k + 1
            while m < n and tags[m] == t + 1:
                m += 1
            first, last = k, m - 1
            while first < last and words[offset + first] in TITLE_WORDS:
                first += 1
            while last > first and (words[offset + last] in TITLE_WORDS or not words[offset + last][0].isupper()):
                last -= 1  # a name never ends on a connector or a title
            if words[offset + first] not in TITLE_WORDS and words[offset + first][0].isupper():
                yield starts[offset + first], ends[offset + last], TYPES[(t - 1) // 2]
            k = m
        else:
            k += 1
