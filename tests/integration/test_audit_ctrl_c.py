"""Ctrl-C at a terminal during ``postguard audit``, with each engine, as a real process group: the
terminal sends SIGINT to every process of the audit (the command and its local workers, or its
Dask scheduler and workers). The command stops with exit 130 and says how to go on, no process
prints a traceback or a warning, the folder holds exactly what its checkpoint says, and
``--resume`` completes it byte for byte as an uninterrupted audit."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ACME_POLICY, ROOT

from postguard.audit.command import EXIT_INTERRUPTED
from postguard.audit.output import CHECKPOINT, FINDINGS, POSTS, PROBLEMS

pytestmark = pytest.mark.slow  # real processes, and a Dask cluster

TEXTS = (
    "Project Kestrel ships next month. Call me on +47 41 23 45 67.",
    "A calm post about gardening and the spring weather.",
    "Internal only: the pricing is not announced yet.",
    "Our competitor Nordic Cloud Co. is a bunch of idiots. Mail kari.nordmann@gmail.com.",
)
#: Enough records that the audit is still running when the signal comes (seconds of work).
RECORDS = 2000
#: Seconds allowed for an audit to start, or to stop after Ctrl-C.
PATIENCE = 240


def _command(archive: Path, outdir: Path, engine: str, *options: str) -> list[str]:
    return [
        *(sys.executable, "-m", "postguard", "audit", str(archive), "-o", str(outdir)),
        *("--policy", str(ACME_POLICY), "--engine", engine, "--workers", "2", *options),
    ]


def _environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}  # the workers import this checkout's postguard


def _outputs(outdir: Path) -> dict[str, bytes]:
    return {name: (outdir / name).read_bytes() for name in (FINDINGS, POSTS, PROBLEMS)}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A JSON Lines archive and what an uninterrupted audit of it writes."""
    folder = tmp_path_factory.mktemp("ctrl-c")
    path = folder / "posts.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for number in range(RECORDS):
            out.write(json.dumps({"id": f"p{number}", "text": TEXTS[number % len(TEXTS)]}) + "\n")
    subprocess.run(
        _command(path, folder / "whole", "local"),
        env=_environment(),
        capture_output=True,
        timeout=PATIENCE,
        check=True,
    )
    return path, _outputs(folder / "whole")


def _records_done(outdir: Path) -> int:
    try:
        checkpoint = json.loads((outdir / CHECKPOINT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0  # not written yet, or being replaced
    return sum(checkpoint["done"].values())


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_ctrl_c_stops_cleanly_and_resume_completes_the_audit(
    engine: str, archive: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    path, expected = archive
    outdir = tmp_path / "out"
    process = subprocess.Popen(
        _command(path, outdir, engine),
        env=_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    deadline = time.monotonic() + PATIENCE
    while _records_done(outdir) == 0:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "the audit did not start checking"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=PATIENCE)

    assert process.returncode == EXIT_INTERRUPTED, stderr
    assert "Traceback" not in stderr and "WARNING" not in stderr, stderr
    assert "--resume" in stderr.strip().splitlines()[-1]
    checkpoint = json.loads((outdir / CHECKPOINT).read_text(encoding="utf-8"))
    assert not checkpoint["complete"] and 0 < sum(checkpoint["done"].values()) < RECORDS
    for name in (FINDINGS, POSTS, PROBLEMS):
        assert (outdir / name).stat().st_size == checkpoint["bytes"][name], name

    subprocess.run(
        _command(path, outdir, engine, "--resume"),
        env=_environment(),
        capture_output=True,
        timeout=PATIENCE,
        check=True,
    )
    assert _outputs(outdir) == expected
