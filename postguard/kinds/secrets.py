"""``secrets``: API keys, tokens, private keys and passwords pasted into a post.

Two kinds of evidence: provider formats that are unambiguous by themselves (``ghp_...``,
``sk_live_...``, ``AKIA...``, key blocks), and a value assigned to a word like ``password``
or ``api_key`` that looks random (Shannon entropy per character). Values that are plainly
placeholders (``xxxx``, ``<your-token>``, ``${TOKEN}``, ``...EXAMPLE``) are ignored.
Secrets are looked for everywhere, code blocks included: that is where they get pasted.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from postguard.analysis import Analysis
from postguard.kinds import Hit
from postguard.policy import Policy, Rule


@dataclass(frozen=True, slots=True)
class Detector:
    label: str
    regex: re.Pattern[str]
    group: int = 0
    entropy: bool = False  # the value must also look random
    body: bool = False  # a block: needs key material after its header, placeholders aside
    needles: tuple[str, ...] = ()  # text every match contains: without them the regex cannot match

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if all(needle in text for needle in self.needles):
            yield from self.regex.finditer(text)


_LEADING_BOUNDARY_RE = re.compile(r"\\b(\[[^\]]*\]|\w)")


def _d(
    label: str,
    pattern: str,
    group: int = 0,
    entropy: bool = False,
    body: bool = False,
    needles: tuple[str, ...] = (),
) -> Detector:
    """A detector. A leading ``\\b`` before a letter (or a class of letters) is checked as a
    lookbehind after that letter: the same matches, but the regex engine jumps from letter to
    letter instead of testing a word boundary at every position (about 30x faster)."""
    lead = _LEADING_BOUNDARY_RE.match(pattern)
    if lead:
        pattern = rf"{lead[1]}(?<=\b{lead[1]}){pattern[lead.end() :]}"
    return Detector(label, re.compile(pattern), group, entropy, body, needles)


_KEYWORDS = (
    r"(?:api[_-]?key|apikey|secret(?:[_-]?key)?|client[_-]?secret|access[_-]?key|auth[_-]?token|"
    r"access[_-]?token|token|passw(?:or)?d|passwd|pwd|passord|nøkkel|hemmelighet)"
)

#: name -> detector. Provider formats first; ``keyword`` and ``url-password`` need entropy too.
DETECTORS: dict[str, Detector] = {
    "aws-access-key": _d("AWS access key ID", r"\bA(?:KIA|SIA|BIA|CCA)[0-9A-Z]{16}\b"),
    "aws-secret-key": _d(
        "AWS secret access key",
        r"(?i)aws_?secret_?access_?key\W{0,3}[:=]\W{0,2}([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
        1,
    ),
    "github-token": _d("GitHub token", r"\bg(?:h[pousr]_[A-Za-z0-9]{36}|ithub_pat_[A-Za-z0-9_]{60,90})\b"),
    "gitlab-token": _d("GitLab token", r"\bgl(?:pat|dt|rt|ptt|cbt)-[A-Za-z0-9_-]{20,}"),
    "stripe-key": _d("Stripe secret key", r"\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}\b"),
    "slack-token": _d("Slack token", r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    "slack-webhook": _d(
        "Slack webhook URL", r"https://hooks\.slack\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{16,}"
    ),
    "google-api-key": _d("Google API key", r"\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"),
    "openai-key": _d(
        "OpenAI API key", r"\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}"
    ),
    "anthropic-key": _d("Anthropic API key", r"\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}"),
    "sendgrid-key": _d("SendGrid API key", r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b"),
    "npm-token": _d("npm token", r"\bnpm_[A-Za-z0-9]{36}\b"),
    "pypi-token": _d("PyPI token", r"\bpypi-AgE[A-Za-z0-9_-]{50,}"),
    "azure-storage-key": _d("Azure storage account key", r"AccountKey=([A-Za-z0-9+/]{86}==)", 1),
    "private-key": _d(
        "private key",
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,8000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s]*)",
        body=True,
    ),
    "jwt": _d("JSON Web Token", r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),
    "url-password": _d(
        "password in a URL",
        r"\b[a-z][a-z0-9+.-]{1,20}://[^\s:@/'\"<>]{1,64}:([^\s:@/'\"<>]{6,128})@",
        1,
        True,
        needles=("://", "@"),
    ),
    "keyword": _d(
        "value assigned to a secret-sounding name",
        rf"(?i)(?<![A-Za-z0-9]){_KEYWORDS}[A-Za-z0-9_-]{{0,20}}[\"']?\s{{0,3}}(?:[:=]|:=|=>)\s{{0,3}}[\"'`]?([A-Za-z0-9/+_.~!@#$%^&*-]{{12,200}})",
        1,
        True,
    ),
}
PLACEHOLDER_RE = re.compile(
    r"(?i)x{4,}|\*{3,}|\.{3}|<[^>]*>|\$\{|\{\{|example|sample|dummy|placeholder|changeme|your[_-]|redacted|"
    r"^(?:process\.env|os\.environ|env\.|secrets\.)|(.)\1{5,}"
)
KEY_MATERIAL_RE = re.compile(r"-----\s+[A-Za-z0-9+/=]{20,}")
DEFAULT_MIN_ENTROPY = 3.5  # bits per character; English words score about 2.5-3.2
DEFAULT_MIN_LENGTH = 12


def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(value)
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def looks_random(value: str, min_entropy: float) -> bool:
    """High entropy and a mix of character kinds, like a generated key (not a word or a path)."""
    classes = sum(bool(re.search(p, value)) for p in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]"))
    return (
        classes >= 2 and entropy(value) >= min_entropy and not re.fullmatch(r"[a-z]+(?:[._-][a-z]+)*", value)
    )


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


class SecretsCheck:
    """Finds the rule's ``detectors`` (default: all).

    Options: ``detectors`` (names from :data:`DETECTORS`); ``min-entropy`` (bits per
    character for ``keyword`` and ``url-password``, default 3.5); ``min-length`` (default 12).
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

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        text = analysis.text  # the original: secrets hide in code, links and comments too
        for detector in self.detectors:
            for m in detector.finditer(text):
                value = m.group(detector.group)
                if detector.body:
                    if not KEY_MATERIAL_RE.search(value):
                        continue
                elif PLACEHOLDER_RE.search(value):
                    continue
                if detector.entropy and (
                    len(value) < self.min_length or not looks_random(value, self.min_entropy)
                ):
                    continue
                if not (detector.entropy or detector.body) and entropy(value) < 3.0:
                    continue
                start, end = m.span(detector.group)
                end = start + len(text[start:end].rstrip())
                yield Hit(start, end, {"near": detector.label, "entity": "SECRET"})
