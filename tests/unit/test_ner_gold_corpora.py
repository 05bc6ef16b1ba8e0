"""The dev-time converters that turn gold NER corpora into brief's evaluation format
(tools/ner/gold.py, tools/ner/gum.py): the held-out figures in the README rest on them."""

from __future__ import annotations

from pathlib import Path

from tools.ner.gold import detokenize, spans_from_tags
from tools.ner.gum import gum_documents


def test_iob1_and_iob2_tags_give_the_same_spans():
    iob1 = ["I-PER", "I-PER", "O", "I-ORG", "B-ORG", "O", "I-LOC"]
    iob2 = ["B-PER", "I-PER", "O", "B-ORG", "B-ORG", "O", "B-LOC"]
    expected = [(0, 2, "PER"), (3, 4, "ORG"), (4, 5, "ORG"), (6, 7, "LOC")]
    assert spans_from_tags(iob1) == spans_from_tags(iob2) == expected


def test_detokenized_offsets_point_at_their_tokens():
    tokens = ["Putin", "'s", "aide", "(", "Peskov", ")", "said", ":", "no", "."]
    text, offsets = detokenize(tokens)
    assert text == "Putin's aide (Peskov) said: no."
    assert [text[s:e] for s, e in offsets] == tokens


# A GUM-style document: entity brackets in MISC, proper nouns tagged NNP.
P = "-new-sssss-cf1-1-coref"
ROWS = [
    ("US", "NNP", f"Entity=(1-person{P}(2-place{P}-United_States)"),
    ("President", "NNP", "_"),
    ("Barack", "NNP", "_"),
    ("Obama", "NNP", "Entity=1)"),
    ("met", "VBD", "_"),
    ("the", "DT", f"Entity=(3-person{P}(4-organization{P}"),
    ("Bank", "NNP", "_"),
    ("of", "IN", "_"),
    ("England", "NNP", f"Entity=(5-place{P}-England)|SpaceAfter=No"),
    ("'s", "POS", "Entity=4)"),
    ("governor", "NN", "Entity=3)|SpaceAfter=No"),
    (".", ".", "_"),
]
CONLLU = "# newdoc id = GUM_news_test\n# newpar\n" + "".join(
    f"{n}\t{form}\t{form}\tX\t{xpos}\t_\t0\tdep\t_\t{misc}\n"
    for n, (form, xpos, misc) in enumerate(ROWS, 1)
)


def test_gum_names_are_the_proper_noun_cores_outermost_first(tmp_path: Path):
    (tmp_path / "GUM_news_test.conllu").write_text(CONLLU, encoding="utf-8")
    [(doc, _split)] = list(gum_documents(tmp_path))
    text = doc["text"]
    names = [(text[g["start"] : g["end"]], g["type"]) for g in doc["gold"]]
    assert text == "US President Barack Obama met the Bank of England's governor."
    assert names == [("US", "LOC"), ("Barack Obama", "PER"), ("Bank of England", "ORG")]
