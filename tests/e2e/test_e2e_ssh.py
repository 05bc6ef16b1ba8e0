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
    root = tmp_path_factory.mktemp("sshd")
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


def test_reader_over_ssh(sshd):
    port, key = sshd
    user = (
        os.environ.get("USER")
        or subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    )
    remote = " ".join(brief_command())
    ssh = [
        "ssh",
        "-tt",
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
        f"{user}@127.0.0.1",
        f"TERM=xterm-256color {remote}",
    ]
    with Tmux(ssh, width=100, height=30) as term:
        term.wait_for("Vladimir Putin congratulated Donald Trump", timeout=60)
        term.wait_for("2 briefings")  # the header may repaint a frame after the cards
        term.send("j")
        term.send("q")
        assert "BRIEF-EXIT=0" in term.wait_for("BRIEF-EXIT=", timeout=30)
