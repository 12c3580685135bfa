"""Every public way to load a policy validates every rule completely: its kind, its kind's own
keys and values, its regexes and its examples. Commands that only read a policy (rules,
explain, test-policy, init's self-check) refuse a broken one with file and line, like check."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from postguard import PolicyError, load_policy, load_policy_text
from postguard.cli import main

RULE = """\
rules:
  - id: t.rule
    category: confidential
    message: m
{body}
"""

BROKEN = {
    "unknown kind": ("    kind: termz\n    terms: [x]\n", "unknown rule kind 'termz'", 5),
    "unclosed regex": ("    kind: pattern\n    pattern: '(abc'\n", "does not compile", 6),
    "unknown option": ("    kind: terms\n    terms: [x]\n    pattern: y\n", "unknown key 'pattern'", 7),
    "bad option value": ("    kind: secrets\n    min-entropy: 99\n", "'min-entropy' must be", 6),
    "bad example format": (
        "    kind: terms\n    terms: [x]\n    examples:\n      flag: [{text: x, format: docx}]\n",
        "unknown example format 'docx'",
        8,
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_load_policy_text_refuses(case: str) -> None:
    body, problem, line = BROKEN[case]
    with pytest.raises(PolicyError) as caught:
        load_policy_text(RULE.format(body=body), name="p.yml")
    assert problem in str(caught.value)
    assert caught.value.line == line


@pytest.mark.parametrize("case", sorted(BROKEN))
@pytest.mark.parametrize(
    "command", [["rules"], ["explain", "t.rule"], ["test-policy"], ["check", "draft.txt"]]
)
def test_commands_that_read_a_policy_exit_2_with_file_and_line(tmp_path, monkeypatch, case, command) -> None:
    body, problem, line = BROKEN[case]
    (tmp_path / "postguard.yml").write_text(RULE.format(body=body), encoding="utf-8")
    (tmp_path / "draft.txt").write_text("hello\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2, result.output
    assert f"postguard.yml:{line}:" in result.stderr and problem in result.stderr
    assert "Traceback" not in result.output


def test_load_policy_of_a_file_refuses_too(tmp_path) -> None:
    path = tmp_path / "p.yml"
    path.write_text(RULE.format(body=BROKEN["unknown kind"][0]), encoding="utf-8")
    with pytest.raises(PolicyError, match="unknown rule kind"):
        load_policy(path)
