"""Helpers shared by the format parsers: a view builder that blanks markup in place."""

from __future__ import annotations

import html
import re

from postguard.parsers.document import Document, Segment

URL_RE = re.compile(r"""(?:https?://|www\.)[^\s<>"'`)\]]+[^\s<>"'`)\].,;:!?]""", re.IGNORECASE)
#: A blank line (spaces and tabs allowed, any line ending): where a paragraph ends, for sentences,
#: Markdown code spans and baseline context alike.
BLANK_LINE_RE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
ZERO_WIDTH_PAD = "\u200b"  # keeps a word in one piece where an entity stood (normalised away)


class ViewBuilder:
    """Builds a :class:`Document`: the view starts as a copy of the text and markup is blanked."""

    def __init__(self, text: str, fmt: str, path: str | None) -> None:
        self.text = text
        self.format = fmt
        self.path = path
        self.chars = list(text)
        self.segments: list[Segment] = []
        self.breaks: set[int] = set()

    def blank(self, start: int, end: int) -> None:
        """Replace markup by spaces, keeping line breaks so lines stay where they were."""
        chars = self.chars
        for i in range(start, end):
            if chars[i] not in "\r\n":
                chars[i] = " "

    def segment(self, start: int, end: int, scope: str) -> None:
        if end > start:
            self.segments.append(Segment(start, end, scope))

    def add_break(self, offset: int) -> None:
        self.breaks.add(offset)

    def decode_entities(self, start: int, end: int) -> None:
        """Show ``&amp;``-style references as the character they stand for, padded in place."""
        for m in ENTITY_RE.finditer(self.text, start, end):
            decoded = html.unescape(m.group())
            if len(decoded) != 1 or decoded == m.group():
                continue
            in_word = (m.start() > 0 and self.text[m.start() - 1].isalnum()) or (
                m.end() < len(self.text) and self.text[m.end()].isalnum()
            )
            if decoded == "\xa0" or decoded.isspace():
                decoded, pad = " ", " "
            else:
                pad = ZERO_WIDTH_PAD if in_word and decoded.isalnum() else " "
            self.chars[m.start()] = decoded
            for i in range(m.start() + 1, m.end()):
                self.chars[i] = pad

    def mark_urls(self, start: int, end: int) -> None:
        """Bare URLs in running text are their own scope (``urls``)."""
        for m in URL_RE.finditer(self.text, start, end):
            self.segment(m.start(), m.end(), "urls")

    def mark_blank_line_breaks(self) -> None:
        for m in BLANK_LINE_RE.finditer(self.text):
            self.add_break(m.end())

    def build(self) -> Document:
        segments = _merge(sorted(self.segments, key=lambda s: (s.start, -s.end)))
        return Document(
            text=self.text,
            view="".join(self.chars),
            format=self.format,
            segments=tuple(segments),
            breaks=tuple(sorted(self.breaks)),
            path=self.path,
        )


def _merge(segments: list[Segment]) -> list[Segment]:
    """Drop segments nested in an earlier one so the list is non-overlapping."""
    out: list[Segment] = []
    for seg in segments:
        if out and seg.start < out[-1].end:
            continue
        out.append(seg)
    return out
