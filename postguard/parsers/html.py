"""HTML posts: tags are blanked, text and published attribute values are kept in place."""

from __future__ import annotations

import re

from postguard.parsers.builder import ViewBuilder
from postguard.parsers.document import Document, Spans

COMMENT_RE = re.compile(r"<!--(.*?)(?:-->|\Z)", re.DOTALL)
# A tag never spans another '<' outside quotes: without that, every unclosed "<a" would scan to
# the end of the draft (quadratic on hostile input).
RAW_TEXT_RE = re.compile(r"<(script|style)\b[^<>]*>(.*?)(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE)
# Possessive name and body (``*+``): giving characters back cannot reach the ">" sooner, and an
# unclosed "<" before a long word was quadratic. An attribute's name is tried only from the
# first letter of a run of name characters: tried from every letter, a long word was rescanned
# from each (quadratic).
TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9:-]*+)((?:[^<>\"']|\"[^\"]*\"|'[^']*')*+)>|<![^<>]*>|<\?[^<>]*>")
ATTR_RE = re.compile(
    r"""(?<![-A-Za-z0-9_:.])[-0-9.]*+([A-Za-z_:][-A-Za-z0-9_:.]*+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""
)

#: Attribute values readers see on the page (checked as prose).
PROSE_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "content", "placeholder", "summary"})
#: Attribute values that are addresses (checked as ``urls``).
URL_ATTRIBUTES = frozenset({"href", "src", "action", "cite", "poster", "data", "srcset"})
CODE_TAGS = frozenset({"pre", "code", "kbd", "samp"})
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)


def parse(text: str, path: str | None = None) -> Document:
    builder = ViewBuilder(text, "html", path)
    scan_html(builder, 0, len(text))
    return builder.build()


def scan_html(builder: ViewBuilder, start: int, end: int) -> None:
    """Blank markup in ``text[start:end]`` and record code, comment and URL segments."""
    text = builder.text
    taken: list[tuple[int, int]] = []  # ranges already handled (comments, raw text)
    for m in COMMENT_RE.finditer(text, start, end):
        _comment(builder, m.start(), m.end(), m.start(1), m.end(1))
        taken.append((m.start(), m.end()))
    comments = Spans(taken)
    for m in RAW_TEXT_RE.finditer(text, start, end):
        if comments.covers(m.start()):
            continue
        open_end = m.start(2)
        builder.blank(m.start(), open_end)
        builder.blank(m.end(2), m.end())
        builder.segment(m.start(2), m.end(2), "code")
        taken.append((m.start(), m.end()))
    handled = Spans(taken)
    code_depth = 0
    code_start = 0
    cursor = start
    for m in TAG_RE.finditer(text, start, end):
        if handled.covers(m.start()):
            continue
        _text_run(builder, cursor, m.start(), code_depth > 0)
        cursor = m.end()
        builder.blank(m.start(), m.end())
        name = (m.group(1) or "").lower()
        closing = text.startswith("</", m.start())
        if m.group(2) and not closing:
            _attributes(builder, m.start(2), m.group(2))
        if name in BLOCK_TAGS:
            builder.add_break(m.end())
        if name in CODE_TAGS:
            if closing and code_depth > 0:
                code_depth -= 1
                if code_depth == 0:
                    builder.segment(code_start, m.start(), "code")
            elif not closing:
                if code_depth == 0:
                    code_start = m.end()
                code_depth += 1
    _text_run(builder, cursor, end, code_depth > 0)
    if code_depth > 0:
        builder.segment(code_start, end, "code")


def _comment(builder: ViewBuilder, start: int, end: int, body_start: int, body_end: int) -> None:
    """HTML comments are published in the page source: keep their text, scope ``comments``."""
    builder.blank(start, body_start)
    builder.blank(body_end, end)
    builder.segment(body_start, body_end, "comments")
    builder.add_break(body_start)
    builder.add_break(end)


def _text_run(builder: ViewBuilder, start: int, end: int, in_code: bool) -> None:
    if end <= start:
        return
    builder.decode_entities(start, end)
    if not in_code:
        builder.mark_urls(start, end)


def _attributes(builder: ViewBuilder, offset: int, attrs: str) -> None:
    for m in ATTR_RE.finditer(attrs):
        name = m.group(1).lower()
        group = 3 if m.group(3) is not None else 4 if m.group(4) is not None else 5
        vstart, vend = offset + m.start(group), offset + m.end(group)
        if name in PROSE_ATTRIBUTES or name in URL_ATTRIBUTES:
            builder.chars[vstart:vend] = list(builder.text[vstart:vend])
            builder.decode_entities(vstart, vend)
            builder.add_break(vstart)
            builder.add_break(vend)
        if name in URL_ATTRIBUTES:
            builder.segment(vstart, vend, "urls")
