"""The text report on a terminal: one line per message, nothing a terminal would act on."""

from __future__ import annotations

from conftest import ACME_POLICY

from postguard import Linter
from postguard.report import ReportOptions
from postguard.report.text import printable, render


def _report(draft: str, **options) -> str:
    linter = Linter.from_file(ACME_POLICY)
    return render([linter.check(draft, lang="en")], ReportOptions(rules=linter.rules, **options))


def test_escape_sequences_backspace_and_bidi_overrides_are_shown_not_obeyed() -> None:
    out = _report("Kestrel \x1b[31mred\x1b[0m and back\x08space \u202eevil\u202c.")
    assert not any(ch in out for ch in "\x1b\x08\u202e\u202c")
    assert "␛[31mred␛[0m and back␈space" in out


def test_the_caret_line_stays_under_the_match_after_a_control_character() -> None:
    out = _report("\x1b\x1bWe love Kestrel a lot.")
    line, caret = [row for row in out.splitlines() if row.lstrip().startswith(("1 |", "|"))][:2]
    assert line.index("Kestrel") == caret.index("^") and caret.count("^") == len("Kestrel")


def test_printable_keeps_the_length_and_tabs() -> None:
    text = "a\x00b\tc\x7fd\x85e"
    assert len(printable(text)) == len(text) and "\t" in printable(text)


def test_a_match_across_a_line_break_gives_a_one_line_message_in_quiet_mode() -> None:
    out = _report("We tested Project\nKestrel today.", quiet=True)
    assert out.splitlines() == [
        '<text>:1:11: error [acme.codename] "Project Kestrel" is an internal project codename.'
    ]


def test_a_model_finding_puts_carets_under_the_words_that_weighed_most() -> None:
    draft = "Great launch today.\n\nI will find you and hurt you.\n"
    out = _report(draft)
    line, marker = [row for row in out.splitlines() if row.lstrip().startswith(("3 |", "|"))][:2]
    sentence = "I will find you and hurt you."
    assert marker.index("-") == line.index(sentence) and marker.rstrip().endswith("-")
    carets = [i for i, ch in enumerate(marker) if ch == "^"]
    assert carets and "hurt" in "".join(line[i] for i in carets)
    assert len(marker.rstrip()) - marker.index("-") == len(sentence)
