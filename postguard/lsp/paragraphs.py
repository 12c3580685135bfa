"""A draft cut into paragraphs that can be checked one by one with the same findings as the
whole draft: blocks separated by blank lines, except where a blank line does not end what the
parser (or a suppression) sees as one piece.

A cut is refused inside front matter, a fenced code block, an HTML comment or an open
``<pre>``/``<code>``/``<script>``/``<style>`` element; before an indented line (it continues a
list item, or is indented code only after a paragraph); and before a ``---``/``+++`` line (alone
it would read as front matter). A paragraph with a suppression directive is joined to the next
one (``disable-next-line`` reaches the next line with text, past other directives), and one
with a ``postguard-disable`` block reaches the last ``postguard-enable`` after it, or the end.
HTML drafts are one piece: their elements run across blank lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from postguard.parsers.markdown import FENCE_RE, FRONT_MATTER_RE

LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
DIRECTIVE_ACTION_RE = re.compile(r"postguard-(disable-next-line|disable|enable)(?![\w-])")
BLOCK_DISABLE, ENABLE = "disable", "enable"
FRONT_MATTER_FENCE_RE = re.compile(r"(?:---|\+\+\+)[ \t]*$")
RAW_OPEN_RE = re.compile(r"<(pre|code|kbd|samp|script|style)\b", re.IGNORECASE)
RAW_CLOSE_RE = re.compile(r"</(pre|code|kbd|samp|script|style)\s*>", re.IGNORECASE)
COMMENT_OPEN, COMMENT_CLOSE = "<!--", "-->"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A piece of a draft: its text, where it starts (offset) and on which 0-based line."""

    start: int
    line: int
    text: str


def split(text: str, format: str) -> list[Paragraph]:
    """The draft as consecutive paragraphs that cover all of it, each starting at a line start."""
    if format == "html" or not text:
        return [Paragraph(0, 0, text)]
    pieces = _blocks(text, markdown=format == "markdown")
    return _join_suppressed(pieces)


def _blocks(text: str, *, markdown: bool) -> list[Paragraph]:
    front = FRONT_MATTER_RE.match(text) if markdown else None
    no_cut_before = front.end() if front else 0
    pieces: list[Paragraph] = []
    piece_start, piece_line = 0, 0
    fence: tuple[str, int] | None = None
    after_blank = False
    pos = line = 0
    while pos < len(text):
        m = LINE_RE.match(text, pos)
        assert m is not None  # LINE_RE matches at every position
        content = m.group().rstrip("\r\n")
        blank = not content.strip()
        if (
            after_blank
            and not blank
            and fence is None
            and pos > piece_start
            and pos >= no_cut_before
            and _may_cut_before(content, text[piece_start:pos], markdown)
        ):
            pieces.append(Paragraph(piece_start, piece_line, text[piece_start:pos]))
            piece_start, piece_line = pos, line
        if markdown and pos >= no_cut_before:
            fence = _fence_after(content, fence)
        after_blank = blank
        pos, line = m.end(), line + 1
    pieces.append(Paragraph(piece_start, piece_line, text[piece_start:]))
    return pieces


def _fence_after(content: str, fence: tuple[str, int] | None) -> tuple[str, int] | None:
    """The open code fence after this line (None: outside a fence), as the Markdown parser reads it."""
    m = FENCE_RE.match(content)
    if fence is None:
        if m and not (m.group(2)[0] == "`" and "`" in m.group(3)):
            return m.group(2)[0], len(m.group(2))
        return None
    if m and m.group(2)[0] == fence[0] and len(m.group(2)) >= fence[1] and not m.group(3).strip():
        return None
    return fence


def _may_cut_before(content: str, piece: str, markdown: bool) -> bool:
    if content[0] in " \t":
        return False
    if not markdown:
        return True
    if FRONT_MATTER_FENCE_RE.match(content):
        return False
    if piece.rfind(COMMENT_OPEN) > piece.rfind(COMMENT_CLOSE):
        return False
    return len(RAW_OPEN_RE.findall(piece)) <= len(RAW_CLOSE_RE.findall(piece))


def _join_suppressed(pieces: list[Paragraph]) -> list[Paragraph]:
    """Join the paragraphs a suppression directive reaches across (see the module's docstring)."""
    actions = [set(DIRECTIVE_ACTION_RE.findall(p.text)) for p in pieces]
    last_enable = max((i for i, found in enumerate(actions) if ENABLE in found), default=-1)
    joined: list[Paragraph] = []
    i = 0
    while i < len(pieces):
        last = i
        k = i
        while k <= last and k < len(pieces):
            if actions[k]:
                last = max(last, k + 1)
            if BLOCK_DISABLE in actions[k]:
                last = max(last, last_enable if last_enable > k else len(pieces) - 1)
            k += 1
        last = min(last, len(pieces) - 1)
        first = pieces[i]
        joined.append(Paragraph(first.start, first.line, "".join(p.text for p in pieces[i : last + 1])))
        i = last + 1
    return joined
