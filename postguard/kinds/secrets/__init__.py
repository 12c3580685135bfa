"""``secrets``: API keys, tokens, private keys and passwords pasted into a post.

Two kinds of evidence: provider formats that are unambiguous by themselves (``ghp_...``,
``sk_live_...``, ``AKIA...``, key blocks), and a value given to a word like ``password``,
``api_key`` or ``passordet`` (in code, config, connection strings or running text) that looks
generated or chosen as a password. The shipped allow-list (:mod:`.allowlist`) drops documented
sample values, placeholders and stubs on documentation hosts. Secrets are looked for
everywhere, code blocks included: that is where they get pasted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from postguard.analysis import Analysis
from postguard.kinds import Hit
from postguard.kinds.secrets.allowlist import DOCUMENTATION_HOST_RE, is_placeholder
from postguard.kinds.secrets.detectors import (
    DETECTORS,
    MIN_FORMAT_ENTROPY,
    Detector,
    entropy,
    looks_like_password,
    looks_random,
    trim,
)
from postguard.policy import Policy, Rule

__all__ = ["DETECTORS", "Detector", "SecretsCheck", "SecretsOptions"]

KEY_MATERIAL_RE = re.compile(r"-----\s*[A-Za-z0-9+/=]{20,}")
_WHITESPACE_RE = re.compile(r"\s")
DEFAULT_MIN_ENTROPY = 3.5  # bits per character; English words score about 2.5-3.2
DEFAULT_MIN_LENGTH = 12


@dataclass(frozen=True, slots=True)
class SecretsOptions:
    """The detectors to run, and how random a keyword's value must look."""

    detectors: tuple[Detector, ...]
    min_entropy: float
    min_length: int


def _number(rule: Rule, key: str, default: float, low: float, high: float) -> float:
    value = rule.options.get(key, default)
    if not isinstance(value, int | float) or isinstance(value, bool) or not low <= value <= high:
        raise rule.error(f"'{key}' must be a number from {low:g} to {high:g}", key)
    return float(value)


def _on_documentation_host(text: str, start: int, end: int) -> bool:
    """The value sits in a link or address reserved for documentation (a test stub)."""
    before = _WHITESPACE_RE.split(text[max(0, start - 200) : start])[-1]
    after = _WHITESPACE_RE.split(text[end : end + 200], maxsplit=1)[0]
    return DOCUMENTATION_HOST_RE.search(before + text[start:end] + after) is not None


class SecretsCheck:
    """Finds the rule's ``detectors`` (default: all).

    Options: ``detectors`` (names from :data:`DETECTORS`); ``min-entropy`` (bits per
    character for generated-looking values, default 3.5); ``min-length`` (default 12).
    """

    OPTIONS = frozenset({"detectors", "min-entropy", "min-length"})

    @classmethod
    def parse(cls, rule: Rule, policy: Policy) -> SecretsOptions:
        names = rule.options.get("detectors", list(DETECTORS))
        if isinstance(names, str):
            names = [names]
        if not isinstance(names, list) or not names:
            raise rule.error("'detectors' must be a list of detector names", "detectors")
        for name in names:
            if name not in DETECTORS:
                raise rule.error(f"unknown detector {name!r}; known: {', '.join(DETECTORS)}", "detectors")
        return SecretsOptions(
            tuple(DETECTORS[n] for n in names),
            _number(rule, "min-entropy", DEFAULT_MIN_ENTROPY, 0, 8),
            int(_number(rule, "min-length", DEFAULT_MIN_LENGTH, 1, 1000)),
        )

    def __init__(self, rule: Rule, options: SecretsOptions) -> None:
        self.rule = rule
        self.detectors = options.detectors
        self.min_entropy = options.min_entropy
        self.min_length = options.min_length

    def _passes(self, detector: Detector, value: str) -> bool:
        if detector.test == "block":
            return KEY_MATERIAL_RE.search(value) is not None
        if is_placeholder(value):
            return False
        if detector.test == "random":
            return len(value) >= self.min_length and looks_random(value, self.min_entropy)
        if detector.test == "code":
            return True  # the detector's own regex takes only a keypad's digits
        if detector.test == "password":
            return looks_like_password(value) or looks_random(value, self.min_entropy)
        return entropy(value) >= MIN_FORMAT_ENTROPY

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        text = analysis.text  # the original: secrets hide in code, links and comments too
        lowered = text.lower()
        found: list[tuple[int, int]] = []
        for detector in self.detectors:
            for m in detector.finditer(text, lowered):
                start = m.start(detector.group)
                value = m.group(detector.group)
                value = value.rstrip() if detector.test == "block" else trim(value)
                end = start + len(value)
                if not self._passes(detector, value) or _on_documentation_host(text, start, end):
                    continue
                if any(start < seen_end and seen_start < end for seen_start, seen_end in found):
                    continue  # two detectors of one rule on the same value: one finding
                found.append((start, end))
                yield Hit(start, end, {"near": detector.label, "entity": "SECRET"})
