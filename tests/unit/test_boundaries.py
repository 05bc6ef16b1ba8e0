"""The house rules, checked by tools rather than lists kept by hand.

import-linter proves the boundaries between the stages (the contracts live in
pyproject.toml: only brief.ui imports Textual, no stage reaches back into the UI
or the CLI, analysis and threads never touch the store, the stages flow one way).
ruff keeps brief/, tests/ and benchmarks/ to one style. The lazy imports that
keep `brief --help` and `brief list --json` fast are checked by running them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO


def _tool(name: str) -> str:
    """The tool installed beside this interpreter (the test extra pins it), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return found


def test_import_contracts_hold():
    done = subprocess.run(
        [_tool("lint-imports"), "--no-cache"], capture_output=True, text=True, cwd=REPO, timeout=300
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_import_contracts_catch_a_stage_that_imports_textual(tmp_path):
    """The contracts are not vacuous: a copy of the package with one bad import breaks them."""
    shutil.copytree(
        REPO / "brief", tmp_path / "brief", ignore=shutil.ignore_patterns("__pycache__", "data")
    )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    grouping = tmp_path / "brief" / "views" / "grouping.py"
    grouping.write_text(grouping.read_text() + "\nimport textual.widgets  # noqa\n")
    done = subprocess.run(
        [_tool("lint-imports"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert done.returncode != 0
    assert "brief.views.grouping -> textual" in done.stdout


def test_ruff_is_clean_and_the_code_formatted():
    for check in (["check"], ["format", "--check"]):
        done = subprocess.run(
            [_tool("ruff"), *check, "--no-cache", "brief", "tests", "benchmarks"],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=300,
        )
        assert done.returncode == 0, (check, done.stdout[-4000:])


def _modules_after(argv: list[str]) -> set[str]:
    code = (
        "import sys\n"
        f"sys.argv = {argv!r}\n"
        "from brief.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', ' '.join(sorted({m.split('.')[0] for m in sys.modules})), "
        "file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    line = [x for x in out.stderr.splitlines() if x.startswith("LOADED ")][-1]
    return set(line.split()[1:])


def test_help_version_and_list_do_not_import_textual():
    for argv in (
        ["brief", "--help"],
        ["brief", "--version"],
        ["brief", "list", "--json"],
        ["brief", "threads", "--json"],
    ):
        loaded = _modules_after(argv)
        assert "brief" in loaded
        assert "textual" not in loaded, argv


def test_fresh_interpreter_data_modules_leave_textual_and_rich_unloaded():
    code = (
        "import sys, brief.library, brief.sources, brief.threads, brief.search, "
        "brief.views.timeline\nfrom brief.library import Library\n"
        "Library.open().load([])\n"
        "print(' '.join(m for m in ('textual', 'rich') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
