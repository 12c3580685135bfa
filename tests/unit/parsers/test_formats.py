"""Formats keep every position in the original file, and know code, comments, URLs, front matter."""

from __future__ import annotations

import pytest
from conftest import linter_from

from postguard.parsers import format_for_path, parse

POLICY = """
lists:
  secret-words: [Kestrel, Silver Tide]
rules:
  - id: t.codename
    kind: terms
    lists: [secret-words]
    category: confidential
    message: '"{match}" is a codename.'
  - id: t.prose-only
    kind: terms
    terms: [darn]
    category: offensive
    scope: [prose, front-matter, comments]
    message: mild
  - id: t.host
    kind: pattern
    pattern: 'intra\\.example\\.com'
    category: confidential
    message: internal host
"""


@pytest.fixture(scope="module")
def linter():
    return linter_from(POLICY)


def spans(result) -> list[tuple[str, str, int, int]]:
    return [(f.rule, result.text[f.start : f.end], f.line, f.column) for f in result.findings]


def test_every_finding_points_at_its_text_in_markdown(linter) -> None:
    text = (
        "---\n"
        "title: Kestrel notes\n"
        "---\n"
        "\n"
        "# About **Kestrel**\n"
        "\n"
        "See [the Silver Tide plan](https://intra.example.com/silver) now.\n"
        "\n"
        "<!-- Kestrel numbers here -->\n"
        "- item with `Kestrel` code\n"
        "\n"
        "```\n"
        "kestrel = Kestrel()\n"
        "```\n"
    )
    result = linter.check(text, format="markdown")
    assert spans(result) == [
        ("t.codename", "Kestrel", 2, 8),
        ("t.codename", "Kestrel", 5, 11),
        ("t.codename", "Silver Tide", 7, 10),
        ("t.host", "intra.example.com", 7, 36),
        ("t.codename", "Kestrel", 9, 6),
        ("t.codename", "Kestrel", 10, 14),
        ("t.codename", "kestrel", 13, 1),
        ("t.codename", "Kestrel", 13, 11),
    ]


def test_scope_excludes_code_for_language_rules(linter) -> None:
    text = "Darn it.\n\n`darn`\n\n    darn indented code\n\n```\ndarn\n```\n<!-- darn -->\n"
    result = linter.check(text, format="markdown")
    hits = [(f.line, f.column) for f in result.findings if f.rule == "t.prose-only"]
    assert hits == [(1, 1), (10, 6)]


def test_toml_front_matter_is_front_matter() -> None:
    doc = parse('+++\ntitle = "Kestrel"\n+++\n\nBody\n', "markdown")
    assert doc.scope_at(doc.text.index("Kestrel")) == "front-matter"
    assert doc.scope_at(doc.text.index("Body")) == "prose"


def test_html_positions_and_scopes(linter) -> None:
    text = (
        "<html><head><title>Kestrel</title><style>.kestrel{}</style></head>\n"
        '<body><p class="Kestrel">Hello <b>Silver</b> Tide &amp; friends</p>\n'
        '<img alt="Kestrel logo" src="https://intra.example.com/k.png">\n'
        "<!-- Kestrel draft --><pre>Kestrel()</pre><p>darn&nbsp;Kestrel</p></body></html>\n"
    )
    result = linter.check(text, format="html")
    found = spans(result)
    assert ("t.codename", "Kestrel", 1, 20) in found  # title text
    assert all(not (line == 2 and col == 17) for _, _, line, col in found)  # class attribute is markup
    assert ("t.codename", "Silver</b> Tide", 2, 35) in found  # phrase across inline tags
    assert ("t.codename", "Kestrel", 3, 11) in found  # alt text is published
    assert ("t.host", "intra.example.com", 3, 38) in found
    doc = parse(text, "html")
    assert doc.scope_at(text.index("Kestrel draft")) == "comments"
    assert doc.scope_at(text.index("Kestrel()")) == "code"
    assert doc.scope_at(text.index(".kestrel")) == "code"
    assert ("t.prose-only", "darn", 4, 46) in found
    assert ("t.codename", "Kestrel", 4, 56) in found  # after &nbsp;


def test_crlf_and_positions(linter) -> None:
    text = "first line\r\nsecond Kestrel\r\n\r\nthird\rKestrel\n"
    result = linter.check(text, format="text")
    assert spans(result) == [("t.codename", "Kestrel", 2, 8), ("t.codename", "Kestrel", 5, 1)]
    first = result.findings[0]
    assert (first.end_line, first.end_column) == (2, 15)


def test_non_ascii_columns_count_code_points(linter) -> None:
    text = "Blåbær 😀 og Kestrel\n"
    result = linter.check(text, format="text", lang="nb")
    finding = result.findings[0]
    assert (finding.line, finding.column) == (1, 13)
    assert text[finding.start : finding.end] == "Kestrel"


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("a.md", "markdown"),
        ("b.MARKDOWN", "markdown"),
        ("c.html", "html"),
        ("d.htm", "html"),
        ("e.txt", "text"),
        ("f", "text"),
        (None, "text"),
    ],
)
def test_format_from_file_name(path, fmt) -> None:
    assert format_for_path(path) == fmt


def test_view_is_as_long_as_text_for_every_format() -> None:
    text = "# T\n\n**b** [l](u) <i>x</i> &amp; `c` <!-- c -->\n\n```\nx\n```\n"
    for fmt in ("text", "markdown", "html"):
        doc = parse(text, fmt)
        assert len(doc.view) == len(doc.text)
        assert [i for i, ch in enumerate(doc.text) if ch == "\n"] == [
            i for i, ch in enumerate(doc.view) if ch == "\n"
        ]


@pytest.mark.parametrize("blank_line", ["\n\n", "\n  \t\n", "\r\n\r\n", "\r\n \r\n"])
def test_a_code_span_never_crosses_a_blank_line_even_one_with_spaces(blank_line) -> None:
    """CommonMark: a line of only spaces and tabs is blank, and a blank line ends the paragraph,
    so the backticks on either side of it are literal text (the one definition of a blank line
    in postguard, shared with sentences and baseline context)."""
    text = f"Open `tick here{blank_line}and close` there."
    doc = parse(text, "markdown")
    assert doc.scope_at(text.index("here")) == "prose"
    assert doc.scope_at(text.index("close")) == "prose"
    joined = parse("Open `tick here\nand close` there.", "markdown")
    assert joined.scope_at(joined.text.index("here")) == "code"
