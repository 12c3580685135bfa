"""The fast paths of the ``pii`` kind give Presidio's results: the screen, phone chunks, names per sentence."""

from __future__ import annotations

import subprocess
import sys

import phonenumbers
import pytest
from conftest import linter_from
from faker import Faker

from postguard.analysis import Analysis
from postguard.parsers import parse
from postguard.pii import CONTEXT, SUFFIXES, TOP_SCORE, names, phones, screen

REGIONS = screen.PHONE_REGIONS


def phone_texts() -> list[str]:
    fakers = [Faker(locale) for locale in ("no_NO", "sv_SE", "da_DK", "en_GB", "en_US", "de_DE", "fr_FR")]
    for seed, faker in enumerate(fakers):
        faker.seed_instance(seed)
    glue = [
        "call",
        "on",
        "x",
        "ext.",
        "(",
        ")",
        "/",
        "-",
        "\n",
        "2022-01-03",
        "12:30",
        "$",
        "%",
        "#",
        "v1.2.3",
    ]
    texts = [
        f"{fakers[i % len(fakers)].phone_number()} {glue[i % len(glue)]} {fakers[(i * 3) % len(fakers)].phone_number()}"
        for i in range(120)
    ]
    return [
        *texts,
        "Ring +47 41 23 45 67 eller 0047 41234567 (mobil), ext 12.",
        "Call 1-800-FLOWERS or (212) 555-0123 x 45, or +1 212 555 0123;ext=7.",
        "Released 2013-11-26 12:30, pages 1234-1245 (1990), 12/03/2024.",
        "tel:+4741234567 and tel:+44 20 7946 0018.\n+49 30 901820\n+46 8 123 456 78",
        "abc41234567 41234567def $41234567 41234567% ٤١٢٣٤٥٦٧ +٤٧ ٤١٢٣٤٥٦٧",
        "x" * 50 + " 4" * 40 + "\n" + "1-2-3-4-5-6-7-8-9-0-1-2" + " +47 41 23 45 67x",
    ]


def test_phone_matches_are_the_matchers_matches():
    for text in phone_texts():
        fast = [(r, m.start, m.end, m.number) for r, m in phones.matches(text, REGIONS)]
        slow = [
            (r, m.start, m.end, m.number)
            for r in REGIONS
            for m in phonenumbers.PhoneNumberMatcher(text, r, leniency=1)
        ]
        assert fast == slow, text


def test_fewest_digits_of_an_international_number():
    from phonenumbers import COUNTRY_CODES_FOR_NON_GEO_REGIONS, SUPPORTED_REGIONS, PhoneMetadata

    def shortest(metadata) -> int:
        return min(
            length for desc in phones._descriptions(metadata) for length in desc.possible_length if length > 0
        )

    fewest = min(
        [
            len(str(m.country_code)) + shortest(m)
            for m in map(PhoneMetadata.metadata_for_region, SUPPORTED_REGIONS)
        ]
        + [
            len(str(c)) + shortest(PhoneMetadata.metadata_for_nongeo_region(c))
            for c in COUNTRY_CODES_FOR_NON_GEO_REGIONS
        ]
    )
    assert fewest >= phones.MIN_INTERNATIONAL


def test_context_words_are_never_pieces_of_tokenizer_exceptions():
    """The screen looks for built-in context words as whole words: a word split inside a
    tokenizer exception ("cannot" -> "can", "not") would escape it."""
    import spacy
    from spacy.symbols import ORTH

    words = {w.lower() for entity in CONTEXT.values() for ws in entity.values() for w in ws}
    for lang in ("en", "nb"):
        for pieces in spacy.blank(lang).tokenizer.rules.values():
            if len(pieces) > 1:
                for piece in pieces:
                    token = piece[ORTH].lower()
                    assert not any(token.startswith(w) and token[len(w) :] in SUFFIXES for w in words), token


def test_top_scores_are_the_recognizers():
    from presidio_analyzer.predefined_recognizers import IpRecognizer

    from postguard.pii.recognizers import FastPhoneRecognizer

    assert TOP_SCORE["PHONE_NUMBER"] == FastPhoneRecognizer.SCORE == 0.4
    assert TOP_SCORE["IP_ADDRESS"] == max(p.score for p in IpRecognizer.PATTERNS)


SCREEN_POLICY = """
extends: [default]
rules:
  - id: t.phone-low
    kind: pii
    entities: [PHONE_NUMBER]
    min-score: 0.3
    category: pii
    message: "{match} {near}"
  - id: t.all
    kind: pii
    entities: [EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, IBAN_CODE, IP_ADDRESS, NO_FODSELSNUMMER,
               NO_BANK_ACCOUNT, NO_ORG_NUMBER]
    min-score: 0.0
    context: {en: [supplier, me], nb: [leverandør]}
    category: pii
    message: "{match} {near}"
  - id: t.high
    kind: pii
    entities: [PHONE_NUMBER, IP_ADDRESS, NO_ORG_NUMBER]
    min-score: 0.7
    context: {en: [supplier], nb: [leverandør]}
    category: pii
    message: "{match} {near}"
"""

SCREEN_TEXTS = [
    # context words near and far, behind stop words, whitespace tokens and numbers
    ("Call the of and to a in is it at 41 23 45 67 now.", "en"),
    ("Call me, if you want to, at some point on 41 23 45 67.", "en"),
    ("Call 1 2 3 41 23 45 67.", "en"),
    ("Call 1 2 3 4 5 6 7 41 23 45 67.", "en"),
    ("Call\n\n1\n\n41 23 45 67", "en"),
    ("41 23 45 67 1 phone", "en"),
    ("41 23 45 67\n\n\nphone", "en"),
    ("Recall it: 41 23 45 67.", "en"),
    ("Context 41 23 45 67.", "en"),
    ("Hotel 41 23 45 67. Calls 41 23 45 67.", "en"),
    ("41 23 45 67 the of and to a in phone", "en"),
    ("Regjeringen har 41 23 45 67 endringer.", "nb"),
    ("Ring: 41 23 45 67. Ringer du 912 34 567?", "nb"),
    ("Gonna text 41 23 45 67", "en"),
    ("cannot call 41234567 me at 4123 4567 supplier 974 760 673", "en"),
    ("Kontonummer\n1234.56.78903", "nb"),
    ("konto 1 2 3 1234 56 78903 og 974760673 for leverandøren.", "nb"),
    ("Vi solgte 974 760 673 kroner; organisasjonsnummer er 974760673.", "nb"),
    # phone numbers by strong evidence: country codes, cues, contact lines, IDs (#15)
    ("Text +47 936 12 345 or 0047 915 67 890; not 1+1 or 2+2=4 or +1700000000.", "en"),
    ("My US number is 212-555-0188; reach me at\n(415) 555-0132; contact: 415-555-0132.", "en"),
    ("Privatnummeret til Kari er 915 67 890. Vipps til 480 12 345. Kontakt Kari Hansen, 936 12 345.", "nb"),
    ("Ola (ola@firma.no, 936 12 345) og Kari (936 12 345 / kari@firma.no); issue #41234567.", "nb"),
    ("Call about order 41234567 or ring saksnummer 93456781 today.", "en"),
    ("Call us: the mobile app had 41234567 downloads and 93456781 brukere.", "en"),
    ("Fra NO 974 760 673 MVA og 974760673mva; no 974760673; konto 1234-56-78903, 1234-56 78903.", "nb"),
    ("Billed by NO974760673MVA, not NO974760674MVA.", "en"),
    # IP addresses
    ("84.215.33.7 127.0.0.1 1.2.3.4.5 v1.2.3.4 01.2.3.4 84.215.33.7/32 999.1.1.1", "en"),
    ("Use 127.0.0.1, 1.2.3.4.5 or v1.2.3.4", "en"),
    ("2a00:1450:4001:81b::200e ::1 :: fe80::1%eth0 ::ffff:8.8.8.8 Vec::new (::add)", "en"),
    ("Use ::1, ::, fe80::1%eth0, ::ffff:127.0.0.1 or Vec::new", "en"),
    # cards, IBANs, national IDs
    ("Card 4111 1111 1111 1111, 4111-1111-1111-1112, 1234567890123, GB82 WEST 1234 5698 7654 32.", "en"),
    ("Fødselsnummer 23079130052, 230791 30052, 23079130053, NO93 8601 1117 947.", "nb"),
] + [
    # e-mail, one address a draft: role words, shared domains, odd mailboxes
    (f"Mail {address} today.", "en")
    for address in (
        "a#press@firma.no", "x.press@firma.no", "ola_press@firma.no", "ola+press@firma.no", "press-ola@x.no",
        "no_reply@x.no", "go-nuts@googlegroups.com", "git@github.com:o/r.git", "test@example.com", "a@b.c",
        "Ola.Nordmann@Firma.NO", "ola@firma.no.", "-ola@firma.no", "ola!x@firma.no", "ola/x@firma.no",
        "'ola'@firma.no", "ola@firma.no@other.no", "x@@firma.no", "golang.org/x/tools@v0.1.2", "a_b_team_x@firma.no",
        "navn@domene.no", "fornavn.etternavn@firma.no", "ola.navn@firma.no", "utvikler@firma.no", "ola@sub.domene.no",
    )
]  # fmt: skip


