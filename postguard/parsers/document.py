"""Document: a draft's original text, a same-length view without markup, and its scopes.

Every position in postguard is an offset into the original text. Format parsers never
delete or insert characters: they blank out markup in ``view`` (so offsets in ``view`` and
``text`` are the same) and record which ranges are code, front matter, comments or URLs.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Where a piece of a draft sits; a rule's ``scope`` lists the ones it checks.


@dataclass(frozen=True, slots=True)
class Segment:
    """A range of the draft that is not plain prose (``scope`` is one of :data:`SCOPES`)."""

    start: int
    end: int
    scope: str


class LineIndex:
    """Maps offsets to 1-based line and column by bisecting a table of line starts.

    Line breaks are ``\\r\\n``, ``\\n`` or a lone ``\\r``; columns count code points.
    """

    def __init__(self, text: str) -> None:
        starts = [0]
        i, n = 0, len(text)
        find_lf, find_cr = text.find, text.find
        while i < n:
            lf = find_lf("\n", i)
            cr = find_cr("\r", i, lf if lf != -1 else n)
            if cr != -1:
                i = cr + 2 if cr + 1 < n and text[cr + 1] == "\n" else cr + 1
            elif lf != -1:
                i = lf + 1
            else:
                break
            starts.append(i)
        self._starts = starts
        self._text = text

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of the start and end (before its line break) of 1-based ``line``."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._text)
        while end > start and self._text[end - 1] in "\r\n":
            end -= 1
        return start, end

    @property
    def line_count(self) -> int:
        return len(self._starts)


class Spans:
    """Ranges of offsets that answer "is this offset (or range) inside one of them?" in log time.

    Ranges may overlap and come in any order; built once, then queried many times (a linear
    scan per query turns a document with many matches into quadratic work).
    """

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self._starts = [a for a, _ in ordered]
        self._reach: list[int] = []  # furthest end among the ranges up to each index
        reach = -1
        for _, b in ordered:
            reach = max(reach, b)
            self._reach.append(reach)

    def covers(self, start: int, end: int | None = None) -> bool:
        """True when one range holds ``start`` (and reaches ``end``, if given)."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0:
            return False
        return self._reach[i] >= end if end is not None else self._reach[i] > start

    def overlaps(self, start: int, end: int) -> bool:
        """True when one range shares an offset with [start, end) (or is empty and strictly inside it)."""
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._reach[i] > start


@dataclass(slots=True)
class Document:
    """A parsed draft. ``segments`` are sorted, non-overlapping and cover only non-prose text."""

    text: str
    view: str
    format: str
    segments: tuple[Segment, ...] = ()
    breaks: tuple[int, ...] = ()
    path: str | None = None
    _starts: list[int] = field(default_factory=list, repr=False)
    _lines: LineIndex | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if len(self.view) != len(self.text):
            raise ValueError("a document's view must be as long as its text")
        self._starts = [s.start for s in self.segments]

    def scope_at(self, offset: int) -> str:
        """The scope of the character at ``offset`` (``prose`` unless a segment says otherwise)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.segments[i].end:
            return self.segments[i].scope
        return "prose"

    @property
    def lines(self) -> LineIndex:
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines
