"""``postguard --version`` (and ``--help``) must stay cheap: they may not import the NLP stack.
Asserted on which modules a fresh interpreter imports, never on timing."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

#: Packages that take seconds to import; only a check that needs them may load them.
HEAVY = ("spacy", "presidio_analyzer", "presidio_anonymizer", "faker", "wordfreq", "thinc")

ARGS = [["--version"], ["--help"]]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def _top_level(names) -> set[str]:
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("args", ARGS, ids=" ".join)
def test_importtime_of_the_real_command(args: list[str]) -> None:
    """``python -X importtime -m postguard --version``: every module imported, from stderr."""
    done = _run("-X", "importtime", "-m", "postguard", *args)
    assert done.returncode == 0, done.stderr
    imported = [
        line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")
    ]
    assert "click" in imported, done.stderr  # the parse sees third-party packages
    assert not _top_level(imported) & set(HEAVY), sorted(_top_level(imported) & set(HEAVY))


@pytest.mark.parametrize("args", ARGS, ids=" ".join)
def test_sys_modules_after_the_cli_entry_point(args: list[str]) -> None:
    """The console script's entry point (postguard.cli:main), run in a fresh interpreter."""
    code = (
        "import json, sys\n"
        "from postguard.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as exit:\n"
        "    assert exit.code in (0, None), exit.code\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = _run("-c", code)
    assert done.returncode == 0, done.stderr
    modules = _top_level(json.loads(done.stdout.splitlines()[-1]))
    assert {"postguard", "click"} <= modules
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_the_check_does_import_them() -> None:
    """The same probe sees the heavy packages when a check needs them, so it is not blind."""
    code = (
        "import json, sys\n"
        "from postguard import Linter\n"
        "Linter.default().check('Call Kari Nordmann on +47 41 23 45 67.', lang='en')\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = _run("-c", code)
    assert done.returncode == 0, done.stderr
    modules = _top_level(json.loads(done.stdout.splitlines()[-1]))
    assert {"spacy", "presidio_analyzer"} <= modules
