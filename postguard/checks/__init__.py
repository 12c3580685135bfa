"""Rule kinds. Each kind is one module with one class that compiles a rule once and runs it.

A check turns an :class:`~postguard.analysis.Analysis` into :class:`Hit` objects; the engine
turns hits into findings (positions, messages, scopes, allow-lists). Kinds are imported only
when a policy uses them, so a heavy kind (PII) costs nothing to policies without it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ..policy import COMMON_RULE_KEYS, Policy, Rule, did_you_mean

if TYPE_CHECKING:
    from ..analysis import Analysis

#: kind name -> "module:Class" (imported on first use)
KINDS: dict[str, str] = {
    "terms": "postguard.checks.terms:TermsCheck",
    "pattern": "postguard.checks.pattern:PatternCheck",
    "near": "postguard.checks.near:NearCheck",
    "pii": "postguard.checks.pii:PiiCheck",
    "secrets": "postguard.checks.secrets:SecretsCheck",
}


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a check found something, and the values for its message placeholders."""

    start: int
    end: int
    values: Mapping[str, str] = field(default_factory=dict)


class Check(Protocol):
    """What every rule kind provides. ``OPTIONS`` lists the rule keys the kind adds."""

    OPTIONS: frozenset[str]
    rule: Rule

    def run(self, analysis: Analysis) -> Iterable[Hit]: ...


def compile_rule(rule: Rule, policy: Policy) -> Check:
    """Build the check for ``rule``; raises PolicyError for an unknown kind or bad options."""
    target = KINDS.get(rule.kind)
    if target is None:
        raise rule.error(
            f"unknown rule kind {rule.kind!r}{did_you_mean(rule.kind, list(KINDS))}; "
            f"available kinds: {', '.join(sorted(KINDS))}",
            "kind",
        )
    module_name, class_name = target.split(":")
    check_class = getattr(importlib.import_module(module_name), class_name)
    for key in rule.options:
        if key not in check_class.OPTIONS:
            allowed = COMMON_RULE_KEYS | check_class.OPTIONS
            raise rule.error(
                f"unknown key {key!r} for a {rule.kind!r} rule{did_you_mean(key, allowed)}; "
                f"expected one of: {', '.join(sorted(allowed))}",
                key,
            )
    return check_class(rule, policy)
