"""The command line as a real process, the way a user types the README's run command
(the in-process CLI contract: tests/contract/test_cli.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow  # a real process: skip with -m "not slow"


def test_real_process_default_policy_on_the_sample_draft() -> None:
    """The README's run command, as a user types it (default policy, no postguard.yml around)."""
    proc = subprocess.run(
        [sys.executable, "-m", "postguard", "check", "examples/drafts/launch.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert "examples/drafts/launch.md:11:1: error [confidential.marker]" in proc.stdout
    assert proc.stderr == ""
