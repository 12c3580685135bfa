"""One policy for every command: test-policy and Linter.discover use exactly what check uses."""

from __future__ import annotations

from click.testing import CliRunner

from postguard import Linter
from postguard.cli import main

ORG = """\
rules:
  - id: org.codename
    kind: terms
    terms: [Osprey]
    category: confidential
    message: org codename
    examples: {flag: [Osprey ships], pass: [a bird]}
"""
PROJECT = """\
rules:
  - id: project.word
    kind: terms
    terms: [Bluebird]
    category: confidential
    message: project word
    examples: {flag: [Bluebird ships], pass: [a bird]}
"""
ELSEWHERE = PROJECT.replace("project.word", "env.word")


def _setup(tmp_path, monkeypatch):
    config = tmp_path / "config" / "postguard"
    config.mkdir(parents=True)
    (config / "postguard.yml").write_text(ORG, encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "postguard.yml").write_text(PROJECT, encoding="utf-8")
    return repo


def test_discover_merges_the_organisation_policy(tmp_path, monkeypatch) -> None:
    repo = _setup(tmp_path, monkeypatch)
    ids = {r.id for r in Linter.discover(repo).rules}
    assert {"org.codename", "project.word"} <= ids


def test_discover_honours_postguard_policy(tmp_path, monkeypatch) -> None:
    repo = _setup(tmp_path, monkeypatch)
    (tmp_path / "env.yml").write_text(ELSEWHERE, encoding="utf-8")
    monkeypatch.setenv("POSTGUARD_POLICY", str(tmp_path / "env.yml"))
    ids = {r.id for r in Linter.discover(repo).rules}
    assert "env.word" in ids and "project.word" not in ids and "org.codename" in ids


def test_test_policy_without_an_argument_runs_what_check_uses(tmp_path, monkeypatch) -> None:
    repo = _setup(tmp_path, monkeypatch)
    (tmp_path / "env.yml").write_text(ELSEWHERE, encoding="utf-8")
    monkeypatch.setenv("POSTGUARD_POLICY", str(tmp_path / "env.yml"))
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["test-policy", "-v"])
    assert result.exit_code == 0, result.output
    assert "org.codename" in result.output and "env.word" in result.output
    assert "project.word" not in result.output
