"""The plain data that flows out of postguard: severities, findings, results, and what a
reporter may know of a rule. A leaf: it imports nothing from postguard, so reporters, the CLI
and outside code can depend on it alone.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from typing import Protocol

#: Languages postguard checks: English and Norwegian Bokmål.
LANGUAGES = ("en", "nb")

#: The parts of a draft a rule can be limited to.
SCOPES = ("prose", "code", "front-matter", "comments", "urls")

#: How a draft can be read.
INPUT_FORMATS = ("text", "markdown", "html")

#: Placeholders a rule's message and guidance may use, filled in per finding.
PLACEHOLDERS = ("match", "term", "near")

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

    def excerpt(self, show_sensitive: bool = False) -> str:
        """The matched text, masked when it is private data and ``show_sensitive`` is off."""
        if self.sensitive and not show_sensitive:
            return mask(self.text)
        return self.text


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


def mask(text: str) -> str:
    """Hide private text while keeping enough shape to recognise it.

    Long values keep their first and last four characters (``4539 **** **** 6467``,
    ``ghp_****...``); short ones keep only the first character. Separators stay, so the
    reader still sees it was a card number or an address.
    """
    visible = 4 if len(text) >= 16 else 1
    head_end = visible
    tail_start = len(text) - visible if len(text) >= 16 else len(text)
    out = []
    for i, ch in enumerate(text):
        if i < head_end or i >= tail_start or not ch.isalnum():
            out.append(ch)
        else:
            out.append("*")
    return "".join(out)


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
