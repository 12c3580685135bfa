"""``pattern``: a regular expression (``regex`` module) with a time limit per document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from postguard.analysis import Analysis
from postguard.errors import RuleTimeoutError
from postguard.kinds import Hit
from postguard.policy import Policy, Rule

DEFAULT_TIMEOUT = 1.0  # seconds per megabyte-sized slice of a document, at least one slice


@dataclass(frozen=True, slots=True)
class PatternOptions:
    """A compiled pattern, the group to report and the time limit per megabyte."""

    regex: regex.Pattern[str]
    group: int | str
    timeout: float


class PatternCheck:
    """Finds a pattern in the draft's words (markup removed, positions kept).

    Options: ``pattern``; ``ignore-case`` (default true); ``group``, a group whose span is
    reported instead of the whole match; ``timeout`` in seconds.
    """

    OPTIONS = frozenset({"pattern", "ignore-case", "group", "timeout"})

    @classmethod
    def parse(cls, rule: Rule, policy: Policy) -> PatternOptions:
        source = rule.options.get("pattern")
        if not isinstance(source, str) or not source:
            raise rule.error("needs 'pattern' (a regular expression)", "pattern")
        ignore_case = rule.options.get("ignore-case", True)
        if not isinstance(ignore_case, bool):
            raise rule.error("'ignore-case' must be true or false", "ignore-case")
        flags = regex.VERSION1 | regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0)
        try:
            compiled = regex.compile(source, flags)
        except regex.error as exc:
            raise rule.error(f"pattern does not compile: {exc}", "pattern") from None
        if compiled.search("", timeout=0.5) is not None:
            raise rule.error("pattern matches empty text; it would flag every draft", "pattern")
        group = rule.options.get("group", 0)
        if isinstance(group, str) and group not in compiled.groupindex:
            raise rule.error(f"pattern has no group named {group!r}", "group")
        if isinstance(group, int) and not 0 <= group <= compiled.groups:
            raise rule.error(f"pattern has no group {group}", "group")
        timeout = rule.options.get("timeout", DEFAULT_TIMEOUT)
        if not isinstance(timeout, int | float) or isinstance(timeout, bool) or timeout <= 0:
            raise rule.error("'timeout' must be a positive number of seconds", "timeout")
        return PatternOptions(compiled, group, float(timeout))

    def __init__(self, rule: Rule, options: PatternOptions) -> None:
        self.rule = rule
        self.regex = options.regex
        self.group = options.group
        self.timeout = options.timeout

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        text = analysis.document.view
        budget = self.timeout * max(1.0, len(text) / 1_000_000)
        try:
            for m in self.regex.finditer(text, timeout=budget):
                start, end = m.span(self.group)
                if end > start:
                    yield Hit(start, end)
        except TimeoutError:
            where = analysis.document.path or "the draft"
            raise RuleTimeoutError(
                f"rule {self.rule.id!r} ({self.rule.source}): its pattern ran longer than {budget:g}s "
                f"on {where}; simplify the pattern (avoid nested repeats like (a+)+)"
            ) from None
