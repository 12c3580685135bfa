"""Rule kinds. Each kind is one module with one class behind the :class:`Kind` protocol.

A kind does three things, each once: ``parse`` reads and validates a rule's own keys into typed
options (the policy loader calls it for every rule, so a bad rule fails at load, with its file
and line); the constructor compiles those options (term indexes, regexes); ``run`` turns an
:class:`~postguard.analysis.Analysis` into :class:`Hit` objects. The engine turns hits into
findings (positions, messages, scopes, allow-lists).

Kinds are registered by name in :data:`KINDS` and imported only when a
policy uses them, so a heavy kind (PII) costs nothing to policies without it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from postguard.errors import did_you_mean
from postguard.policy.model import Policy, Rule
from postguard.policy.schema import COMMON_RULE_KEYS

if TYPE_CHECKING:
    from postguard.analysis import Analysis


#: kind name -> "module:Class" (imported on first use)
KINDS: dict[str, str] = {
    "terms": "postguard.kinds.terms:TermsCheck",
    "pattern": "postguard.kinds.pattern:PatternCheck",
    "near": "postguard.kinds.near:NearCheck",
    "phrases": "postguard.kinds.phrases:PhrasesCheck",
    "pii": "postguard.kinds.pii:PiiCheck",
    "classifier": "postguard.kinds.classifier:ClassifierCheck",
    "secrets": "postguard.kinds.secrets:SecretsCheck",
}


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a check found something, and the values for its message placeholders."""

    start: int
    end: int
    values: Mapping[str, str] = field(default_factory=dict)
    #: How sure a trained model is of the hit (0 to 1); None for kinds that match.
    score: float | None = None
    #: The part whose context decides the hit (``near``: the demeaning word, so "our customers
    #: are not idiots" is negated); None for the whole hit.
    focus: tuple[int, int] | None = None
    #: The words that weighed most in a model's verdict (draft offsets, in order), for the
    #: message's ``{cues}``; empty for kinds that match.
    cues: tuple[tuple[int, int], ...] = ()


class Check(Protocol):
    """A compiled rule: what the engine runs on every draft."""

    rule: Rule

    def run(self, analysis: Analysis) -> Iterable[Hit]: ...


class Kind(Protocol):
    """What every rule kind module provides. ``OPTIONS`` lists the rule keys the kind adds."""

    OPTIONS: ClassVar[frozenset[str]]

    @classmethod
    def parse(cls, rule: Rule, policy: Policy) -> Any:
        """The rule's typed options; raises PolicyError (with the key's line) when one is wrong."""
        ...

    def __call__(self, rule: Rule, options: Any) -> Check: ...


def kind_of(rule: Rule) -> Any:
    """The class of ``rule``'s kind; raises PolicyError for an unknown kind."""
    target = KINDS.get(rule.kind)
    if target is None:
        raise rule.error(
            f"unknown rule kind {rule.kind!r}{did_you_mean(rule.kind, list(KINDS))}; "
            f"available kinds: {', '.join(sorted(KINDS))}",
            "kind",
        )
    module_name, class_name = target.split(":")
    return getattr(importlib.import_module(module_name), class_name)


def kind_options(rule: Rule) -> frozenset[str]:
    """The keys ``rule``'s kind adds to the common ones (empty for an unknown kind)."""
    target = KINDS.get(rule.kind)
    return kind_of(rule).OPTIONS if target is not None else frozenset()


def parse_rule(rule: Rule, policy: Policy) -> tuple[Any, Any]:
    """Validate ``rule`` completely: its kind, its keys, and its kind's options.

    Returns the kind's class and the typed options.
    """
    kind = kind_of(rule)
    for key in rule.options:
        if key not in kind.OPTIONS:
            allowed = COMMON_RULE_KEYS | kind.OPTIONS
            raise rule.error(
                f"unknown key {key!r} for a {rule.kind!r} rule{did_you_mean(key, allowed)}; "
                f"expected one of: {', '.join(sorted(allowed))}",
                key,
            )
    return kind, kind.parse(rule, policy)


def validate_rules(policy: Policy) -> dict[str, tuple[Rule, Any, Any]]:
    """Parse every rule of ``policy``; the first bad one raises PolicyError. Returns, per rule
    id, the rule with its kind and typed options (:attr:`Policy.parsed`)."""
    return {rule.id: (rule, *parse_rule(rule, policy)) for rule in policy.rules}


def compile_rule(rule: Rule, policy: Policy) -> Check:
    """Build the check for ``rule``, from what loading the policy parsed when that was this
    rule; raises PolicyError for an unknown kind or bad options."""
    parsed = policy.parsed.get(rule.id)
    kind, options = parsed[1:] if parsed is not None and parsed[0] is rule else parse_rule(rule, policy)
    check: Check = kind(rule, options)
    return check
