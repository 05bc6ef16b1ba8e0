"""Only brief/ui imports Textual; the CLI's non-UI commands never load it."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.helpers import REPO

PACKAGE = REPO / "brief"
UI = PACKAGE / "ui"
# Plain-data stages must not even import Rich (DESIGN.md).
NO_RICH = ["model.py", "sources", "analysis", "threads.py", "store.py", "search.py", "pipeline.py",
           "whatsnew.py", "daily.py", "thread_groups.py"]


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_only_ui_imports_textual():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if UI in path.parents:
            continue
        if any(m.split(".")[0] == "textual" for m in imported_modules(path)):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_data_stages_import_neither_textual_nor_rich():
    offenders = []
    for name in NO_RICH:
        target = PACKAGE / name
        paths = target.rglob("*.py") if target.is_dir() else [target] if target.exists() else []
        for path in paths:
            if any(m.split(".")[0] in ("textual", "rich") for m in imported_modules(path)):
                offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_ui_does_import_textual():
    # guards the test above against a path mistake that would make it vacuous
    assert any(m.split(".")[0] == "textual" for p in UI.rglob("*.py") for m in imported_modules(p))


def _modules_after(argv: list[str]) -> set[str]:
    code = (
        "import sys\n"
        f"sys.argv = {argv!r}\n"
        "from brief.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', ' '.join(sorted({m.split('.')[0] for m in sys.modules})), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    line = [l for l in out.stderr.splitlines() if l.startswith("LOADED ")][-1]
    return set(line.split()[1:])


def test_help_version_and_list_do_not_import_textual():
    for argv in (["brief", "--help"], ["brief", "--version"], ["brief", "list", "--json"], ["brief", "threads", "--json"]):
        loaded = _modules_after(argv)
        assert "brief" in loaded
        assert "textual" not in loaded, argv


def test_fresh_interpreter_data_modules_leave_textual_and_rich_unloaded():
    code = (
        "import sys, brief.pipeline, brief.sources, brief.threads, brief.analysis.briefing, brief.model\n"
        "from brief.pipeline import build_corpus\n"
        "build_corpus([])\n"
        "print(' '.join(m for m in ('textual', 'rich') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
