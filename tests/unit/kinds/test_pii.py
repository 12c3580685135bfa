"""The ``pii`` rule kind: every entity in en and nb, checksums, context, options, offline."""

from __future__ import annotations

import re
import socket

import pytest
from conftest import linter_from

from postguard import PolicyError
from postguard.analysis import Analysis
from postguard.parsers import parse


def found(linter, text: str, lang: str, rule: str) -> list[str]:
    return [f.text for f in linter.check(text, lang=lang, only=[rule]).findings]


CASES = [
    # rule, lang, text, expected matches
    ("pii.email", "en", "Ping me at ola.normann@acme-aurora.com today.", ["ola.normann@acme-aurora.com"]),
    ("pii.email", "nb", "Send en e-post til kari.hansen@firma.no i dag.", ["kari.hansen@firma.no"]),
    ("pii.email", "en", "Install golang.org/x/tools/gopls@v0.6.4 first.", []),
    ("pii.email", "en", "Clone git@github.com:owner/repo.git and go.", []),
    ("pii.email", "en", "Questions to community@rust-lang.org or user@example.com.", []),
    # a person's address is found, private or at work, whatever the post is about (#15)
    ("pii.email", "nb", "Send e-post til kari.nordmann@gmail.com i dag.", ["kari.nordmann@gmail.com"]),
    ("pii.email", "nb", "Kontakt ola@firma.no om du har spørsmål.", ["ola@firma.no"]),
    ("pii.email", "nb", "Kontakt [Jari](mailto:jari@holderdeord.no) eller Tiina.", ["jari@holderdeord.no"]),
    (
        "pii.email",
        "en",
        "Email anna.berg@outlook.com or per@acme.io.",
        ["anna.berg@outlook.com", "per@acme.io"],
    ),
    ("pii.email", "nb", "Søknad til hanna.tranas@firma.no, merk den «Utvikler».", ["hanna.tranas@firma.no"]),
    # an organisation's role mailbox is public, not a person's
    ("pii.email", "nb", "Skriv til post@firma.no, kontakt@firma.no eller hei@firma.no.", []),
    ("pii.email", "nb", "Søknad til jobb@firma.no; innsyn via personvern@firma.no.", []),
    ("pii.email", "nb", "Spørsmål fra pressen til presse@firma.no, feil til support@firma.no.", []),
    ("pii.email", "en", "Mail hello@acme.io, info@acme.io, security@acme.io or noreply@acme.io.", []),
    ("pii.email", "nb", "Send CV-en din til utvikler@firma.no innen fredag.", []),
    # reserved example domains (RFC 2606/6761) hold no one's mailbox
    ("pii.email", "en", "Log in as kari@example.org or ola@example.net.", []),
    ("pii.email", "en", "Try ola@shop.example, kari@mail.test, per@host.invalid or anne@localhost.", []),
    # placeholders in examples and forms
    ("pii.email", "nb", "Fyll inn navn@domene.no i feltet for e-post.", []),
    ("pii.email", "nb", "Adressene har formen fornavn.etternavn@firma.no hos oss.", []),
    ("pii.email", "nb", "Skriv din@epost.no i skjemaet.", []),
    ("pii.email", "en", "Set EMAIL=user@host and restart.", []),
    ("pii.email", "en", "Use firstname.lastname@company.com or your.name@acme.io here.", []),
    ("pii.email", "en", "Enter name@domain.com as the sender.", []),
    ("pii.phone", "en", "Call me on +47 41 23 45 67 after the talk.", ["+47 41 23 45 67"]),
    ("pii.phone", "nb", "Ring meg på 912 34 567 i kveld.", ["912 34 567"]),
    ("pii.phone", "nb", "Ring 41 23 45 67 om du lurer.", ["41 23 45 67"]),
    ("pii.phone", "nb", "Telefonen min: 41 23 45 67.", ["41 23 45 67"]),
    ("pii.phone", "en", "We served 41 23 45 67 requests.", []),
    # digits in a web address are issue and comment numbers, even next to "call"
    ("pii.phone", "en", "The call is in https://github.com/o/r/issues/16477 now.", []),
    ("pii.phone", "en", "Call www.example.com/comment-3438476150 later.", []),
    ("pii.phone", "en", "Call me on +47 41 23 45 67, see https://x.io/16477.", ["+47 41 23 45 67"]),
    ("pii.phone", "en", "Released on 2013-11-26, call it a day.", []),
    (
        "pii.payment-card",
        "en",
        "Refund went to card 4111 1111 1111 1111 by mistake.",
        ["4111 1111 1111 1111"],
    ),
    ("pii.payment-card", "nb", "Kortnummeret er 5378 9123 4567 8907.", ["5378 9123 4567 8907"]),
    ("pii.payment-card", "en", "Stripe's test card 4242 4242 4242 4242 charges no one.", []),
    ("pii.payment-card", "en", "Test with card 5555555555554444 in sandbox mode.", []),
    ("pii.payment-card", "en", "Refund went to card 4111 1111 1111 1112 (fails Luhn).", []),
    ("pii.iban", "en", "Send it to IBAN NO93 8601 1117 947.", ["NO93 8601 1117 947"]),
    ("pii.iban", "nb", "Overfør til NO9386011117947 i dag.", ["NO9386011117947"]),
    ("pii.iban", "nb", "Overfør til NO9386011117948 i dag.", []),
    ("pii.ip-address", "en", "My server is at 84.215.33.7 now.", ["84.215.33.7"]),
    ("pii.ip-address", "nb", "Serveren har IP-adressen 84.215.33.7.", ["84.215.33.7"]),
    ("pii.ip-address", "en", "Use 127.0.0.1, 10.1.2.3 or 192.0.2.15 locally.", []),
    ("pii.national-id", "nb", "Personnummeret mitt er 23079130052.", ["23079130052"]),
    ("pii.national-id", "en", "My national ID is 230791 30052.", ["230791 30052"]),
    ("pii.national-id", "nb", "D-nummeret hennes er 63079130046.", ["63079130046"]),
    ("pii.national-id", "nb", "Personnummeret mitt er 23079130053.", []),  # bad check digit
    ("pii.national-id", "nb", "Personnummeret mitt er 32139130052.", []),  # no such date
    ("pii.bank-account", "nb", "Kontonummeret mitt er 1234.56.78903.", ["1234.56.78903"]),
    ("pii.bank-account", "en", "Pay the deposit to account 1234 56 78903.", ["1234 56 78903"]),
    ("pii.bank-account", "nb", "Saksnummer 1234.56.78903 er avsluttet.", []),  # no context
    ("pii.bank-account", "nb", "Kontonummeret mitt er 1234.56.78904.", []),  # bad check digit
    ("pii.org-number", "nb", "Organisasjonsnummer 974 760 673 står der.", ["974 760 673"]),
    ("pii.org-number", "en", "The organisation number is 974760673.", ["974760673"]),
    ("pii.org-number", "nb", "Vi solgte 974 760 673 kroner.", []),  # no context
    ("pii.org-number", "nb", "Organisasjonsnummer 974 760 674 er feil.", []),  # bad check digit
]


