"""``terms``: words and phrases from named lists (codenames, customers, competitors, words)."""

from __future__ import annotations

from collections.abc import Iterator

from ..analysis import Analysis
from ..matching import Term, TermIndex
from ..policy import Policy, Rule, list_terms
from . import Hit


def rule_terms(rule: Rule, policy: Policy, options: dict | None = None, where: str = "") -> list[Term]:
    """The terms a rule names: its ``lists`` plus its inline ``terms``."""
    options = rule.options if options is None else options
    names = options.get("lists") or []
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise rule.error(f"'{where}lists' must be list names", "lists")
    terms: list[Term] = []
    for name in names:
        terms.extend(policy.lists[name].terms)
    if "terms" in options:
        inline = {k: options[k] for k in ("terms", "case", "inflect", "compound") if k in options}
        terms.extend(list_terms(f"{rule.id}", inline, rule.source, rule.key_lines.get("terms", rule.line)))
    if not terms and not names:
        raise rule.error(f"needs '{where}lists' (names of lists) or '{where}terms' (words to find)")
    return terms


class TermsCheck:
    """Finds any of the rule's terms, with their inflections and obfuscated spellings."""

    OPTIONS = frozenset({"lists", "terms", "case", "inflect", "compound"})

    def __init__(self, rule: Rule, policy: Policy) -> None:
        self.rule = rule
        self.index = TermIndex(rule_terms(rule, policy))

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        for match in self.index.find(analysis.units, analysis.language, analysis.positions):
            yield Hit(match.start, match.end, {"term": match.term.text})
