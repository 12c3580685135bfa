"""The engine's steps after the checks: allow-list, shadowing, sort."""

from __future__ import annotations

from conftest import linter_from

from postguard.engine.steps import AllowList

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


SHADOWING_POLICY = """
rules:
  - id: t.mild
    kind: terms
    terms: [damn]
    category: offensive
    severity: info
    message: mild swearing
  - id: t.slur
    kind: terms
    terms: [freaks]
    category: offensive
    severity: warning
    message: a listed put-down
  - id: t.model
    kind: classifier
    model: abuse
    label: hate
    threshold: 0.6
    category: offensive
    severity: warning
    unless: [negated]
    message: hate
"""


def test_a_milder_listed_word_does_not_hide_the_models_verdict() -> None:
    text = "I hate those damn Muslims so much it hurts."
    findings = linter_from(SHADOWING_POLICY).check(text, lang="en").findings
    assert [(f.rule, f.severity.label) for f in findings] == [("t.model", "warning")]


def test_a_listed_word_as_severe_as_the_model_finding_takes_its_place() -> None:
    text = "Trans people are disgusting freaks, a waste of space."
    findings = linter_from(SHADOWING_POLICY).check(text, lang="en").findings
    assert [(f.rule, f.text) for f in findings] == [("t.slur", "freaks")]
