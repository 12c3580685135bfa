"""``postguard test-policy``: run every rule's ``examples`` like a test suite.

Each ``flag`` example must be reported by its rule and each ``pass`` example must not be. A
rule is checked alone (``only=[rule]``), so an example tests its own rule and nothing else.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from postguard.engine import Linter
from postguard.errors import PostguardError
from postguard.model import Finding
from postguard.policy import Example, Rule


@dataclass(frozen=True, slots=True)
class Outcome:
    """One example's verdict. ``problem`` says what went wrong (empty when it passed)."""

    rule: Rule
    expect: str  # "flag" or "pass"
    number: int  # 1-based within its list
    example: Example
    problem: str = ""

    @property
    def passed(self) -> bool:
        return not self.problem


def run_examples(linter: Linter) -> list[Outcome]:
    """Check every example of every active rule."""
    outcomes = []
    for rule in linter.rules:
        for expect, examples in (("flag", rule.flag_examples), ("pass", rule.pass_examples)):
            for number, example in enumerate(examples, 1):
                outcomes.append(run_example(linter, rule, expect, number, example))
    return outcomes


def run_example(linter: Linter, rule: Rule, expect: str, number: int, example: Example) -> Outcome:
    """Check one example of ``rule`` alone; ``expect`` is ``flag`` or ``pass``."""
    lang = example.lang
    if lang is None and rule.languages is not None and len(rule.languages) == 1:
        (lang,) = rule.languages
    try:
        result = linter.check(example.text, format=example.format, lang=lang, only=[rule.id])
    except PostguardError as exc:
        return Outcome(rule, expect, number, example, f"could not be checked: {exc}")
    hits = [f for f in result.findings if f.rule == rule.id]
    if expect == "flag" and not hits:
        return Outcome(rule, expect, number, example, f"was not flagged (language {result.language})")
    if expect == "pass" and hits:
        return Outcome(rule, expect, number, example, f"was flagged: {_describe(hits)}")
    return Outcome(rule, expect, number, example)


def _describe(hits: list[Finding]) -> str:
    return ", ".join(f'"{f.excerpt()}" at {f.line}:{f.column}' for f in hits)


def report(outcomes: Sequence[Outcome], rules: Sequence[Rule], verbose: bool = False) -> str:
    """A test-runner style report: one line per rule, details for failures, a summary."""
    by_rule: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_rule.setdefault(outcome.rule.id, []).append(outcome)
    width = max((len(rule.id) for rule in rules), default=0)
    lines = []
    untested = 0
    for rule in rules:
        mine = by_rule.get(rule.id, [])
        failed = [o for o in mine if not o.passed]
        if not mine:
            untested += 1
            lines.append(f"  --    {rule.id:<{width}}  no examples ({_where(rule)})")
        elif failed:
            lines.append(f"  FAIL  {rule.id:<{width}}  {len(failed)} of {len(mine)} examples failed")
            for outcome in failed:
                lines.append(
                    f"        {_where(rule)}: {outcome.expect} example {outcome.number} {outcome.problem}"
                )
                lines.extend(
                    textwrap.wrap(
                        repr(outcome.example.text), 92, initial_indent=" " * 12, subsequent_indent=" " * 12
                    )
                )
        elif verbose:
            lines.append(f"  ok    {rule.id:<{width}}  {len(mine)} examples")
    failures = sum(1 for o in outcomes if not o.passed)
    summary = (
        f"{len(rules)} rules, {len(outcomes)} examples: {len(outcomes) - failures} passed, {failures} failed"
    )
    if untested:
        summary += f"; {untested} rule{'s' if untested != 1 else ''} without examples"
    lines.append(summary + ".")
    return "\n".join(lines)


def _where(rule: Rule) -> str:
    return f"{rule.source}:{rule.line}" if rule.line else rule.source
