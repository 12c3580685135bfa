"""Presidio recognizers for ``en`` and ``nb``: the predefined ones, offline, plus Norwegian IDs.

Person names are not among them: :mod:`.names` finds them on the shared Doc directly (Presidio
adds nothing to a recognizer without context words), so a draft whose only private data is
a name next to a private matter needs spaCy but never Presidio.

Presidio registers most predefined recognizers for English only; the same patterns work
for Norwegian text once they carry Norwegian context words. Norwegian identifiers are
validated by checksum with python-stdnum. Known noise is invalidated here, where it is
recognised: example e-mail domains, private and documentation IP ranges. The rules for all
of this live in :mod:`postguard.pii.screen`, which the cheap screening shares.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    UrlRecognizer,
)

from postguard.pii import CONTEXT, TOP_SCORE, phones, screen, with_context


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer without the network, for personal addresses only.

    Presidio validates the whole match with tldextract, which reads ``golang.org/x/pkg@v1.2.3``
    as a URL on golang.org; here the domain alone must end in a public suffix and the local
    part must be a mailbox. Example domains, mailing lists and role mailboxes
    (``press@``, ``community@``, ``go-nuts@googlegroups.com``) are public, not personal, and
    placeholders (``fornavn.etternavn@``, ``navn@domene.no``) are nobody's: none is reported.
    """

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        """Presidio's patterns, run only on the stretches without whitespace that hold an ``@``
        (an address has no whitespace, so the results are the same): a pass of the e-mail
        pattern over a whole long draft cost about half a second per megabyte."""
        results: list[RecognizerResult] = []
        end = 0
        at = text.find("@")
        while at != -1:
            start = at
            while start > end and not text[start - 1].isspace():
                start -= 1
            end = at + 1
            while end < len(text) and not text[end].isspace():
                end += 1
            for result in super().analyze(text[start:end], entities, nlp_artifacts, regex_flags):
                result.start += start
                result.end += start
                results.append(result)
            at = text.find("@", end)
        return results

    def validate_result(self, pattern_text: str) -> bool:
        local, _, domain = pattern_text.rpartition("@")
        if not local or "/" in local or ":" in local:
            return False
        return screen.mail_domain(domain)

    def invalidate_result(self, pattern_text: str) -> bool:
        local, _, domain = pattern_text.lower().rpartition("@")
        return (
            screen.role_mailbox(local)
            or screen.shared_domain(domain)
            or screen.placeholder_address(local, domain)
        )


def mark_evidence(result: RecognizerResult, evidence: str) -> None:
    """Score ``result`` as a context word would and name ``evidence`` as its context word; the
    context enhancer then leaves it as it is."""
    result.score = with_context(result.score)
    if result.analysis_explanation is not None:
        result.analysis_explanation.set_supportive_context_word(evidence)
    result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True


class FastPhoneRecognizer(PhoneRecognizer):
    """Presidio's phone recognizer, with the matches found by :mod:`postguard.pii.phones`
    (the same matches, without parsing every digit group of the draft once per region), and
    numbers with strong evidence (:func:`postguard.pii.screen.phone_evidence`) scored as if a
    context word stood next to them, that evidence named as their context word."""

    SCORE = TOP_SCORE["PHONE_NUMBER"]

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        if self.leniency is None:  # Presidio types it Optional; the matcher needs a Leniency
            raise ValueError("FastPhoneRecognizer needs a leniency (Presidio's default is 1)")
        results = []
        for region, match in phones.matches(text, self.supported_regions, self.leniency):
            result = self._get_recognizer_result(match, text, region, nlp_artifacts)
            if text.startswith("(", result.start) and ")" not in text[result.start : result.end]:
                result.start += 1  # "(936 12 345, kari@...)": the bracket opens the contact, not the number
            evidence = screen.phone_evidence(text, match.start, match.end, match.number.country_code or 0)
            if evidence:
                mark_evidence(result, evidence)
            results.append(result)
        return EntityRecognizer.remove_duplicates(results)


#: Words shortly before a dotted number that make it a version, not an address: "version 1.2.3.4".
VERSION_WORDS = frozenset(
    {
        *("version", "versions", "release", "releases", "build", "upgrade", "update", "updated"),
        *("versjon", "versjonen", "utgave", "oppgrader", "oppgradert", "oppdater", "oppdatert"),
    }
)
#: How many words before the number are read for a version word or an address word.
VERSION_WINDOW = 3
#: How far back (characters) those words are looked for.
VERSION_LOOKBACK = 60
_WORD_RE = re.compile(r"[^\W\d_]+")


