"""Checking a draft paragraph by paragraph, with the findings of each paragraph cached by its
text, so that a keystroke re-checks only the paragraph it touched.

The findings are the same as those of one ``Linter.check`` of the whole draft, because the draft
is cut only where nothing reaches across (:mod:`postguard.lsp.paragraphs`), the language is
detected once for the whole draft and passed to every paragraph, and findings never span a cut
(so shadowing, which compares overlapping findings, sees the same pairs).
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from postguard.analysis import detect_language
from postguard.engine import Linter
from postguard.errors import PostguardError
from postguard.lsp.paragraphs import Paragraph, split
from postguard.model import Finding
from postguard.parsers import parse

#: Paragraph results kept per policy; a 1 MB draft has a few thousand paragraphs.
CACHE_ENTRIES = 20_000


@dataclass(frozen=True, slots=True)
class DocumentCheck:
    """The findings of one version of a draft, and what it cost."""

    findings: tuple[Finding, ...]
    errors: tuple[tuple[int, str], ...]  # (offset of the paragraph, one-line message)
    paragraphs: int
    checked: int  # paragraphs that were not in the cache
    seconds: float


class ParagraphChecker:
    """One policy's Linter with a cache of findings per (paragraph text, format, language).

    A new policy gets a new checker, so the policy is part of every key. Safe to share between
    threads once the Linter is warm.
    """

    def __init__(self, linter: Linter, entries: int = CACHE_ENTRIES) -> None:
        self.linter = linter
        self._entries = entries
        self._cache: OrderedDict[tuple[str, str, str], tuple[Finding, ...]] = OrderedDict()
        self._lock = threading.Lock()
        self.warming = False

    def warm_in_background(self) -> None:
        """Load what the Linter loads on first use in a thread of its own, once; checks go on
        meanwhile (taking turns with it until it is done)."""
        with self._lock:
            if self.warming:
                return
            self.warming = True
        threading.Thread(target=self.linter.warm, name="postguard-warm", daemon=True).start()

    def language(self, text: str, format: str) -> str:
        """The language of the whole draft (detected once per draft, not per paragraph)."""
        return detect_language(parse(text, format).view, self.linter.policy.languages)

    def check(self, text: str, format: str, language: str) -> DocumentCheck:
        began = time.perf_counter()
        findings: list[Finding] = []
        errors: list[tuple[int, str]] = []
        paragraphs = split(text, format)
        checked = 0
        for paragraph in paragraphs:
            key = (paragraph.text, format, language)
            with self._lock:
                found = self._cache.get(key)
                if found is not None:
                    self._cache.move_to_end(key)
            if found is None:
                checked += 1
                try:
                    found = self.linter.check(paragraph.text, format=format, lang=language).findings
                except PostguardError as exc:
                    errors.append((paragraph.start, str(exc)))
                    continue
                with self._lock:
                    self._cache[key] = found
                    if len(self._cache) > self._entries:
                        self._cache.popitem(last=False)
            findings.extend(_shifted(f, paragraph) for f in found)
        return DocumentCheck(
            tuple(findings), tuple(errors), len(paragraphs), checked, time.perf_counter() - began
        )


def _shifted(finding: Finding, paragraph: Paragraph) -> Finding:
    """A paragraph's finding placed in the whole draft (a paragraph starts a line: columns stay)."""
    if not paragraph.start:
        return finding
    return dataclasses.replace(
        finding,
        start=finding.start + paragraph.start,
        end=finding.end + paragraph.start,
        line=finding.line + paragraph.line,
        end_line=finding.end_line + paragraph.line,
        cues=tuple((start + paragraph.start, end + paragraph.start) for start, end in finding.cues),
    )
