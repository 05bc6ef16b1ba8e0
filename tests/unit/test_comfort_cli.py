"""Issue 15 at the command line: restricted mode, pipes, read state in JSON, the config file."""

from __future__ import annotations

import json
import subprocess

import pytest

from brief.ui.config import load_config, parse_config, set_setting
from brief.views.links import safe_url
from tests.helpers import FIXTURES, brief_command, run_brief


@pytest.mark.parametrize(
    "command", [["add", "https://example.org/feed"], ["remove", "x"], ["export"]]
)
def test_restricted_refuses_what_changes_sources_or_writes(command):
    for args, env in (((["--restricted", *command]), None), (command, {"BRIEF_RESTRICTED": "1"})):
        done = run_brief(*args, env=env)
        assert done.returncode == 2
        assert "restricted mode" in done.stderr and len(done.stderr.splitlines()) == 1
        assert done.stdout == ""


def test_restricted_over_ssh_reads_the_users_command_but_no_paths():
    env = {"SSH_ORIGINAL_COMMAND": "brief add https://example.org/feed"}
    done = run_brief("--restricted", env=env)
    assert done.returncode == 2 and "add is not allowed in restricted mode" in done.stderr
    done = run_brief("--restricted", env={"SSH_ORIGINAL_COMMAND": "list /etc"})
    assert done.returncode == 2 and "paths are not allowed" in done.stderr
    done = run_brief("--restricted", env={"SSH_ORIGINAL_COMMAND": "list --json"})
    assert done.returncode == 0
    assert len(json.loads(done.stdout)) == 2  # the seeds
    done = run_brief("--restricted", env={"SSH_ORIGINAL_COMMAND": "list --config /etc/passwd"})
    assert done.returncode == 2


def test_list_json_carries_read_and_starred():
    rows = json.loads(run_brief("list", "--json").stdout)
    assert all(row["read"] is False and row["starred"] is False for row in rows)


def test_brief_into_a_pipe_prints_the_list_instead_of_the_tui():
    done = run_brief(str(FIXTURES / "cnndm-five.jsonl"))  # stdout is a pipe here
    assert done.returncode == 0
    assert done.stdout.splitlines()[0].split() == ["DATE", "SOURCE", "HEADLINE"]
    assert len(done.stdout.splitlines()) == 6
    assert "\x1b" not in done.stdout


def test_a_closed_pipe_exits_0_quietly():
    big = str(FIXTURES / "cnndm-unrelated.jsonl")  # more JSON than a pipe buffer holds
    process = subprocess.Popen(
        [*brief_command(), "list", "--json", big],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.readline()
    process.stdout.close()  # what `| head -1` does
    status = process.wait(timeout=120)
    stderr = process.stderr.read().decode()
    assert status == 0, stderr
    assert "Traceback" not in stderr and "Broken pipe" not in stderr


def test_config_is_read_and_bad_lines_are_named(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        'theme = "nord"\ndensity = "compact"\nsummary_length = 30\nrefresh_interval = 15\n'
        'sources = ["~/news"]\n\n[keys]\nquit = "x"\n'
    )
    config, problem = load_config(path, {"quit"})
    assert problem is None
    assert (config.theme, config.compact, config.summary_length) == ("nord", True, 30)
    assert config.refresh_interval == 15 and config.keys == {"quit": "x"}
    assert not config.sources[0].startswith("~")
    cases = {
        'density = "huge"': "line 1: density",
        "\n\n[keys]\nnope = 'x'": "line 4: keys.nope: no command has this id",
        "theme = ": "not valid TOML",
        "refresh_interval = -1": "line 1: refresh_interval: expected a number",
        "colour = 'red'": "line 1: colour: unknown setting",
    }
    for text, said in cases.items():
        path.write_text(text)
        config, problem = load_config(path, {"quit"})
        assert said in problem and str(path) in problem and "\n" not in problem
        assert config.theme is None and not config.writable


def test_a_missing_default_config_is_fine_and_a_named_one_is_not(tmp_path):
    config, problem = load_config()
    assert problem is None and config.writable
    _, problem = load_config(tmp_path / "absent.toml")
    assert "no such file" in problem


def test_settings_are_written_in_place():
    text = '# mine\ntheme = "nord"\n\n[keys]\nquit = "x"\n'
    assert set_setting(text, "theme", "gruvbox") == (
        '# mine\ntheme = "gruvbox"\n\n[keys]\nquit = "x"\n'
    )
    added = set_setting(text, "density", "compact")
    assert parse_config(added, None).density == "compact"  # type: ignore[arg-type]


def test_links_are_http_or_https_without_control_characters():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"
    assert safe_url("https://exa\x1bmple.org/\x07") == "https://example.org/"
    for bad in (
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
        "https://",
        "https://a b.org",
        "//example.org",
        None,
        "",
    ):
        assert safe_url(bad) is None
