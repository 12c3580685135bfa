"""A loaded policy as plain data: its rules, named term lists and examples."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from postguard.errors import PolicyError, did_you_mean
from postguard.matching import Term
from postguard.model import DEFAULT_FAIL_ON, LANGUAGES, Severity


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence in a rule's ``examples``: ``flag`` ones must be reported, ``pass`` ones not."""

    text: str
    lang: str | None = None
    format: str = "text"


@dataclass(frozen=True, slots=True)
class Rule:
    """One validated rule. ``options`` holds the keys specific to its kind."""

    id: str
    kind: str
    category: str
    severity: Severity
    message: str
    guidance: str
    scope: frozenset[str]
    languages: frozenset[str] | None
    allow: tuple[str, ...]
    flag_examples: tuple[Example, ...]
    pass_examples: tuple[Example, ...]
    options: Mapping[str, Any]
    source: str
    line: int | None
    description: str = ""
    key_lines: Mapping[str, int] = field(default_factory=dict)
    mask: bool = False
    #: The message and guidance in other languages than ``message``/``guidance`` (which are the
    #: English ones when the rule has them): a draft's findings speak the draft's language.
    translations: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    #: Contexts that cancel the rule's hits (``negated``, ``quoted``...: see ``postguard.analysis.context``).
    unless: frozenset[str] = frozenset()
    #: Words that, in the hit's sentence, mean another sense of what it found (a star, not a codename).
    unless_near: tuple[str, ...] = ()

    def texts(self, language: str) -> tuple[str, str]:
        """The message and guidance to show on a draft in ``language``."""
        return self.translations.get(language, (self.message, self.guidance))

    @classmethod
    def described(
        cls,
        rule_id: str,
        category: str,
        severity: Severity,
        message: str,
        guidance: str,
        *,
        kind: str = "",
        source: str = "",
        description: str = "",
    ) -> Rule:
        """A rule that exists only to be described (postguard's own meta rules, or a rule a
        reporter knows only from its findings): no examples, options or scope."""
        return cls(
            id=rule_id,
            kind=kind,
            category=category,
            severity=severity,
            message=message,
            guidance=guidance,
            scope=frozenset(),
            languages=None,
            allow=(),
            flag_examples=(),
            pass_examples=(),
            options={},
            source=source,
            line=None,
            description=description,
        )

    def error(self, problem: str, key: str | None = None) -> PolicyError:
        """A :class:`PolicyError` pointing at this rule (or one of its keys)."""
        line = self.key_lines.get(key, self.line) if key else self.line
        return PolicyError(self.source, line, f"rule {self.id!r}: {problem}")


@dataclass(frozen=True, slots=True)
class TermList:
    name: str
    terms: tuple[Term, ...]
    source: str
    line: int | None

    @property
    def hashed(self) -> bool:
        """True when some terms are known only by their hash: findings must never show them."""
        return any(term.hashed is not None for term in self.terms)


@dataclass(frozen=True, slots=True)
class Policy:
    """A merged, validated policy: what :class:`postguard.Linter` compiles."""

    rules: tuple[Rule, ...]
    lists: Mapping[str, TermList]
    languages: tuple[str, ...] = LANGUAGES
    fail_on: Severity = DEFAULT_FAIL_ON
    allow: tuple[str, ...] = ()
    path: str | None = None
    sources: tuple[str, ...] = ()
    #: Each rule's kind and typed options as loading validated them (rule id -> (the rule, its
    #: kind, its options)), set by the loader: the linter builds its checks from them instead of
    #: parsing every rule a second time (the ``phrases`` patterns are a third of a policy's load).
    parsed: Mapping[str, tuple[Rule, Any, Any]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        hint = did_you_mean(rule_id, [r.id for r in self.rules])
        raise KeyError(f"unknown rule id {rule_id!r}{hint}")
