"""``near``: a term from one set close to a term from another (a customer near "contract")."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from postguard.analysis import Analysis
from postguard.kinds import Hit
from postguard.kinds.terms import rule_terms, unit_index
from postguard.matching import Match, Term, TermIndex
from postguard.model import mask
from postguard.policy import Policy, Rule

NEAR_KEYS = frozenset({"lists", "terms", "within", "focus", "case", "inflect", "compound", "variants"})
#: Which of the two matches decides the hit's context (negation, quotation...): the ``near`` one
#: by default (the demeaning word in "our customers are not idiots"), or the rule's own ``term``
#: (the drug in "we didn't smoke weed", where the nearby word only says whose story it is).
FOCUS = ("near", "term")


@dataclass(frozen=True, slots=True)
class NearOptions:
    """The two sets of terms, and how close they must be: ``sentence`` or a number of words."""

    first: tuple[Term, ...]
    second: tuple[Term, ...]
    within: str | int
    focus: str = "near"


class NearCheck:
    """Reports the stretch from one term to the other when both occur in one window.

    ``near.within`` is ``sentence`` (default) or a number of words between the two, within
    one sentence either way; or ``adjacent``: the same sentence or the one right before or after
    it ("We're buying Fjordsoft. Not public until Monday."). ``near.focus`` (``near`` or
    ``term``) names the match whose context decides the hit.
    """

    OPTIONS = frozenset({"lists", "terms", "case", "inflect", "compound", "variants", "near"})

    @classmethod
    def parse(cls, rule: Rule, policy: Policy) -> NearOptions:
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
        if within not in ("sentence", "adjacent") and (
            not isinstance(within, int) or isinstance(within, bool) or within < 1
        ):
            raise rule.error(
                "'near.within' must be 'sentence', 'adjacent' or a whole number of words", "near"
            )
        focus = near.get("focus", "near")
        if focus not in FOCUS:
            raise rule.error(f"'near.focus' must be one of: {', '.join(FOCUS)}", "near")
        first = rule_terms(rule, policy)
        second = rule_terms(rule, policy, dict(near), where="near.")
        return NearOptions(tuple(first), tuple(second), within, focus)

    def __init__(self, rule: Rule, options: NearOptions) -> None:
        self.rule = rule
        self.within = options.within
        self.focus_on_term = options.focus == "term"
        self.first = TermIndex(options.first)
        self.second = TermIndex(options.second)
        self.hide_near = any(term.hashed is not None for term in options.second)  # never show a hashed term

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        index = unit_index(analysis)
        firsts = self.first.find(analysis.units, analysis.language, index, analysis.document.view)
        if not firsts:
            return
        seconds = self.second.find(analysis.units, analysis.language, index, analysis.document.view)
        starts = [b.first_unit for b in seconds]
        for a in firsts:
            b = self._nearest(a, seconds, starts, analysis)
            if b is not None:
                yield Hit(
                    min(a.start, b.start),
                    max(a.end, b.end),
                    {"term": a.term.text, "near": self._shown(analysis.text[b.start : b.end])},
                    focus=(a.start, a.end) if self.focus_on_term else (b.start, b.end),
                )

    def _shown(self, text: str) -> str:
        return mask(text) if self.hide_near else text

    def _nearest(self, a: Match, seconds: list[Match], starts: list[int], analysis: Analysis) -> Match | None:
        """The closest match of the second set within reach of ``a``, not overlapping it.

        Matches come in document order and never overlap each other, so the nearest one on
        each side is found by bisection (pairing every two matches is quadratic on long drafts).
        """
        p = bisect_left(starts, a.first_unit)
        left = p - 1
        while left >= 0 and seconds[left].last_unit >= a.first_unit:
            left -= 1
        right = p
        while right < len(seconds) and seconds[right].first_unit <= a.last_unit:
            right += 1
        units = analysis.units
        best: tuple[int, Match] | None = None
        for b in (seconds[left] if left >= 0 else None, seconds[right] if right < len(seconds) else None):
            if b is None:
                continue
            gap = max(b.first_unit - a.last_unit, a.first_unit - b.last_unit) - 1
            # Never across a sentence end: "Our customers love it. Idiots at X disagree." puts
            # down X, not the customers. A number of words narrows the sentence further.
            apart = abs(units[a.first_unit].sentence - units[b.first_unit].sentence)
            if self.within == "adjacent":
                close = apart <= 1
            else:
                close = apart == 0 and (isinstance(self.within, str) or gap <= self.within)
            if close and (best is None or gap < best[0]):
                best = (gap, b)
        return best[1] if best else None
