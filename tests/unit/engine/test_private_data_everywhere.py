"""Private data stays masked wherever it shows: inside another rule's finding (message, excerpt,
every report format), on context lines of suppressed findings, and what a mask may reveal."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ACME_POLICY

from postguard import Linter
from postguard.model import mask
from postguard.report import ReportOptions, github, sarif, text
from postguard.report import json as json_report

WIDE = "Nordic Cloud Co. support (ola.hansen@gmail.com, 4111 1111 1111 1111) are a bunch of clowns."
PRIVATE = ("ola.hansen@gmail.com", "4111 1111 1111 1111")


@pytest.fixture(scope="module")
def acme_linter() -> Linter:
    return Linter.from_file(ACME_POLICY)


@pytest.fixture(scope="module")
def wide(acme_linter):
    return acme_linter.check(WIDE, lang="en")


def _options(linter: Linter, show: bool = False) -> ReportOptions:
    return ReportOptions(rules=linter.rules, show_matches=show)


def test_a_finding_that_is_not_private_masks_the_private_values_inside_its_match(wide) -> None:
    [put_down] = [f for f in wide.findings if f.rule == "disparaging.competitor"]
    assert not put_down.sensitive and put_down.masks
    for value in PRIVATE:
        assert value not in put_down.message and value not in put_down.excerpt()
    assert "o**.******@*****.***" in put_down.message and "4*** **** **** 1111" in put_down.excerpt()
    assert put_down.excerpt(show_sensitive=True) == put_down.text  # the writer may reveal on their machine


@pytest.mark.parametrize("report", [text, json_report, sarif, github], ids=lambda m: m.__name__)
def test_no_report_format_shows_private_values_by_default(report, wide, acme_linter) -> None:
    out = report.render([wide], _options(acme_linter))
    for value in PRIVATE:
        assert value not in out
    if report is not github:  # annotations carry the message only
        assert WIDE.split("(")[0] in out
    revealed = report.render([wide], _options(acme_linter, show=True))
    if report in (json_report, sarif):
        assert PRIVATE[0] in revealed


def test_json_says_the_excerpt_is_masked_when_only_part_of_it_is(wide, acme_linter) -> None:
    files = json.loads(json_report.render([wide], _options(acme_linter)))["files"]
    [put_down] = [f for f in files[0]["findings"] if f["rule"] == "disparaging.competitor"]
    assert put_down["masked"] is True


def test_a_suppressed_private_value_stays_masked_on_another_findings_context_line(acme_linter) -> None:
    draft = (
        "<!-- postguard-disable-next-line pii.phone -- the switchboard, public -->\n"
        "Kestrel ships soon, call 412 34 567 for details.\n"
    )
    result = acme_linter.check(draft, format="markdown", lang="en")
    assert [s.finding.rule for s in result.suppressed] == ["pii.phone"]
    assert "acme.codename" in {f.rule for f in result.findings}
    out = text.render([result], _options(acme_linter))
    assert "412 34 567" not in out and "4** ** ***" in out


def test_a_baselined_private_value_stays_masked_on_context_lines(acme_linter) -> None:
    from dataclasses import replace

    result = acme_linter.check("Kestrel ships soon, call 412 34 567 for details.", lang="en")
    baselined = replace(result, findings=tuple(f for f in result.findings if not f.sensitive))
    out = text.render([baselined], _options(acme_linter))
    assert "412 34 567" not in out


def test_sarif_names_no_absolute_path_of_the_machine(tmp_path, monkeypatch) -> None:
    policy = tmp_path / "elsewhere" / "postguard.yml"
    policy.parent.mkdir()
    policy.write_text(
        "rules:\n  - id: t.codename\n    kind: terms\n    terms: [Kestrel]\n    category: confidential\n"
        "    severity: error\n    message: codename\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path / "elsewhere")
    linter = Linter.from_file(policy.resolve())
    out = sarif.render([linter.check("Kestrel")], _options(linter))
    assert str(tmp_path) not in out
    assert '"source": "postguard.yml"' in out


# --- what a mask may reveal ------------------------------------------------------------------

VALUES = {
    "e-mail": "kari.nordmann@example.com",
    "phone": "+47 412 34 567",
    "fødselsnummer": "15076500565",
    "IBAN": "NO93 8601 1117 947",
    "name": "Kari Nordmann",
    "token": "ghp_R4nd0mL00k1ngT0k3nV4lu3xyzABCD1234",
    "password": "Winter#2026!",
    "hashed codename": "Silver Tide Northern Lights",
}


@pytest.mark.parametrize("category", VALUES)
def test_a_mask_shows_the_shape_and_the_first_character_only(category) -> None:
    value = VALUES[category]
    masked = mask(value)
    assert len(masked) == len(value)
    assert [ch for ch in masked if not ch.isalnum() and ch != "*"] == [ch for ch in value if not ch.isalnum()]
    first = next(ch for ch in value if ch.isalnum())
    assert re.sub(r"[^A-Za-z0-9]", "", masked) == first


def test_a_card_number_also_keeps_its_last_four_digits_as_receipts_print_them() -> None:
    assert mask("4111 1111 1111 1234") == "4*** **** **** 1234"
    assert mask("4111111111111234") == "4***********1234"
    assert mask("1234") == "1***"  # too short to be a card: the first character only


def test_a_private_value_that_starts_before_a_finding_is_masked_in_its_excerpt(acme_linter) -> None:
    """An e-mail address around a codename and a host: each finding shows only stars of it."""
    findings = acme_linter.check("Kestrel@wiki.corp.acme-aurora.com", lang="en").findings
    shown = {f.rule: f.excerpt() for f in findings}
    assert shown["acme.codename"] == "*******"
    assert shown["acme.internal-host"] == "****.****.****-******.***"
    assert all(len(f.excerpt()) == len(f.text) for f in findings)


# --- the forms of #15 are masked whole ----------------------------------------------------------

NEW_FORMS = [
    ("She lives at Storgata 12B, 0155 Oslo.", "en", "pii.person-private", ("Storgata", "12B", "0155")),
    ("Kari tjener 900 000 i året.", "nb", "pii.person-private", ("Kari", "900 000")),
    # the kind of matter is named in the message, the person never
    ("Kari Hansen ble oppsagt i mars.", "nb", "pii.person-private", ("Kari Hansen", "Hansen ble")),
    ("Send the photos to +47 936 12 345 tonight.", "en", "pii.phone", ("936 12 345", "+47 936")),
    ("Ansvarlig: Kari (kari.hansen@firma.no, 936 12 345).", "nb", "pii.phone", ("936 12 345",)),
    ("Billed by NO 974 760 673 MVA last week.", "en", "pii.org-number", ("974 760 673", "974760673")),
    ("Betal til kontonummer 1234-56-78903.", "nb", "pii.bank-account", ("1234-56-78903", "78903")),
]


@pytest.mark.parametrize(("draft", "lang", "rule", "values"), NEW_FORMS)
@pytest.mark.parametrize("report", [text, json_report, sarif, github], ids=lambda m: m.__name__)
def test_the_new_forms_are_masked_in_every_report(report, draft, lang, rule, values) -> None:
    linter = Linter.default()
    result = linter.check(draft, lang=lang, only=[rule])
    [finding] = result.findings
    assert finding.sensitive and finding.excerpt() == mask(finding.text)
    out = report.render([result], ReportOptions(rules=linter.rules, show_matches=False))
    for value in values:
        assert value not in out


def test_the_words_a_model_weighed_are_masked_where_they_hold_a_private_value() -> None:
    """``{cues}`` shows words of the draft in the message: a private value among them is masked
    there as in the match."""
    from postguard import load_policy_text
    from postguard.engine.findings import finding_for_hit
    from postguard.kinds import Hit
    from postguard.parsers import parse

    draft = "Ring den udugelige klovnen på 912 34 567 i kveld."
    number = (draft.index("912"), draft.index("567") + 3)
    clown = (draft.index("udugelige"), draft.index("klovnen") + len("klovnen"))
    policy = load_policy_text(
        "rules:\n  - {id: t.insult, kind: classifier, model: abuse, label: insult, category: offensive,"
        " message: 'reads as an insult: {cues}'}\n"
    )
    hit = Hit(0, len(draft), score=0.9, cues=(clown, number))
    finding = finding_for_hit(policy.rules[0], hit, parse(draft, "text"), private=(number,))
    assert finding.message == "reads as an insult: udugelige klovnen … 9** ** ***"
