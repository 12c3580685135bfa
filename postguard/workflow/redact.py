"""Redaction: a copy of a draft with its PII and secrets replaced (presidio-anonymizer operators).

The spans come from the policy's own ``pii`` and ``secret`` findings, so what ``check``
reports is exactly what ``redact`` replaces. Writing in place is atomic: the new text goes
to a temporary file beside the original, the original is copied to a backup, and only then
does ``os.replace`` swap the new file in. A failure at any step leaves the original intact.
"""

from __future__ import annotations

from postguard.engine import Linter
from postguard.errors import PostguardError
from postguard.model import REDACT_OPERATORS as OPERATORS
from postguard.model import SENSITIVE_CATEGORIES, Result
from postguard.policy.hashing import DEFAULT_KEY_ENV, Hasher, load_key


def redact_text(result: Result, operator: str = OPERATORS[0], *, key_env: str = DEFAULT_KEY_ENV) -> str:
    """The draft of ``result`` with every sensitive finding replaced by ``operator``.

    ``replace`` writes ``<EMAIL>``, ``<PHONE>``...; ``mask`` keeps separators and hides the
    characters with ``*``; ``hash`` writes an HMAC-SHA256 with the secret key in ``key_env``
    (the same value always gives the same digest, so a redacted text can still show that two
    mentions are one person). The digest is keyed because private values are few: an 8-digit
    phone number is found from a plain SHA-256 by trying them all in seconds. Without a key,
    ``hash`` refuses (HashKeyError) rather than write something reversible.
    """
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

    from postguard.pii import LABELS

    if operator not in OPERATORS:
        raise PostguardError(
            f"unknown redaction operator {operator!r}; expected one of {', '.join(OPERATORS)}"
        )
    hasher = load_key(key_env) if operator == "hash" else None
    spans = _spans(result)
    if not spans:
        return result.text
    analyzer_results = [RecognizerResult(entity, start, end, 1.0) for start, end, entity in spans]
    operators = {}
    for _start, _end, entity in spans:
        if operator == "replace":
            config = OperatorConfig("replace", {"new_value": f"<{LABELS.get(entity, entity)}>"})
        elif operator == "mask":
            config = OperatorConfig("custom", {"lambda": _mask})
        else:
            assert hasher is not None
            config = OperatorConfig("custom", {"lambda": _keyed_digest(hasher)})
        operators[entity] = config
    return AnonymizerEngine().anonymize(result.text, analyzer_results, operators).text


def _mask(value: str) -> str:
    return "".join("*" if ch.isalnum() else ch for ch in value)


def _keyed_digest(hasher: Hasher):
    def digest(value: str) -> str:
        return hasher.digest(value).hex()

    return digest


def _spans(result: Result) -> list[tuple[int, int, str]]:
    """Sensitive findings as non-overlapping spans (the longest wins where two overlap)."""
    found = sorted(
        (
            (f.start, f.end, f.entity or f.category.upper())
            for f in result.findings
            if f.category in SENSITIVE_CATEGORIES
        ),
        key=lambda s: (s[0], -s[1]),
    )
    merged: list[tuple[int, int, str]] = []
    for start, end, entity in found:
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end, merged[-1][2])
            continue
        merged.append((start, end, entity))
    return merged


def redact_file(
    linter: Linter,
    path: str,
    *,
    operator: str = OPERATORS[0],
    format: str | None = None,
    lang: str | None = None,
    max_bytes: int | None = None,
) -> tuple[str, int]:
    """The redacted text of the file at ``path`` and how many spans were replaced."""
    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    return redact_result(linter.check_file(path, format=format, lang=lang, **kwargs), operator)


def redact_result(result: Result, operator: str = OPERATORS[0]) -> tuple[str, int]:
    """The redacted text of a checked draft and how many spans were replaced."""
    return redact_text(result, operator), len(_spans(result))
