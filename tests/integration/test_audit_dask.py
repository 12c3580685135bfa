"""The Dask engine on a real LocalCluster (two worker processes on 127.0.0.1, no dashboard):
the same findings as the local engine and as ``postguard check``. Run as the user runs it, in
its own process: the test process itself has no network, not even the loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ACME_POLICY, ROOT

from postguard.cli import main

pytestmark = pytest.mark.slow  # real processes: a Dask scheduler and its workers

POSTS = [
    "# Launch\n\nProject Kestrel ships next month. Call me on +47 41 23 45 67.\n",
    "# Garden\n\nA calm post about gardening and the spring weather.\n",
    "<p>Internal only: the pricing is not announced yet.</p>\n",
    "Our competitor Nordic Cloud Co. is a bunch of idiots. Mail kari.nordmann@gmail.com.\n",
]
#: Keys findings.jsonl adds to the JSON contract's finding object.
POST_KEYS = ("post_id", "source", "position", "date")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("posts")
    suffixes = (".md", ".md", ".html", ".txt")
    for number in range(24):
        (root / f"post{number:02}{suffixes[number % 4]}").write_text(POSTS[number % 4], encoding="utf-8")
    return root


def _audit(folder: Path, outdir: Path, *options: str) -> Path:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "postguard",
            "audit",
            str(folder),
            "-o",
            str(outdir),
            "--policy",
            str(ACME_POLICY),
            "--workers",
            "2",
            *options,
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # the workers import this checkout's postguard
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return outdir


def test_dask_local_and_check_find_the_same(folder: Path, tmp_path: Path) -> None:
    local = _audit(folder, tmp_path / "local")
    dask = _audit(folder, tmp_path / "dask", "--engine", "dask")
    for name in ("findings.jsonl", "posts.csv", "problems.jsonl"):
        assert (dask / name).read_bytes() == (local / name).read_bytes(), name
    audited: dict[str, list[dict[str, object]]] = {}
    for line in (dask / "findings.jsonl").read_text(encoding="utf-8").splitlines():
        found = json.loads(line)
        audited.setdefault(found["post_id"], []).append(
            {k: v for k, v in found.items() if k not in POST_KEYS}
        )
    files = sorted(str(path) for path in folder.iterdir())
    checked = CliRunner().invoke(main, ["check", "--format", "json", "--policy", str(ACME_POLICY), *files])
    report = json.loads(checked.output)
    expected = {Path(entry["path"]).name: entry["findings"] for entry in report["files"] if entry["findings"]}
    assert audited == expected
    assert len(audited) == 18  # every post but the gardening ones
