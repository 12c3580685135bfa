"""``near``: a term from one set close to a term from another (a customer near "contract")."""

from __future__ import annotations

from collections.abc import Iterator

from ..analysis import Analysis
from ..matching import TermIndex
from ..policy import Policy, Rule
from . import Hit
from .terms import rule_terms, unit_index

NEAR_KEYS = frozenset({"lists", "terms", "within", "case", "inflect", "compound"})


class NearCheck:
    """Reports the stretch from one term to the other when both occur in one window.

    ``near.within`` is ``sentence`` (default) or a number of words between the two.
    """

    OPTIONS = frozenset({"lists", "terms", "case", "inflect", "compound", "near"})

    def __init__(self, rule: Rule, policy: Policy) -> None:
        self.rule = rule
        near = rule.options.get("near")
        if not isinstance(near, dict):
            raise rule.error("needs 'near:' with the 'lists' or 'terms' to look for nearby", "near")
        for key in near:
            if key not in NEAR_KEYS:
                raise rule.error(
                    f"unknown key {key!r} under 'near'; expected one of: {', '.join(sorted(NEAR_KEYS))}",
                    "near",
                )
        within = near.get("within", "sentence")
        if within != "sentence" and (not isinstance(within, int) or isinstance(within, bool) or within < 1):
            raise rule.error("'near.within' must be 'sentence' or a whole number of words", "near")
        self.within = within
        self.first = TermIndex(rule_terms(rule, policy))
        self.second = TermIndex(rule_terms(rule, policy, dict(near), where="near."))

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        index = unit_index(analysis)
        firsts = self.first.find(analysis.units, analysis.language, index)
        if not firsts:
            return
        seconds = self.second.find(analysis.units, analysis.language, index)
        units = analysis.units
        for a in firsts:
            for b in seconds:
                if b.first_unit <= a.last_unit and b.last_unit >= a.first_unit:
                    continue
                if self.within == "sentence":
                    close = units[a.first_unit].sentence == units[b.first_unit].sentence
                else:
                    gap = max(b.first_unit - a.last_unit, a.first_unit - b.last_unit) - 1
                    close = gap <= self.within
                if close:
                    yield Hit(
                        min(a.start, b.start),
                        max(a.end, b.end),
                        {"term": a.term.text, "near": analysis.text[b.start : b.end]},
                    )
                    break
