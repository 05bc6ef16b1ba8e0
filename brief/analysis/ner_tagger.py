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

CONNECTORS = frozenset(
    """of de del della di da du des la le van von der den al el bin ibn
    and & the for on upon -""".split()
)
# Abbreviations whose full stop may sit inside a name ("St. Louis", "George W. Bush").
ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr St Mt Ft Jr Sr Gen Sen Rep Gov Lt Col Capt Sgt Prof Rev Co Corp Inc Ltd".split()
)
# Titles are not part of a name: "President", "Russian President" stay outside the span.
TITLE_WORDS = frozenset(
    """President Vice Prime Minister Secretary Chancellor Senator Sen
    Governor Gov Mayor King Queen Prince Princess Pope Mr Mrs Ms Dr Premier
    Rep Ambassador Speaker Archbishop Sheikh Ayatollah Cardinal""".split()
)
BOUNDARIES = frozenset('. ! ? : ; " “ ” ‘ ’ | ( ) [ ] — – • … *'.split())


_UPPER = "A-ZÀ-ÖØ-Þ"
_CAP = rf"(?:[A-Z]\.){{2,}}|[{_UPPER}][^\W_]*(?:['’](?![sS]\b)[^\W_]+)*"
_CONN = "|".join(re.escape(c) for c in sorted(CONNECTORS - {"-"}, key=len, reverse=True))
_DOT = "|".join(rf"(?<=\b{a})" for a in sorted(ABBREVIATIONS) if a.isalpha())
# Capitalised runs (inner connectors allowed), found by one
# regex pass over the raw text (no per-token Python work).
RUN_RE = re.compile(
    rf"(?<![^\W_])(?:{_CAP})"
    rf"(?:(?:[ \t\xa0]+(?:(?:{_CONN})[ \t\xa0]+){{0,2}}|-|[ \t]*&[ \t]*"
    rf"|(?:(?<=\b[A-Z])|{_DOT})\.[ \t]*)(?:{_CAP}))*"
)
_WINDOW = 40


_NEXT_RE = re.compile(r"\s*(" + TOKEN_RE.pattern + ")")


def windows(text: str):
    """(starts, ends, words, i, j) for each capitalised run: its tokens [i, j) with two tokens of
    context before (their offsets only tell where the gap before the run begins) and one after."""
    findall = TOKEN_RE.findall
    finditer = TOKEN_RE.finditer
    next_match = _NEXT_RE.match
    for run in RUN_RE.finditer(text):
        s, e = run.span()
        before = text[max(0, s - _WINDOW) : s]
        words = findall(before)[-2:]
        gap_start = s - len(before) + len(before.rstrip())
        i = len(words)
        starts = [gap_start] * i
        ends = [gap_start] * i
        for m in finditer(text, s, e):
            starts.append(m.start())
            ends.append(m.end())
            words.append(m.group())
        j = len(words)
        after = next_match(text, e)
        if after:
            starts.append(after.start(1))
            ends.append(after.end(1))
            words.append(after.group(1))
        yield starts, ends, words, i, j


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
        for key, code in (
            ("country", "C"),
            ("state", "S"),
            ("city", "T"),
            ("region", "R"),
            ("norp", "N"),
            ("org", "O"),
        ):
            for name in gazetteer[key]:
                phrases[name] = phrases.get(name, "") + code
        for name in gazetteer["alias"]:
            phrases[name] = phrases.get(name, "") + "A"
        self.phrases = phrases
        self.max_phrase = max(len(p.split()) + 2 * p.count("-") + 2 * p.count(".") for p in phrases)
        self.aliases: dict[str, str] = gazetteer["alias"]
        self.norp = frozenset(gazetteer["norp"])
        self.lower = frozenset(model.get("lower", ()))
        # Given names and surnames (US Census 1990 lists), upper-cased: "F", "L" or "FL".
        names: dict[str, str] = dict.fromkeys(model.get("first", ()), "F")
        for name in model.get("last", ()):
            names[name] = names.get(name, "") + "L"
        self.names = names
        self.weights: dict[str, list[float]] = model.get(
            "weights", {}
        )  # feature -> one weight per tag


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
            phrase = text[starts[k] : ends[m - 1]]
            codes = phrases.get(phrase)
            if (
                not codes
                and len(phrase) > 3
                and phrase.isupper()
                and (m - k > 1 or phrase.lower() not in res.lower)
            ):  # "LONDON", "NEW YORK" in wire headlines; not "SURPRISE" (a town in Arizona)
                codes = phrases.get(phrase.title())
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
    names = res.names
    nm = names.get(w.upper(), "-")
    feats = [
        "b",
        "w=" + w,
        "s=" + shape,
        "x=" + lw[-3:],
        # After a line break or a boundary ("." "|"), the words before say nothing.
        "pw=" + ("<b>" if initial else pw.lower()),
        "nw=" + nw.lower(),
        "p2=" + ("<b>" if initial or k < 2 else words[k - 2].lower()),
        "pt=" + prev_tag,
        "pt|s=" + prev_tag + shape,
        "pos=" + pos + shape,
        "g=" + g,
        "g|pt=" + g + prev_tag,
        f"lex={lex:d}{initial:d}",
        f"len={min(j - i, 4):d}",
        "nm=" + nm,
        "nm|pos=" + nm + pos,
        "pre=" + w[:3],
    ]
    if k > i:
        feats.append("nm2=" + names.get(pw.upper(), "-") + nm)
    if (
        j - i > 1
    ):  # the run's last word types the whole name: "European Central Bank", "Valdai Club"
        feats.append("rl=" + words[j - 1])
        feats.append("g|rl=" + g + "|" + _shape(words[j - 1]))
    if initial:
        feats.append("iw=" + w)
    if shape == "XX" and len(w) > 3:
        feats.append("w=" + w.title())  # a capitals headline: "LONDON" reads as "London"
    if k + 1 < j:
        feats.append("n|w=" + nw + "|" + w)
    return feats


