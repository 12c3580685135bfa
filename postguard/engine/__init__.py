"""The Linter: compile a policy once, then check any number of drafts with it."""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Iterable, Iterator

from postguard.analysis import Analysis, detect_language
from postguard.engine.findings import finding_for_hit, private_spans
from postguard.engine.steps import (
    AllowList,
    Cancelled,
    ContextFilter,
    by_position,
    drop_shadowed,
    in_scope,
)
from postguard.engine.suppressions import apply as apply_suppressions
from postguard.errors import InputError, PostguardError, RuleTimeoutError, WorkBudgetError
from postguard.io import DEFAULT_MAX_BYTES, read_draft
from postguard.kinds import Check, Hit, compile_rule
from postguard.model import LANGUAGES, Result
from postguard.parsers import FORMATS, format_for_path, parse
from postguard.parsers.document import Spans
from postguard.policy import Policy, Rule, find_policies
from postguard.policy.loader import load_policies, load_policy

__all__ = ["Linter", "Result"]

#: Held by every check of a Linter that is not warm yet, in every thread of the process. The first
#: checks import and build spaCy, Presidio and the name lists on demand, and two threads importing
#: them at once can see half-initialised modules; once :meth:`Linter.warm` has run, nothing is
#: left to load and checks run side by side.
LOADING = threading.RLock()
#: Drafts that take the rule kinds down their lazy paths (Presidio's recognizers, phone numbers,
#: person names near a private matter), one per language.
WARM_UP_DRAFTS = {
    "en": (
        "Kari Nordmann is on sick leave. Mail kari.nordmann@nordlys-media.no or call +47 412 34 567, "
        "card 4111 1111 1111 1111, IBAN NO93 8601 1117 947, server 198.51.100.7, https://nordlys-media.no."
    ),
    "nb": (
        "Kari Nordmann er sykmeldt. Send e-post til kari.nordmann@nordlys-media.no eller ring 412 34 567, "
        "konto 8601.11.17947, org.nr. 974 760 673."
    ),
}


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


class Linter:
    """A compiled policy. Build it once (it is the slow part) and call :meth:`check` many times.

    >>> linter = Linter.from_file("postguard.yml")          # doctest: +SKIP
    >>> result = linter.check("Project Kestrel ships!", format="text", lang="en")  # doctest: +SKIP
    >>> [f.rule for f in result.findings]                   # doctest: +SKIP
    """

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._checks: list[Check] = [compile_rule(rule, policy) for rule in policy.rules]
        self._allow = AllowList(policy.allow)
        self._context = ContextFilter(policy.rules)
        self._rule_ids = frozenset(rule.id for rule in policy.rules)
        #: The contexts each rule heeds: a model finding defers to a word-list hit they cancelled.
        self._heeds = {rule.id: rule.unless for rule in policy.rules}
        self._order = {rule.id: place for place, rule in enumerate(policy.rules)}
        self._warm = False

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
        """The policy ``postguard check`` would use from ``start``: ``$POSTGUARD_POLICY``, else the
        nearest ``postguard.yml`` from ``start`` upward, else the default policy; with the
        organisation-wide policy merged underneath."""
        return cls(load_policies(find_policies(None, start)))

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.policy.rules

    def warm(self) -> Linter:
        """Load now what the first checks would load on demand (spaCy, Presidio, name lists), for
        every language of the policy. A server calls this once at start: its first request is then
        as fast as the rest, and checks from several threads run side by side instead of taking
        turns. Returns the Linter."""
        with LOADING:
            if not self._warm:
                for language in self.policy.languages:
                    self._check(WARM_UP_DRAFTS[language], "text", language, None, None)
                self._warm = True
        return self

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
        if not isinstance(text, str):
            hint = (
                " (decode bytes first: data.decode('utf-8'))" if isinstance(text, bytes | bytearray) else ""
            )
            raise InputError(
                path or "<text>", f"expected the draft as a str, got {type(text).__name__}{hint}"
            )
        if format not in FORMATS:
            raise PostguardError(f"unknown input format {format!r}; expected one of {', '.join(FORMATS)}")
        if lang is not None and lang not in LANGUAGES:
            raise PostguardError(f"unsupported language {lang!r}; expected one of {', '.join(LANGUAGES)}")
        if self._warm:
            with _collector_paused():
                return self._check(text, format, lang, path, only)
        with LOADING, _collector_paused():
            return self._check(text, format, lang, path, only)

    def _check(
        self, text: str, format: str, lang: str | None, path: str | None, only: Iterable[str] | None
    ) -> Result:
        document = parse(text, format, path)
        language = lang or detect_language(document.view, self.policy.languages)
        analysis = Analysis(document, language)
        wanted = set(only) if only is not None else None
        hits_kept: dict[tuple[str, int, int], tuple[Rule, Hit]] = {}
        allowed_spans: Spans | None = None
        cancelled: list[Cancelled] = []  # word-list hits their context cancelled
        for check in self._checks:
            rule = check.rule
            if wanted is not None and rule.id not in wanted:
                continue
            if rule.languages is not None and language not in rule.languages:
                continue
            try:
                hits = list(check.run(analysis))
            except WorkBudgetError as exc:
                raise RuleTimeoutError(
                    f"{path or 'the draft'}: rule {rule.id!r} ({rule.source}): {exc}"
                ) from None
            for hit in hits:
                if not in_scope(rule, hit, document):
                    continue
                contexts = self._context.cancelling(rule, hit, analysis)
                if contexts:
                    if hit.score is None:
                        cancelled.append((rule.category, rule.severity, hit.start, hit.end, contexts))
                    continue
                if allowed_spans is None:
                    allowed_spans = self._allow.spans(text)
                if self._allow.allows(rule, hit, text, allowed_spans):
                    continue
                key = (rule.id, hit.start, hit.end)  # dedupe: one finding per rule and span
                hits_kept.setdefault(key, (rule, hit))
        private = private_spans(rule_hit for rule_hit in hits_kept.values() if rule_hit[0].mask)
        findings = [
            finding_for_hit(rule, hit, document, private, language) for rule, hit in hits_kept.values()
        ]
        kept, suppressed = apply_suppressions(document, by_position(findings), self._rule_ids, wanted)
        return Result(
            path,
            language,
            format,
            tuple(drop_shadowed(kept, cancelled, self._heeds, self._order)),
            text,
            tuple(suppressed),
            private=private,
        )

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
