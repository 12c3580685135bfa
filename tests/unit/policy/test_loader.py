"""Policies: loading, merging, and an exact error (file, line, what is wrong) for every mistake."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from postguard import Linter, PolicyError, Severity, load_policy, load_policy_text
from postguard.policy import builtin_packs, discover_policy

GOOD_RULE = """
  - id: acme.codename
    kind: terms
    terms: [Kestrel]
    category: confidential
    message: codename
"""


def write(tmp_path: Path, text: str, name: str = "postguard.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def policy_error(tmp_path: Path, text: str) -> PolicyError:
    path = write(tmp_path, text)
    with pytest.raises(PolicyError) as info:
        Linter.from_file(path)
    return info.value


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("rules:\n  - id: a\n    kind: terms\n   category: x\n", 4, "YAML syntax error"),
        ("langauges: [en]\n", 1, "did you mean 'languages'"),
        ("rules:\n" + GOOD_RULE + "    severty: error\n", 8, "did you mean 'severity'"),
        (
            "rules:\n  - id: a\n    kind: termz\n    category: c\n    message: m\n",
            3,
            "unknown rule kind 'termz' (did you mean 'terms'?)",
        ),
        ("rules:\n" + GOOD_RULE + GOOD_RULE, 9, "duplicate rule id 'acme.codename'"),
        (
            "rules:\n  - id: a\n    kind: pattern\n    pattern: '(unclosed'\n    category: c\n    message: m\n",
            4,
            "pattern does not compile",
        ),
        (
            "rules:\n  - id: a\n    kind: pattern\n    pattern: 'x*'\n    category: c\n    message: m\n",
            4,
            "matches empty text",
        ),
        (
            "rules:\n  - id: a\n    kind: terms\n    lists: [codenamse]\n    category: c\n    message: m\nlists:\n  codenames: [K]\n",
            4,
            "did you mean 'codenames'",
        ),
        ("rules:\n" + GOOD_RULE + "    severity: critical\n", 8, "expected error, warning or info"),
        ("fail-on: sometimes\n", 1, "invalid severity"),
        ("languages: [en, de]\n", 1, "unsupported language 'de'"),
        ("extends: [defualt]\n", 1, "did you mean 'default'"),
        ("disable: [no.such.rule]\n", 1, "cannot disable unknown rule id"),
        (
            "extends: [default]\nseverity:\n  confidential.markr: info\n",
            3,
            "did you mean 'confidential.marker'",
        ),
        (
            "rules:\n  - id: a\n    kind: terms\n    terms: [x]\n    category: c\n    message: 'hi {mtch}'\n",
            6,
            "unknown placeholder {mtch}",
        ),
        (
            "rules:\n  - id: a\n    kind: terms\n    terms: [x]\n    category: c\n    message: m\n    scope: [prosa]\n",
            7,
            "did you mean 'prose'",
        ),
        ("rules:\n  - id: a\n    kind: terms\n    category: c\n    message: m\n", 2, "needs 'lists'"),
        ("rules:\n  - id: a\n    kind: terms\n    terms: [x]\n    message: m\n", 2, "needs 'category'"),
        ("rules:\n  - kind: terms\n", 2, "needs an 'id'"),
        ("rules: {a: 1}\n", 1, "'rules' must be a list"),
        ("lists:\n  codes:\n    terms: [a]\n    fil: x.txt\n", 4, "did you mean 'file'"),
        ("lists:\n  codes:\n    - {term: K, case: upper}\n", 3, "invalid case 'upper'"),
        ("key: 1\nkey: 2\n", 2, "duplicate key 'key' (first on line 1)"),
        ("- just\n- a list\n", 1, "must be a mapping"),
        (
            "rules:\n  - id: a\n    kind: near\n    terms: [x]\n    category: c\n    message: m\n",
            2,
            "needs 'near:'",
        ),
        (
            "rules:\n  - id: a\n    kind: terms\n    terms: [x]\n    category: c\n    message: m\n    examples: {flags: [x]}\n",
            7,
            "unknown examples key 'flags'",
        ),
    ],
)
def test_malformed_policies_say_file_line_and_what(tmp_path: Path, text: str, line: int, says: str) -> None:
    error = policy_error(tmp_path, text)
    assert error.path.endswith("postguard.yml")
    assert error.line == line, str(error)
    assert says in str(error)
    assert str(error).startswith(f"{error.path}:{line}: ")


def test_extends_loop_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "extends: [b.yml]\n", "a.yml")
    write(tmp_path, "extends: [a.yml]\n", "b.yml")
    with pytest.raises(PolicyError, match="'extends' loop: .*a.yml -> .*b.yml -> .*a.yml"):
        load_policy(tmp_path / "a.yml")


def test_missing_policy_and_directory(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="policy file not found"):
        load_policy(tmp_path / "nope.yml")
    with pytest.raises(PolicyError, match="is a directory"):
        load_policy(tmp_path)


def test_policy_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "postguard.yml"
    path.write_bytes(b"name: ok\nlists:\n  x: [\xff]\n")
    with pytest.raises(PolicyError, match=r"postguard.yml:3: policy is not valid UTF-8"):
        load_policy(path)


def test_unsafe_yaml_tags_are_refused(tmp_path: Path) -> None:
    error = policy_error(tmp_path, "name: !!python/object/apply:os.system ['echo hi']\n")
    assert "YAML" in str(error)


def test_term_file_lists_and_escape(tmp_path: Path) -> None:
    (tmp_path / "customers.txt").write_text(
        "# our customers\nHalvorsen Maritime\n\nPolar Freight AS  # since 2020\n"
    )
    path = write(
        tmp_path,
        """
        lists:
          customers: {file: customers.txt}
        rules:
          - id: c
            kind: terms
            lists: [customers]
            category: customer
            message: customer
        """,
    )
    linter = Linter.from_file(path)
    assert [f.text for f in linter.check("Halvorsen Maritime and Polar Freight AS").findings] == [
        "Halvorsen Maritime",
        "Polar Freight AS",
    ]
    escape = write(tmp_path, "lists:\n  x: {file: ../outside.txt}\n", "escape.yml")
    with pytest.raises(PolicyError, match="escape.yml:2: .*outside the policy's folder"):
        load_policy(escape)
    missing = write(tmp_path, "lists:\n  x: {file: missing.txt}\n", "missing.yml")
    with pytest.raises(PolicyError, match="missing.yml:2: term list file not found"):
        load_policy(missing)


def test_extends_merges_lists_and_overrides(tmp_path: Path) -> None:
    write(
        tmp_path,
        """
        lists:
          words: [alpha]
        rules:
          - id: base.words
            kind: terms
            lists: [words]
            category: confidential
            severity: error
            message: found {match}
          - id: base.other
            kind: terms
            terms: [beta]
            category: confidential
            message: other
        """,
        "base.yml",
    )
    path = write(
        tmp_path,
        """
        extends: [base.yml]
        fail-on: error
        lists:
          words: [gamma]
        severity:
          base.words: info
        disable: [base.other]
        """,
    )
    policy = load_policy(path)
    assert policy.fail_on is Severity.ERROR
    assert [r.id for r in policy.rules] == ["base.words"]
    assert policy.rule("base.words").severity is Severity.INFO
    result = Linter(policy).check("alpha beta gamma")
    assert [(f.text, f.severity) for f in result.findings] == [
        ("alpha", Severity.INFO),
        ("gamma", Severity.INFO),
    ]


def test_unknown_rule_id_lookup_suggests() -> None:
    policy = load_policy(None)
    with pytest.raises(KeyError, match="did you mean 'confidential.marker'"):
        policy.rule("confidential.markr")


def test_discovery_walks_upward(tmp_path: Path) -> None:
    write(tmp_path, "name: top\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert discover_policy(nested) == tmp_path / "postguard.yml"


def test_builtin_packs_are_listed() -> None:
    assert {"default", "confidential"} <= set(builtin_packs())


@pytest.mark.parametrize("pack", builtin_packs())
def test_each_builtin_pack_loads_alone(pack: str) -> None:
    """A pack names only lists it defines itself (lists of the same name merge across packs)."""
    assert load_policy_text(f"extends: [{pack}]\n").rules


def test_rule_languages_limit_where_a_rule_runs(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        rules:
          - id: en.only
            kind: terms
            terms: [fart]
            languages: [en]
            category: offensive
            message: m
        """,
    )
    linter = Linter.from_file(path)
    assert linter.check("what a fart", lang="en").findings
    assert not linter.check("full fart på skipet", lang="nb").findings


