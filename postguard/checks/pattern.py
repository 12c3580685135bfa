"""``pattern``: a regular expression (``regex`` module) with a time limit per document."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..analysis import Analysis
from ..errors import RuleTimeoutError
from ..policy import Policy, Rule
from . import Hit

DEFAULT_TIMEOUT = 1.0  # seconds per megabyte-sized slice of a document, at least one slice


class PatternCheck:
    """Finds a pattern in the draft's words (markup removed, positions kept).

    Options: ``pattern``; ``ignore-case`` (default true); ``group``, a group whose span is
    reported instead of the whole match; ``timeout`` in seconds.
    """

    OPTIONS = frozenset({"pattern", "ignore-case", "group", "timeout"})

    def __init__(self, rule: Rule, policy: Policy) -> None:
        self.rule = rule
        source = rule.options.get("pattern")
        if not isinstance(source, str) or not source:
            raise rule.error("needs 'pattern' (a regular expression)", "pattern")
        ignore_case = rule.options.get("ignore-case", True)
        if not isinstance(ignore_case, bool):
            raise rule.error("'ignore-case' must be true or false", "ignore-case")
        flags = regex.VERSION1 | regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0)
        try:
            self.regex = regex.compile(source, flags)
        except regex.error as exc:
            raise rule.error(f"pattern does not compile: {exc}", "pattern") from None
        if self.regex.search("", timeout=0.5) is not None:
            raise rule.error("pattern matches empty text; it would flag every draft", "pattern")
        self.group = rule.options.get("group", 0)
        if isinstance(self.group, str) and self.group not in self.regex.groupindex:
            raise rule.error(f"pattern has no group named {self.group!r}", "group")
        if isinstance(self.group, int) and not 0 <= self.group <= self.regex.groups:
            raise rule.error(f"pattern has no group {self.group}", "group")
        timeout = rule.options.get("timeout", DEFAULT_TIMEOUT)
        if not isinstance(timeout, int | float) or isinstance(timeout, bool) or timeout <= 0:
            raise rule.error("'timeout' must be a positive number of seconds", "timeout")
        self.timeout = float(timeout)

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
