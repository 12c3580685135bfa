"""The Linter: compile a policy once, then check any number of drafts with it."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .analysis import Analysis, detect_language
from .checks import Check, Hit, compile_rule
from .document import Document, Spans
from .errors import PostguardError, RuleTimeoutError
from .findings import Finding, Severity, mask
from .formats import FORMATS, format_for_path, parse
from .inputs import DEFAULT_MAX_BYTES, read_draft
from .matching import HashBudgetError
from .policy import LANGUAGES, Policy, Rule, discover_policy, load_policy
from .suppressions import Suppressed
from .suppressions import apply as apply_suppressions

_PLACEHOLDERS = ("{match}", "{term}", "{near}")


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while one draft is checked, as it was before afterwards.

    A long draft makes hundreds of thousands of small objects that form no cycles, and every
    full collection they set off walks all of spaCy and Presidio too: about a tenth of the time
    of a 1 MB draft, and the reason its cost grew faster than its length. Any cycles made during
    the check are collected later as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class Result:
    """The findings for one draft, with what was detected about it."""

    path: str | None
    language: str
    format: str
    findings: tuple[Finding, ...]
    text: str
    suppressed: tuple[Suppressed, ...] = ()

    def failed(self, level: Severity) -> bool:
        """True when a finding is at or above ``level``."""
        return any(f.severity >= level for f in self.findings)


class Linter:
    """A compiled policy. Build it once (it is the slow part) and call :meth:`check` many times.

    >>> linter = Linter.from_file("postguard.yml")          # doctest: +SKIP
    >>> result = linter.check("Project Kestrel ships!", format="text", lang="en")  # doctest: +SKIP
    >>> [f.rule for f in result.findings]                   # doctest: +SKIP
    """

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._checks: list[Check] = [compile_rule(rule, policy) for rule in policy.rules]
        self._allow = tuple({a.casefold() for a in policy.allow})
        self._rule_ids = frozenset(rule.id for rule in policy.rules)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Linter:
        """Load, validate and compile the policy at ``path``."""
        return cls(load_policy(path))

    @classmethod
    def default(cls) -> Linter:
        """The built-in default policy."""
        return cls(load_policy(None))

    @classmethod
    def discover(cls, start: str | os.PathLike[str] | None = None) -> Linter:
        """The nearest ``postguard.yml`` from ``start`` upward, or the default policy."""
        return cls(load_policy(discover_policy(start)))

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.policy.rules

    def check(
        self,
        text: str,
        *,
        format: str = "text",
        lang: str | None = None,
        path: str | None = None,
        only: Iterable[str] | None = None,
    ) -> Result:
        """Check one draft. ``lang`` is detected when None; ``only`` limits the rule ids run."""
        if format not in FORMATS:
            raise PostguardError(f"unknown input format {format!r}; expected one of {', '.join(FORMATS)}")
        if lang is not None and lang not in LANGUAGES:
            raise PostguardError(f"unsupported language {lang!r}; expected one of {', '.join(LANGUAGES)}")
        with _collector_paused():
            return self._check(text, format, lang, path, only)

    def _check(
        self, text: str, format: str, lang: str | None, path: str | None, only: Iterable[str] | None
    ) -> Result:
        document = parse(text, format, path)
        language = lang or detect_language(document.view, self.policy.languages)
        analysis = Analysis(document, language)
        wanted = set(only) if only is not None else None
        findings: dict[tuple[str, int, int], Finding] = {}
        allowed_spans: Spans | None = None
        for check in self._checks:
            rule = check.rule
            if wanted is not None and rule.id not in wanted:
                continue
            if rule.languages is not None and language not in rule.languages:
                continue
            try:
                hits = list(check.run(analysis))
            except HashBudgetError as exc:
                raise RuleTimeoutError(
                    f"{path or 'the draft'}: rule {rule.id!r} ({rule.source}): {exc}"
                ) from None
            for hit in hits:
                if document.scope_at(hit.start) not in rule.scope:
                    continue
                if allowed_spans is None:
                    allowed_spans = self._allowed_spans(text)
                if self._is_allowed(hit, text, rule, allowed_spans):
                    continue
                key = (rule.id, hit.start, hit.end)
                if key not in findings:
                    findings[key] = self._finding(rule, hit, document)
        ordered = sorted(findings.values(), key=lambda f: (f.start, f.end, f.rule))
        kept, suppressed = apply_suppressions(document, ordered, self._rule_ids, wanted)
        return Result(path, language, format, tuple(_drop_shadowed(kept)), text, tuple(suppressed))

    def check_file(
        self,
        path: str,
        *,
        format: str | None = None,
        lang: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> Result:
        """Read and check a file (``-`` is standard input); format comes from the file name."""
        text = read_draft(path, max_bytes)
        return self.check(text, format=format or format_for_path(path), lang=lang, path=path)

    def _allowed_spans(self, text: str) -> Spans:
        if not self._allow:
            return Spans(())
        folded = text.casefold() if len(text.casefold()) == len(text) else None
        spans: list[tuple[int, int]] = []
        if folded is None:
            return Spans(spans)
        for phrase in self._allow:
            start = folded.find(phrase)
            while start != -1:
                spans.append((start, start + len(phrase)))
                start = folded.find(phrase, start + 1)
        return Spans(spans)

    @staticmethod
    def _is_allowed(hit: Hit, text: str, rule: Rule, spans: Spans) -> bool:
        matched = text[hit.start : hit.end].casefold()
        if rule.allow and any(matched == a.casefold() for a in rule.allow):
            return True
        return spans.covers(hit.start, hit.end)

    @staticmethod
    def _finding(rule: Rule, hit: Hit, document: Document) -> Finding:
        matched = document.text[hit.start : hit.end]
        shown = mask(matched) if rule.mask else matched
        values = {
            "match": shown,
            "term": shown if rule.mask else hit.values.get("term", matched),
            "near": hit.values.get("near", ""),
        }
        message, guidance = rule.message, rule.guidance
        for placeholder in _PLACEHOLDERS:
            value = values[placeholder[1:-1]]
            message = message.replace(placeholder, value)
            guidance = guidance.replace(placeholder, value)
        return Finding.at(
            rule,
            document,
            hit.start,
            hit.end,
            message,
            guidance,
            sensitive=rule.mask,
            entity=hit.values.get("entity", ""),
        )


def _drop_shadowed(findings: list[Finding]) -> list[Finding]:
    """Drop a finding that lies inside another of the same category that is more severe, or as
    severe and longer: it adds nothing ("shit" as mild swearing inside "absolute shit" as a
    vulgar verdict; "unhackable" inside "100% unhackable"). One sweep in order of start (longer
    first) remembers, per category and severity, the furthest end reached and the earliest
    start that reached it."""
    reach: dict[tuple[str, Severity], tuple[int, int]] = {}  # -> (furthest end, its start)
    shadowed: set[int] = set()
    for f in sorted(findings, key=lambda f: (f.start, -f.end, -f.severity)):
        for (category, severity), (end, start) in reach.items():
            if category != f.category or severity < f.severity or end < f.end:
                continue
            if severity > f.severity or end > f.end or start < f.start:
                shadowed.add(id(f))
                break
        end, start = reach.get((f.category, f.severity), (-1, 0))
        if f.end > end:
            reach[(f.category, f.severity)] = (f.end, f.start)
    return [f for f in findings if id(f) not in shadowed]