@pytest.mark.parametrize(("rule", "lang", "text", "expected"), CASES)
def test_entities(default_linter, rule, lang, text, expected):
    assert found(default_linter, text, lang, rule) == expected


def test_checksum_only_numbers_say_why_in_the_finding(default_linter):
    finding = default_linter.check(
        "Kontonummeret mitt er 1234.56.78903.", lang="nb", only=["pii.bank-account"]
    ).findings[0]
    assert "kontonummer" in finding.message
    assert "1 av 11" in finding.guidance  # a Norwegian draft gets the Norwegian guidance
    english = default_linter.check(
        "My account number is 1234.56.78903.", lang="en", only=["pii.bank-account"]
    ).findings[0]
    assert "1 in 11" in english.guidance


def test_context_words_are_whole_words(default_linter):
    # "discard" contains "card" but is not the word "card": the unvalidated 16-digit
    # pattern needs context, and Luhn-valid numbers do not, so use the phone number instead.
    assert found(default_linter, "Discard 41 23 45 67 please.", "en", "pii.phone") == []
    assert found(default_linter, "Phones: 41 23 45 67 please.", "en", "pii.phone") == ["41 23 45 67"]


def test_presidio_analyses_each_entity_once_per_document(default_linter, monkeypatch):
    from postguard.pii import presidio

    calls = []
    real = presidio._analyze
    monkeypatch.setattr(presidio, "_analyze", lambda a, entities: calls.append(entities) or real(a, entities))
    result = default_linter.check("Mail kari@firma.no or call +47 41 23 45 67.", lang="en")
    assert {f.rule for f in result.findings} >= {"pii.email", "pii.phone"}
    analysed = [entity for entities in calls for entity in entities]
    assert {"EMAIL_ADDRESS", "PHONE_NUMBER"} <= set(analysed)
    assert len(analysed) == len(set(analysed))


