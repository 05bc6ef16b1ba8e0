"""A wheel built from the repo, installed in a fresh virtualenv and run from elsewhere, still
works."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.tmux import Tmux


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory):
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = dist.glob("*.whl")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True)
    pip = env_dir / "bin" / "pip"
    subprocess.run(
        [str(pip), "install", "--quiet", str(wheel)], check=True, capture_output=True, timeout=600
    )
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    return env_dir, elsewhere


def _python(wheel_env, code: str) -> str:
    """What `code` prints, run by the wheel's virtualenv from another directory."""
    env_dir, elsewhere = wheel_env
    done = subprocess.run(
        [str(env_dir / "bin" / "python"), "-c", code],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        check=True,
    )
    return done.stdout


def test_wheel_contains_seeds_and_styles(wheel_env):
    env_dir, _ = wheel_env
    code = (
        "import brief, brief.resources as r; print(brief.__file__); print(r.seeds_dir()); "
        "print(r.styles_dir())"
    )
    package, seeds, styles = _python(wheel_env, code).split()
    assert package.startswith(str(env_dir))  # the wheel's copy, not the checkout
    assert seeds.startswith(str(env_dir)) and styles.startswith(str(env_dir))
    for seed in (REPO / "seeds").iterdir():
        assert (Path(seeds) / seed.name).read_bytes() == seed.read_bytes()
    assert sorted(p.name for p in Path(styles).glob("*.tcss")) == sorted(
        p.name for p in (REPO / "styles").glob("*.tcss")
    )


def test_wheel_ships_the_license(wheel_env):
    code = (
        "from importlib.metadata import distribution as d; "
        "print(d('brief-reader').read_text('licenses/LICENSE'))"
    )
    shipped = _python(wheel_env, code)
    assert shipped.strip() == (REPO / "LICENSE").read_text().strip()
    assert "MIT License" in shipped


def test_wheel_lists_seeds_from_another_directory(wheel_env):
    env_dir, elsewhere = wheel_env
    out = subprocess.run(
        [str(env_dir / "bin" / "brief"), "list", "--json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
    )
    assert out.returncode == 0, out.stderr
    assert {i["date"] for i in json.loads(out.stdout)} >= {"2024-11-08"}


def test_wheel_opens_the_reader_on_seeds(wheel_env):
    env_dir, elsewhere = wheel_env
    with Tmux([str(env_dir / "bin" / "brief")], width=100, height=30, cwd=str(elsewhere)) as term:
        term.wait_for("Vladimir Putin congratulated Donald Trump")
        term.send("q")
        screen = term.wait_for("BRIEF-EXIT=")
        assert "BRIEF-EXIT=0" in screen
