"""Private data: Presidio on the shared spaCy Doc, Norwegian identifiers and person names.

Everything here is imported lazily by the ``pii`` rule kind, so a policy without PII rules
never pays for Presidio. Nothing in this package downloads anything.
"""

from __future__ import annotations

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
}
