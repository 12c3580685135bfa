"""The pre-commit hook, for real: a throwaway blog repository uses this repository's hook.

pre-commit clones this repository at HEAD and pip-installs it into its own environment, so
the first run takes minutes; PRE_COMMIT_HOME under .cache/ keeps that environment for later
runs of the same commit (``pre-commit gc`` drops older ones). The hook definition under test
is the committed one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow  # a real process: skip with -m "not slow"

POLICY = """\
name: Test blog
extends: [default]
lists:
  codenames: [Kestrel]
rules:
  - id: blog.codename
    kind: terms
    lists: [codenames]
    category: confidential
    severity: error
    message: '"{match}" is an internal project codename.'
"""
CLEAN = "---\ntitle: Hello\n---\n\nWe moved our blog to a static site generator. It is fast.\n"
LEAK = "---\ntitle: Teaser\n---\n\nA first look at Kestrel, our next storage engine.\n"


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)


@pytest.fixture(scope="module")
def blog(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    repo = tmp_path_factory.mktemp("blog")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(ROOT / ".cache" / "pre-commit"),
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
    }
    for args in (["git", "init", "-q"], ["git", "config", "commit.gpgsign", "false"]):
        _run(args, repo, env).check_returncode()
    (repo / "postguard.yml").write_text(POLICY)
    (repo / ".pre-commit-config.yaml").write_text(
        textwrap.dedent(
            f"""\
            repos:
              - repo: {ROOT.as_posix()}
                rev: {head}
                hooks:
                  - id: postguard
            """
        )
    )
    (repo / "posts").mkdir()
    (repo / "posts" / "hello.md").write_text(CLEAN)
    _run(["git", "add", "."], repo, env).check_returncode()
    for command in ("gc", "install-hooks", "install"):  # gc: drop environments of older commits
        done = _run([sys.executable, "-m", "pre_commit", command], repo, env)
        assert done.returncode == 0, done.stdout + done.stderr
    return repo, env


def test_clean_post_is_committed(blog: tuple[Path, dict[str, str]]) -> None:
    repo, env = blog
    done = _run(["git", "commit", "-q", "-m", "first post"], repo, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "postguard" in done.stdout + done.stderr  # the hook ran
    assert "Passed" in done.stdout + done.stderr


def test_leaking_post_is_blocked(blog: tuple[Path, dict[str, str]]) -> None:
    repo, env = blog
    (repo / "posts" / "teaser.md").write_text(LEAK)
    _run(["git", "add", "posts/teaser.md"], repo, env).check_returncode()
    done = _run([sys.executable, "-m", "pre_commit", "run", "--all-files"], repo, env)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Failed" in output
    assert "posts/teaser.md:5:17: error [blog.codename]" in output
    assert "posts/hello.md:" not in output
    assert "1 problem (1 error) in 1 of 2 files." in output  # one process saw both files
    before = _run(["git", "rev-list", "--all", "--count"], repo, env).stdout
    committed = _run(["git", "commit", "-q", "-m", "teaser"], repo, env)
    assert committed.returncode != 0
    assert "blog.codename" in committed.stdout + committed.stderr
    assert _run(["git", "rev-list", "--all", "--count"], repo, env).stdout == before
