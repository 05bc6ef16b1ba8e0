"""Nowhere to write: brief's cache and data directories on a real, small tmpfs, filled to the last
byte, then remounted read-only, in a private mount namespace (`unshare --mount`, so nothing is
mounted outside this test). The real `brief list --json` still gives the same briefings, with a
warning, and the read-only state file's stars still show (copied into memory)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.helpers import brief_command, run_brief

pytestmark = pytest.mark.e2e

SCRIPT = r"""
set -u
mount -t tmpfs -o size=1m tmpfs "$ROOT" || exit 90
export XDG_CACHE_HOME="$ROOT/cache" XDG_DATA_HOME="$ROOT/data"
"$@" list --json "$SEEDS" > "$OUT/setup.json" 2> "$OUT/setup.err" || exit 91
"$PYTHON" -c "from brief.store import Store; Store().set_starred('$STAR', True)" || exit 92
dd if=/dev/zero of="$ROOT/filler" bs=4k 2> /dev/null  # until the disk is full
"$@" list --json "$NEWS" > "$OUT/full.json" 2> "$OUT/full.err"; echo $? > "$OUT/full.rc"
rm "$ROOT/filler"
mount -o remount,ro "$ROOT" || exit 93
"$@" list --json "$NEWS" > "$OUT/ro.json" 2> "$OUT/ro.err"; echo $? > "$OUT/ro.rc"
"$@" add "$NEWS" > /dev/null 2> "$OUT/add.err"; echo $? > "$OUT/add.rc"
"""


def _can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "true"], capture_output=True
    )
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount(), reason="needs root and unshare for a private tmpfs")
def test_a_full_then_read_only_disk_falls_back_to_memory_with_warnings(tmp_path):
    from brief.resources import seeds_dir

    news = tmp_path / "news"
    news.mkdir()
    (news / "harbour.txt").write_text("The harbour reopened on Monday. Ships returned at dawn.")
    (news / "council.txt").write_text("The council met on Tuesday. It approved the budget.")
    reference = run_brief(
        "list", "--json", str(news), env={"XDG_CACHE_HOME": str(tmp_path / "ref")}
    )
    expected = json.loads(reference.stdout)
    star = expected[0]["id"]
    (tmp_path / "mnt").mkdir()
    (tmp_path / "out").mkdir()
    env = {
        **os.environ,
        "ROOT": str(tmp_path / "mnt"),
        "OUT": str(tmp_path / "out"),
        "SEEDS": str(seeds_dir()),
        "NEWS": str(news),
        "STAR": star,
        "PYTHON": sys.executable,
    }
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", SCRIPT, "sh"]
        + brief_command(),
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = tmp_path / "out"
    assert done.returncode == 0, (done.returncode, done.stderr, (out / "setup.err").read_text())
    assert not list((tmp_path / "mnt").iterdir())  # the tmpfs was private to the test

    cache = f"{tmp_path}/mnt/cache/brief/briefings.sqlite3"
    full_err = (out / "full.err").read_text()
    assert (out / "full.rc").read_text().strip() == "0", full_err
    assert f"brief: warning: {cache}: cannot be written (no space left on device)" in full_err
    assert "the cache is kept in memory for this session" in full_err
    full = json.loads((out / "full.json").read_text())
    assert [{**b, "starred": False} for b in full] == expected
    assert [b["id"] for b in full if b["starred"]] == [star]

    ro_err = (out / "ro.err").read_text()
    assert (out / "ro.rc").read_text().strip() == "0", ro_err
    assert f"{cache}: cannot be written (read-only file system)" in ro_err
    ro = json.loads((out / "ro.json").read_text())
    assert [{**b, "starred": False} for b in ro] == expected
    assert [b["id"] for b in ro if b["starred"]] == [star]  # the read-only state, in memory

    assert (out / "add.rc").read_text().strip() == "2"
    assert "library.sqlite3: cannot be written, so nothing is kept" in (out / "add.err").read_text()
