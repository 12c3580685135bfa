"""Presidio recognizers for ``en`` and ``nb``: the predefined ones, offline, plus Norwegian IDs.

Presidio registers most predefined recognizers for English only; the same patterns work
for Norwegian text once they carry Norwegian context words. Norwegian identifiers are
validated by checksum with python-stdnum. Known noise is invalidated here, where it is
recognised: example e-mail domains, private and documentation IP ranges.
"""

from __future__ import annotations

import functools
import ipaddress
import re

import tldextract
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    LocalRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    PhoneRecognizer,
    UrlRecognizer,
)
from stdnum.no import fodselsnummer, kontonr, orgnr

from . import names

#: Context words per entity and language: whole words, matched with inflections.
CONTEXT: dict[str, dict[str, list[str]]] = {
    "EMAIL_ADDRESS": {
        "en": ["email", "e-mail", "mail", "contact", "reach", "write", "ping"],
        "nb": ["e-post", "epost", "e-postadresse", "mail", "e-mail", "kontakt", "skriv", "send"],
    },
    "PHONE_NUMBER": {
        "en": ["phone", "telephone", "call", "mobile", "cell", "cellphone", "tel", "text", "sms", "whatsapp"],
        "nb": ["telefon", "tlf", "mobil", "mobilnummer", "telefonnummer", "ring", "ringe", "nummer", "sms"],
    },
    "CREDIT_CARD": {
        "en": ["card", "credit", "debit", "visa", "mastercard", "amex", "payment", "refund"],
        "nb": ["kort", "kortnummer", "kredittkort", "bankkort", "betalingskort", "visa", "mastercard"],
    },
    "IBAN_CODE": {
        "en": ["iban", "bank", "account", "transfer", "wire"],
        "nb": ["iban", "bank", "konto", "kontonummer", "overføring", "overfør"],
    },
    "IP_ADDRESS": {
        "en": ["ip", "ipv4", "ipv6", "address", "server", "host"],
        "nb": ["ip", "ip-adresse", "adresse", "server", "maskin"],
    },
    "URL": {"en": ["url", "link", "website"], "nb": ["url", "lenke", "nettside"]},
    "PERSON": {"en": [], "nb": []},
    "NO_FODSELSNUMMER": {
        "en": ["ssn", "national", "identity", "id", "personal", "birth", "fødselsnummer", "personnummer"],
        "nb": [
            "fødselsnummer",
            "fødselsnr",
            "fnr",
            "personnummer",
            "personnr",
            "d-nummer",
            "dnr",
            "id-nummer",
            "identitetsnummer",
        ],
    },
    "NO_BANK_ACCOUNT": {
        "en": ["account", "bank", "kontonummer", "transfer", "pay", "deposit"],
        "nb": [
            "konto",
            "kontonummer",
            "kontonr",
            "bankkonto",
            "lønnskonto",
            "brukskonto",
            "sparekonto",
            "innbetaling",
            "betal",
            "betale",
            "overfør",
            "overføre",
            "vipps",
        ],
    },
    "NO_ORG_NUMBER": {
        "en": [
            "organisation",
            "organization",
            "company",
            "business",
            "orgnr",
            "org.nr",
            "vat",
            "registration",
        ],
        "nb": [
            "organisasjonsnummer",
            "orgnr",
            "org.nr",
            "org",
            "foretaksnummer",
            "foretaksregisteret",
            "enhetsregisteret",
            "mva",
            "firma",
        ],
    },
}

PHONE_REGIONS = ("NO", "SE", "DK", "GB", "US", "DE")
_EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")
_EXAMPLE_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")
#: Parts of a mailbox name that make it a shared or role address, not a person's.
ROLE_WORDS = frozenset(
    {
        "git", "noreply", "no", "reply", "donotreply", "mailer", "daemon", "postmaster", "webmaster",
        "info", "contact", "kontakt", "post", "postmottak", "hello", "hei", "hi", "team", "community",
        "feedback", "support", "help", "hjelp", "press", "presse", "media", "news", "security", "sikkerhet",
        "privacy", "personvern", "legal", "abuse", "sales", "salg", "jobs", "careers", "jobb", "admin",
        "office", "kundeservice", "service", "announce", "dev", "devel", "users", "nuts", "list", "discuss",
        "conduct", "board", "core", "maintainers", "reach", "interop", "foundation",
    }
)  # fmt: skip
#: Mailing-list hosts: an address there is a list, not a person.
LIST_DOMAINS = frozenset({"googlegroups.com", "groups.google.com", "groups.io", "lists.sourceforge.net"})


