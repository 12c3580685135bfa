"""Findings: the plain data every check produces and every reporter consumes."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Document
    from .policy import Rule


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

    @classmethod
    def at(
        cls,
        rule: Rule,
        document: Document,
        start: int,
        end: int,
        message: str,
        guidance: str,
        *,
        sensitive: bool = False,
        entity: str = "",
    ) -> Finding:
        """A finding of ``rule`` on ``document.text[start:end]``, with its lines and columns."""
        line, column = document.lines.position(start)
        end_line, end_column = document.lines.position(end)
        return cls(
            rule=rule.id,
            category=rule.category,
            severity=rule.severity,
            message=message,
            guidance=guidance,
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            text=document.text[start:end],
            sensitive=sensitive,
            entity=entity,
        )

    def excerpt(self, show_sensitive: bool = False) -> str:
        """The matched text, masked when it is private data and ``show_sensitive`` is off."""
        if self.sensitive and not show_sensitive:
            return mask(self.text)
        return self.text


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
