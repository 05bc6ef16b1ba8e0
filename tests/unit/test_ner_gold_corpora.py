"""The dev-time converters that turn gold NER corpora into brief's evaluation format
(tools/ner/gold.py, tools/ner/gum.py): the held-out figures in the README rest on them."""

from __future__ import annotations

import json
from pathlib import Path

from tools.ner import gold
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


def test_share_alike_sources_train_only_when_asked(tmp_path: Path):
    """UNER EWT (CC BY-SA) gives only its held-out test file, and GUM's bio and voyage genres
    (CC BY-SA texts) are not read, unless gold.py is given --share-alike."""
    iob = "# newdoc\n1\tPutin\tB-PER\n2\tspoke\tO\n"
    for name in ("en_ewt-ud-dev.iob2", "en_ewt-ud-test.iob2"):
        (tmp_path / name).write_text(iob, encoding="utf-8")
    for genre in ("news", "bio", "voyage"):
        (tmp_path / f"GUM_{genre}_test.conllu").write_text(CONLLU, encoding="utf-8")
    out = tmp_path / "out"
    uner = [str(tmp_path / "en_ewt-ud-dev.iob2"), str(tmp_path / "en_ewt-ud-test.iob2")]

    def sources(split: str) -> list[str]:
        lines = (out / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
        return sorted(json.loads(line)["id"] for line in lines)

    gold.main([str(out), "--uner", *uner, "--gum", str(tmp_path)])
    everything = sources("train") + sources("heldout")
    assert [i for i in everything if i.startswith("uner")] == ["uner-en_ewt-ud-test-0"]
    assert "uner-en_ewt-ud-test-0" in sources("heldout")
    assert [i for i in everything if i.startswith("GUM")] == ["GUM_news_test"]

    gold.main([str(out), "--share-alike", "--uner", *uner, "--gum", str(tmp_path)])
    everything = sources("train") + sources("heldout")
    assert "uner-en_ewt-ud-dev-0" in sources("train")
    assert {"GUM_bio_test", "GUM_voyage_test"} <= set(everything)
