"""The engine's named steps after the checks, each a plain function or small class, applied in
this order to one draft's hits: scope, context, allow-list, dedupe (the engine's dict of findings),
sort, suppressions (:mod:`postguard.engine.suppressions`), shadowing."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping

from postguard.analysis import Analysis
from postguard.kinds import Hit
from postguard.kinds.terms import unit_index
from postguard.matching import Term, TermIndex
from postguard.model import Finding, Severity
from postguard.parsers.document import Document, Spans
from postguard.policy import Rule


def in_scope(rule: Rule, hit: Hit, document: Document) -> bool:
    """Scope: the hit lies in a part of the draft the rule checks (prose, code, links...)."""
    return document.scope_at(hit.start) in rule.scope


#: What cancelled a hit whose word meant another sense in its sentence (``unless-near``).
OTHER_SENSE = "other-sense"
#: A word-list hit that its context cancelled: (category, severity, start, end, the contexts).
Cancelled = tuple[str, Severity, int, int, frozenset[str]]


class ContextFilter:
    """Context: a rule's hits are dropped where their sentence cancels them. ``unless`` names the
    contexts that do (negation, quotation, reporting, questions, conditions); ``unless-near``
    names words that, in the same sentence, mean another sense of what was found ("Vega" near
    "stjernehimmel" is a star, not a codename)."""

    def __init__(self, rules: tuple[Rule, ...]) -> None:
        self.senses = {
            rule.id: TermIndex(Term(word, source=rule.source) for word in rule.unless_near)
            for rule in rules
            if rule.unless_near
        }

    def cancelling(self, rule: Rule, hit: Hit, analysis: Analysis) -> frozenset[str]:
        """What cancels the hit: the contexts of the rule's ``unless`` that hold for it, and
        :data:`OTHER_SENSE` when one of its ``unless-near`` words is in the sentence; empty when
        the hit stands."""
        found: frozenset[str] = frozenset()
        if rule.unless:
            found = rule.unless & analysis.context.of(*(hit.focus or (hit.start, hit.end)))
        senses = self.senses.get(rule.id)
        if senses is not None and analysis.sentence_of(hit.start) in self._sense_sentences(
            rule.id, senses, analysis
        ):
            found |= {OTHER_SENSE}
        return found

    @staticmethod
    def _sense_sentences(rule_id: str, senses: TermIndex, analysis: Analysis) -> frozenset[int]:
        """The sentences (numbered as :attr:`Analysis.sentences`) where a rule's other-sense words occur."""

        def find() -> frozenset[int]:
            matches = senses.find(
                analysis.units, analysis.language, unit_index(analysis), analysis.document.view
            )
            return frozenset(analysis.sentence_of(match.start) for match in matches)

        return analysis.memo(f"senses:{rule_id}", find)


class AllowList:
    """Allow-list: the policy's ``allow`` phrases (anywhere in the draft) and a rule's own
    ``allow`` (the whole match), compared without case."""

    def __init__(self, phrases: tuple[str, ...]) -> None:
        self.phrases = tuple({a.casefold() for a in phrases})
        self.numbers = frozenset(digits for a in phrases if (digits := public_number(a)))

    def spans(self, text: str) -> Spans:
        """Where the policy's phrases occur in ``text``, in the text's own offsets.

        Case folding can change a text's length ("Straße" folds to "strasse"), so offsets in
        the folded text are mapped back through the characters that made them.
        """
        if not self.phrases:
            return Spans(())
        folded, origin = _fold_with_origin(text)
        spans: list[tuple[int, int]] = []
        for phrase in self.phrases:
            start = folded.find(phrase)
            while start != -1:
                end = start + len(phrase)
                if origin is None:
                    spans.append((start, end))
                else:
                    spans.append((origin[start], origin[end - 1] + 1))
                start = folded.find(phrase, start + 1)
        return Spans(spans)

    def allows(self, rule: Rule, hit: Hit, text: str, spans: Spans) -> bool:
        matched = text[hit.start : hit.end].casefold()
        if rule.allow and any(matched == a.casefold() for a in rule.allow):
            return True
        if self.numbers and (digits := public_number(matched)) and self._same_number(digits):
            return True
        return spans.covers(hit.start, hit.end)

    def _same_number(self, digits: str) -> bool:
        """Whether a number is a listed one however it is written: with or without the country
        code ("+47", "0047"), spaces or dashes ("+47 22 00 00 00" is "22000000")."""
        for listed in self.numbers:
            short, long = sorted((listed, digits), key=len)
            if long.endswith(short) and len(long) - len(short) <= COUNTRY_PREFIX_DIGITS:
                return True
        return False


#: The fewest digits a number needs to be compared by its digits alone (a Norwegian number has 8).
PUBLIC_NUMBER_MIN_DIGITS = 7
#: The most digits a country prefix adds in front of a listed number ("0047").
COUNTRY_PREFIX_DIGITS = 4
_NUMBER_RE = re.compile(r"^\+?[\d\s().-]+$")


