"""Drafts built to dodge or stall the checker: invisible characters, look-alikes, Unicode forms,
runaway regexes, huge files, and markup that used to make parsing quadratic."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import linter_from

from postguard.cli import main
from postguard.parsers import parse
from postguard.report import ReportOptions, render

TERMS = linter_from(
    """
    rules:
      - id: secret
        kind: terms
        terms: [Kestrel, Blåbær Labs, Café Nord]
        category: confidential
        message: 'm'
    """
)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Kes\u200btrel", "Kes\u200btrel"),  # zero-width space
        ("Kes\u200dtrel", "Kes\u200dtrel"),  # zero-width joiner
        ("Ke\u00adstrel", "Ke\u00adstrel"),  # soft hyphen
        ("ke\ufeffstrel", "ke\ufeffstrel"),  # byte-order mark
        ("Kes\u200ftrel", "Kes\u200ftrel"),  # right-to-left mark
        ("Kes\u200etrel", "Kes\u200etrel"),  # left-to-right mark
        ("Kes\u2066trel\u2069", "Kes\u2066trel"),  # bidi isolate, trailing pop dropped from the span
        ("\u202eKestrel\u202c", "Kestrel"),  # right-to-left override around the word
        ("\u200fKestrel", "Kestrel"),
        ("Kestrel\u200b", "Kestrel"),
        ("K\u0435strel", "K\u0435strel"),  # Cyrillic е
        ("\u041a\u0435str\u0435l", "\u041a\u0435str\u0435l"),  # Cyrillic К and е
        ("KΕSTREL", "KΕSTREL"),  # Greek Epsilon
        ("Ｋｅｓｔｒｅｌ", "Ｋｅｓｔｒｅｌ"),  # full-width letters
        ("Bla\u030abær Labs", "Bla\u030abær Labs"),  # NFD: a + combining ring
        ("Blåbær Labs", "Blåbær Labs"),  # NFC
        ("Cafe\u0301 Nord", "Cafe\u0301 Nord"),
    ],
)
def test_normalised_for_matching_reported_in_the_original(word, expected):
    text = f"Line one.\nWe love {word} today.\n"
    (finding,) = TERMS.check(text, lang="en").findings
    assert finding.text == expected
    assert text[finding.start : finding.end] == expected
    assert (finding.line, finding.column) == (2, text.index(expected) - text.index("\n"))
    assert finding.end_column == finding.column + len(expected)


def test_catastrophic_regex_times_out_with_one_line_naming_the_rule(tmp_path):
    (tmp_path / "postguard.yml").write_text(
        "rules:\n"
        "  - id: slow-pattern\n"
        "    kind: pattern\n"
        "    pattern: '(a|aa)+$'\n"
        "    timeout: 0.2\n"
        "    category: confidential\n"
        "    message: m\n"
    )
    draft = tmp_path / "post.txt"
    draft.write_text("a" * 40 + "b\n")
    result = CliRunner().invoke(main, ["check", "--policy", str(tmp_path / "postguard.yml"), str(draft)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "rule 'slow-pattern'" in result.stderr and "ran longer than 0.2s" in result.stderr
    assert "Traceback" not in result.output


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "big.md"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB that are never read
    result = CliRunner().invoke(main, ["check", str(big)])
    assert result.exit_code == 2
    assert "is 50.0 MB, larger than the 5.0 MB limit" in result.stderr


def test_oversized_stdin_and_configurable_limit():
    result = CliRunner().invoke(main, ["check", "--max-file-size", "1KB", "-"], input="word " * 400)
    assert result.exit_code == 2 and "larger than the 1 KB limit" in result.stderr
    assert (
        CliRunner().invoke(main, ["check", "--max-file-size", "4KB", "-"], input="word " * 400).exit_code == 0
    )


@pytest.mark.parametrize(
    "fmt, text",
    [
        ("html", "<a " * 40_000),
        ("html", "<!x " * 30_000),
        ("html", "<script " * 15_000),
        ("html", "<!-- c --><b>x</b>" * 8_000),
        ("markdown", "<a " * 40_000),
        ("markdown", "".join("`" * k + "a " for k in range(1, 500))),
        ("text", ". " * 60_000),
        ("text", "." * 120_000),
        ("text", "a b c, " * 20_000),
        ("markdown", "# Title" + " " * 60_000 + "x"),  # heading closing hashes: 18 s for 50 KB
        ("markdown", "# Title" + " \t" * 30_000 + "\n"),
        ("markdown", "".join("  " * depth + "- item\n" for depth in range(600))),  # nested list
        ("markdown", "- " + " " * 60_000 + "x"),  # thematic break / table delimiter row
        ("markdown", "[a](" + " \t" * 30_000 + "x"),  # link: blanks before address and title
        ("html", "<" + "a" * 60_000 + " x"),  # unclosed tag before a long word
        ("html", "<x " + "a" * 60_000 + ">"),  # a long word where an attribute name goes
    ],
)
def test_markup_that_was_quadratic_parses(fmt, text):
    """Each of these took minutes before the parsers were made linear (see bench/large_inputs.py)."""
    document = parse(text, fmt)
    assert len(document.view) == len(text)


def test_code_spans_pair_runs_of_equal_length_within_a_paragraph():
    text = "a `x` b ``y ` z`` c ```open\n\nd `e\n\nf` g"
    document = parse(text, "markdown")
    code = [text[s.start : s.end] for s in document.segments if s.scope == "code"]
    assert code == ["x", "y ` z"]


def test_near_reports_the_nearest_partner_not_the_first():
    lint = linter_from(
        """
        rules:
          - {id: deal, kind: near, terms: [merger], near: {terms: [soon]}, category: confidential,
             message: '{match}'}
        """
    )
    text = "soon we talk, then much later a merger soon and another merger soon"
    spans = [text[f.start : f.end] for f in lint.check(text, lang="en").findings]
    assert spans == ["merger soon", "merger soon"]


def test_allow_list_is_honoured_for_many_hits():
    lint = linter_from(
        """
        allow: [press@acme.example]
        rules:
          - {id: mail, kind: pattern, pattern: '\\b\\w+@acme\\.example', category: pii, message: m}
        """
    )
    text = "press@acme.example, boss@acme.example. " * 2000
    findings = lint.check(text, lang="en").findings
    assert len(findings) == 2000
    assert {f.text for f in findings} == {"boss@acme.example"}


def test_text_report_masks_every_private_match_on_a_context_line():
    lint = linter_from(
        """
        rules:
          - {id: card, kind: pattern, pattern: '\\b\\d{4} \\d{4} \\d{4} \\d{4}\\b', category: pii, message: m}
          - {id: word, kind: terms, terms: [hello], category: claims, message: w}
        """
    )
    text = "hello 4539 1234 5678 6467 and 4111 9999 8888 1111\fform feed\nhello 4111 2222 3333 4444"
    out = render("text", [lint.check(text, lang="en")], ReportOptions())
    assert "1234" not in out and "9999" not in out and "2222" not in out
    assert "    2 | hello 4*** **** **** 4444" in out  # lines counted as findings count them (\f is no break)
    shown = render("text", [lint.check(text, lang="en")], ReportOptions(show_matches=True))
    assert "4539 1234 5678 6467" in shown


@pytest.mark.parametrize(
    "text, rule, expected",
    [
        ("We love K e s t r e l a lot", "acme.codename", "K e s t r e l"),
        ("We love a K e s t r e l", "acme.codename", "K e s t r e l"),
        ("What a b a s t a r d", "offensive.insult.en", "b a s t a r d"),
        ("We love \u202eKes\u2066trel\u2069\u202c", "acme.codename", "Kes\u2066trel"),
        ("We love KestreI", "acme.codename", "KestreI"),
        ("We love Ⓚⓔⓢⓣⓡⓔⓛ", "acme.codename", "Ⓚⓔⓢⓣⓡⓔⓛ"),
        ("We love Ｋｅｓｔｒｅｌ", "acme.codename", "Ｋｅｓｔｒｅｌ"),
    ],
)
def test_disguises_reported_as_still_passing_are_found(acme, text, rule, expected):
    findings = acme.check(text, lang="en").findings
    assert [(f.rule, f.text) for f in findings] == [(rule, expected)]
    assert findings[0].column == text.index(expected) + 1


@pytest.mark.parametrize("text", ["I a m here.", "In the AI era, LinkedIn and Ireland.", "a b c d e f"])
def test_ordinary_text_shaped_like_a_disguise_is_left_alone(acme, text):
    assert acme.check(text, lang="en").findings == ()


def test_a_draft_of_too_many_phone_like_numbers_is_refused_clearly_not_parsed_for_minutes(
    monkeypatch,
) -> None:
    """Each possible number costs the phone parser a tenth of a millisecond per region, twice; a
    5 MB list of them took nine minutes. Past the budget the check stops with a clear error,
    before the parser reads a single one."""
    from postguard import Linter, RuleTimeoutError
    from postguard.pii import phones

    def no_parsing(*args, **kwargs):
        raise AssertionError("the phone parser ran on a draft over the budget")

    monkeypatch.setattr(phones, "_Matcher", no_parsing)
    draft = "tel 41234567\n" * (phones.MAX_PARSES // 5)  # six regions read each number: over the budget
    with pytest.raises(
        RuleTimeoutError, match=r"too many phone-like numbers \(.*at most 100,000.*split the file"
    ):
        Linter.default().check(draft, lang="en")


def test_thousands_of_hits_in_one_endless_sentence_are_judged_once_each():
    """Each hit's context used to scan its whole sentence: 13,000 hits in one 200 KB sentence of
    bench/large_inputs.py's disguises took seven minutes."""
    lint = linter_from(
        """
        rules:
          - {id: t.word, kind: terms, terms: [kestrel], unless: [negated, hypothetical, reported],
             category: confidential, message: m}
        """
    )
    text = "kestrel and more words " * 15_000 + "if not kestrel"
    findings = lint.check(text, lang="en").findings
    assert len(findings) == 15_000
