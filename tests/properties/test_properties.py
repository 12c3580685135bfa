"""Property-based tests: random Unicode, Markdown and HTML never crash the checker, and every
finding points at exactly the text it reports.

Example counts come from the Hypothesis profile (see ``tests/conftest.py``): a few hundred per
property normally, over 10,000 in total under ``CI=true`` (or ``HYPOTHESIS_PROFILE=ci``), and
far more with ``HYPOTHESIS_PROFILE=fuzz``.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from conftest import ACME_POLICY
from hypothesis import event, given, settings
from hypothesis import strategies as st

from postguard import Linter
from postguard.policy import load_policies
from postguard.policy.hashing import Hasher, hash_terms
from postguard.report import ReportOptions, render

_KEY = "property-test-key-0123456789"
_EXTRA = """\
lists:
  secret: {file: secret.hashed}
rules:
  - {id: hashed, kind: terms, lists: [secret], category: confidential, message: '{match}'}
  - {id: compound, kind: terms, terms: [{term: dritt, compound: head}], category: offensive, message: m}
  - {id: near, kind: near, terms: [merger], near: {terms: [soon], within: 3}, category: confidential,
     message: '{match} {near}'}
  - {id: card, kind: pattern, pattern: '\\b\\d{4}[ -]?\\d{4}\\b', category: pii, message: '{match}'}
"""


def _linter() -> Linter:
    """The example company's policy plus a hashed list, compounds, near and a masked pattern."""
    folder = Path(tempfile.mkdtemp(prefix="postguard-props-"))
    hashed = hash_terms(["Osprey", "Blue Harbor", "Straße Nord"], Hasher(_KEY.encode()))
    (folder / "secret.hashed").write_text(hashed.render(), encoding="utf-8")
    (folder / "extra.yml").write_text(_EXTRA, encoding="utf-8")
    old = os.environ.get("POSTGUARD_HASH_KEY")
    os.environ["POSTGUARD_HASH_KEY"] = _KEY
    try:
        return Linter(load_policies([ACME_POLICY, folder / "extra.yml"]))
    finally:
        if old is None:
            del os.environ["POSTGUARD_HASH_KEY"]
        else:
            os.environ["POSTGUARD_HASH_KEY"] = old


LINTER = _linter()

# Words the policy reacts to, spellings that dodge it, and characters that change length or
# vanish when normalised (ß, İ, ﬁ, combining marks, zero-width and bidi marks).
WORDS = [
    "Kestrel", "K3strel", "Kestrels", "#ProjectKestrel", "#teamkestrel", "Project Kestrel", "Silver Tide",
    "silver-tide", "Halvorsen Maritime's", "Polar Freight AS", "Nordic Cloud Co.", "internal only",
    "kun til intern bruk", "merger", "soon", "a merger is coming soon", "drittjobb", "Osprey", "Blue-Harbor", "BlueHarbor",
    "STRASSE NORD", "Straße Nord", "4539 1234", "press@acme-aurora.com", "wiki.corp.acme-aurora.com",
    "https://example.com/a_b", "f*ck", "K e s t r e l", "İstanbul", "ﬁle", "ǅemal", "e\u0301", "\u200b",
    "\u200f", "\u202e", "\u2066", "\ufeff", "\u00ad", "ß", "Ꮶ", "\u0301", "'s", "’s", "...", "!!", "?",
]  # fmt: skip
SEPARATORS = [" ", "  ", "\n", "\r\n", "\r", "\n\n", "\t", "-", ".", ". ", ", ", "/", "\u2028", "\x0c"]


def _words() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(WORDS), st.text(max_size=6))


PROSE = st.lists(st.one_of(_words(), st.sampled_from(SEPARATORS)), max_size=30).map("".join)

_MD_INLINE = [
    "**",
    "*",
    "_",
    "__",
    "~~",
    "`",
    "``",
    "```",
    "[",
    "]",
    "](",
    ")",
    "![",
    "<",
    ">",
    "\\",
    "|",
    "&amp;",
]
_MD_BLOCK = [
    "# ",
    "## ",
    "> ",
    "- ",
    "* ",
    "1. ",
    "    ",
    "```\n",
    "~~~\n",
    "---\n",
    "+++\n",
    "| a | b |\n",
    "|---|\n",
]
_HTML = [
    "<p>", "</p>", "<b>", "</b>", "<code>", "</code>", "<pre>", "</pre>", "<br>", "<!-- ", " -->", "<script>",
    "</script>", "<style>", "</style>", '<img alt="', '" src="x">', "<a href='", "'>", "</a>", "&amp;", "&#x4B;",
    "&nbsp;", "&bogus;", "<!DOCTYPE html>", "<?xml ?>", "<", ">", '"', "'", "=", "<div title=Kestrel>",
]  # fmt: skip

