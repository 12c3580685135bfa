"""Offsets and LSP positions. postguard counts code points from the start of the draft; LSP
counts lines and, within a line, UTF-16 code units, so a character outside the Basic
Multilingual Plane (most emoji) is one offset but two units. Line breaks are the same for both:
``\\r\\n``, ``\\n`` or a lone ``\\r``."""

from __future__ import annotations

from lsprotocol import types

from postguard.parsers.document import LineIndex


def utf16_length(text: str) -> int:
    """How many UTF-16 code units ``text`` takes."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


class PositionIndex:
    """Converts between code-point offsets into one text and LSP positions in it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines = LineIndex(text)

    def position(self, offset: int) -> types.Position:
        """The LSP position of ``offset`` (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        line, column = self._lines.position(offset)
        line_start = offset - column + 1
        return types.Position(line=line - 1, character=utf16_length(self.text[line_start:offset]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        """The offset of an LSP position. A line past the end is the end of the text; a character
        past the end of its line is the line's end (before its break), as LSP asks; a position
        between the two halves of a surrogate pair is the character's start."""
        if position.line >= self._lines.line_count:
            return len(self.text)
        start, end = self._lines.line_span(position.line + 1)
        units = 0
        for offset in range(start, end):
            units += 2 if ord(self.text[offset]) > 0xFFFF else 1
            if units > position.character:
                return offset
        return end

    def line_start(self, offset: int) -> int:
        """The offset where the line holding ``offset`` starts."""
        return offset - self._lines.position(offset)[1] + 1