def test_drafts_without_evidence_never_reach_presidio(default_linter, monkeypatch):
    from postguard.pii import presidio

    def refuse(*args):
        raise AssertionError("Presidio ran")

    monkeypatch.setattr(presidio, "_analyze", refuse)
    text = (
        "Version 1.2.3 shipped on 2024-03-01 to 41 23 45 67 users (see https://go.dev/doc, "
        "git@github.com:org/repo.git, security@rust-lang.org, 127.0.0.1 and Vec::new). "
        "Ola Nordmann gave a talk."
    )
    assert [f.rule for f in default_linter.check(text, lang="en").findings if f.category == "pii"] == []


def test_presidio_never_tokenises(default_linter):
    from postguard.pii import presidio

    with pytest.raises(RuntimeError):
        presidio.engine().nlp_engine.process_text("text", "en")
    analysis = Analysis(parse("Mail kari@firma.no."), "en")
    assert presidio.artifacts(analysis).tokens is analysis.doc


def test_rule_options():
    linter = linter_from(
        """
        rules:
          - id: my.pii
            kind: pii
            entities: [NO_ORG_NUMBER]
            context: {en: [supplier]}
            allow: ["974 760 673"]
            category: pii
            message: "{match}"
          - id: my.phone
            kind: pii
            entities: [PHONE_NUMBER]
            min-score: 0.3
            category: pii
            message: "{match}"
        """
    )
    assert found(linter, "Our supplier is 923609016 now.", "en", "my.pii") == ["923609016"]
    assert found(linter, "Our supplier is 974 760 673 now.", "en", "my.pii") == []  # allowed
    assert found(linter, "Numbers: 41 23 45 67.", "nb", "my.phone") == ["41 23 45 67"]  # low min-score


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ("entities: [EMAIL]", "unknown entity 'EMAIL'"),
        ("min-score: 2", "'min-score' must be a number from 0 to 1"),
        ("context: [card]", "'context' maps a language"),
        ("ner: en_core_web_sm", "add PERSON"),
    ],
)
def test_bad_options_point_at_the_rule(options, problem):
    with pytest.raises(PolicyError) as error:
        linter_from(
            f"""
            rules:
              - id: bad
                kind: pii
                {options}
                category: pii
                message: x
            """
        )
    assert problem in str(error.value)


def test_offline(monkeypatch, tmp_path):
    """No socket is ever opened: no spaCy download, no Public Suffix List fetch."""
    import spacy.cli
    import tldextract

    from postguard import Linter
    from postguard.pii import names, presidio, screen

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(spacy.cli, "download", refuse)
    monkeypatch.setattr(tldextract, "extract", refuse)  # Presidio's stock e-mail validation path
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # name lists rebuilt from Faker, offline
    for cached in (presidio.engine, screen._tld_extract):
        cached.cache_clear()
    names.clear_caches()
    try:
        result = Linter.default().check(
            "Mail ola.normann@firma.no (Ola Nordmann is sykmeldt) or ring 41 23 45 67.", lang="nb"
        )
        assert {f.rule for f in result.findings} >= {"pii.email", "pii.phone", "pii.person-private"}
    finally:
        for cached in (presidio.engine, screen._tld_extract):
            cached.cache_clear()
        names.clear_caches()


