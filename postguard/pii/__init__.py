"""Private data: Presidio on the shared spaCy Doc, Norwegian identifiers and person names.

Everything here is imported lazily by the ``pii`` rule kind, so a policy without PII rules
never pays for Presidio; :mod:`.screen` decides, without Presidio or spaCy, which entities a
draft could hold at all. Nothing in this package downloads anything.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Detection:
    """One entity found in a draft, with the context word that supported it (if any) and why
    the recogniser took it (person names: the cue that decided)."""

    entity: str
    start: int
    end: int
    score: float
    context_word: str = ""
    reason: str = ""


#: Entities the ``pii`` kind knows, with a plain description for messages and docs.
ENTITIES: dict[str, str] = {
    "EMAIL_ADDRESS": "an e-mail address",
    "PHONE_NUMBER": "a phone number",
    "CREDIT_CARD": "a payment card number",
    "IBAN_CODE": "an IBAN bank account number",
    "IP_ADDRESS": "an IP address",
    "URL": "a web address",
    "PERSON": "a person's name",
    "NO_FODSELSNUMMER": "a Norwegian national identity number (fødselsnummer or D-nummer)",
    "NO_BANK_ACCOUNT": "a Norwegian bank account number (kontonummer)",
    "NO_ORG_NUMBER": "a Norwegian organisation number (organisasjonsnummer)",
}

#: Entities whose pattern plus checksum is weak evidence: reported only with a context word.
CONTEXT_REQUIRED = frozenset({"NO_BANK_ACCOUNT", "NO_ORG_NUMBER"})
#: The context window: how many keywords before and after a result may hold its context word.
CONTEXT_BEFORE, CONTEXT_AFTER = 5, 2
#: How a context word near a result raises its score (Presidio's defaults): score + boost, at least floor.
CONTEXT_BOOST, CONTEXT_FLOOR = 0.35, 0.4


def with_context(score: float) -> float:
    """A result's score once a context word (or evidence as strong) stands next to it."""
    return min(1.0, max(score + CONTEXT_BOOST, CONTEXT_FLOOR))


#: The highest score a recognizer gives before context; a checksum or a validated address gives 1.
TOP_SCORE: dict[str, float] = {"PHONE_NUMBER": 0.4, "IP_ADDRESS": 0.6}

#: Inflection endings (en and nb) a context word may carry and still count as the same whole word.
SUFFIXES = frozenset(
    {"", "s", "es", "ed", "ing", "'s", "’s", "e", "en", "et", "a", "er", "ene", "ens", "ets", "t"}
)
#: Context words per entity and language: whole words, matched with inflections.
CONTEXT: dict[str, dict[str, list[str]]] = {
    "EMAIL_ADDRESS": {
        "en": ["email", "e-mail", "mail", "contact", "reach", "write", "ping"],
        "nb": ["e-post", "epost", "e-postadresse", "mail", "e-mail", "kontakt", "skriv", "send"],
    },
    "PHONE_NUMBER": {
        "en": ["phone", "telephone", "call", "mobile", "cell", "cellphone", "tel", "text", "sms", "whatsapp"],
        "nb": [
            *("telefon", "tlf", "mobil", "mobilnummer", "telefonnummer", "privatnummer", "ring", "ringe"),
            *("nummer", "sms"),
        ],
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

#: What a finding of a person with a private matter found ("Kari Hansen ble oppsagt", "she lives
#: at Storgata 12B"): redaction replaces it whole, so it is not labelled a name.
PRIVATE_MATTER = "PRIVATE_MATTER"

#: Short labels for ``redact --operator replace`` (``<EMAIL>``).
LABELS: dict[str, str] = {
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CARD",
    "IBAN_CODE": "IBAN",
    "IP_ADDRESS": "IP",
    "URL": "URL",
    "PERSON": "PERSON",
    "NO_FODSELSNUMMER": "FODSELSNUMMER",
    "NO_BANK_ACCOUNT": "KONTONUMMER",
    "NO_ORG_NUMBER": "ORGNR",
    PRIVATE_MATTER: "PRIVATE",
}