MARKDOWN = st.lists(
    st.one_of(_words(), st.sampled_from(SEPARATORS), st.sampled_from(_MD_INLINE), st.sampled_from(_MD_BLOCK)),
    max_size=40,
).map("".join)
HTML = st.lists(st.one_of(_words(), st.sampled_from(SEPARATORS), st.sampled_from(_HTML)), max_size=40).map(
    "".join
)
LANG = st.sampled_from([None, "en", "nb"])

_BREAK = re.compile(r"\r\n|\r|\n")


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column, computed from scratch (no LineIndex)."""
    line, line_start = 1, 0
    for m in _BREAK.finditer(text, 0, offset):
        if m.end() <= offset:
            line, line_start = line + 1, m.end()
    return line, offset - line_start + 1


def _check_invariants(text: str, fmt: str, lang: str | None) -> None:
    result = LINTER.check(text, format=fmt, lang=lang)
    event(f"rules: {sorted({f.rule for f in result.findings})}")
    for f in result.findings:
        assert 0 <= f.start < f.end <= len(text), f
        assert text[f.start : f.end] == f.text
        assert f.excerpt(show_sensitive=True) == f.text
        assert len(f.excerpt()) == len(f.text)
        assert (f.line, f.column) == _position(text, f.start)
        assert (f.end_line, f.end_column) == _position(text, f.end)
    again = LINTER.check(text, format=fmt, lang=lang)
    assert again == result
    for name in ("json", "text"):
        for show in (False, True):
            options = ReportOptions(show_matches=show)
            assert render(name, [result], options) == render(name, [again], options)
    if result.findings:
        report = json.loads(render("json", [result], ReportOptions()))
        assert [f["start"] for f in report["files"][0]["findings"]] == [f.start for f in result.findings]


@given(text=st.text(), lang=LANG)
def test_random_unicode_text(text: str, lang: str | None) -> None:
    _check_invariants(text, "text", lang)


@given(text=PROSE, lang=LANG)
def test_prose_with_policy_words(text: str, lang: str | None) -> None:
    _check_invariants(text, "text", lang)


@given(text=MARKDOWN, lang=LANG)
def test_markdown(text: str, lang: str | None) -> None:
    _check_invariants(text, "markdown", lang)


@given(text=HTML, lang=LANG)
def test_html(text: str, lang: str | None) -> None:
    _check_invariants(text, "html", lang)


# Input that used to cost quadratic time (issue #19): a marker, then one long run of the same few
# characters. Linear, a few thousand repeats take milliseconds; quadratic, a run of 20,000 took
# seconds to minutes, so a regression shows as a suite that stalls here.
_RUN_HEADS = ["", "# Title", "- ", "[a](", "<", "<x ", "> ", "| ", "`", "**", "tel ", "a "]
_RUN_FILLERS = [
    " ",
    "\t",
    " \t",
    "a",
    "#",
    "- ",
    "*",
    "_",
    "[",
    "](",
    "|",
    ":",
    "<",
    " a",
    "\n  ",
    "K e ",
    "4 ",
]
_RUN_TAILS = ["", "x", "\n", ">", ")", " Kestrel"]
HOSTILE_RUN = st.builds(
    lambda head, filler, count, tail: head + filler * count + tail,
    st.sampled_from(_RUN_HEADS),
    st.sampled_from(_RUN_FILLERS),
    st.integers(1_000, 5_000),
    st.sampled_from(_RUN_TAILS),
)
_DIRECTIVE = st.sampled_from(
    [
        "<!-- postguard-disable-next-line acme.codename -- public -->\n",
        "<!-- postguard-disable acme.codename -- public -->\n",
        "<!-- postguard-enable acme.codename -->\n",
        "<!-- postguard-disable-next-line nope.rule -->\n",
        "Kestrel ships.\n",
        "\n",
    ]
)
DIRECTIVES = st.builds(
    lambda pieces, count: "".join(pieces) * count,
    st.lists(_DIRECTIVE, min_size=1, max_size=4),
    st.integers(200, 800),
)


#: Drafts of hundreds of kilobytes: a twentieth of the profile's examples is plenty for them.
LARGE = settings(max_examples=max(10, settings.default.max_examples // 20))


@LARGE
@given(text=HOSTILE_RUN, fmt=st.sampled_from(["text", "markdown", "html"]))
def test_long_runs_after_a_marker(text: str, fmt: str) -> None:
    _check_invariants(text, fmt, "en")


@LARGE
@given(text=DIRECTIVES)
def test_many_suppression_directives(text: str) -> None:
    """Every finding is either reported or suppressed by a directive before it, never both."""
    _check_invariants(text, "markdown", "en")
    result = LINTER.check(text, format="markdown", lang="en")
    reported = {(f.rule, f.start) for f in result.findings}
    assert not reported & {(s.finding.rule, s.finding.start) for s in result.suppressed}
    assert all(s.line < s.finding.line for s in result.suppressed)