PER_LANGUAGE_NEAR = """
    lists:
      health-en: {terms: [sick]}
      health-nb: {terms: [syk, diagnose]}
    rules:
      - id: t.private
        kind: pii
        entities: [PERSON]
        near:
          lists: {en: [health-en], nb: [health-nb]}
          terms: [allergy]
        category: pii
        message: "{near}"
        guidance: g
"""


def test_near_lists_per_language_read_a_draft_with_its_own_words() -> None:
    linter = linter_from(PER_LANGUAGE_NEAR)

    def near(text: str, lang: str) -> list[str]:
        return [f.message for f in linter.check(text, lang=lang).findings]

    assert near("Ingrid Solberg is sick today.", "en") == ["sick"]
    assert near("Ingrid Solberg er syk i dag.", "nb") == ["syk"]
    # the Norwegian "diagnose" is not a private matter in an English post about a bug
    assert near("Ingrid Solberg spent a day diagnosing the leak.", "en") == []
    assert near("Ingrid Solberg har fått en diagnose.", "nb") == ["diagnose"]
    assert near("Ingrid Solberg has an allergy.", "en") == ["allergy"]  # inline terms: every language


@pytest.mark.parametrize(
    ("lists", "error"),
    [
        ("{de: [health-en]}", "'near.lists' maps a language (en, nb) to the names of its lists"),
        ("{en: [health-xx]}", "unknown list 'health-xx'"),
        ("{}", "'near.lists' maps a language"),
    ],
)
def test_near_lists_per_language_are_validated(lists: str, error: str) -> None:
    with pytest.raises(PolicyError, match=re.escape(error)):
        linter_from(PER_LANGUAGE_NEAR.replace("{en: [health-en], nb: [health-nb]}", lists))


def test_a_tel_link_is_a_phone_number_but_a_web_address_is_not(default_linter) -> None:
    draft = "Call [my mobile](tel:+4741234567) or see [the call notes](https://x.io/issues/41234567)."
    result = default_linter.check(draft, format="markdown", lang="en", only=["pii.phone"])
    assert [f.text for f in result.findings] == ["+4741234567"]


@pytest.mark.parametrize(
    "text",
    [
        "Mail ola@firma.no, kari@firma.no or @@ a@b.no@c.no today.",
        "x\u00a0ola@firma.no\tkari.hansen@firma.no\n(per@firma.no) <anne@firma.no>.",
        "@start and end@",
        "ola@firma.no",
    ],
)
def test_email_recognizer_finds_what_the_pattern_finds_on_the_whole_text(text: str) -> None:
    from presidio_analyzer.predefined_recognizers import EmailRecognizer

    from postguard.pii.recognizers import OfflineEmailRecognizer

    ours = OfflineEmailRecognizer(supported_language="en", context=["email"])
    # the stock PatternRecognizer pass over the whole text, with our validation
    whole = EmailRecognizer.analyze(ours, text, ["EMAIL_ADDRESS"])
    found = ours.analyze(text, ["EMAIL_ADDRESS"])
    assert [(r.start, r.end, r.score) for r in found] == [(r.start, r.end, r.score) for r in whole]
    assert found or "firma" not in text


@pytest.mark.parametrize(
    "text",
    [
        "Upgrade to version 1.2.3.4 now.",
        "Get v1.2.3.4 from the download page.",
        "Release 2.10.3.4 is out.",
        "1.2.3.4 is out, with fixes.",
        "Oppgrader til versjon 3.1.2.4 i dag.",
    ],
)
def test_a_version_number_written_like_an_address_is_no_ip_address(default_linter, text):
    assert "pii.ip-address" not in {f.rule for f in default_linter.check(text).findings}


@pytest.mark.parametrize(
    "text",
    ["Our server is at 8.8.4.4 today.", "Connect to 81.2.69.160 to see it.", "IP 1.2.3.4 was blocked."],
)
def test_an_address_is_still_one_next_to_a_word_for_addresses(default_linter, text):
    assert "pii.ip-address" in {f.rule for f in default_linter.check(text).findings}


FNR_DIGITS = "15076500565"  # valid (python-stdnum); D-nummer below: the day plus 40
WRITTEN_FORMS = ["15076500565", "150765 00565", "150765-00565", "15 07 65 005 65", "15.07.65 00565"]


