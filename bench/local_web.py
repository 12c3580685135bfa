"""One home for what the scripts that drive the web page share: starting ``postguard serve`` on
a free port of 127.0.0.1, and launching Debian's chromium offline (Playwright may not download a
browser here). Used by bench/web_api.py, docs/make_screenshot.py and the browser tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
#: Headless, as root, and with every background connection off: this machine's network is closed.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: What ``postguard serve`` prints on standard error once it listens, before the address.
STARTED = "postguard: open "


def start_server(policy: Path) -> tuple[subprocess.Popen[str], str]:
    """``postguard serve --policy POLICY`` on a free port; the process and the page's address."""
    server = subprocess.Popen(
        [sys.executable, "-m", "postguard", "serve", "--policy", str(policy), "--port", "0"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert server.stderr is not None
    for line in server.stderr:
        if line.startswith(STARTED):
            return server, line[len(STARTED) :].split()[0].rstrip("/")
    raise SystemExit(f"postguard serve stopped before serving (exit code {server.wait()})")
