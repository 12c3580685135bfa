"""The detectors of the ``secrets`` kind, as data: a label, a regex, the group that holds the
secret, the test its value must pass, and needles (text every match contains).

Value tests: ``format`` (a provider's own format: only placeholders and one-letter runs are
dropped), ``random`` (a generated-looking value: entropy and a mix of character kinds),
``password`` (what people choose as a password: letters with digits or symbols, so "password
reset" passes), ``code`` (the digits of a keypad: a door or alarm code) and ``block`` (a key
block must hold key material).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

ValueTest = Literal["format", "random", "password", "block", "code"]


@dataclass(frozen=True, slots=True)
class Detector:
    label: str
    regex: re.Pattern[str]
    group: int = 0
    test: ValueTest = "format"
    needles: tuple[str, ...] = ()  # text every match contains: without them the regex cannot match
    cues: tuple[str, ...] = ()  # lower-case words of which every match contains one

    def finditer(self, text: str, lowered: str) -> Iterator[re.Match[str]]:
        """The matches in ``text``; ``lowered`` is ``text.lower()``, for the cues."""
        if all(needle in text for needle in self.needles) and (
            not self.cues or any(cue in lowered for cue in self.cues)
        ):
            yield from self.regex.finditer(text)


_LEADING_BOUNDARY_RE = re.compile(r"\\b(\[[^\]]*\]|\w)")


def _d(
    label: str,
    pattern: str,
    group: int = 0,
    test: ValueTest = "format",
    needles: tuple[str, ...] = (),
    cues: tuple[str, ...] = (),
    first_letters: str = "",
) -> Detector:
    """A detector. A leading ``\\b`` before a letter (or a class of letters) is checked as a
    lookbehind after that letter: the same matches, but the regex engine jumps from letter to
    letter instead of testing a word boundary at every position (about 30x faster). For the
    same reason a case-blind pattern names the ``first_letters`` its matches can start with."""
    lead = _LEADING_BOUNDARY_RE.match(pattern)
    if lead:
        pattern = rf"{lead[1]}(?<=\b{lead[1]}){pattern[lead.end() :]}"
    if first_letters:
        flags = "(?i)" if pattern.startswith("(?i)") else ""
        pattern = rf"{flags}(?=[{first_letters.lower()}{first_letters.upper()}]){pattern[len(flags) :]}"
    return Detector(label, re.compile(pattern), group, test, needles, cues)


#: names a secret is assigned to in code and config (``stripeToken``, ``DB_PASSWORD``, ``api-key``)
_ASSIGNED_NAMES = (
    r"(?:api[_-]?(?:key|token)|apikey|secret(?:[_-]?key)?|access[_-]?key|token|passw(?:or)?d|passwd|"
    r"pwd|passphrase|passord|nøkkel|hemmelighet)"
)
_ASSIGNED_NAME_CUES = ("api", "secret", "access", "token", "pass", "pwd", "nøkkel", "hemmelig")
#: between the name and the value: a closing quote or bracket, a type (``var token string =``,
#: ``accessToken: String =``, ``key="ApiKey" value=``), then an operator, or the comma of
#: ``setProperty("TOKEN", "...")``
_ASSIGNMENT = (
    r"[\w.-]{0,20}?[\"'\]]{0,2}(?:\s{0,3}:?\s{0,3}[A-Za-z][\w.<>\[\]]{0,20})?\s{0,3}"
    r"(?:[:=]|:=|=>|\?=|\.=|\+=|,(?=\s{0,3}[\"']))\s{0,3}[\"'`]?"
)
#: a value: key characters, and ``&`` unless it starts the next query parameter (``&grant_type=``);
#: not the rest of a link (``token]: https://...``)
_VALUE = r"(?!//)(?:[A-Za-z0-9/+_.~!@#$%^*-]|&(?!\w+=))"
#: words for a key or token in running text, both languages
_KEY_WORDS = (
    r"(?:api[ _-]?(?:key|token)|api-nøkkel(?:en)?|nøkkel(?:en)?|hemmelighet(?:en)?|secret(?: key)?|"
    r"client secret|token(?:et)?|access key|bearer)"
)
#: words for a password in running text, both languages
_PASSWORD_WORDS = r"(?:passwords?|passwd|passphrase|passord(?:et|ene)?|pwd?|pass)"
#: how running text joins a word to its value: "is", "er" (maybe with "still", "fortsatt"...), a
#: colon or an equals sign
_PROSE_LINK = (
    r"(?:\s+(?:is|are|er|was|were|var|blir)(?:\s+(?:still|now|just|all|also|fortsatt|nå|bare|alle|også))?\s+"
    r"|\s*[:=]\s*)(?!//)"
)
#: what a keypad code guards, both languages: a door or alarm code, never an error or status code
_KEYPAD_THINGS = (
    r"(?:(?:back|front|side|main|staff)[ -]?)?(?:doors?|gates?|alarm|keypad|key ?box|lock ?box|entrance|entry|"
    r"garage|lockers?|padlock|storeroom|server[ -]room)"
)
_KEYPAD_THINGS_NB = (
    r"(?:bak|hoved|side|ytter)?(?:dør(?:a|en)?|port(?:en)?|alarm(?:en)?|nøkkelboks(?:en)?|inngang(?:en)?|"
    r"garasje(?:n)?|skap(?:et)?|lager(?:et)?|serverrom(?:met)?|kodelås(?:en)?|hengelås(?:en)?)"
)
#: "the door code", "dørkoden", or "the code to the back door", "koden til porten"
_KEYPAD_CODE = (
    rf"(?:{_KEYPAD_THINGS}[ -]?codes?|{_KEYPAD_THINGS_NB}[ -]?kode(?:n|ne)?|"
    rf"(?:codes?|kode(?:n|ne)?)\s+(?:(?:to|for|on|of|at|til|på|for|i|ved)\s+)?(?:the\s+)?"
    rf"(?:{_KEYPAD_THINGS}|{_KEYPAD_THINGS_NB}))\b"
)

#: name -> detector. Provider formats first, then the shapes that need their value tested.
DETECTORS: dict[str, Detector] = {
    "aws-access-key": _d("AWS access key ID", r"\bA(?:KIA|SIA|BIA|CCA|3T[A-Z0-9])[0-9A-Z]{16}\b"),
    "aws-secret-key": _d(
        "AWS secret access key",
        r"(?i)aws_?secret_?access_?key\W{0,3}[:=]\W{0,2}([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
        1,
        cues=("aws",),
    ),
    "github-token": _d("GitHub token", r"\bg(?:h[pousr]_[A-Za-z0-9]{36}|ithub_pat_[A-Za-z0-9_]{60,90})\b"),
    "gitlab-token": _d(
        "GitLab token",
        r"\b(?:gl(?:pat|dt|rt|ptt|cbt|soat|imt|agent|oas|ffct|ft)-[A-Za-z0-9_-]{20,}|GR1348941[A-Za-z0-9_-]{20,})",
    ),
    "stripe-key": _d(
        "Stripe secret key", r"\b(?:[rs]k_(?:live|test|prod)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{32,})\b"
    ),
    "slack-token": _d(
        "Slack token",
        r"\bx(?:ox(?:[abposrc]|e(?:\.xox[bp])?)-\d+-[A-Za-z0-9-]{10,}|app-\d-[A-Z0-9]+-\d+-[A-Za-z0-9]{20,})",
    ),
    "slack-webhook": _d(
        "Slack webhook URL",
        r"(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Z0-9]{8,}/[A-Za-z0-9/]+/[A-Za-z0-9]{16,}",
        needles=("hooks.slack.com",),
    ),
    "google-api-key": _d("Google API key", r"\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"),
    "google-oauth-secret": _d("Google OAuth client secret", r"\bGOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])"),
    "openai-key": _d(
        "OpenAI API key",
        r"\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{80,}|[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,})",
    ),
    "anthropic-key": _d("Anthropic API key", r"\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}"),
    "sendgrid-key": _d("SendGrid API key", r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b"),
    "npm-token": _d("npm token", r"\bnpm_[A-Za-z0-9]{36}\b"),
    "pypi-token": _d("PyPI token", r"\bpypi-AgE[A-Za-z0-9_-]{50,}"),
    "azure-storage-key": _d("Azure storage account key", r"AccountKey=([A-Za-z0-9+/]{86}==)", 1),
    "private-key": _d(
        "private key",
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,8000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s]*)",
        test="block",
    ),
    # signed (three parts) or unsigned ("alg": "none": an empty or missing third part)
    "jwt": _d(
        "JSON Web Token",
        r"\be(?:yJ|yA|w[0o])[A-Za-z0-9_-]{10,}\.e(?:yJ|yA|w[0o])[A-Za-z0-9_-]{10,}(?:\.[A-Za-z0-9_-]*)?",
    ),
    "url-password": _d(
        "password in a URL",
        r"\b[a-z][a-z0-9+.-]{1,20}://[^\s:@/'\"<>]{0,64}:([^\s:@/'\"<>]{6,128})@",
        1,
        "random",
        needles=("://", "@"),
    ),
    "connection-string": _d(
        "password in a connection string",
        r"(?i);\s?(?:password|pwd)\s?=\s?([^;\s\"']{4,128})",
        1,
        "password",
        needles=(";", "="),
        cues=("password", "pwd"),
    ),
    "xml-element": _d(
        "secret in an XML element",
        rf"(?i)<([\w.:-]{{0,20}}{_ASSIGNED_NAMES})>\s*([^<\s]{{8,200}})\s*</\1>",
        2,
        "password",
        needles=("</",),
        cues=_ASSIGNED_NAME_CUES,
    ),
    "keyword": _d(
        "value assigned to a secret-sounding name",
        rf"(?i){_ASSIGNED_NAMES}{_ASSIGNMENT}({_VALUE}{{12,200}})",
        1,
        "random",
        cues=_ASSIGNED_NAME_CUES,
        first_letters="astpnh",
    ),
    "key-in-prose": _d(
        "key or token in running text",
        rf"(?i)\b{_KEY_WORDS}(?:{_PROSE_LINK}|\s+(?!//))[`\"']?([A-Za-z0-9/+_.~-]{{16,200}})",
        1,
        "random",
        cues=("api", "nøkkel", "hemmelig", "secret", "token", "access key", "bearer"),
        first_letters="anhsctb",
    ),
    "password-in-prose": _d(
        "password in running text",
        rf"(?i)\b{_PASSWORD_WORDS}\b(?:\s+[\w-]{{1,20}}){{0,4}}?{_PROSE_LINK}[`\"']?(\S{{8,64}})",
        1,
        "password",
        cues=("pass", "pw"),
        first_letters="p",
    ),
    "access-code": _d(
        "door or alarm code",
        rf"(?i)\b{_KEYPAD_CODE}(?:\s+[\w-]{{1,20}}){{0,4}}?{_PROSE_LINK}(\d{{4,8}}[#*]?)(?!\d|[.,]\d)",
        1,
        "code",
        cues=("code", "kode"),
    ),
    "login-pair": _d(
        "user name / password pair",
        r"(?i)\b(?:login|brukernavn|username|bruker|user)\b(?:\s+(?:is|er)\s+|\s*[:=]\s*|\s+)[\w.@-]{1,40} ?/ ?(\S{6,64})",
        1,
        "password",
        needles=("/",),
        cues=("login", "bruker", "user"),
        first_letters="lbu",
    ),
}

MIN_FORMAT_ENTROPY = 3.0  # bits per character: below it a provider-shaped value is a pattern someone typed
_TRAILING_PUNCTUATION = ".,;:)]}\"'`"
_SYMBOL_RE = re.compile(r"[^\w.\-\s]")
_WORDS_RE = re.compile(r"[a-z]+(?:[._-][a-z]+)*|[A-Za-z][a-z]+(?:[A-Z][a-z]+)+")
_NUMBERISH_RE = re.compile(r"v?[\d.,:/-]+")


def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(value)
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def character_kinds(value: str) -> int:
    """How many of lower case, upper case, digits and symbols the value mixes."""
    return (
        any(c.islower() for c in value)
        + any(c.isupper() for c in value)
        + any(c.isdigit() for c in value)
        + any(not c.isalnum() for c in value)
    )


def looks_random(value: str, min_entropy: float) -> bool:
    """High entropy and a mix of character kinds, like a generated key (not a word, a path or
    a camelCase name)."""
    return character_kinds(value) >= 2 and entropy(value) >= min_entropy and not _WORDS_RE.fullmatch(value)


def looks_like_password(value: str) -> bool:
    """A chosen password: letters with digits or symbols ("Winter#2026", "Sol123sommer"), not a
    word ("reset"), a number, a date or a version. Generated-looking values pass too."""
    if not 8 <= len(value) <= 64 or _NUMBERISH_RE.fullmatch(value) or "://" in value:
        return False
    has_letter = any(c.isalpha() for c in value)
    has_digit = any(c.isdigit() for c in value)
    has_symbol = _SYMBOL_RE.search(value) is not None
    if not has_letter or not (has_digit or has_symbol):
        return False
    return character_kinds(value) >= 3 or (has_digit and len(value) >= 10)


def trim(value: str) -> str:
    """A value in running text without the punctuation that ends its sentence."""
    return value.rstrip(_TRAILING_PUNCTUATION)