@pytest.mark.parametrize("written", [*WRITTEN_FORMS, "55076510007", "550765-10007"])
def test_a_valid_fodselsnummer_or_d_nummer_is_found_in_every_written_form(default_linter, written):
    text = f"Fødselsnummeret mitt er {written}, ikke del det."
    findings = [f for f in default_linter.check(text, lang="nb").findings if f.rule == "pii.national-id"]
    assert [f.text for f in findings] == [written]  # the whole written form, separators included


@pytest.mark.parametrize("written", [w[:-1] + "6" for w in WRITTEN_FORMS])
def test_an_invalid_one_is_never_flagged_in_any_form(default_linter, written):
    text = f"Fødselsnummeret mitt er {written}, ikke del det."
    assert "pii.national-id" not in {f.rule for f in default_linter.check(text, lang="nb").findings}


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("Eksempel: `Kari Nordmann er sykmeldt`", "markdown"),
        ("```\nKari Nordmann er sykmeldt\n```\n", "markdown"),
        ("<pre>Kari Nordmann er sykmeldt</pre>", "html"),
    ],
)
def test_a_name_in_code_is_an_identifier_not_a_person(default_linter, text, fmt):
    rules = {f.rule for f in default_linter.check(text, format=fmt, lang="nb").findings}
    assert "pii.person-private" not in rules
    prose = default_linter.check("Kari Nordmann er sykmeldt.", lang="nb").findings
    assert "pii.person-private" in {f.rule for f in prose}


# --- phone numbers by strong evidence (#15) ---------------------------------------------------

PHONE_EVIDENCE = [
    # a country code, written with "+" or "00"
    ("nb", "Send gjerne en melding til +47 936 12 345 etter lunsj.", ["+47 936 12 345"]),
    ("nb", "Ved akutte feil: 0047 915 67 890, døgnet rundt.", ["0047 915 67 890"]),
    ("en", "Our host is +1 (415) 555-0132 this week.", ["+1 (415) 555-0132"]),
    ("en", "Questions? +44 20 7946 0958 goes straight to Ola.", ["+44 20 7946 0958"]),
    # a cue right before the number
    ("nb", "Privatnummeret til Kari er 915 67 890.", ["915 67 890"]),
    ("nb", "Nummeret hennes er 936 12 345, men ikke spre det.", ["936 12 345"]),
    ("nb", "Vipps til 915 67 890, så er du med i trekningen.", ["915 67 890"]),
    ("nb", "Du treffer meg på 480 12 345 i morgen.", []),  # no cue, no country code
    ("en", "My US number is 212-555-0188 now.", ["212-555-0188"]),
    ("en", "You can reach me at (415) 555-0132 after six.", ["(415) 555-0132"]),
    ("en", "She can be reached at 212-555-0188 on weekdays.", ["212-555-0188"]),
    ("en", "Contact: 415-555-0132.", ["415-555-0132"]),
    ("nb", "Kontakt Kari Hansen, 936 12 345, for billetter.", ["936 12 345"]),
    # a contact line: a name with an e-mail address and a number
    ("en", "Speakers: Ola Berg (ola.berg@firma.no, 936 12 345) and more.", ["936 12 345"]),
    ("nb", "Ansvarlig: Kari Hansen (936 12 345, kari.hansen@firma.no).", ["936 12 345"]),
    ("nb", "Ring meg (936 12 345) etter fem.", ["936 12 345"]),  # the bracket is not the number's
    # versions, dates, prices, IDs, issue and order numbers stay clean
    ("en", "Bumped to v47.12.345 on 2024-11-26 with 41234567 downloads.", []),
    ("en", "Order number 41234567 shipped; invoice number 93456781 is paid.", []),
    ("en", "Fixed in issue #93456781 (see PR 41234567 too).", []),
    ("en", "Call about order 41234567 before noon.", []),
    ("en", "Call it a record: our mobile app had 41234567 downloads.", []),
    ("nb", "Ring og gratuler: mobilappen har 93456781 brukere nå.", []),
    ("en", "It costs $415 555 0132 in total, not +47.", []),
    ("nb", "Saksnummer 41234567 og ordrenummer 93456781 er lukket.", []),
    ("nb", "Prisen er 936 12 345 kroner for hele prosjektet.", []),
    ("nb", "Versjon 9.36.12 kom ut 15.03.2024.", []),
    ("en", "Timestamps like +1700000000 are seconds since 1970.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), PHONE_EVIDENCE)
def test_a_phone_number_is_found_by_strong_evidence(default_linter, lang, text, expected):
    assert found(default_linter, text, lang, "pii.phone") == expected


# --- kontonummer and organisasjonsnummer as people write them (#15) ---------------------------

ACCOUNT_FORMS = ["12345678903", "1234 56 78903", "1234.56.78903", "1234-56-78903"]


@pytest.mark.parametrize("written", ACCOUNT_FORMS)
def test_a_valid_kontonummer_is_found_in_every_written_form(default_linter, written):
    assert found(default_linter, f"Kontonummeret mitt er {written}.", "nb", "pii.bank-account") == [written]
    invalid = written[:-1] + "4"  # the check digit off by one
    assert found(default_linter, f"Kontonummeret mitt er {invalid}.", "nb", "pii.bank-account") == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # the VAT register's form says what the number is: no other context word needed
        ("nb", "Faktura fra 974760673MVA kom i dag.", ["974760673MVA"]),
        ("en", "Invoice from NO974760673MVA today.", ["NO974760673MVA"]),
        ("en", "Billed by NO 974 760 673 MVA last week.", ["NO 974 760 673 MVA"]),
        ("nb", "Leverandøren har NO 974 760 673 MVA på fakturaen.", ["NO 974 760 673 MVA"]),
        ("en", "Supplier 974760673 mva.", ["974760673 mva"]),
        # an invalid number stays unreported in any form
        ("nb", "Faktura fra 974760674MVA kom i dag.", []),
        ("en", "Billed by NO 974 760 674 MVA last week.", []),
        # "no" is a word, not the country prefix; a bare number still needs a context word
        ("en", "There is no 974760673 in the list.", []),
        ("nb", "Vi solgte 974 760 673 kroner.", []),
    ],
)
def test_an_org_number_with_mva_is_found_whole(default_linter, lang, text, expected):
    assert found(default_linter, text, lang, "pii.org-number") == expected


