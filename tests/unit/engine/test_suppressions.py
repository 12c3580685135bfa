"""Inline suppressions: what they silence, and what they report about themselves."""

from __future__ import annotations

from conftest import linter_from

POLICY = """
lists:
  codenames: [Kestrel]
  customers: [Halvorsen Maritime]
rules:
  - id: t.codename
    kind: terms
    lists: [codenames]
    category: confidential
    severity: error
    message: '"{match}" is a codename.'
  - id: t.customer
    kind: terms
    lists: [customers]
    category: customer
    severity: error
    message: '"{match}" is a customer.'
  - id: t.marker
    kind: terms
    terms: [confidential]
    category: confidential
    severity: error
    message: 'marker'
"""
LINTER = linter_from(POLICY)


def check(text: str, fmt: str = "markdown", **kwargs):
    return LINTER.check(text, format=fmt, lang="en", **kwargs)


def found(result) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in result.findings]


def test_next_line_silences_only_the_named_rule_on_the_next_line() -> None:
    result = check(
        "<!-- postguard-disable-next-line t.codename -- announced on 1 March -->\n"
        "Kestrel and Halvorsen Maritime.\n"
        "Kestrel again.\n"
    )
    assert found(result) == [("t.customer", 2), ("t.codename", 3)]
    [item] = result.suppressed
    assert (item.finding.rule, item.finding.line, item.reason, item.line) == (
        "t.codename",
        2,
        "announced on 1 March",
        1,
    )


def test_next_line_skips_blank_lines_and_stacked_directives() -> None:
    result = check(
        "<!-- postguard-disable-next-line t.codename -- public -->\n"
        "\n"
        "<!-- postguard-disable-next-line t.customer -- approved -->\n"
        "Kestrel for Halvorsen Maritime.\n"
    )
    assert found(result) == []
    assert sorted(s.finding.rule for s in result.suppressed) == ["t.codename", "t.customer"]


def test_block_silences_until_enable() -> None:
    result = check(
        "Kestrel before.\n"
        "<!-- postguard-disable t.codename, t.customer -- case study approved in writing -->\n"
        "Kestrel with Halvorsen Maritime.\n\nKestrel in a second paragraph.\n"
        "<!-- postguard-enable t.codename -->\n"
        "Kestrel after. Halvorsen Maritime still off.\n"
    )
    assert found(result) == [("t.codename", 1), ("t.codename", 7)]
    assert len(result.suppressed) == 4


def test_html_comments_work_in_html_posts() -> None:
    result = check(
        "<p><!-- postguard-disable-next-line t.codename -- public --></p>\n<p>Kestrel ships.</p>\n",
        fmt="html",
    )
    assert found(result) == []
    assert len(result.suppressed) == 1


def test_plain_text_marker_line() -> None:
    text = "postguard-disable-next-line t.codename -- announced today\nKestrel is live!\nKestrel rocks.\n"
    result = check(text, fmt="text")
    assert found(result) == [("t.codename", 3)]


def test_directive_in_a_code_block_is_not_a_directive() -> None:
    result = check("```\n<!-- postguard-disable-next-line t.codename -- x -->\n```\nKestrel.\n")
    assert ("t.codename", 4) in found(result)
    assert not result.suppressed


def test_missing_reason_still_suppresses_but_warns() -> None:
    result = check("<!-- postguard-disable-next-line t.codename -->\nKestrel.\n")
    [problem] = result.findings
    assert problem.rule == "suppression.no-reason"
    assert problem.severity.label == "warning"
    assert (problem.line, problem.column) == (1, 6)
    assert len(result.suppressed) == 1


def test_unused_suppression_is_reported_at_the_rule_id() -> None:
    result = check("<!-- postguard-disable-next-line t.codename -- was public -->\nNothing here.\n")
    [problem] = result.findings
    assert problem.rule == "suppression.unused"
    assert problem.text == "t.codename"
    assert problem.severity.label == "info"


def test_unknown_rule_is_reported_with_a_suggestion() -> None:
    result = check("<!-- postguard-disable-next-line t.codenam -- public -->\nKestrel.\n")
    assert found(result) == [("suppression.invalid", 1), ("t.codename", 2)]
    assert "did you mean 't.codename'" in result.findings[0].message


def test_enable_without_disable_and_directive_without_rule() -> None:
    result = check("<!-- postguard-enable t.codename -->\n<!-- postguard-disable -- why -->\nok\n")
    assert [f.rule for f in result.findings] == ["suppression.invalid", "suppression.invalid"]


def test_directive_syntax_never_produces_findings_but_other_rules_check_the_reason() -> None:
    # the reason is published in the page source: other rules still read it
    result = check(
        "<!-- postguard-disable-next-line t.marker -- Kestrel said confidential is fine -->\n"
        "This was confidential.\n"
    )
    assert found(result) == [("t.codename", 1)]
    # ...but the rules the directive names do not flag its own reason, and that is not "use"
    result = check("<!-- postguard-disable-next-line t.codename -- Kestrel is public -->\nNothing.\n")
    assert [f.rule for f in result.findings] == ["suppression.unused"]


def test_unused_is_not_reported_for_rules_that_did_not_run() -> None:
    result = check("<!-- postguard-disable-next-line t.codename -- x -->\nok\n", only=["t.customer"])
    assert result.findings == ()


def test_stacked_directives_share_one_scan_for_their_next_line(monkeypatch) -> None:
    """Scanning ahead from each of 8,000 stacked directives took 34 s: the lines are scanned once."""
    from postguard.engine import suppressions

    scans: list[int] = []
    real_scan = suppressions._NextLine._scan

    def counted(self, number: int) -> int | None:
        scans.append(number)
        return real_scan(self, number)

    monkeypatch.setattr(suppressions._NextLine, "_scan", counted)
    stacked = "<!-- postguard-disable-next-line t.codename t.customer -- public -->\n" * 3000
    result = check(stacked + "Kestrel for Halvorsen Maritime.\n")
    assert len(scans) == 1
    assert [s.finding.rule for s in result.suppressed] == ["t.codename", "t.customer"]
    assert [f.rule for f in result.findings] == ["suppression.unused"] * 2 * 2999


def test_many_directives_each_silence_their_own_line() -> None:
    """Thousands of directives and findings: each finding goes to the first directive that covers it
    (a pass over every region per finding was quadratic)."""
    pairs = "".join(
        f"<!-- postguard-disable-next-line t.codename -- line {i} -->\nKestrel {i}.\n" for i in range(3000)
    )
    block = "<!-- postguard-disable t.codename -- block -->\nKestrel in the block.\n"
    result = check(pairs + block + "<!-- postguard-enable t.codename -->\nKestrel after.\n")
    assert found(result) == [("t.codename", 6004)]
    assert [s.line for s in result.suppressed] == [2 * i + 1 for i in range(3000)] + [6001]
    assert [s.reason for s in result.suppressed][:2] == ["line 0", "line 1"]


def test_a_next_line_inside_a_block_is_the_one_used() -> None:
    """Of the regions covering a finding, the first recorded wins; a block's is recorded at its
    enable, so the next-line directive inside it is used and the block is reported unused."""
    result = check(
        "<!-- postguard-disable t.codename -- outer block -->\n"
        "<!-- postguard-disable-next-line t.codename -- next line -->\n"
        "Kestrel.\n"
        "<!-- postguard-enable t.codename -->\n"
    )
    assert [s.reason for s in result.suppressed] == ["next line"]
    assert found(result) == [("suppression.unused", 1)]
