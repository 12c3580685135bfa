"""Checking paragraph by paragraph gives exactly the findings of one check of the whole draft,
and a change re-checks only the paragraphs it touched."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED, linter_from

from postguard import Linter
from postguard.lsp.incremental import ParagraphChecker
from postguard.lsp.paragraphs import split
from postguard.model import Finding

CORPORA = SHARED / "corpora"
TRICKY_MARKDOWN = {
    "next line past a blank line": (
        "<!-- postguard-disable-next-line acme.codename -- announced on 1 March -->\n\n"
        "Project Kestrel ships.\n\nKestrel again, not suppressed.\n"
    ),
    "next line past another directive": (
        "<!-- postguard-disable-next-line acme.codename -- announced -->\n\n"
        "<!-- postguard-enable confidential.marker -->\n\nProject Kestrel ships.\n"
    ),
    "block across paragraphs": (
        "Intro.\n\n<!-- postguard-disable acme.codename -- the launch post -->\n\nKestrel one.\n\n"
        "Kestrel two.\n\n<!-- postguard-enable acme.codename -->\n\nKestrel three.\n"
    ),
    "block never closed": "<!-- postguard-disable acme.codename -- ok -->\n\nA.\n\nKestrel.\n\nKestrel.\n",
    "unused and reasonless": (
        "<!-- postguard-disable-next-line acme.codename -->\n\nNothing here.\n\n"
        "<!-- postguard-disable-next-line acme.nothing -- typo -->\nKestrel.\n"
    ),
    "front matter with blank lines": (
        "---\ntitle: Kestrel\n\ndescription: internal only\n---\n\nProject Kestrel ships.\n"
    ),
    "fence with blank lines": "Intro.\n\n```sh\n\nssh kestrel.corp.acme-aurora.com\n\n```\n\nKestrel.\n",
    "comment with blank lines": "Intro.\n\n<!--\n\nInternal only: Kestrel\n\n-->\n\nDone.\n",
    "list continuation": "- one\n\n    Kestrel in the item\n\n        still the item\n\nAfter.\n",
    "thematic break and dashes": "Intro.\n\n---\ntitle: Kestrel\n---\n\nInternal only.\n",
    "reference link and definition": (
        "See [the runbook][ops] for Kestrel.\n\nMore text.\n\n[ops]: https://wiki.corp.acme-aurora.com/ops\n"
    ),
    "pre element with blank lines": "<pre>\n\nKestrel\n\n</pre>\n\nInternal only: pricing.\n",
    "crlf and emoji": "Hi 😀 Kestrel.\r\n\r\nInternal only: 🎉 pricing.\r\n\r\n\r\nKari Nordmann is on sick leave.\r\n",
}
TRICKY_TEXT = {
    "marker line past a blank line": (
        "postguard-disable-next-line acme.codename -- announced\n\nProject Kestrel ships.\n\nKestrel.\n"
    ),
    "indented lines": "First.\n\n  Kestrel indented.\n\nInternal only.\n",
    "a model finding's cues in a later paragraph": "First.\n\nIf you do that again I will find you and hurt you.\n",
}


#: A rule that checks prose only: it sees where a paragraph cut would turn code, comments or front
#: matter into prose (the acme rules check every scope, so they would not notice).
PROSE_ONLY = """
rules:
  - id: test.prose
    kind: terms
    terms: [Kestrel]
    category: confidential
    severity: warning
    scope: [prose]
    message: '"{match}" in prose.'
    guidance: Say it another way.
"""


@pytest.fixture(scope="module")
def prose_only() -> Linter:
    return linter_from(PROSE_ONLY)


def _key(findings: tuple[Finding, ...]) -> list[tuple[object, ...]]:
    return [
        (f.rule, f.start, f.end, f.line, f.column, f.end_line, f.end_column, f.message, f.text, f.cues)
        for f in findings
    ]


def _assert_same(linter: Linter, text: str, format: str) -> None:
    checker = ParagraphChecker(linter)
    language = checker.language(text, format)
    whole = linter.check(text, format=format, lang=language)
    assert _key(checker.check(text, format, language).findings) == _key(whole.findings)


@pytest.mark.parametrize("name", sorted(TRICKY_MARKDOWN))
def test_markdown_by_paragraph_equals_the_whole(acme: Linter, prose_only: Linter, name: str) -> None:
    _assert_same(acme, TRICKY_MARKDOWN[name], "markdown")
    _assert_same(prose_only, TRICKY_MARKDOWN[name], "markdown")


@pytest.mark.parametrize("name", sorted(TRICKY_TEXT))
def test_text_by_paragraph_equals_the_whole(acme: Linter, name: str) -> None:
    _assert_same(acme, TRICKY_TEXT[name], "text")


def _posts() -> list[Path]:
    chosen = []
    for corpus in ("blog_en", "blog_nb"):
        chosen += sorted((CORPORA / corpus).rglob("*.md"))[::40]
    return chosen


@pytest.mark.skipif(not CORPORA.is_dir(), reason="the shared corpora are not here")
@pytest.mark.parametrize("post", _posts(), ids=lambda p: p.name)
def test_real_posts_by_paragraph_equal_the_whole(acme: Linter, post: Path) -> None:
    _assert_same(acme, post.read_text(encoding="utf-8-sig"), "markdown")


def test_paragraphs_cover_the_draft_and_start_lines() -> None:
    text = "# T\n\nOne.\r\n\r\nTwo\nlines.\n\n\n```\n\ncode\n\n```\n\nEnd"
    paragraphs = split(text, "markdown")
    assert "".join(p.text for p in paragraphs) == text
    assert [p.text.splitlines()[0] for p in paragraphs] == ["# T", "One.", "Two", "```", "End"]
    for p in paragraphs:
        assert text[p.start : p.start + len(p.text)] == p.text
        assert p.line == len(text[: p.start].splitlines())


def test_html_is_one_piece() -> None:
    assert len(split("<p>a</p>\n\n<p>b</p>\n", "html")) == 1


def test_a_change_rechecks_only_its_paragraph(acme: Linter) -> None:
    paragraphs = [f"Paragraph {i} about the build and the queue." for i in range(50)]
    text = "\n\n".join(paragraphs)
    checker = ParagraphChecker(acme)
    first = checker.check(text, "markdown", "en")
    assert (first.paragraphs, first.checked) == (50, 50)
    again = checker.check(text, "markdown", "en")
    assert again.checked == 0
    edited = text.replace("Paragraph 30 about", "Paragraph 30 about Kestrel and")
    changed = checker.check(edited, "markdown", "en")
    assert changed.checked == 1
    (finding,) = changed.findings
    assert (finding.rule, finding.start, finding.line) == ("acme.codename", edited.index("Kestrel"), 61)


def test_a_finding_from_the_cache_moves_with_its_paragraph(acme: Linter) -> None:
    checker = ParagraphChecker(acme)
    text = "Intro.\n\nProject Kestrel ships.\n"
    checker.check(text, "markdown", "en")
    moved = "A new first paragraph.\n\n" + text
    result = checker.check(moved, "markdown", "en")
    assert result.checked == 1
    assert _key(result.findings) == _key(acme.check(moved, format="markdown", lang="en").findings)


def test_the_cache_is_bounded(acme: Linter) -> None:
    checker = ParagraphChecker(acme, entries=3)
    checker.check("\n\n".join(f"Line {i}." for i in range(10)), "text", "en")
    assert checker.check("Line 0.", "text", "en").checked == 1