# --- pii.person-private: the private matter with the person (#15) -----------------------------

PERSON_PRIVATE = [
    # a home address: by the words, with a name, or right after one
    ("en", "She lives at Storgata 12B, 0155 Oslo.", ["lives at Storgata 12B, 0155 Oslo"]),
    ("en", "Ingrid Solberg lives at 221B Baker Street.", ["Ingrid Solberg lives at 221B Baker Street"]),
    ("nb", "Ola Nordmann bor i Storgata 12B, 0155 Oslo.", ["Ola Nordmann bor i Storgata 12B, 0155 Oslo"]),
    ("nb", "Han bor i Solveien 7 på Nordstrand.", ["bor i Solveien 7"]),
    ("nb", "Adressen hans er Kirkeveien 12, 0368 Oslo.", ["Adressen hans er Kirkeveien 12, 0368 Oslo"]),
    ("nb", "Send pakken til Kari Hansen, Storgata 12B, 0155 Oslo.", ["Kari Hansen, Storgata 12B, 0155 Oslo"]),
    # a named person's pay
    ("en", "Kari earns 1.2M a year, can you believe it.", ["Kari earns 1.2M a year"]),
    ("en", "Kari Nordmann's salary is $95,000.", ["Kari Nordmann's salary is $95,000"]),
    ("nb", "Kari tjener 900 000 i året.", ["Kari tjener 900 000 i året"]),
    ("nb", "Per er ny her. Lønna hans er 650 000.", ["Lønna hans er 650 000"]),
    # dismissal, inflected, in both languages
    ("en", "Jonas Berg was let go last week.", ["Jonas Berg was let go"]),
    ("en", "Sarah Lee got fired on Friday.", ["Sarah Lee got fired"]),
    ("en", "Tom Hughes is getting fired tomorrow.", ["Tom Hughes is getting fired"]),
    ("en", "Tom Hughes has been let go.", ["Tom Hughes has been let go"]),
    ("nb", "Kari Olsen fikk sparken i går.", ["Kari Olsen fikk sparken"]),
    ("nb", "Kari Hansen ble oppsagt i mars.", ["Kari Hansen ble oppsagt"]),
    ("nb", "Kari Hansen ble sparket etter jul.", ["Kari Hansen ble sparket"]),
    ("nb", "Kari og Ola ble oppsagt i går.", ["Kari og Ola ble oppsagt"]),
    # a first name the recogniser reads as a word, right before the matter
    ("en", "Per earns 1.2M a year, can you believe it.", ["Per earns 1.2M a year"]),
    ("nb", "Per fikk sparken i går.", ["Per fikk sparken"]),
    ("en", "Mark was let go on Friday.", ["Mark was let go"]),
    # not a person's private matter
    ("en", "In May the rules on sick leave changed.", []),
    ("nb", "Systemet ble oppsagt av leverandøren.", []),
    ("en", "We let go of the old API, said Jonas Berg.", []),
    ("en", "Jonas Berg dismissed the concern at once.", []),
    ("en", "Jonas Berg fired off a quick reply.", []),
    ("nb", "Kafka skiller seg fra RabbitMQ på ett punkt.", []),
    ("nb", "Ola holdt et foredrag på sparket.", []),
    ("nb", "Applicative Functor er en abstraksjon som tjener mange formål.", []),
    ("nb", "Kari Nordmann tjener på å vente.", []),
    ("en", "Equinor earns 1.2 billion a year.", []),
    ("nb", "Per Hansen bor i Bergen.", []),  # a city is no home address
    ("en", "Visit our office at Storgata 12B, 0155 Oslo.", []),
    ("nb", "Kontoret vårt ligger i Storgata 12B, 0155 Oslo.", []),
    ("nb", "Kari Hansen holdt foredrag i Storgata 12B.", []),
    ("nb", "Kari er 12 år og bor i Bergen.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), PERSON_PRIVATE)
def test_person_private_reports_the_matter_with_the_person(default_linter, lang, text, expected):
    assert found(default_linter, text, lang, "pii.person-private") == expected


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("`Kari bor i Storgata 12B`", "markdown"),
        ("```\nlonn = {'Kari': 'tjener 900 000 i året'}\n```\n", "markdown"),
        ("<code>She lives at Storgata 12B</code>", "html"),
    ],
)
def test_private_matters_in_code_are_examples(default_linter, text, fmt):
    assert "pii.person-private" not in {
        f.rule for f in default_linter.check(text, format=fmt, lang="nb").findings
    }


