"""Dev-time: CoNLL-style name spans from the GUM corpus's entity layer (dep/*.conllu).

GUM (Zeldes 2017; annotations CC BY 4.0) marks every mention of a person, place, organisation,
event, ... with its extent, proper names included. A CoNLL name is the proper-noun core of such
a mention: its run of NNP/NNPS tokens (with "of", "the", "and", "&", "-" inside), without a
leading title ("President", "Mr") or "the". Outermost names win, as in CoNLL; a person's
name is what follows the last title in its run ("US President Barack Obama" -> US, Barack Obama).
Person, organization and place give PER, ORG and LOC; other named things give MISC.

Only the genres whose texts may be used commercially are read (see tools/ner/README.md), and of
those, by default, only the ones without a share-alike licence: bio and voyage (Wikipedia and
Wikivoyage texts, CC BY-SA 3.0) are read only when asked for (gold.py --share-alike).
"""

from __future__ import annotations

import re
from pathlib import Path

from tools.ner.gold import held_out

# Genre -> licence of its texts (the annotations are CC BY 4.0 throughout).
GENRE_LICENCES = {
    "academic": "CC BY 4.0",
    "court": "CC BY 4.0",
    "interview": "CC BY 2.5",
    "news": "CC BY 2.5",
    "bio": "CC BY-SA 3.0",
    "voyage": "CC BY-SA 3.0",
}
GENRES = tuple(g for g, licence in GENRE_LICENCES.items() if "-SA" not in licence)
SHARE_ALIKE_GENRES = tuple(g for g, licence in GENRE_LICENCES.items() if "-SA" in licence)
TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
SKIP_TYPES = frozenset(("time", "quantity", "abstract", "substance", "animal", "plant"))
CONNECT = frozenset("of the & - de du la van von der al bin".split())
TITLES = frozenset(
    """President Vice Prime Minister Secretary Chancellor Senator Sen Governor Gov Mayor King Queen
    Prince Princess Pope Mr Mrs Ms Dr Premier Rep Ambassador Speaker Archbishop Sheikh Cardinal
    Professor Prof General Gen Colonel Captain Judge Justice Chief Director Sir Lord Lady Saint St
    The the""".split()
)
_OPEN = re.compile(r"\((\d+)-")


def parse_entity(value: str):
    """("open", id, attrs, closes_here) and ("close", id) items of a GUM Entity= value."""
    i = 0
    while i < len(value):
        m = _OPEN.match(value, i)
        if m:
            k = m.end()
            while k < len(value):
                if _OPEN.match(value, k):
                    break
                if value[k] == ")" and (
                    k + 1 == len(value) or value[k + 1] == "(" or value[k + 1].isdigit()
                ):
                    break
                k += 1
            single = k < len(value) and value[k] == ")"
            yield "open", m.group(1), value[m.start() + 1 : k], single
            i = k + 1 if single else k
            continue
        m = re.match(r"(\d+)\)", value[i:])
        if not m:
            return
        yield "close", m.group(1), "", True
        i += m.end()


def read_conllu(path: Path):
    """Tokens (form, xpos, space_after, paragraph_start) and mentions [(start, end, etype)]."""
    tokens, mentions, open_ = [], [], {}
    new_par = True
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newpar"):
            new_par = True
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not cols[0].isdigit():
            continue  # multi-word tokens and empty nodes
        misc = dict(f.split("=", 1) for f in cols[9].split("|") if "=" in f)
        k = len(tokens)
        tokens.append((cols[1], cols[4], misc.get("SpaceAfter") != "No", new_par))
        new_par = False
        for kind, ident, attrs, single in parse_entity(misc.get("Entity", "")):
            if kind == "open":
                etype = attrs.split("-")[1]
                if single:
                    mentions.append((k, k + 1, etype))
                else:
                    open_.setdefault(ident, []).append((k, etype))
            elif open_.get(ident):
                start, etype = open_[ident].pop()
                mentions.append((start, k + 1, etype))
    return tokens, mentions


def name_core(tokens, s: int, e: int) -> tuple[int, int] | None:
    """The longest run of proper nouns (connectors inside) in tokens [s, e), titles cut off."""
    best = None
    k = s
    while k < e:
        if tokens[k][1] not in ("NNP", "NNPS"):
            k += 1
            continue
        m = k
        while True:  # extend over proper nouns, and up to two connectors before one
            gap = 0
            while gap < 2 and m + gap + 1 < e and tokens[m + gap + 1][0] in CONNECT:
                gap += 1
            if m + gap + 1 < e and tokens[m + gap + 1][1] in ("NNP", "NNPS"):
                m += gap + 1
            else:
                break
        if best is None or m + 1 - k >= best[1] - best[0]:
            best = (k, m + 1)
        k = m + 1
    if best is None:
        return None
    a, b = best
    while a < b and tokens[a][0] in TITLES:
        a += 1
    return (a, b) if a < b else None


def names(tokens, mentions) -> list[tuple[int, int, str]]:
    cores = []
    for s, e, etype in mentions:
        if etype in SKIP_TYPES:
            continue
        core = name_core(tokens, s, e)
        if core and etype == "person":
            # "US President Barack Obama": the person is what follows the last title.
            cut = [q for q in range(core[0], core[1] - 1) if tokens[q][0] in TITLES]
            core = (cut[-1] + 1, core[1]) if cut else core
        if core and etype == "person" and core[1] - core[0] == 1 and tokens[core[0]][1] == "NNPS":
            cores.append((core[0], core[1], "MISC"))  # "Afghans": a group, not a person's name
        elif core:
            cores.append((core[0], core[1], TYPES.get(etype, "MISC")))
    # A person's run that begins with another name: "United States Hamdullah Mohib".
    for n, (a, b, t) in enumerate(cores):
        if t == "PER":
            ends = [o[1] for o in cores if o[2] != "PER" and o[0] == a and o[1] < b]
            cores[n] = (max(ends), b, t) if ends else (a, b, t)
    # Outermost first, as in CoNLL ("Bank of England" is one name).
    cores.sort(key=lambda c: (c[0], -c[1]))
    out: list[tuple[int, int, str]] = []
    for a, b, t in cores:
        if not any(o[0] <= a and b <= o[1] for o in out):
            out = [o for o in out if not (a <= o[0] and o[1] <= b)]
            out.append((a, b, t))
    return sorted(out)


def gum_documents(dep_dir: Path, genres: tuple[str, ...] = GENRES):
    for path in sorted(Path(dep_dir).glob("GUM_*.conllu")):
        if path.stem.split("_")[1] not in genres:
            continue
        tokens, mentions = read_conllu(path)
        parts, offsets, pos = [], [], 0
        for n, (form, _, space, par) in enumerate(tokens):
            if n and par:
                parts[-1] = parts[-1].rstrip() + "\n"
                pos = sum(map(len, parts))
            offsets.append((pos, pos + len(form)))
            parts.append(form + (" " if space else ""))
            pos += len(parts[-1])
        text = "".join(parts)
        gold = [
            {"start": offsets[a][0], "end": offsets[b - 1][1], "type": t}
            for a, b, t in names(tokens, mentions)
        ]
        doc_id = path.stem
        yield (
            {"id": doc_id, "source": "gum", "text": text.rstrip(), "gold": gold},
            ("heldout" if held_out(doc_id) else "train"),
        )