@pytest.mark.parametrize(("text", "lang"), SCREEN_TEXTS)
def test_screen_never_changes_a_finding(monkeypatch, default_linter, text, lang):
    """The screen may only skip work: with Presidio run for every entity the findings are the same."""
    linters = (default_linter, linter_from(SCREEN_POLICY))

    def findings() -> list:
        return [
            [(f.rule, f.start, f.end, f.message) for f in linter.check(text, lang=lang).findings]
            for linter in linters
        ]

    screened = findings()
    monkeypatch.setattr(screen, "may_report", lambda *args: True)
    assert findings() == screened


def test_checking_a_draft_without_evidence_imports_neither_presidio_nor_spacy():
    # The pii pack alone: the default policy's abuse model reads every draft with spaCy.
    code = (
        "import sys\n"
        "from postguard import Linter, load_policy_text\n"
        "Linter(load_policy_text('extends: [pii, secrets]')).check('Version 1.2.3 shipped on 2024-03-01; mail security@rust-lang.org.', lang='en')\n"
        "print(sorted(m for m in ('presidio_analyzer', 'spacy') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


NAME_TEXTS = [
    "Kari Nordmann er syk. Ola er sykmeldt. Per-\nOla Hansen har fått sparken. Takk til Dr. Hansen.",
    "Big hugs to Marte Kristiansen, who is on sick leave. Jonas Berg was fired. Mr. Smith-Jones said so.",
    "Hi. Anne-\nMarie Olsen van der Berg (CEO) is ill. WHAT. Q. E. D. Lars Vik, Per Dag and Tor Lie left.",
    # The last sentence starts at the end of the text, after the last token: no name, no crash.
    "Kari Nordmann er syk.\n\n",
]


@pytest.mark.parametrize("text", NAME_TEXTS)
def test_names_found_per_sentence_are_the_whole_documents(text):
    for lang in ("en", "nb"):
        analysis = Analysis(parse(text), lang)
        whole = names.run(analysis)
        for sentence in range(len(analysis.sentences)):
            fresh = Analysis(parse(text), lang)
            assert names.run(fresh, [sentence]) == [
                d for d in whole if analysis.sentence_of(d.start) == sentence
            ]


def test_shared_artifacts_give_presidio_its_keywords_on_demand():
    """Presidio's stock context enhancer reads the keyword list postguard's own never needs."""
    from presidio_analyzer.nlp_engine import NlpArtifacts

    from postguard.pii import presidio

    analysis = Analysis(parse("Call me on the phone: 41 23 45 67, ok?"), "en")
    found = presidio.artifacts(analysis)
    assert "keywords" not in vars(found)
    lowered = [token.lower_ for token in analysis.doc]
    assert found.keywords == NlpArtifacts.set_keywords(found.nlp_engine, lowered, "en")
    assert list(found.lemmas) == lowered
    assert found.tokens_indices == [token.idx for token in analysis.doc]


def test_a_draft_of_many_at_signs_is_screened_in_one_pass():
    """400 KB of "x@y" took 25 s (the regex module's match(view, pos) read the whole draft for each
    "@"); bench/large_inputs.py's leet-words case took ten minutes before it was refused."""
    assert not screen._personal_email("x@y " * 100_000)
    assert screen._personal_email("x@y " * 100_000 + "kari.nordmann@gmail.com")
