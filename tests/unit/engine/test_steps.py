"""The engine's steps after the checks: allow-list, shadowing, sort."""

from __future__ import annotations

from conftest import linter_from

from postguard.engine.steps import AllowList, prefer_exact
from postguard.model import Finding, Severity

POLICY = """
allow: [Kestrel Labs]
rules:
  - id: t.codename
    kind: terms
    terms: [Kestrel]
    category: confidential
    message: codename
    examples: {flag: [Kestrel], pass: [hello]}
"""


def test_allow_list_survives_case_folding_that_changes_the_length() -> None:
    # "ß" folds to "ss": offsets in the folded text run ahead of the draft's own.
    text = "Grüße aus der Straße. Kestrel Labs is our partner."
    assert linter_from(POLICY).check(text, lang="en").findings == ()


def test_allow_list_still_reports_the_term_elsewhere_in_such_a_text() -> None:
    text = "Grüße aus der Straße. Kestrel Labs is our partner, Kestrel ships soon."
    findings = linter_from(POLICY).check(text, lang="en").findings
    assert [(f.text, text.index("Kestrel ships")) for f in findings] == [("Kestrel", findings[0].start)]


def test_allow_spans_are_in_the_drafts_own_offsets() -> None:
    text = "STRASSE straße Kestrel Labs"
    spans = AllowList(("Kestrel Labs",)).spans(text)
    start = text.index("Kestrel")
    assert spans.covers(start, start + len("Kestrel Labs"))
    assert not spans.covers(start - 2, start)


def _finding(rule: str, severity: Severity, start: int, end: int, score: float | None = None) -> Finding:
    return Finding(rule, "drugs", severity, "", "", start, end, 1, start + 1, 1, end + 1, "", score=score)


def test_a_model_finding_gives_way_only_to_an_exact_finding_at_least_as_serious() -> None:
    model = _finding("drugs.model", Severity.WARNING, 0, 40, score=0.9)
    mention = _finding("drugs.mention", Severity.INFO, 10, 17)  # "cocaine" named: a note
    use = _finding("drugs.use", Severity.WARNING, 5, 17)  # "took cocaine"
    assert prefer_exact([model, mention]) == [model, mention]
    assert prefer_exact([model, use]) == [use]
    assert prefer_exact([model], cancelled=[("drugs", 5, 17)]) == []  # its context cancelled a word
    assert prefer_exact([model], cancelled=[("claims", 5, 17)]) == [model]  # another category's
