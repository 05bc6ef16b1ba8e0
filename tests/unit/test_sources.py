"""Sources: the seed format, each input kind, and files that must be skipped, not fatal."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from brief.resources import seeds_dir
from brief.sources import SourceError, load
from brief.sources.clean import strip_controls
from tests.helpers import run_brief

SEED_DATED = "002_0807696d7dbffc2e.txt"
SEED_UNDATED = "000_dc8a7c53315bb8ca.txt"


def by_path(result):
    return {Path(a.path).name: a for a in result.articles}


def test_seed_date_marker_inline_before_first_sentence():
    seeds = by_path(load([seeds_dir()]))
    dated = seeds[SEED_DATED]
    assert dated.date == "2024-11-08"
    assert dated.text.startswith("Vladimir Putin congratulated Donald Trump")
    assert "date 2024" not in dated.text
    assert seeds[SEED_UNDATED].date is None


def test_seed_paragraphs_are_separated_by_blank_lines():
    seeds = by_path(load([seeds_dir()]))
    paragraphs = seeds[SEED_UNDATED].text.split("\n\n")
    assert len(paragraphs) == 9
    assert paragraphs[3].startswith("Also Read |")


def test_seed_date_marker_on_its_own_line(tmp_path):
    (tmp_path / "a.txt").write_text("date 2023-02-01\nFirst paragraph here.\n\nSecond one.\n")
    [article] = load([tmp_path]).articles
    assert article.date == "2023-02-01"
    assert article.text == "First paragraph here.\n\nSecond one."


def test_invalid_calendar_date_is_undated(tmp_path):
    (tmp_path / "a.txt").write_text("date 2023-02-31 Something happened today in town.")
    [article] = load([tmp_path]).articles
    assert article.date is None


def test_markdown_front_matter(tmp_path):
    (tmp_path / "story.md").write_text(
        '---\ntitle: "Storm hits coast"\ndate: 2025-01-02\nsource: Example Times\nurl: https://example.com/s\n---\n'
        "The **storm** reached the [coast](https://example.com) at dawn.\n\n## Damage\n\nRoofs "
        "were lost.\n"
    )
    [article] = load([tmp_path]).articles
    assert article.title == "Storm hits coast"
    assert article.date == "2025-01-02"
    assert article.source == "Example Times"
    assert article.url == "https://example.com/s"
    assert "**" not in article.text and "](" not in article.text
    assert "The storm reached the coast at dawn." in article.text


def test_markdown_heading_becomes_title(tmp_path):
    (tmp_path / "x.md").write_text("# Council approves budget\n\nThe council voted on Monday.\n")
    [article] = load([tmp_path]).articles
    assert article.title == "Council approves budget"
    assert article.text == "The council voted on Monday."


def test_text_front_matter_and_folder_source(tmp_path):
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "a.txt").write_text("---\ntitle: T\n---\nBody text of the story.\n")
    (folder / "b.txt").write_text("Another body of text.\n")
    articles = {a.text: a for a in load([folder]).articles}
    assert articles["Body text of the story."].title == "T"
    assert articles["Another body of text."].source == "wire"


def test_jsonl_keeps_ids_and_offsets(tmp_path):
    rows = [
        {
            "id": "x1",
            "title": "One",
            "text": "Alpha\r\nbeta \x1b[31m gamma",
            "date": "2024-05-06",
            "source": "S",
        },
        {"text": "No id here."},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    first, second = load([path]).articles
    assert (
        first.id == "x1"
        and first.title == "One"
        and first.date == "2024-05-06"
        and first.source == "S"
    )
    assert "\x1b" not in first.text and "\r" not in first.text
    assert len(first.text) == len(rows[0]["text"])  # offsets into the row's text stay valid
    assert second.id and second.id == load([path]).articles[1].id  # stable content id


def test_jsonl_bad_lines_are_reported_and_the_rest_loads(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "ok", "text": "Fine."}\nnot json\n{"id": "no-text"}\n[1, 2]\n')
    result = load([path])
    assert [a.id for a in result.articles] == ["ok"]
    assert len(result.problems) == 3
    assert all(p.startswith(f"{path}:") for p in result.problems)
    assert "not valid JSON" in result.problems[0] and 'no "text"' in result.problems[1]


def test_jsonl_headline_only_row_is_a_story(tmp_path):
    """Feeds and corpora (ECB+) carry items with a title and an empty body: keep them."""
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "h", "title": "Parliament election is over in Turkmenistan.", "text": ""}\n'
        '{"id": "empty", "title": "", "text": "  "}\n'
    )
    result = load([path])
    assert [(a.id, a.title, a.text) for a in result.articles] == [
        ("h", "Parliament election is over in Turkmenistan.", "")
    ]
    assert (
        len(result.problems) == 1
        and "empty" not in result.problems[0]
        and ":2:" in result.problems[0]
    )


def test_json_array(tmp_path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps([{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}]))
    assert [a.id for a in load([path]).articles] == ["a", "b"]


def test_content_ids_are_stable_and_distinct(tmp_path):
    (tmp_path / "a.txt").write_text("Same words.")
    (tmp_path / "b.txt").write_text("Other words.")
    first = [a.id for a in load([tmp_path]).articles]
    assert first == [a.id for a in load([tmp_path]).articles]
    assert len(set(first)) == 2


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("bin.txt", b"\x89PNG\x00\x00\x01", "binary"),
        ("latin.txt", "caf\u00e9 story".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_files_are_skipped_with_one_line_and_the_rest_loads(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text("A good story about the harbour.")
    result = load([tmp_path])
    assert [a.text for a in result.articles] == ["A good story about the harbour."]
    [problem] = result.problems
    assert name in problem and reason in problem and "\n" not in problem


def test_unreadable_file_is_skipped(tmp_path):
    os.symlink(tmp_path / "missing-target", tmp_path / "dangling.txt")
    (tmp_path / "good.txt").write_text("Good.")
    result = load([tmp_path])
    assert len(result.articles) == 1
    [problem] = result.problems
    assert "dangling.txt" in problem and "skipped" in problem


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        load([tmp_path / "nope"])


def test_several_paths_and_recursion(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("Deep story.")
    (tmp_path / "a" / ".hidden.txt").write_text("Hidden.")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG")
    single = tmp_path / "single.md"
    single.write_text("Single story.")
    texts = sorted(a.text for a in load([tmp_path / "a", single]).articles)
    assert texts == ["Deep story.", "Single story."]


def test_control_characters_are_stripped_everywhere(tmp_path):
    evil = "Head\x1b]52;c;ZXZpbA==\x07line\x9b31m ok\u202e\ttab\x01"
    (tmp_path / "a.txt").write_text(f"---\ntitle: {evil}\n---\n{evil}\n")
    [article] = load([tmp_path]).articles
    for field in (article.title, article.text):
        assert not any(ord(c) < 32 and c not in "\n\t" for c in field)
        assert "\x9b" not in field and "\u202e" not in field
    assert strip_controls("a\r\nb\rc") == "a\nb\nc"


def test_text_encoded_twice_is_read_as_written_but_a_json_lines_text_keeps_its_offsets(tmp_path):
    """BBC News archive rows say "Â£9m" for "£9m" (UTF-8 read as Windows-1252); feeds do it too."""
    twice = "Itâ€™s a cafÃ© deal: Â£9m â€“ and ðŸ˜€"
    right = "It’s a café deal: £9m – and 😀"
    (tmp_path / "a.md").write_text(f"---\ntitle: {twice}\n---\n{twice}\n", encoding="utf-8")
    row = {"id": "r", "title": twice, "text": twice}
    (tmp_path / "b.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    md = load([tmp_path / "a.md"]).articles[0]
    assert (md.title, md.text.strip()) == (right, right)
    jsonl = load([tmp_path / "b.jsonl"]).articles[0]
    assert jsonl.title == right and jsonl.text == twice  # `brief entities` offsets point into it
    # text in other languages that merely has those letters is left alone
    other = "São Paulo, Ærø, naïve, Ångström, “quoted”"
    (tmp_path / "c.txt").write_text(other, encoding="utf-8")
    assert load([tmp_path / "c.txt"]).articles[0].text.strip() == other


def test_every_row_of_a_named_file_is_a_briefing_even_a_reprint(tmp_path):
    """Copies of one story merge only among the library's followed feeds: tools that hand brief
    a file (an evaluation set with reprints, say) get a briefing and a thread place per row."""
    story = "The council approved the harbour budget on Monday after a long debate. " * 5
    path = tmp_path / "reprints.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": i, "text": story, "source": s}) + "\n"
            for i, s in (("a", "Wire"), ("b", "Gazette"))
        )  # fmt: skip
    )
    listed = json.loads(run_brief("list", "--json", str(path)).stdout)
    assert sorted(b["id"] for b in listed) == ["a", "b"]
    threads = json.loads(run_brief("threads", "--json", str(path)).stdout)
    assert sorted(a for t in threads for a in t["articles"]) == ["a", "b"]
