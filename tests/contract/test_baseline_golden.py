"""Baseline files are committed by users, so their fingerprints are a contract: the baseline of a
fixed draft under a fixed policy and a fixed salt must be byte for byte the committed golden file
(baseline_golden.json), and that file must keep accepting the draft's findings.

A failure here means existing baselines would stop matching: every accepted finding would come
back as new. If that is intended, raise ``FORMAT_VERSION`` in postguard/workflow/baseline.py, say
so in the README, and regenerate the golden file with

    POSTGUARD_UPDATE_SNAPSHOTS=1 python -m pytest tests/contract/test_baseline_golden.py
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from postguard import Linter, load_policy_text
from postguard.cli import main
from postguard.workflow.baseline import FORMAT_VERSION, Baseline

GOLDEN = Path(__file__).resolve().parent / "baseline_golden.json"
UPDATE_ENV = "POSTGUARD_UPDATE_SNAPSHOTS"
SALT = bytes(range(16))

POLICY = """\
languages: [en]
lists:
  codenames: [Kestrel, Silver Tide]
rules:
  - id: golden.codename
    kind: terms
    lists: [codenames]
    category: confidential
    severity: error
    message: '"{match}" is a codename.'
    examples: {flag: [Kestrel ships], pass: [a kestrel flew by]}
  - id: golden.ticket
    kind: pattern
    pattern: '\\bOPS-\\d{4}\\b'
    category: confidential
    severity: warning
    message: 'internal ticket {match}'
    examples: {flag: [see OPS-1234], pass: [see OPS-12]}
"""

DRAFT = """\
# Release notes

Project KESTREL   goes to beta in March, see OPS-4711 for the plan.

Silver Tide is next. Kestrel goes to beta in March, see OPS-4711.

A paragraph without anything.

Kestrel
goes to beta in March, see OPS-4711 for the plan.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "postguard.yml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "old.md").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def create_with_cli(project: Path) -> str:
    """``postguard baseline create`` keeps the salt of the file it replaces: seed it with ours."""
    seed = {"postguard-baseline": FORMAT_VERSION, "salt": SALT.hex(), "findings": {}}
    (project / "baseline.json").write_text(json.dumps(seed), encoding="utf-8")
    done = CliRunner().invoke(main, ["baseline", "create", "posts/old.md", "-o", "baseline.json"])
    assert done.exit_code == 0, done.output
    return (project / "baseline.json").read_text(encoding="utf-8")


def test_baseline_file_is_the_golden_one(project: Path) -> None:
    produced = create_with_cli(project)
    if os.environ.get(UPDATE_ENV) == "1":
        GOLDEN.write_text(produced, encoding="utf-8")
    assert produced == GOLDEN.read_text(encoding="utf-8"), (
        "The baseline of the fixed draft differs from tests/contract/baseline_golden.json, so users' "
        "committed baselines would stop matching. If intended, raise FORMAT_VERSION and regenerate with "
        f"{UPDATE_ENV}=1 python -m pytest tests/contract/test_baseline_golden.py"
    )


def test_golden_file_has_the_documented_shape() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert list(golden) == ["postguard-baseline", "salt", "rules", "findings"]
    assert golden["postguard-baseline"] == FORMAT_VERSION
    assert golden["salt"] == SALT.hex()
    assert golden["rules"] == {"golden.codename": 4, "golden.ticket": 3}
    assert sum(golden["findings"].values()) == 7
    assert all(len(key) == 32 and int(key, 16) >= 0 for key in golden["findings"])
    # "... March, see OPS-4711 for the ..." in the first and the last paragraph: one fingerprint, twice
    assert sorted(golden["findings"].values()) == [1, 1, 1, 1, 1, 2]
    text = GOLDEN.read_text(encoding="utf-8").casefold()
    assert "kestrel" not in text and "silver" not in text and "4711" not in text  # leaks nothing


def test_golden_file_still_accepts_the_drafts_findings(project: Path) -> None:
    (project / "golden.json").write_text(GOLDEN.read_text(encoding="utf-8"), encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["check", "posts/old.md"]).exit_code == 1
    done = runner.invoke(main, ["check", "--baseline", "golden.json", "posts/old.md"])
    assert done.exit_code == 0, done.output
    (project / "posts" / "old.md").write_text(DRAFT + "\nSilver Tide again.\n", encoding="utf-8")
    done = runner.invoke(main, ["check", "-q", "--baseline", "golden.json", "posts/old.md"])
    assert done.exit_code == 1
    assert done.output.strip() == 'posts/old.md:12:1: error [golden.codename] "Silver Tide" is a codename.'


def test_fingerprint_is_the_documented_hmac(project: Path) -> None:
    """HMAC-SHA256 keyed with the salt over rule, path, folded match and two words each side."""
    result = Linter(load_policy_text(POLICY)).check(DRAFT, format="markdown", path="posts/old.md")
    first = result.findings[0]
    assert (first.rule, first.text) == ("golden.codename", "KESTREL")
    message = "\x1f".join(["golden.codename", "posts/old.md", "kestrel", "project", "goes to"])
    expected = hmac.new(SALT, message.encode("utf-8"), hashlib.sha256).hexdigest()[:32]
    assert Baseline.create([result], project, SALT).fingerprints(result)[0] == expected
    assert expected in json.loads(GOLDEN.read_text(encoding="utf-8"))["findings"]
