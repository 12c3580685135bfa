"""Policy authoring commands: init, test-policy, explain, rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ACME_POLICY

from postguard import cli
from postguard.cli import main
from postguard.policy import load_policy
from postguard.workflow.starter import clean_domains, split_answer

BROKEN = """
rules:
  - id: t.codename
    kind: terms
    terms: [Kestrel]
    category: confidential
    message: 'codename'
    examples:
      flag: ["Kestrel ships", "Falcon ships"]
      pass: ["A kestrel flew by", "nothing"]
  - id: t.untested
    kind: terms
    terms: [Osprey]
    category: confidential
    message: 'codename'
"""


@pytest.fixture()
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    return CliRunner()


def test_init_yes_writes_a_valid_commented_starter(runner: CliRunner) -> None:
    done = runner.invoke(main, ["init", "--yes"])
    assert done.exit_code == 0, done.output
    text = Path("postguard.yml").read_text()
    assert text.startswith("# postguard policy")
    assert "# rules:" in text and "#   - id: org.codename" in text  # templates, commented out
    policy = load_policy("postguard.yml")
    assert not [r for r in policy.rules if r.id.startswith("org.")]
    assert runner.invoke(main, ["test-policy"]).exit_code == 0


def test_init_never_overwrites_without_force(runner: CliRunner) -> None:
    Path("postguard.yml").write_text("name: mine\n")
    done = runner.invoke(main, ["init", "--yes"])
    assert done.exit_code == 2
    assert "already exists" in done.output
    assert Path("postguard.yml").read_text() == "name: mine\n"
    done = runner.invoke(main, ["init", "--yes", "--force"])
    assert done.exit_code == 0
    assert Path("postguard.yml.bak").read_text() == "name: mine\n"
    assert "kept as postguard.yml.bak" in done.output


def test_init_asks_on_a_terminal(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_stdin_is_tty", lambda: True)
    answers = (
        "Falcon, Blue Harbour\nNordlys AS\nCloudCorp\nhttps://corp.acme.test/, not a domain!\n"
        "+47 22 00 00 00, presse@acme.test\n"
    )
    done = runner.invoke(main, ["init", "team.yml"], input=answers)
    assert done.exit_code == 0, done.output
    assert "skipped 'not a domain!'" in done.output
    policy = load_policy("team.yml")
    ids = {r.id for r in policy.rules}
    assert {"org.codename", "org.customer", "org.internal-host", "disparaging.competitor"} <= ids
    assert [t.text for t in policy.lists["competitors"].terms] == ["CloudCorp"]
    assert [t.text for t in policy.lists["codenames"].terms] == ["Falcon", "Blue Harbour"]
    done = runner.invoke(main, ["test-policy", "-v", "team.yml"])
    assert done.exit_code == 0, done.output
    assert "ok    org.internal-host" in done.output
    Path("draft.md").write_text("Blue Harbour beats CloudCorp, which is useless. See wiki.corp.acme.test.\n")
    done = runner.invoke(main, ["check", "-q", "--policy", "team.yml", "draft.md"])
    found = {line.split("[")[1].split("]")[0] for line in done.output.splitlines()}
    assert found == {"org.codename", "disparaging.competitor", "org.internal-host"}
    assert {"+47 22 00 00 00", "presse@acme.test"} <= set(policy.allow)
    # The switchboard the guidance tells writers to use is never reported, however it is written.
    Path("contact.md").write_text("Ring sentralbordet på 22 00 00 00. Ikke ring Ola på 412 34 567.\n")
    done = runner.invoke(main, ["check", "-q", "--policy", "team.yml", "contact.md"])
    assert (
        done.output.count("[pii.phone]") == 1 and ":1:53:" in done.output
    )  # Ola's number, not the switchboard


def test_answers_are_cleaned() -> None:
    assert split_answer(" Kestrel ,, kestrel, Silver   Tide ") == ["Kestrel", "Silver Tide"]
    assert clean_domains(["*.Corp.Example.com", "http://intra.x.no/wiki", "nope"]) == (
        ["corp.example.com", "intra.x.no"],
        ["nope"],
    )


def test_test_policy_reports_failures_like_a_test_runner(runner: CliRunner) -> None:
    Path("p.yml").write_text(BROKEN)
    done = runner.invoke(main, ["test-policy", "p.yml"])
    assert done.exit_code == 1
    out = done.output
    assert "FAIL  t.codename  2 of 4 examples failed" in out
    assert "p.yml:3: flag example 2 was not flagged" in out and "'Falcon ships'" in out
    assert 'p.yml:3: pass example 1 was flagged: "kestrel" at 1:3' in out
    assert "--    t.untested  no examples (p.yml:11)" in out
    assert out.strip().endswith("2 rules, 4 examples: 2 passed, 2 failed; 1 rule without examples.")


def test_test_policy_on_packs_and_shipped_policies(runner: CliRunner) -> None:
    done = runner.invoke(main, ["test-policy", "confidential"])
    assert done.exit_code == 0, done.output
    assert "0 failed" in done.output
    done = runner.invoke(main, ["test-policy", str(ACME_POLICY)])
    assert done.exit_code == 0, done.output
    done = runner.invoke(main, ["test-policy", "missing.yml"])
    assert done.exit_code == 2
    assert "policy file not found" in done.output


def test_explain(runner: CliRunner) -> None:
    done = runner.invoke(main, ["explain", "--policy", str(ACME_POLICY), "acme.codename"])
    assert done.exit_code == 0
    out = done.output
    assert out.startswith("acme.codename  (confidential, error)")
    assert f"Source: {ACME_POLICY}:" in out
    assert "What to do:\n  Codenames stay inside Acme Aurora" in out
    assert "Flagged:\n  - Sneak peek: Project Kestrel goes to beta in March." in out
    assert "Not flagged:\n  - A kestrel hovered" in out
    done = runner.invoke(main, ["explain", "confidential.marker"])
    assert "Source: built-in pack 'confidential'" in done.output
    done = runner.invoke(main, ["explain", "suppression.unused"])
    assert done.exit_code == 0 and "(suppression, info)" in done.output
    done = runner.invoke(main, ["explain", "offensive.model.insult"])
    assert "reported from a score of 0.8 (0 to 1)" in " ".join(done.output.split())
    assert "each two neighbouring ones together" in " ".join(done.output.split())
    done = runner.invoke(main, ["explain", "drugs.model"])
    assert "neighbouring ones together" not in " ".join(done.output.split())  # reads sentences alone


def test_explain_unknown_rule(runner: CliRunner) -> None:
    done = runner.invoke(main, ["explain", "--policy", str(ACME_POLICY), "acme.codenme"])
    assert done.exit_code == 2
    assert done.output.strip() == (
        "postguard: error: unknown rule id 'acme.codenme' (did you mean 'acme.codename'?); "
        "'postguard rules' lists the active rules"
    )


def test_rules_table(runner: CliRunner) -> None:
    done = runner.invoke(main, ["rules", "--policy", str(ACME_POLICY)])
    assert done.exit_code == 0
    lines = done.output.splitlines()
    assert lines[0].split() == ["RULE", "CATEGORY", "SEVERITY", "SOURCE"]
    rows = {line.split()[0]: line.split(None, 3) for line in lines[1:-1]}
    assert rows["acme.customer"][1:3] == ["customer", "error"]
    assert rows["acme.customer"][3].startswith(str(ACME_POLICY))
    assert rows["confidential.marker"][3] == "built-in pack 'confidential'"
    assert lines[-1] == f"{len(load_policy(ACME_POLICY).rules)} active rules."