def version_number(text: str, start: int, end: int, address_words: frozenset[str]) -> bool:
    """Whether the dotted number ``text[start:end]`` is a version rather than an IP address: it
    follows a "v" ("v1.2.3.4") or a version word, or is four single digits ("1.2.3.4") with no
    word for an address ("server", "IP") before it."""
    if text[start - 1 : start] in {"v", "V"}:
        return True
    words = [w.lower() for w in _WORD_RE.findall(text[max(0, start - VERSION_LOOKBACK) : start])]
    recent = set(words[-VERSION_WINDOW:])
    if recent & VERSION_WORDS:
        return True
    return all(len(part) == 1 for part in text[start:end].split(".")) and not recent & address_words


#: Card numbers that payment providers publish for testing: they never charge anyone, and tutorials
#: and changelogs print them. From Stripe's documentation of its test cards (Visa, Mastercard,
#: American Express, Discover, Diners Club, JCB, UnionPay).
TEST_CARD_NUMBERS = frozenset(
    {
        *("4242424242424242", "4000056655665556", "5555555555554444", "2223003122003222"),
        *("5200828282828210", "5105105105105100", "378282246310005", "371449635398431"),
        *("6011111111111117", "6011000990139424", "3056930009020004", "36227206271667"),
        *("3566002020360505", "6200000000000005"),
    }
)


class RealCardRecognizer(CreditCardRecognizer):
    """Presidio's card recognizer, less the providers' published test cards."""

    def invalidate_result(self, pattern_text: str) -> bool:
        digits = "".join(ch for ch in pattern_text if ch.isdigit())
        return digits in TEST_CARD_NUMBERS or bool(super().invalidate_result(pattern_text))


class PublicIpRecognizer(IpRecognizer):
    """IP addresses that can point at someone: loopback, private and documentation ranges are
    not, and neither are version numbers written like an address ("version 1.2.3.4")."""

    def invalidate_result(self, pattern_text: str) -> bool:
        return not screen.public_ip(pattern_text)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        """Presidio's results, less the dotted numbers that read as versions in their context."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        address_words = frozenset(CONTEXT["IP_ADDRESS"][self.supported_language])
        return [r for r in results if not version_number(text, r.start, r.end, address_words)]


class ChecksumRecognizer(PatternRecognizer):
    """A Norwegian identifier (:data:`postguard.pii.screen.NORWEGIAN_IDS`) validated by python-stdnum."""

    def __init__(self, entity: str, language: str, context: list[str]) -> None:
        pattern, score, _ = screen.NORWEGIAN_IDS[entity]
        self._entity = entity
        super().__init__(
            supported_entity=entity,
            patterns=[Pattern(entity.lower(), pattern, score)],
            context=context,
            supported_language=language,
            name=f"{entity}_{language}",
        )

    def validate_result(self, pattern_text: str) -> bool:
        return screen.valid_id(self._entity, pattern_text)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        """The pattern's results; a written form that says what it is (:func:`screen.id_evidence`,
        "974760673MVA") counts as a context word."""
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for result in results:
            evidence = screen.id_evidence(self._entity, text[result.start : result.end])
            if evidence:
                mark_evidence(result, evidence)
        return results


def build(language: str, extra_context: dict[str, list[str]] | None = None) -> list[EntityRecognizer]:
    """Every recognizer postguard uses for ``language``, with that language's context words."""

    def words(entity: str) -> list[str]:
        own = CONTEXT[entity][language]
        return own + [w for w in (extra_context or {}).get(entity, []) if w not in own]

    return [
        OfflineEmailRecognizer(supported_language=language, context=words("EMAIL_ADDRESS")),
        FastPhoneRecognizer(
            supported_language=language, context=words("PHONE_NUMBER"), supported_regions=screen.PHONE_REGIONS
        ),
        RealCardRecognizer(supported_language=language, context=words("CREDIT_CARD")),
        IbanRecognizer(supported_language=language, context=words("IBAN_CODE")),
        PublicIpRecognizer(supported_language=language, context=words("IP_ADDRESS")),
        UrlRecognizer(supported_language=language, context=words("URL")),
        *(ChecksumRecognizer(entity, language, words(entity)) for entity in screen.NORWEGIAN_IDS),
    ]