def score(feats: list[str], weights: dict[str, list[float]]) -> list[float]:
    get = weights.get
    vectors = [v for v in map(get, feats) if v]
    return list(map(sum, zip(*vectors))) if vectors else [0.0] * len(TAGS)


def allowed(tag: int, prev: int, connector: bool) -> bool:
    """Valid BIO transitions; a connector ("of", "-") can continue a name but never start one."""
    if tag == 0:
        return True
    if tag % 2:  # B-
        return not connector
    return prev in (tag - 1, tag)


# ALLOWED[prev][connector]: the tags that may follow `prev`, O first so that ties go to O.
ALLOWED = [
    [tuple(t for t in range(len(TAGS)) if allowed(t, p, c)) for c in (False, True)]
    for p in range(len(TAGS))
]


_BEGIN = tuple(range(1, len(TAGS), 2))


def decode_window(text, window, res: Resources) -> list[int]:
    starts, ends, words, i, j = window
    gaz = gazetteer_codes(text, starts, ends, i, j, res)
    weights = res.weights
    prev = 0
    tags = []
    for k in range(i, j):
        g = gaz.get(k, "")
        if prev and g[:1] == "I":
            best = prev + 1 if prev % 2 else prev  # never split a known place name ("North Korean")
        elif words[k] == "-" and gaz.get(k - 1) and gaz.get(k + 1, "")[:1] == "B":
            best = 0  # "US-Russia" is two places
        else:
            scores = score(
                token_features(text, starts, ends, words, k, i, j, TAGS[prev], gaz, res), weights
            )
            before = gaz.get(k - 1, "")
            if g[:1] == "B" and before and ("C" in g or "N" in before):
                # Two known names side by side are two names: "US Russia", "Russian Black Sea".
                best = max(_BEGIN, key=scores.__getitem__)
            else:
                best = max(ALLOWED[prev][not words[k][0].isupper()], key=scores.__getitem__)
        tags.append(best)
        prev = best
    _known_phrases(tags, gaz, i, j)
    _first_names(tags, words[i:j], gaz, i, res)
    _common_word_before_given_name(tags, words[i:j], res)
    return tags


def _common_word_before_given_name(tags: list[int], words: list[str], res: Resources) -> None:
    """ "Runner Cathal Lombard": a capitalised common word before a name made of no common words,
    with a known given name first or a known surname last, is no part of it; the name is a
    person's."""
    names = res.names
    if (
        len(tags) > 2
        and tags[0] % 2
        and tags[1] == tags[0] + 1
        and words[0].lower() in res.lower
        and not any(w.lower() in res.lower for w in words[1:])
        and ("F" in names.get(words[1].upper(), "") or "L" in names.get(words[-1].upper(), ""))
    ):
        tags[0] = 0
        tags[1] = _B_PERSON
        k = 2
        while k < len(tags) and tags[k] % 2 == 0 and tags[k]:
            tags[k] = _B_PERSON + 1
            k += 1


def _first_names(tags: list[int], words: list[str], gaz: dict, i: int, res: Resources) -> None:
    """The word right before a person's name is the first name when it is a one-word place
    ("Vladimir Putin", "Jordan Henderson") or a word the tagger left out that is never written
    in lower case and is no title ("Runner Cathal Lombard")."""
    for k in range(len(tags) - 1):
        if tags[k + 1] != _B_PERSON:
            continue
        w = words[k]
        unknown = (
            not tags[k]
            and w[:1].isupper()
            and w.isalpha()
            and w.lower() not in res.lower
            and w not in TITLE_WORDS
            and not gaz.get(i + k)
        )
        if tags[k] == _B_GPE or unknown:
            tags[k], tags[k + 1] = _B_PERSON, _B_PERSON + 1


def tag_runs(text: str, res: Resources | None = None):
    """Yield (start, end, type) spans found by the model."""
    res = res or resources()
    for window in windows(text):
        starts, ends, words, i, j = window
        yield from _spans(decode_window(text, window, res), i, starts, ends, words)


_B_GPE, _B_PERSON = 2 * TYPES.index("GPE") + 1, 2 * TYPES.index("PERSON") + 1
_B_NORP = 2 * TYPES.index("NORP") + 1
_CODE_TYPE = {"C": "GPE", "S": "GPE", "T": "GPE", "A": "GPE", "R": "LOC", "N": "NORP", "O": "ORG"}


def _known_phrases(tags: list[int], gaz: dict[int, str], i: int, j: int) -> None:
    """A multi-word gazetteer name the model left untagged ("Black Sea") is tagged by its
    gazetteer type, and so is a nationality, a closed class ("Russian President …")."""
    for k in range(i, j):
        g = gaz.get(k, "")
        if g == "BN" and not tags[k - i] and gaz.get(k + 1, "")[:1] != "I":
            tags[k - i] = _B_NORP
        elif k + 1 < j and g[:1] == "B" and gaz.get(k + 1, "")[:1] == "I" and not tags[k - i]:
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
            while last > first and (
                words[offset + last] in TITLE_WORDS or not words[offset + last][0].isupper()
            ):
                last -= 1  # a name never ends on a connector or a title
            if words[offset + first] not in TITLE_WORDS and words[offset + first][0].isupper():
                yield starts[offset + first], ends[offset + last], TYPES[(t - 1) // 2]
            k = m
        else:
            k += 1
