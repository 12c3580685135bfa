"""Baselines: old findings accepted by fingerprint, new ones reported, nothing leaked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import linter_from

from postguard.cli import main
from postguard.errors import PostguardError
from postguard.workflow.baseline import Baseline

POLICY = """
lists:
  codenames: [Kestrel]
rules:
  - id: t.codename
    kind: terms
    lists: [codenames]
    category: confidential
    severity: error
    message: '"{match}" is a codename.'
  - id: t.phone
    kind: pattern
    pattern: '\\b\\d{3} \\d{2} \\d{3}\\b'
    category: pii
    message: 'A phone number.'
"""
LINTER = linter_from(POLICY)
OLD = (
    "# Old post\n\nWe built Kestrel in a garage. Call 912 34 567 for tours.\n\n"
    "Second paragraph about the weather.\n"
)


def lint(text: str, path: Path):
    return LINTER.check(text, format="markdown", lang="en", path=str(path))


def new_rules(baseline: Baseline, text: str, path: Path) -> list[str]:
    [result] = baseline.new_findings([lint(text, path)])
    return [f.rule for f in result.findings]


@pytest.fixture()
def post(tmp_path: Path) -> Path:
    return tmp_path / "posts" / "old.md"


@pytest.fixture()
def baseline(tmp_path: Path, post: Path) -> Baseline:
    return Baseline.create([lint(OLD, post)], tmp_path)


def test_old_findings_are_accepted(baseline: Baseline, post: Path) -> None:
    assert sum(baseline.counts.values()) == 2
    assert new_rules(baseline, OLD, post) == []


def test_moving_text_and_editing_another_paragraph_keeps_them_accepted(
    baseline: Baseline, post: Path
) -> None:
    moved = (
        "# Old post, retitled\n\nA brand new opening paragraph.\n\n"
        "Second paragraph about the sunny weather.\n\n"
        "We built Kestrel in a garage. Call 912 34 567 for tours.\n"
    )
    assert new_rules(baseline, moved, post) == []
    rewrapped = OLD.replace("in a garage. Call", "in a garage.\nCall")
    assert new_rules(baseline, rewrapped, post) == []


def test_new_findings_are_reported(baseline: Baseline, post: Path) -> None:
    added = OLD + "\nKestrel 2 ships soon.\n"
    assert new_rules(baseline, added, post) == ["t.codename"]
    # the same sentence twice: the second copy is new
    assert new_rules(baseline, OLD + "\n" + OLD, post) == ["t.codename", "t.phone"]
    # the same text in another post is new there
    assert new_rules(baseline, OLD, post.with_name("other.md")) == ["t.codename", "t.phone"]


def test_baseline_file_leaks_nothing(tmp_path: Path, baseline: Baseline) -> None:
    target = tmp_path / "base.json"
    baseline.save(target)
    text = target.read_text()
    # Digests and the salt are hex: "912" may turn up in one by chance, so look outside them.
    readable = re.sub(r"[0-9a-f]{16,}", "#", text)
    for secret in ("Kestrel", "kestrel", "912 34 567", "912", "garage", "old.md"):
        assert secret not in readable
    data = json.loads(text)
    assert data["rules"] == {"t.codename": 1, "t.phone": 1}
    loaded = Baseline.load(target)
    assert loaded.counts == baseline.counts and loaded.salt == baseline.salt


def test_salt_changes_every_fingerprint(tmp_path: Path, post: Path) -> None:
    a = Baseline.create([lint(OLD, post)], tmp_path)
    b = Baseline.create([lint(OLD, post)], tmp_path)
    assert not set(a.counts) & set(b.counts)


@pytest.mark.parametrize(
    ("content", "problem"),
    [(None, "baseline not found"), ("{nope", "not valid JSON"), ('{"salt": 1}', "not a postguard baseline")],
)
def test_bad_baseline_files_are_clear_errors(tmp_path: Path, content: str | None, problem: str) -> None:
    target = tmp_path / "b.json"
    if content is not None:
        target.write_text(content)
    with pytest.raises(PostguardError, match=problem):
        Baseline.load(target)


def test_cli_baseline_create_then_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("postguard.yml").write_text(POLICY)
    Path("posts").mkdir()
    Path("posts/old.md").write_text(OLD)
    runner = CliRunner()
    done = runner.invoke(main, ["baseline", "create", "posts/old.md", "-o", ".postguard-baseline.json"])
    assert done.exit_code == 0, done.output
    assert "2 findings in 1 file accepted" in done.output
    assert runner.invoke(main, ["check", "posts/old.md"]).exit_code == 1
    done = runner.invoke(main, ["check", "--baseline", ".postguard-baseline.json", "posts/old.md"])
    assert done.exit_code == 0, done.output
    Path("posts/old.md").write_text(OLD + "\nKestrel again.\n")
    done = runner.invoke(main, ["check", "-q", "--baseline", ".postguard-baseline.json", "posts/old.md"])
    assert done.exit_code == 1
    assert done.output.strip() == 'posts/old.md:7:1: error [t.codename] "Kestrel" is a codename.'
    # recreating keeps the salt (small diffs) and a backup of the old file
    salt = json.loads(Path(".postguard-baseline.json").read_text())["salt"]
    done = runner.invoke(main, ["baseline", "create", "posts/old.md"])
    assert "kept as" in done.output and Path(".postguard-baseline.json.bak").is_file()
    assert json.loads(Path(".postguard-baseline.json").read_text())["salt"] == salt
    Path("broken.json").write_text("not json")
    done = runner.invoke(main, ["baseline", "create", "posts/old.md", "-o", "broken.json"])
    assert done.exit_code == 0 and Path("broken.json.bak").read_text() == "not json"
    assert runner.invoke(main, ["check", "--baseline", "broken.json", "posts/old.md"]).exit_code == 0
    done = runner.invoke(main, ["check", "--baseline", "missing.json", "posts/old.md"])
    assert done.exit_code == 2
    assert "baseline not found" in done.output


def test_cli_baseline_refuses_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["baseline", "create", "nope.md"])
    assert done.exit_code == 2
    assert not Path(".postguard-baseline.json").exists()


def test_a_private_value_never_enters_a_fingerprint(baseline: Baseline, post: Path) -> None:
    """The salt is in the file: a phone number's fingerprint must not depend on its digits, or
    trying all 10^8 numbers would give it back. Another number of the same shape is accepted."""
    other = OLD.replace("912 34 567", "415 00 283")
    assert baseline.fingerprints(lint(OLD, post)) == baseline.fingerprints(lint(other, post))
    assert new_rules(baseline, other, post) == []


def test_words_next_to_a_private_value_do_not_carry_it_either(baseline: Baseline, post: Path) -> None:
    """The codename's context words would hold the phone number if it stood right beside it."""
    near = "We built Kestrel 912 34 567.\n"
    assert baseline.fingerprints(lint(near, post)) == baseline.fingerprints(
        lint(near.replace("912 34 567", "123 45 678"), post)
    )


def test_a_format_1_baseline_is_refused_with_what_to_do(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"postguard-baseline": 1, "salt": "00", "findings": {}}), encoding="utf-8")
    with pytest.raises(PostguardError, match=r"format 1 can give private data back.*baseline create"):
        Baseline.load(old)
