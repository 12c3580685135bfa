"""Markdown posts (CommonMark plus YAML/TOML front matter, as static-site generators use)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from postguard.parsers.builder import BLANK_LINE_RE, ViewBuilder
from postguard.parsers.document import Document
from postguard.parsers.html import scan_html

LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
FRONT_MATTER_RE = re.compile(
    r"\A(?P<open>---|\+\+\+)[ \t]*(?:\r\n|\r|\n)(?P<body>.*?)(?:\r\n|\r|\n)(?P<close>(?P=open)|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)",
    re.DOTALL,
)
FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
INDENTED_RE = re.compile(r"^(?:\t| {4})")
BLOCK_MARKER_RE = re.compile(
    r"^(?=[ \t>#*+\-\d\[])[ \t]{0,3}(?:>[ \t]?)*[ \t]*(?:#{1,6}(?=[ \t]|$)|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])|\[[ xX]\](?=[ \t]))?",
    re.MULTILINE,
)
# Possessive blanks (``*+``): blanks given back to the trailing ``[ \t]*`` cannot end the line
# any sooner, and trying every split made "- " and a long run of spaces quadratic.
RULE_LINE_RE = re.compile(
    r"^[ \t]{0,3}(?:(?:[-*_][ \t]*+){3,}|=+|\|?[ \t]*+:?-+:?[ \t]*+(?:\|[ \t]*+:?-+:?[ \t]*+)*\|?)[ \t]*$",
    re.MULTILINE,
)
LIST_ITEM_RE = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]")
BACKTICKS_RE = re.compile(r"`+")
AUTOLINK_RE = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]+|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>")
# The blanks after "](" are taken whole (``\s*+``); a title may then follow them directly when
# the address is empty. Splitting a long run of blanks every way between the three places that
# accept them made "[a](" and 50 KB of spaces quadratic.
LINK_RE = re.compile(
    r"(!?\[)((?:[^\[\]]|\[[^\[\]]*\])*)(\]\(\s*+)<?([^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)>?"
    r"(?:(?:\s++|(?<=\s))(\"[^\"]*\"|'[^']*'))?(\s*+\))"
)
REF_LINK_RE = re.compile(r"(!?\[)((?:[^\[\]]|\[[^\[\]]*\])*)(\]\[)([^\[\]]*)(\])")
REF_DEF_RE = re.compile(r"^([ \t]{0,3}\[[^\]]+\]:[ \t]*)<?(\S+?)>?(?=\s|$)", re.MULTILINE)
# A pattern that opens with a lookahead on its first character (here and in BLOCK_MARKER_RE) lets
# the regex engine skip to candidates instead of trying the lookbehinds at every position.
EMPHASIS_RE = re.compile(
    r"(?=[*_~])(?:(?<![\w*~\\])(?:\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(?:\*{1,3}|_{1,3}|~~)(?![\w*~]))"
)
ESCAPE_RE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
TABLE_PIPE_RE = re.compile(r"(?<!\\)\|")
TABLE_LINE_RE = re.compile(r"(?:^|(?<=\r))[^\S\r\n]*\|[^\r\n]*", re.MULTILINE)
# Tried only where a run of blanks begins: tried at every blank of a long run, the run is
# rescanned from each, which made a heading followed by 50 KB of spaces take 18 s.
HEADING_CLOSE_RE = re.compile(r"(?<![ \t])[ \t]+#+[ \t]*$", re.MULTILINE)


def parse(text: str, path: str | None = None) -> Document:
    builder = ViewBuilder(text, "markdown", path)
    body_start = _front_matter(builder)
    builder.mark_blank_line_breaks()
    for start, end in _blocks_outside_code(builder, body_start):
        _inline(builder, start, end)
    return builder.build()


def _front_matter(builder: ViewBuilder) -> int:
    """YAML (``---``) or TOML (``+++``) front matter: published metadata, scope ``front-matter``."""
    m = FRONT_MATTER_RE.match(builder.text)
    if not m:
        return 0
    builder.blank(m.start("open"), m.end("open"))
    builder.blank(m.start("close"), m.end("close"))
    builder.segment(m.start("body"), m.end("body"), "front-matter")
    builder.add_break(m.start("body"))
    builder.add_break(m.end())
    return m.end()


def _blocks_outside_code(builder: ViewBuilder, start: int) -> list[tuple[int, int]]:
    """Mark fenced and indented code blocks; return the ranges between them."""
    text = builder.text
    regions: list[tuple[int, int]] = []
    region_start = start
    fence: tuple[str, int] | None = None
    fence_body = 0
    indented_start: int | None = None
    prev_blank = True
    in_list = False
    pos = start
    while pos < len(text):
        m = LINE_RE.match(text, pos)  # matches at every position (the empty string at the end)
        if m is None or m.end() == pos:
            break
        line_end = m.end()
        content = text[pos:line_end].rstrip("\r\n")
        content_end = pos + len(content)
        blank = not content.strip()
        if fence is not None:
            close = FENCE_RE.match(content)
            if (
                close
                and close.group(2)[0] == fence[0]
                and len(close.group(2)) >= fence[1]
                and not close.group(3).strip()
            ):
                builder.segment(fence_body, pos, "code")
                builder.blank(pos, content_end)
                builder.add_break(line_end)
                fence = None
                region_start = line_end
            pos = line_end
            continue
        if indented_start is not None and not blank and not INDENTED_RE.match(content):
            builder.segment(indented_start, pos, "code")
            builder.add_break(pos)
            indented_start = None
            region_start = pos
        opened = FENCE_RE.match(content)
        if opened and indented_start is None and not (opened.group(2)[0] == "`" and "`" in opened.group(3)):
            regions.append((region_start, pos))
            builder.blank(pos, content_end)
            builder.add_break(pos)
            fence = (opened.group(2)[0], len(opened.group(2)))
            fence_body = line_end
        elif (
            indented_start is None and not blank and prev_blank and not in_list and INDENTED_RE.match(content)
        ):
            regions.append((region_start, pos))
            indented_start = pos
            builder.add_break(pos)
        if not blank:
            if LIST_ITEM_RE.match(content):
                in_list = True
            elif not INDENTED_RE.match(content) and prev_blank:
                in_list = False
        prev_blank = blank
        pos = line_end
    if fence is not None:
        builder.segment(fence_body, len(text), "code")
    elif indented_start is not None:
        builder.segment(indented_start, len(text), "code")
    else:
        regions.append((region_start, len(text)))
    return [(a, b) for a, b in regions if b > a]


def _inline(builder: ViewBuilder, start: int, end: int) -> None:
    """Blank inline markup in a run of non-code Markdown, keeping every word where it was."""
    text = builder.text
    spans: list[tuple[int, int]] = []
    cursor = start
    for open_start, body_start, body_end, close_end in _code_spans(text, start, end):
        scan_html(builder, cursor, open_start)
        builder.blank(open_start, body_start)
        builder.blank(body_end, close_end)
        builder.segment(body_start, body_end, "code")
        spans.append((open_start, close_end))
        cursor = close_end
    scan_html(builder, cursor, end)
    span_starts = [s for s, _ in spans]

    def in_code(offset: int) -> bool:
        i = bisect.bisect_right(span_starts, offset) - 1
        return i >= 0 and offset < spans[i][1]

    for m in AUTOLINK_RE.finditer(text, start, end):
        if in_code(m.start()):
            continue
        builder.chars[m.start(1) : m.end(1)] = list(m.group(1))
        builder.blank(m.start(), m.start(1))
        builder.blank(m.end(1), m.end())
        builder.segment(m.start(1), m.end(1), "urls")
    for m in _finditer_with(LINK_RE, "](", text, start, end):
        if in_code(m.start()):
            continue
        builder.blank(m.start(1), m.end(1))
        builder.blank(m.start(3), m.start(4))
        builder.blank(m.end(4), m.start(5) if m.group(5) else m.start(6))
        if m.group(5):
            builder.blank(m.start(5), m.start(5) + 1)
            builder.blank(m.end(5) - 1, m.end(5))
        builder.blank(m.start(6), m.end(6))
        builder.segment(m.start(4), m.end(4), "urls")
    for m in _finditer_with(REF_LINK_RE, "][", text, start, end):
        if not in_code(m.start()):
            builder.blank(m.start(1), m.end(1))
            builder.blank(m.start(3), m.end())
    for m in _finditer_with(REF_DEF_RE, "]:", text, start, end):
        if not in_code(m.start()):
            builder.blank(m.start(1), m.start(2))
            builder.segment(m.start(2), m.end(2), "urls")
    for m in BLOCK_MARKER_RE.finditer(text, start, end):
        if m.end() > m.start() and not in_code(m.start()):
            builder.blank(m.start(), m.end())
            builder.add_break(m.start())
    for pattern in (RULE_LINE_RE, HEADING_CLOSE_RE, EMPHASIS_RE, ESCAPE_RE):
        for m in pattern.finditer(text, start, end):
            if not in_code(m.start()):
                builder.blank(m.start(), m.end())
    for line in _finditer_with(TABLE_LINE_RE, "|", text, start, end):
        builder.add_break(line.start())
        for m in TABLE_PIPE_RE.finditer(text, line.start(), line.end()):
            if not in_code(m.start()):
                builder.blank(m.start(), m.end())


def _finditer_with(
    pattern: re.Pattern[str], needle: str, text: str, start: int, end: int
) -> Iterator[re.Match[str]]:
    """``pattern``'s matches in ``text[start:end]``, none without looking when the run lacks
    ``needle``, which every match holds (most runs of a post have no link or table: a
    substring search is far cheaper than trying the pattern at every position)."""
    if text.find(needle, start, end) == -1:
        return iter(())
    return pattern.finditer(text, start, end)


def _code_spans(text: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """Code spans: a run of backticks up to the next run of the same length, within a paragraph.

    Returns (open start, body start, body end, close end) tuples. Runs are paired through an
    index per run length, so a draft full of unmatched backticks stays linear (a regex that
    searches ahead from every opening run is quadratic there).
    """
    runs = [(m.start(), m.end()) for m in BACKTICKS_RE.finditer(text, start, end)]
    by_length: dict[int, list[int]] = {}
    for index, (a, b) in enumerate(runs):
        by_length.setdefault(b - a, []).append(index)
    breaks = [m.end() for m in BLANK_LINE_RE.finditer(text, start, end)]
    spans = []
    i = 0
    while i < len(runs):
        open_start, body_start = runs[i]
        same = by_length[body_start - open_start]
        k = bisect.bisect_right(same, i)
        if k == len(same):
            i += 1
            continue
        body_end, close_end = runs[same[k]]
        first_break = bisect.bisect_right(breaks, body_start)
        if first_break < len(breaks) and breaks[first_break] <= body_end:
            i += 1  # a blank line ends the paragraph: this run is literal text
            continue
        spans.append((open_start, body_start, body_end, close_end))
        i = same[k] + 1
    return spans
