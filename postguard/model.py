"""The plain data that flows out of postguard: severities, findings, results, and what a
reporter may know of a rule. A leaf: it imports nothing from postguard, so reporters, the CLI
and outside code can depend on it alone.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

#: Languages postguard checks: English and Norwegian Bokmål.
LANGUAGES = ("en", "nb")

#: The parts of a draft a rule can be limited to.
SCOPES = ("prose", "code", "front-matter", "comments", "urls")

#: How a draft can be read.
INPUT_FORMATS = ("text", "markdown", "html")

#: Placeholders a rule's message and guidance may use, filled in per finding.
PLACEHOLDERS = ("match", "term", "near", "cues")

#: The path that names standard input.
STDIN = "-"

#: Policy file names, looked for in each folder from the working one up; ``init`` writes the first.
POLICY_FILENAMES = ("postguard.yml", "postguard.yaml", ".postguard.yml", ".postguard.yaml")

#: Environment variable that names the project's policy file.
POLICY_ENV = "POSTGUARD_POLICY"

#: Environment variable with the secret key of hashed lists and ``redact --operator hash``.
HASH_KEY_ENV = "POSTGUARD_HASH_KEY"

#: How ``redact`` replaces private data; the first is the default.
REDACT_OPERATORS = ("replace", "mask", "hash")


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``ERROR > WARNING > INFO``."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        """Read a severity name (``error``, ``warning``, ``info``); raises ValueError."""
        try:
            return cls[value.strip().upper()]
        except (KeyError, AttributeError):
            raise ValueError(f"unknown severity {value!r}") from None


#: The lowest severity that fails a check when the policy sets no ``fail-on``.
DEFAULT_FAIL_ON = Severity.WARNING

#: Categories whose matched text is private data: reports mask it unless asked not to.
SENSITIVE_CATEGORIES = frozenset({"pii", "secret"})


@dataclass(frozen=True, slots=True)
class Finding:
    """One policy problem at one place in a draft.

    ``start``/``end`` are 0-based code-point offsets into the draft's decoded text (end
    exclusive); ``line``/``column`` are 1-based and ``end_line``/``end_column`` point just past
    the match. ``text`` is the matched text, unmasked: use :meth:`excerpt` to show it.
    """

    rule: str
    category: str
    severity: Severity
    message: str
    guidance: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    sensitive: bool = False
    entity: str = ""  # what a pii/secrets rule found (EMAIL_ADDRESS, SECRET...), for redaction
    #: Private values (draft offsets) inside the match of a finding that is not private itself:
    #: a put-down of a competitor that quotes its support's e-mail address.
    private: tuple[tuple[int, int], ...] = ()
    #: How sure a trained model was (0 to 1), for the rules a model decides; None for the others.
    score: float | None = None
    #: The words that weighed most in a model's verdict (draft offsets, in order), which the
    #: message names and a page may emphasise; empty for the rules that match.
    cues: tuple[tuple[int, int], ...] = ()

    def excerpt(self, show_sensitive: bool = False) -> str:
        """The matched text, with private data masked unless ``show_sensitive`` is on."""
        if show_sensitive:
            return self.text
        if self.sensitive:
            return mask(self.text)
        if self.private:
            return self._masked_inside()
        return self.text

    def _masked_inside(self) -> str:
        """The match with its private values masked: a whole one as :func:`mask` masks it, and
        of one that only reaches into the match every letter and digit (the message, which sees
        the draft, masks that value whole)."""
        shown = list(self.text)
        for start, end in self.private:
            lo, hi = max(start, self.start) - self.start, min(end, self.end) - self.start
            if start >= self.start and end <= self.end:
                shown[lo:hi] = mask(self.text[lo:hi])
            else:
                shown[lo:hi] = ["*" if ch.isalnum() else ch for ch in shown[lo:hi]]
        return "".join(shown)

    @property
    def masks(self) -> bool:
        """Whether :meth:`excerpt` hides anything by default."""
        return self.sensitive or bool(self.private)


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding an author silenced, with the reason they gave (empty when none)."""

    finding: Finding
    reason: str
    line: int  # where the suppression is


@dataclass(frozen=True, slots=True)
class Result:
    """The findings for one draft, with what was detected about it."""

    path: str | None
    language: str
    format: str
    findings: tuple[Finding, ...]
    text: str
    suppressed: tuple[Suppressed, ...] = ()
    #: Every private value the policy's private-data rules found in the draft (draft offsets,
    #: sorted), reported or not (suppressed, baselined): reports mask them wherever they show.
    private: tuple[tuple[int, int], ...] = ()

    def failed(self, level: Severity) -> bool:
        """True when a finding is at or above ``level``."""
        return any(f.severity >= level for f in self.findings)


class RuleInfo(Protocol):
    """What a reporter may read of a rule (a policy's :class:`~postguard.policy.Rule` is one)."""

    @property
    def id(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def message(self) -> str: ...
    @property
    def guidance(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def source(self) -> str: ...


def generic(text: str) -> str:
    """A rule's message or guidance without a particular match in it, on one line."""
    for name in PLACEHOLDERS:
        text = text.replace("{" + name + "}", "…")
    return " ".join(text.split())


#: A card-like number (digits and separators) this long keeps its last four digits when masked.
CARD_LIKE_MIN_LENGTH = 16
#: How many digits at the end of a card-like number a mask shows, as receipts print them.
CARD_TAIL_DIGITS = 4


def mask(text: str) -> str:
    """Hide private text, keeping only what lets the writer find it in their own draft.

    A mask keeps the length, the separators (spaces, dashes, dots, ``@``) and the first
    character; a card-like number of 16 or more characters (digits and separators only) also
    keeps its last four digits (``4*** **** **** 1111``). Nothing else of a value is shown: not
    a token's provider prefix, not a password's ending, not a hashed codename's letters.
    """
    tail_start = len(text)
    if len(text) >= CARD_LIKE_MIN_LENGTH and all(ch.isdigit() or not ch.isalnum() for ch in text):
        digits = [i for i, ch in enumerate(text) if ch.isdigit()]
        tail_start = digits[-CARD_TAIL_DIGITS] if len(digits) > CARD_TAIL_DIGITS else len(text)
    out = []
    shown_first = False
    for i, ch in enumerate(text):
        if not ch.isalnum() or i >= tail_start:
            out.append(ch)
        elif not shown_first:
            out.append(ch)
            shown_first = True
        else:
            out.append("*")
    return "".join(out)


def mask_spans(draft: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """``draft[start:end]`` with every private value of ``spans`` (draft offsets, sorted) masked
    whole, as :func:`mask` masks it, even where only part of the value lies inside."""
    shown = draft[start:end]
    for value_start, value_end in reversed(spans):
        if value_end <= start or value_start >= end:
            continue
        masked = mask(draft[value_start:value_end])
        lo, hi = max(value_start, start), min(value_end, end)
        shown = shown[: lo - start] + masked[lo - value_start : hi - value_start] + shown[hi - start :]
    return shown


def display_path(path: str) -> str:
    """Paths as the user typed them, or relative to the working directory when inside it."""
    if path == STDIN:
        return "<stdin>"
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel


BACKUP_SUFFIX = ".bak"
