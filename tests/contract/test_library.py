"""The library API: build a Linter once, check many texts, get plain typed data back."""

from __future__ import annotations

import dataclasses
import gc

import pytest

import postguard
from postguard import Finding, Linter, PostguardError, Result, Severity
from postguard.analysis import detect_language


def test_build_once_check_many(acme: Linter) -> None:
    texts = ["Project Kestrel ships soon.", "Nothing to see here.", "Vi har signert med Halvorsen Maritime."]
    results = [acme.check(t) for t in texts]
    assert [len(r.findings) for r in results] == [1, 0, 1]
    assert all(isinstance(r, Result) for r in results)
    finding = results[0].findings[0]
    assert isinstance(finding, Finding)
    assert dataclasses.is_dataclass(finding)
    assert finding.severity is Severity.ERROR and finding.severity > Severity.WARNING
    assert (finding.rule, finding.category, finding.text) == (
        "acme.codename",
        "confidential",
        "Project Kestrel",
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.rule = "x"  # type: ignore[misc]


def test_result_reports_language_and_format(acme: Linter) -> None:
    result = acme.check("# Hei\n\nDette er kun til intern bruk, og det vet vi.", format="markdown")
    assert (result.language, result.format) == ("nb", "markdown")
    assert result.failed(Severity.ERROR)
    assert [f.rule for f in result.findings] == ["confidential.marker"]


def test_only_limits_the_rules_run(acme: Linter) -> None:
    text = "Project Kestrel and Halvorsen Maritime"
    assert [f.rule for f in acme.check(text, only=["acme.customer"]).findings] == ["acme.customer"]


def test_bad_arguments_raise_postguard_errors(acme: Linter) -> None:
    with pytest.raises(PostguardError, match="unknown input format 'pdf'"):
        acme.check("x", format="pdf")
    with pytest.raises(PostguardError, match="unsupported language 'de'"):
        acme.check("x", lang="de")


def test_public_names_are_exported() -> None:
    for name in postguard.__all__:
        assert getattr(postguard, name) is not None


def test_results_are_deterministic(acme: Linter) -> None:
    text = "Kestrel, Silver Tide and Polar Freight AS, see wiki.corp.acme-aurora.com. Do not distribute."
    assert acme.check(text) == acme.check(text)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("We shipped the new release and it is faster than the old one.", "en"),
        ("Vi har lansert en ny versjon, og den er mye raskere enn før.", "nb"),
        ("Blåbærsyltetøy på brødskiva", "nb"),
        ("Kestrel", "en"),  # no evidence: the policy's first language
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_language_detection_respects_policy_languages() -> None:
    assert detect_language("Vi har lansert en ny versjon.", ("en",)) == "en"


def test_a_finding_inside_a_longer_or_more_severe_one_adds_nothing() -> None:
    from conftest import linter_from

    linter = linter_from("""
        rules:
          - {id: short, kind: terms, terms: [unhackable], category: claims, severity: warning, message: m}
          - {id: long, kind: pattern, pattern: '100 ?% unhackable', category: claims, severity: warning, message: m}
          - {id: twin, kind: terms, terms: [unhackable], category: claims, severity: warning, message: m}
          - {id: mild, kind: terms, terms: [shit], category: offensive, severity: info, message: m}
          - {id: verdict, kind: pattern, pattern: 'absolute shit', category: offensive, severity: warning, message: m}
          - {id: other, kind: terms, terms: [shit], category: drugs, severity: info, message: m}
        """)
    found = {(f.rule, f.text) for f in linter.check("It is 100% unhackable.").findings}
    assert found == {("long", "100% unhackable")}
    found = {(f.rule, f.text) for f in linter.check("It is unhackable.").findings}
    assert found == {("twin", "unhackable")}  # same span: the rule listed last
    found = {(f.rule, f.text) for f in linter.check("This is absolute shit.").findings}
    assert found == {("verdict", "absolute shit"), ("other", "shit")}  # other category: kept


def test_a_check_leaves_the_garbage_collector_as_it_found_it(acme: Linter, monkeypatch) -> None:
    seen = []
    original = Linter._check

    def spy(self, *args):
        seen.append(gc.isenabled())
        return original(self, *args)

    monkeypatch.setattr(Linter, "_check", spy)
    assert gc.isenabled()
    acme.check("Project Kestrel ships.", lang="en")
    assert gc.isenabled() and seen == [False]  # paused during the check only
    gc.disable()
    try:
        acme.check("Project Kestrel ships.", lang="en")
        assert not gc.isenabled()  # a host that turned it off keeps it off
    finally:
        gc.enable()

    def boom(self, *args):
        raise RuntimeError("boom")

    monkeypatch.setattr(Linter, "_check", boom)
    with pytest.raises(RuntimeError):
        acme.check("Project Kestrel ships.", lang="en")
    assert gc.isenabled()
