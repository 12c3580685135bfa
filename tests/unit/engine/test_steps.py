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


def model_finding(rule: str, start: int, end: int) -> Finding:
    return Finding(rule, "disparaging", Severity.WARNING, "m", "", start, end, 1, 1, 1, 1, "s", score=0.9)


def test_a_model_finding_defers_to_a_cancelled_listed_word_only_for_contexts_it_heeds() -> None:
    """A listed word negated in the sentence silences a model rule that heeds negation: the model
    does not read it. One the word list took for reported speech ("the bugs they report") does
    not silence a model rule that leaves reporting to the model."""
    heeds = {"t.model": frozenset({"negated", "quoted"})}
    finding = model_finding("t.model", 0, 40)
    negated = [("disparaging", Severity.WARNING, 10, 16, frozenset({"negated"}))]
    reported = [("disparaging", Severity.WARNING, 10, 16, frozenset({"reported"}))]
    assert prefer_exact([finding], negated, heeds) == []
    assert prefer_exact([finding], reported, heeds) == [finding]
    assert prefer_exact([finding], negated, {}) == [finding]  # a rule that heeds nothing


TWICE_POLICY = """
rules:
  - id: t.general
    kind: terms
    terms: [not announced yet]
    category: confidential
    message: general
  - id: t.specific
    kind: terms
    terms: [not announced yet]
    category: confidential
    message: specific
  - id: t.other-category
    kind: terms
    terms: [not announced yet]
    category: claims
    message: other
"""


def test_the_same_words_are_one_finding_per_category_from_the_rule_listed_last() -> None:
    findings = linter_from(TWICE_POLICY).check("Big news, not announced yet.", lang="en").findings
    assert sorted(f.rule for f in findings) == ["t.other-category", "t.specific"]
