"""Where the policy comes from: --policy, POSTGUARD_POLICY, the nearest postguard.yml, and an
organisation-wide policy in the user's config folder merged underneath."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from postguard import Linter
from postguard.cli import main
from postguard.errors import PolicyError
from postguard.policy import find_policies, load_policies, org_policy_path

ORG = """\
languages: [en]
fail-on: error
lists:
  codenames: [Kestrel]
rules:
  - {id: org.codename, kind: terms, lists: [codenames], category: confidential, severity: error,
     message: 'org codename'}
"""
PROJECT = """\
lists:
  codenames: [Osprey]
rules:
  - {id: project.word, kind: terms, terms: [Bluebird], category: confidential, message: 'project word'}
"""


@pytest.fixture
def org(tmp_path, monkeypatch):
    config = tmp_path / "config"
    (config / "postguard").mkdir(parents=True)
    (config / "postguard" / "postguard.yml").write_text(ORG)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config / "postguard" / "postguard.yml"


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / "postguard.yml").write_text(PROJECT)
    return folder


def rules(paths) -> list[str]:
    return sorted(r.id for r in load_policies(paths).rules)


def test_org_policy_path_honours_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert org_policy_path() == tmp_path / "postguard" / "postguard.yml"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert org_policy_path() == tmp_path / "home" / ".config" / "postguard" / "postguard.yml"


def test_order_is_org_then_project(org, project):
    assert find_policies(start=project) == [org, project / "postguard.yml"]


def test_explicit_beats_env_beats_discovered(org, project, tmp_path, monkeypatch):
    other = tmp_path / "other.yml"
    other.write_text("rules: []\n")
    env = tmp_path / "env.yml"
    env.write_text("rules: []\n")
    monkeypatch.setenv("POSTGUARD_POLICY", str(env))
    assert find_policies(other, start=project) == [org, other]
    assert find_policies(start=project) == [org, env]
    monkeypatch.delenv("POSTGUARD_POLICY")
    assert find_policies(start=project) == [org, project / "postguard.yml"]


def test_no_policy_anywhere_means_builtin_default(tmp_path):
    assert find_policies(start=tmp_path) == []
    assert rules([]) == sorted(r.id for r in Linter.default().rules)


def test_merge_adds_rules_and_unites_lists(org, project):
    policy = load_policies([org, project / "postguard.yml"])
    assert {r.id for r in policy.rules} == {"org.codename", "project.word"}
    assert [t.text for t in policy.lists["codenames"].terms] == ["Kestrel", "Osprey"]
    linter = Linter(policy)
    found = [f.rule for f in linter.check("Kestrel, Osprey and Bluebird", lang="en").findings]
    assert found == ["org.codename", "org.codename", "project.word"]


def test_top_level_settings_come_from_the_last_file_that_sets_them(org, project, tmp_path):
    policy = load_policies([org, project / "postguard.yml"])
    assert policy.languages == ("en",) and policy.fail_on.label == "error"
    (project / "postguard.yml").write_text(PROJECT + "fail-on: info\n")
    assert load_policies([org, project / "postguard.yml"]).fail_on.label == "info"


def test_project_can_disable_and_reseverity_org_rules(org, project):
    (project / "postguard.yml").write_text(PROJECT + "severity: {org.codename: info}\n")
    assert load_policies([org, project / "postguard.yml"]).rule("org.codename").severity.label == "info"
    (project / "postguard.yml").write_text(PROJECT + "disable: [org.codename]\n")
    assert rules([org, project / "postguard.yml"]) == ["project.word"]


def test_project_cannot_silently_redefine_an_org_rule(org, project):
    (project / "postguard.yml").write_text(PROJECT.replace("project.word", "org.codename"))
    with pytest.raises(PolicyError, match=r"duplicate rule id 'org\.codename'"):
        load_policies([org, project / "postguard.yml"])


def test_cli_merges_org_and_env_policy(org, project, tmp_path, monkeypatch):
    draft = tmp_path / "post.txt"
    draft.write_text("Kestrel and Bluebird.\n")
    monkeypatch.setenv("POSTGUARD_POLICY", str(project / "postguard.yml"))
    result = CliRunner().invoke(main, ["check", "-q", str(draft)])
    assert result.exit_code == 1
    assert "[org.codename]" in result.output and "[project.word]" in result.output


def test_cli_env_policy_missing_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTGUARD_POLICY", str(tmp_path / "nope.yml"))
    result = CliRunner().invoke(main, ["check", "-"], input="hello")
    assert result.exit_code == 2
    assert "nope.yml: policy file not found" in result.output
