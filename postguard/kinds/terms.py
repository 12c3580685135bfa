"""``terms``: words and phrases from named lists (codenames, customers, competitors, words)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from postguard.analysis import Analysis
from postguard.errors import did_you_mean
from postguard.kinds import Hit
from postguard.matching import Term, TermIndex, UnitIndex
from postguard.policy import Policy, Rule, list_terms


def rule_terms(
    rule: Rule, policy: Policy, options: Mapping[str, Any] | None = None, where: str = ""
) -> list[Term]:
    """The terms a rule names: its ``lists`` plus its inline ``terms``. The rule's ``variants``
    (true or false), when given, is the default of its inline terms and overrides its lists':
    a rule may turn spelling variants on for a list it shares with other rules (hashed terms keep
    theirs off: the hash hides the letters).
    """
    if options is None:
        options = rule.options
    names = options.get("lists") or []
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise rule.error(f"'{where}lists' must be list names", "lists")
    variants = options.get("variants")
    if variants is not None and not isinstance(variants, bool):
        raise rule.error(f"'{where}variants' must be true or false, got {variants!r}", "variants")
    terms: list[Term] = []
    for name in names:
        if name not in policy.lists:
            raise rule.error(
                f"unknown list {name!r} in '{where}lists'{did_you_mean(name, list(policy.lists))}; "
                "define it under 'lists'",
                "lists",
            )
        listed = policy.lists[name].terms
        if variants is not None:
            listed = tuple(replace(t, variants=variants) if t.hashed is None else t for t in listed)
        terms.extend(listed)
    if "terms" in options:
        keys = ("terms", "case", "inflect", "compound", "variants")
        inline = {k: options[k] for k in keys if k in options}
        terms.extend(list_terms(f"{rule.id}", inline, rule.source, rule.key_lines.get("terms", rule.line)))
    if not terms and not names:
        raise rule.error(f"needs '{where}lists' (names of lists) or '{where}terms' (words to find)")
    return terms


def unit_index(analysis: Analysis) -> UnitIndex:
    """The document's unit index, built once and shared by every terms and near rule."""
    return analysis.memo("terms.unit-index", lambda: UnitIndex(analysis.units, analysis.language))


@dataclass(frozen=True, slots=True)
class TermsOptions:
    """The terms to find: the rule's lists and inline terms, resolved."""

    terms: tuple[Term, ...]


class TermsCheck:
    """Finds any of the rule's terms, with their inflections and obfuscated spellings."""

    OPTIONS = frozenset({"lists", "terms", "case", "inflect", "compound", "variants"})

    @classmethod
    def parse(cls, rule: Rule, policy: Policy) -> TermsOptions:
        return TermsOptions(tuple(rule_terms(rule, policy)))

    def __init__(self, rule: Rule, options: TermsOptions) -> None:
        self.rule = rule
        self.index = TermIndex(options.terms)

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        for match in self.index.find(
            analysis.units, analysis.language, unit_index(analysis), analysis.document.view
        ):
            yield Hit(match.start, match.end, {"term": match.term.text})
