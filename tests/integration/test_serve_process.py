"""``postguard serve`` as a user starts it: it prints the page's address, stops cleanly on Ctrl-C,
and a port already in use is one line and exit code 2, before the slow warm-up."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys

import pytest
from conftest import ACME_POLICY, ROOT

pytestmark = pytest.mark.slow  # real processes

STARTED = "postguard: open http://127.0.0.1:"


def _serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "postguard", "serve", "--policy", str(ACME_POLICY), *args],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_serve_prints_its_address_and_stops_on_ctrl_c() -> None:
    server = _serve("--port", "0")
    assert server.stderr is not None
    try:
        lines = [server.stderr.readline(), server.stderr.readline()]
        assert lines[1].startswith(STARTED), lines
        assert "Ctrl-C" in lines[1]
    finally:
        server.send_signal(signal.SIGINT)
        _, rest = server.communicate(timeout=30)
    assert server.returncode == 0, rest
    assert "Traceback" not in rest


def test_a_port_in_use_is_one_line_and_exit_2() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = _serve("--port", str(port))
        _, stderr = server.communicate(timeout=60)
    assert server.returncode == 2
    assert stderr == f"postguard: error: cannot listen on 127.0.0.1:{port}: Address already in use\n"
