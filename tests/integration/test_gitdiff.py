"""--diff REV / --changed-only: findings on changed lines only."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from postguard.cli import main
from postguard.workflow.gitdiff import parse_diff

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
"""
ENV = {
    "GIT_AUTHOR_NAME": "T",
    "GIT_AUTHOR_EMAIL": "t@example.com",
    "GIT_COMMITTER_NAME": "T",
    "GIT_COMMITTER_EMAIL": "t@example.com",
}


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], check=True, capture_output=True, text=True, env={**os.environ, **ENV}
    ).stdout


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    git("init", "-q")
    git("config", "commit.gpgsign", "false")
    Path("postguard.yml").write_text(POLICY)
    Path("posts").mkdir()
    Path("posts/old.md").write_text("Kestrel one.\n\nPlain.\n\nKestrel two.\n")
    git("add", ".")
    git("commit", "-q", "-m", "old")
    return tmp_path


def lines_reported(*args: str) -> tuple[int, list[str]]:
    done = CliRunner().invoke(main, ["check", "-q", *args])
    return done.exit_code, [line.split(": ")[0] for line in done.output.splitlines()]


def test_parse_diff() -> None:
    diff = (
        "diff --git a/p.md b/p.md\n--- a/p.md\n+++ b/p.md\n@@ -1 +1 @@\n-a\n+b\n"
        "@@ -5,0 +6,2 @@\n+c\n+d\n@@ -9,2 +11,0 @@\n-e\n-f\n"
        "diff --git a/x b/x\n--- a/x\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
        'diff --git "a/t\\tb.md" "b/t\\tb.md"\n--- "a/t\\tb.md"\n+++ "b/t\\tb.md"\n@@ -0,0 +1 @@\n+n\n'
    )
    assert parse_diff(diff) == {"p.md": {1, 6, 7}, "t\tb.md": {1}}


def test_only_changed_lines_are_reported(repo: Path) -> None:
    assert lines_reported("posts/old.md") == (1, ["posts/old.md:1:1", "posts/old.md:5:1"])
    assert lines_reported("--changed-only", "posts/old.md") == (0, [])
    Path("posts/old.md").write_text("Kestrel one.\n\nPlain, with Kestrel now.\n\nKestrel two.\n")
    assert lines_reported("--changed-only", "posts/old.md") == (1, ["posts/old.md:3:13"])
    git("add", ".")  # staged changes count too
    assert lines_reported("--diff", "HEAD", "posts/old.md") == (1, ["posts/old.md:3:13"])
    git("commit", "-q", "-m", "edit")
    assert lines_reported("--diff", "HEAD~1", "posts/old.md") == (1, ["posts/old.md:3:13"])
    assert lines_reported("--diff", "HEAD", "posts/old.md") == (0, [])


def test_new_and_renamed_files(repo: Path) -> None:
    Path("posts/new.md").write_text("Kestrel is new.\n")  # untracked: all of it is new
    git("mv", "posts/old.md", "posts/renamed.md")
    code, reported = lines_reported("--changed-only", "posts/new.md", "posts/renamed.md")
    assert (code, reported) == (1, ["posts/new.md:1:1"])


def test_errors_are_clear(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    done = CliRunner().invoke(main, ["check", "--diff", "no-such-rev", "posts/old.md"])
    assert done.exit_code == 2
    assert "has no revision 'no-such-rev'" in done.output
    outside = tmp_path_factory.mktemp("outside") / "p.md"
    outside.write_text("Kestrel\n")
    done = CliRunner().invoke(main, ["check", "--changed-only", str(outside)])
    assert done.exit_code == 2
    assert "not inside a git repository" in done.output or "not in the git repository" in done.output
    done = CliRunner().invoke(main, ["check", "--changed-only", "--diff", "HEAD", "posts/old.md"])
    assert done.exit_code == 2
    done = CliRunner().invoke(main, ["check", "--changed-only", "-"], input="Kestrel")
    assert done.exit_code == 2
    assert "standard input" in done.output