@functools.cache
def _tld_extract() -> tldextract.TLDExtract:
    """tldextract with its bundled Public Suffix List snapshot: no fetch, no cache files."""
    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer without the network, for personal addresses only.

    Presidio validates the whole match with tldextract, which reads ``golang.org/x/pkg@v1.2.3``
    as a URL on golang.org; here the domain alone must end in a public suffix and the local
    part must be a mailbox. Example domains, mailing lists and role mailboxes
    (``press@``, ``community@``, ``go-nuts@googlegroups.com``) are public, not personal.
    """

    def validate_result(self, pattern_text: str) -> bool:
        local, _, domain = pattern_text.rpartition("@")
        if not local or "/" in local or ":" in local:
            return False
        return _tld_extract()(domain).suffix != "" and _tld_extract()(domain).domain != ""

    def invalidate_result(self, pattern_text: str) -> bool:
        local, _, domain = pattern_text.lower().rpartition("@")
        return (
            bool(ROLE_WORDS & set(re.split(r"[-._+]", local)))
            or domain in LIST_DOMAINS
            or domain.startswith(("lists.", "list."))
            or domain in _EXAMPLE_DOMAINS
            or domain.endswith(tuple("." + d for d in _EXAMPLE_DOMAINS))
            or domain.endswith(_EXAMPLE_SUFFIXES)
        )


class PublicIpRecognizer(IpRecognizer):
    """IP addresses that can point at someone: loopback, private and documentation ranges are not."""

    def invalidate_result(self, pattern_text: str) -> bool:
        try:
            address = ipaddress.ip_interface(pattern_text).ip
        except ValueError:
            return True
        return not address.is_global


class _ChecksumRecognizer(PatternRecognizer):
    """A number pattern validated by a python-stdnum module."""

    ENTITY = ""
    PATTERN = ""
    SCORE = 0.5

    def __init__(self, language: str, context: list[str], validator) -> None:
        self._validator = validator
        super().__init__(
            supported_entity=self.ENTITY,
            patterns=[Pattern(self.ENTITY.lower(), self.PATTERN, self.SCORE)],
            context=context,
            supported_language=language,
            name=f"{type(self).__name__}_{language}",
        )

    def validate_result(self, pattern_text: str) -> bool:
        return bool(self._validator.is_valid(pattern_text))


class FodselsnummerRecognizer(_ChecksumRecognizer):
    """Fødselsnummer and D-nummer: 11 digits, a birth date and two mod-11 check digits."""

    ENTITY = "NO_FODSELSNUMMER"
    PATTERN = r"(?<![\d.,-])\d{6}[ ]?\d{5}(?![\d-]|[.,]\d)"
    SCORE = 0.6


class KontonummerRecognizer(_ChecksumRecognizer):
    """Kontonummer: 11 digits (``1234.56.78903``) with one mod-11 check digit: needs context."""

    ENTITY = "NO_BANK_ACCOUNT"
    PATTERN = r"(?<![\d.,-])\d{4}([. ]?)\d{2}\1\d{5}(?![\d-]|[.,]\d)"
    SCORE = 0.3


class OrgnrRecognizer(_ChecksumRecognizer):
    """Organisasjonsnummer: 9 digits with one mod-11 check digit: needs context."""

    ENTITY = "NO_ORG_NUMBER"
    PATTERN = r"(?<![\d.,-])\d{3}([ ]?)\d{3}\1\d{3}(?![\d-]|[.,]\d)"
    SCORE = 0.3


class NameRecognizer(LocalRecognizer):
    """Person names from :mod:`postguard.pii.names` (no model), on the shared tokens."""

    def __init__(self, language: str) -> None:
        super().__init__(
            supported_entities=["PERSON"], supported_language=language, name=f"NameRecognizer_{language}"
        )

    def load(self) -> None:
        """The name lists load on first use (:func:`postguard.pii.names.lexicon`)."""

    def analyze(self, text, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        if "PERSON" not in entities or nlp_artifacts is None:
            return []
        return [
            RecognizerResult(
                "PERSON",
                span.start,
                span.end,
                span.score,
                AnalysisExplanation(type(self).__name__, span.score, textual_explanation=span.reason),
            )
            for span in names.find_names(nlp_artifacts.tokens, self.supported_language)
        ]


def build(language: str, extra_context: dict[str, list[str]] | None = None) -> list[EntityRecognizer]:
    """Every recognizer postguard uses for ``language``, with that language's context words."""

    def words(entity: str) -> list[str]:
        own = CONTEXT[entity][language]
        return own + [w for w in (extra_context or {}).get(entity, []) if w not in own]

    return [
        OfflineEmailRecognizer(supported_language=language, context=words("EMAIL_ADDRESS")),
        PhoneRecognizer(
            supported_language=language, context=words("PHONE_NUMBER"), supported_regions=PHONE_REGIONS
        ),
        CreditCardRecognizer(supported_language=language, context=words("CREDIT_CARD")),
        IbanRecognizer(supported_language=language, context=words("IBAN_CODE")),
        PublicIpRecognizer(supported_language=language, context=words("IP_ADDRESS")),
        UrlRecognizer(supported_language=language, context=words("URL")),
        FodselsnummerRecognizer(language, words("NO_FODSELSNUMMER"), fodselsnummer),
        KontonummerRecognizer(language, words("NO_BANK_ACCOUNT"), kontonr),
        OrgnrRecognizer(language, words("NO_ORG_NUMBER"), orgnr),
        NameRecognizer(language),
    ]
