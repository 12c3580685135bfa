"""Every rule carries its own examples; this runs all of them, for every pack and the example policy.

A ``flag`` example must be reported by its rule and a ``pass`` example must not be.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import ACME_POLICY

from postguard import Linter, load_policy
from postguard.policy import Example, packs_dir

POLICY_FILES = [*sorted(packs_dir().glob("*.yml")), ACME_POLICY]


@cache
def linter_for(path) -> Linter:
    return Linter(load_policy(path))


def cases():
    seen = set()
    for path in POLICY_FILES:
        for rule in load_policy(path).rules:
            if rule.id in seen:
                continue
            seen.add(rule.id)
            for kind, examples in (("flag", rule.flag_examples), ("pass", rule.pass_examples)):
                for index, example in enumerate(examples):
                    yield pytest.param(path, rule.id, kind, example, id=f"{rule.id}-{kind}-{index}")


@pytest.mark.parametrize(("path", "rule_id", "kind", "example"), list(cases()))
def test_rule_example(path, rule_id: str, kind: str, example: Example) -> None:
    result = linter_for(path).check(example.text, format=example.format, lang=example.lang, only=[rule_id])
    hits = [f for f in result.findings if f.rule == rule_id]
    if kind == "flag":
        assert hits, f"{rule_id} should flag: {example.text!r} (language {result.language})"
    else:
        assert not hits, f"{rule_id} should pass: {example.text!r}, but found {[f.text for f in hits]}"


def test_every_rule_has_examples_of_both_kinds() -> None:
    for path in POLICY_FILES:
        for rule in load_policy(path).rules:
            assert rule.flag_examples and rule.pass_examples, (
                f"{rule.id} ({rule.source}) needs flag and pass examples"
            )
            assert rule.guidance, f"{rule.id} ({rule.source}) needs guidance"