def test_person_private_speaks_the_drafts_language_and_names_the_matter_not_its_value(default_linter):
    [nb] = default_linter.check(
        "Kari tjener 900 000 i året.", lang="nb", only=["pii.person-private"]
    ).findings
    assert nb.message == 'Noe privat om en person (lønn): "K*** ****** *** *** * ****".'
    [en] = default_linter.check("She lives at Storgata 12B.", lang="en", only=["pii.person-private"]).findings
    assert "(home address)" in en.message and "Storgata" not in en.message and "12" not in en.message


@pytest.mark.parametrize(
    ("matters", "error"),
    [
        ("[salary]", "'near.matters' lists built-in private matters: home-address, pay"),
        ("[]", "'near.matters'"),
    ],
)
def test_near_matters_are_validated(matters, error):
    with pytest.raises(PolicyError, match=re.escape(error)):
        linter_from(
            f"""
            rules:
              - id: t.private
                kind: pii
                entities: [PERSON]
                near: {{matters: {matters}}}
                category: pii
                message: "{{near}}"
            """
        )


def test_a_rule_may_use_the_matters_alone():
    linter = linter_from(
        """
        rules:
          - id: t.home
            kind: pii
            entities: [PERSON]
            near: {matters: [home-address]}
            category: pii
            message: "{near}"
        """
    )
    assert [f.message for f in linter.check("Han bor i Solveien 7.", lang="nb").findings] == ["hjemmeadresse"]
    assert linter.check("Kari Hansen ble oppsagt.", lang="nb").findings == ()
