"""Values that look like credentials but are never reported: the shipped allow-list.

Three parts, each documented in docs/pii.md:

- :data:`DOCUMENTED_VALUES`: sample keys and test values that providers print in their own
  documentation (AWS's ``...EXAMPLE`` keys, Stripe's test keys and test cards, jwt.io's token).
- :data:`PLACEHOLDER_RE`: how people write a stand-in (``xxxx``, ``<your-token>``, ``${TOKEN}``,
  ``my-bot-token``, ``changeme``, ``abcdef...``/``123456...`` runs).
- :data:`DOCUMENTATION_HOST_RE`: a value inside a link or address that is reserved for
  documentation (``example.com``, ``.test``, RFC 5737 and RFC 3849 addresses) is a stub.
"""

from __future__ import annotations

import re

DOCUMENTED_VALUES = frozenset(
    {
        # AWS: the access key pair in every AWS guide.
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        # Stripe: the test keys in its API reference, and its test card numbers.
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
        "pk_test_TYooMQauvdEDq54NiTphI7jx",
        "4242424242424242",
        "4000056655665556",
        "5555555555554444",
        "378282246310005",
        # jwt.io: the token its debugger opens with.
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0Ijo"
        "xNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    }
)

PLACEHOLDER_RE = re.compile(
    r"(?i)x{4,}|\*{3,}|\.{3}|<[^>]*>|\$\{|\{\{|example|sample|dummy|placeholder|changeme|your[_-]|"
    r"redacted|[_-]here\b|(?-i:^my[A-Z_-])|^(?:process\.env|os\.environ|env\.|secrets\.)|(.)\1{5,}|"
    r"abcdef|bcdefg|123456|234567|345678|456789|567890"
)

DOCUMENTATION_HOST_RE = re.compile(
    r"(?i)\bexample\.(?:com|org|net)\b|\.(?:example|test|invalid)\b|"
    r"\b(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d|\b2001:db8:"
)


def is_placeholder(value: str) -> bool:
    """A documented sample value or a stand-in someone typed instead of a real key."""
    return value in DOCUMENTED_VALUES or PLACEHOLDER_RE.search(value) is not None