def public_number(text: str) -> str:
    """The digits of ``text`` when it is written like a phone number, else ""."""
    if not _NUMBER_RE.match(text.strip()):
        return ""
    digits = re.sub(r"\D", "", text)
    return digits if len(digits) >= PUBLIC_NUMBER_MIN_DIGITS else ""


def _fold_with_origin(text: str) -> tuple[str, list[int] | None]:
    """``text`` case-folded, and for each folded character the offset of the character it came
    from (None when folding kept every character's length, the usual case)."""
    folded = text.casefold()
    if len(folded) == len(text):
        return folded, None
    parts: list[str] = []
    origin: list[int] = []
    for offset, ch in enumerate(text):
        piece = ch.casefold()
        parts.append(piece)
        origin.extend([offset] * len(piece))
    return "".join(parts), origin


def by_position(findings: list[Finding]) -> list[Finding]:
    """Sort: findings in document order, then by end and rule id (stable output)."""
    return sorted(findings, key=lambda f: (f.start, f.end, f.rule))


def drop_shadowed(
    findings: list[Finding],
    cancelled: Iterable[Cancelled] = (),
    heeds: Mapping[str, frozenset[str]] = {},
    order: Mapping[str, int] = {},
) -> list[Finding]:
    """Shadowing: word lists first (:func:`prefer_exact`), then :func:`drop_overlapping`."""
    return drop_overlapping(prefer_exact(findings, cancelled, heeds), order)


def prefer_exact(
    findings: list[Finding], cancelled: Iterable[Cancelled] = (), heeds: Mapping[str, frozenset[str]] = {}
) -> list[Finding]:
    """Drop a model's finding (one with a score) on a sentence where a word-list rule of the
    same category and at least its severity found something: the exact finding names the word
    and teaches more. The same holds where such a word-list hit was ``cancelled`` by a context
    that the model's rule heeds too (``heeds``: rule id -> its ``unless``): the model reads words,
    not negation, and must not overrule "our customers are *not* idiots"; but a model rule that
    does not heed ``reported`` is not silenced by a word list's reading of "the bugs they
    report" as reported speech. A milder word does not hide the model's verdict: "I hate those
    damn Muslims" is hate, not the mild swearing of "damn". Per category, severity and
    cancelling context (None: a finding), the exact spans sorted by start with the furthest end
    reached so far answer "does any overlap this sentence" by one bisection."""
    spans: list[tuple[str, Severity, str | None, int, int]] = [
        (f.category, f.severity, None, f.start, f.end) for f in findings if f.score is None
    ]
    spans += [
        (category, severity, context, start, end)
        for category, severity, start, end, contexts in cancelled
        for context in contexts
    ]
    exact: dict[tuple[str, Severity, str | None], tuple[list[int], list[int]]] = {}
    for category, severity, context, start, end in sorted(spans, key=lambda span: span[3]):
        starts, reach = exact.setdefault((category, severity, context), ([], []))
        starts.append(start)
        reach.append(max(end, reach[-1]) if reach else end)

    def covered(f: Finding) -> bool:
        for severity in Severity:
            if severity < f.severity:
                continue
            for context in (None, *heeds.get(f.rule, ())):
                starts, reach = exact.get((f.category, severity, context), ((), ()))
                before_end = bisect.bisect_left(starts, f.end)
                if before_end > 0 and reach[before_end - 1] > f.start:
                    return True
        return False

    return [f for f in findings if f.score is None or not covered(f)]


def drop_overlapping(findings: list[Finding], order: Mapping[str, int] = {}) -> list[Finding]:
    """Shadowing: drop a finding that lies inside another of the same category that is as
    severe or more: it adds nothing ("shit" as mild swearing inside "absolute shit" as a vulgar
    verdict; "unhackable" inside "100% unhackable"). Of two on the same words, the rule that
    comes last in ``order`` (rule id -> its place in the policy) keeps it, as in a style sheet:
    a policy lists its own rules after the packs it extends, and a pack its specific rules after
    its general ones ("Not announced yet" is one confidential error, told as the pending deal it
    is, not one more as a marker phrase). One sweep in order of start (longer first) remembers,
    per category and severity, the furthest end reached: every finding seen before started no
    later, so one that reaches past an end holds it whole."""
    reach: dict[tuple[str, Severity], int] = {}  # -> the furthest end
    shadowed: set[int] = set()
    for f in sorted(findings, key=lambda f: (f.start, -f.end, -f.severity, -order.get(f.rule, 0))):
        for (category, severity), end in reach.items():
            if category == f.category and severity >= f.severity and end >= f.end:
                shadowed.add(id(f))
                break
        if f.end > reach.get((f.category, f.severity), -1):
            reach[(f.category, f.severity)] = f.end
    return [f for f in findings if id(f) not in shadowed]
