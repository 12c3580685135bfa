"""Every rule carries its own examples; this runs all of them, for every pack and the example policy,
through the one examples runner that ``postguard test-policy`` uses.

A ``flag`` example must be reported by its rule and a ``pass`` example must not be.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import ACME_POLICY

from postguard import Linter, load_policy
from postguard.policy import Example, packs_dir
from postguard.workflow.examples import run_example

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
                for number, example in enumerate(examples, 1):
                    yield pytest.param(path, rule.id, kind, number, example, id=f"{rule.id}-{kind}-{number}")


@pytest.mark.parametrize(("path", "rule_id", "kind", "number", "example"), list(cases()))
def test_rule_example(path, rule_id: str, kind: str, number: int, example: Example) -> None:
    linter = linter_for(path)
    outcome = run_example(linter, linter.policy.rule(rule_id), kind, number, example)
    assert outcome.passed, f"{rule_id} {kind} example {number} {example.text!r} {outcome.problem}"


def test_every_rule_has_examples_of_both_kinds() -> None:
    for path in POLICY_FILES:
        for rule in load_policy(path).rules:
            assert rule.flag_examples and rule.pass_examples, (
                f"{rule.id} ({rule.source}) needs flag and pass examples"
            )
            assert rule.guidance, f"{rule.id} ({rule.source}) needs guidance"