def test_allow_list_silences_matches(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
        allow: [press@acme.example]
        rules:
          - id: any.acme
            kind: pattern
            pattern: '[a-z]+@acme\\.example'
            category: pii
            message: address
            allow: [help@acme.example]
        """,
    )
    linter = Linter.from_file(path)
    result = linter.check("Mail press@acme.example, help@acme.example or kari@acme.example")
    assert [f.text for f in result.findings] == ["kari@acme.example"]
    assert result.findings[0].sensitive


@pytest.mark.parametrize("text", ["", "# just a comment\n", "name: Acme\n"])
def test_a_policy_with_no_rules_is_refused_rather_than_checking_nothing(tmp_path, text) -> None:
    policy = tmp_path / "postguard.yml"
    policy.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match=r"no rules, so it would check nothing; add 'extends: \[default\]'"):
        load_policy(policy)


def test_the_cli_refuses_an_empty_policy_with_exit_2(tmp_path) -> None:
    from click.testing import CliRunner

    from postguard.cli import main

    (tmp_path / "empty.yml").write_text("", encoding="utf-8")
    (tmp_path / "post.txt").write_text("Kestrel ships.", encoding="utf-8")
    done = CliRunner().invoke(
        main, ["check", "--policy", str(tmp_path / "empty.yml"), str(tmp_path / "post.txt")]
    )
    assert done.exit_code == 2
    assert "no rules, so it would check nothing" in done.output
