"""The `brief` command as a user or another tool runs it."""

from __future__ import annotations

import json

from brief import __version__
from tests.helpers import run_brief

SEED_DATED = "002_0807696d7dbffc2e.txt"


def test_version_and_help():
    out = run_brief("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"brief {__version__}"
    help_text = run_brief("--help")
    assert help_text.returncode == 0
    for word in ("list", "threads", "PATH"):
        assert word in help_text.stdout


def test_list_json_on_bundled_seeds():
    out = run_brief("list", "--json")
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    assert len(items) == 2
    by_file = {item["path"].rsplit("/", 1)[-1]: item for item in items}
    dated = by_file[SEED_DATED]
    assert dated["date"] == "2024-11-08"
    for item in items:
        assert set(item) >= {
            "id",
            "title",
            "date",
            "date_inferred",
            "source",
            "path",
            "summary",
            "entities",
            "quotes",
            "thread",
        }
        assert 0 < len(item["title"]) <= 90
        assert "Also Read" not in item["summary"]
        assert 2 <= item["summary"].count(". ") + 1 <= 3


def test_list_table_is_readable():
    out = run_brief("list")
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["DATE", "SOURCE", "HEADLINE"]
    assert any(line.startswith("  2024-11-08  seeds") for line in lines)
    assert any(
        line.startswith("≈ 2025-06-27  seeds") for line in lines
    )  # inferred, and the columns still line up
    assert "2 briefings" in out.stderr


def test_missing_path_is_one_line_and_status_2(tmp_path):
    for args in (("list", str(tmp_path / "nope")), (str(tmp_path / "nope"),)):
        out = run_brief(*args)
        assert out.returncode == 2
        assert out.stderr.strip().splitlines() == [
            f"brief: error: {tmp_path / 'nope'}: no such file or directory"
        ]


def test_bad_file_is_reported_and_rest_loads(tmp_path):
    (tmp_path / "good.txt").write_text(
        "The harbour reopened on Monday after the storm. Ships returned at dawn."
    )
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    out = run_brief("list", "--json", str(tmp_path))
    assert out.returncode == 0
    assert len(json.loads(out.stdout)) == 1
    [line] = out.stderr.strip().splitlines()
    assert "bad.txt" in line and "skipped" in line


def test_several_paths(tmp_path):
    (tmp_path / "one.md").write_text("---\ntitle: One\n---\nFirst story text here.\n")
    out = run_brief("list", "--json", str(tmp_path / "one.md"), str(tmp_path))
    assert out.returncode == 0
    # the same file reached twice is one article, reported once as a duplicate
    assert [i["title"] for i in json.loads(out.stdout)] == ["One"]
    assert "duplicate" in out.stderr
