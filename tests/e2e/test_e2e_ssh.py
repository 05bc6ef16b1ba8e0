"""End to end over a real sshd on 127.0.0.1: the reader starts, shows the seeds and quits.

Needs the `sshd` binary (CI installs openssh-server) and permission to run it with
its own config; the daemon is started on a free port with throwaway keys.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from tests.helpers import brief_command
from tests.tmux import Tmux

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    yield from _sshd(tmp_path_factory.mktemp("sshd"))


def _sshd(root: Path, extra: str = ""):
    os.chmod(root, 0o700)
    host_key, user_key = root / "host_key", root / "user_key"
    for key in (host_key, user_key):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    authorized = root / "authorized_keys"
    authorized.write_text((root / "user_key.pub").read_text())
    os.chmod(authorized, 0o600)
    port = _free_port()
    config = root / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nPidFile {root / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {authorized}\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\n"
        "UsePAM no\nStrictModes no\nPermitRootLogin yes\nPrintMotd no\nAcceptEnv LANG LC_*\n"
        + extra
    )
    Path("/run/sshd").mkdir(exist_ok=True)  # privilege-separation directory sshd insists on
    daemon = subprocess.Popen(
        [SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        if daemon.poll() is not None:
            raise AssertionError(f"sshd did not start: {daemon.stderr.read()}")
        time.sleep(0.1)
    yield port, user_key
    daemon.terminate()
    daemon.wait(timeout=10)


def _user() -> str:
    return (
        os.environ.get("USER")
        or subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    )


def _ssh(port: int, key: Path, *remote: str, tty: bool = True) -> list[str]:
    return [
        "ssh",
        *(["-tt"] if tty else ["-T"]),
        "-p",
        str(port),
        "-i",
        str(key),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        f"{_user()}@127.0.0.1",
        *remote,
    ]


def test_reader_over_ssh(sshd):
    port, key = sshd
    remote = " ".join(brief_command())
    ssh = _ssh(port, key, f"TERM=xterm-256color {remote}")
    with Tmux(ssh, width=100, height=30) as term:
        term.wait_for("Vladimir Putin congratulated Donald Trump", timeout=60)
        term.wait_for("2 briefings")  # the header may repaint a frame after the cards
        term.send("j")
        term.send("q")
        assert "BRIEF-EXIT=0" in term.wait_for("BRIEF-EXIT=", timeout=30)


NEWS = [
    {
        "id": "minsk",
        "title": "Putin speaks to reporters in Minsk",
        "date": "2025-06-27",
        "source": "Wire",
        "url": "https://example.org/minsk",
        "text": "Vladimir Putin spoke to reporters in Minsk on Friday about the talks.",
    },
    {
        "id": "kite",
        "title": "A giant kite grounded in Chongqing",
        "date": "2025-06-26",
        "source": "Wire",
        "url": "https://example.org/kite",
        "text": "A Chinese team took a giant kite to a festival in Chongqing.",
    },
]


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    """sshd whose every session is `brief --restricted NEWS` (ForceCommand), with its own dirs."""
    import json

    root = tmp_path_factory.mktemp("kiosk")
    news = root / "news.jsonl"
    news.write_text("".join(json.dumps(row) + "\n" for row in NEWS))
    dirs = " ".join(f"XDG_{d}_HOME={root / d.lower()}" for d in ("CONFIG", "DATA", "CACHE"))
    command = f"env {dirs} {' '.join(brief_command())} --restricted {news}"
    yield from _sshd(root, f"ForceCommand {command}\n")


def test_restricted_kiosk_over_ssh(kiosk):
    """ForceCommand brief --restricted: the list shows, search works, o copies instead of
    opening, add is refused, q ends the session."""
    port, key = kiosk
    with Tmux(_ssh(port, key), width=100, height=30) as term:
        screen = term.wait_for("Putin speaks to reporters in Minsk", timeout=60)
        term.wait_for("restricted")
        term.send("/")
        time.sleep(0.3)
        term.send("kite")
        screen = term.wait_for("1 match", timeout=30)
        assert "A giant kite grounded" in screen
        term.send("Enter")  # opens the result
        time.sleep(0.5)
        term.send("o")
        screen = term.wait_for("Copied the link", timeout=10)
        assert "restricted session" in screen
        term.send("q")
        assert "BRIEF-EXIT=0" in term.wait_for("BRIEF-EXIT=", timeout=30)
    refused = subprocess.run(
        _ssh(port, key, "add", "https://example.org/feed.xml", tty=False),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2
    assert "add is not allowed in restricted mode" in refused.stderr
