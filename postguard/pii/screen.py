"""Screening: could a rule report this entity in this draft? Answered without Presidio or spaCy.

Importing Presidio and spaCy, building a draft's Doc and running the recognizers cost more
than every other rule together, and most posts hold no private data. Each test here is a
necessary condition for Presidio's result, never a guess: it looks for the evidence the
recognizer itself needs (an ``@`` before a personal mail domain, a number the phone matcher
accepts, a Norwegian number with a valid checksum...) and, when the rule's minimum score can
only be reached with a context word, for one of those words in a window around the result
that holds Presidio's own context window. A draft that passes goes through Presidio; one that
fails could not have given a finding.

The knowledge both sides share (patterns, validators, noise) lives here, so the screen and the
recognizers cannot drift apart.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import ipaddress
import re
from collections.abc import Callable, Iterable

import regex

from postguard.analysis import Analysis
from postguard.parsers.document import Spans
from postguard.pii import CONTEXT, CONTEXT_REQUIRED, SUFFIXES, TOP_SCORE, with_context

PHONE_REGIONS = ("NO", "SE", "DK", "GB", "US", "DE")
#: Dates the phone matcher accepts as numbers ("2013-11-26"): never reported as phone numbers.
DATE_RE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
#: Presidio's pattern flags (pattern recognizers use the ``regex`` module).
FLAGS = regex.DOTALL | regex.MULTILINE | regex.IGNORECASE

# --- e-mail ----------------------------------------------------------------------------------

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
        "conduct", "board", "core", "maintainers", "reach", "interop", "foundation", "utvikler",
        "utviklere", "developers", "redaksjon", "tips", "faktura", "invoice", "billing", "bestilling",
    }
)  # fmt: skip
#: Words that stand for an address rather than being one: a mailbox made of them only
#: (``navn``, ``fornavn.etternavn``, ``your.name``, ``din``) is a placeholder in an example or form.
PLACEHOLDER_WORDS = frozenset(
    {
        "name", "navn", "firstname", "lastname", "first", "last", "fornavn", "etternavn", "your",
        "yourname", "din", "ditt", "dittnavn", "user", "username", "bruker", "brukernavn", "someone",
        "somebody", "noen", "email", "epost", "mail", "address", "adresse", "foo", "bar", "baz",
    }
)  # fmt: skip
#: Registrable domain names that stand for a domain (``domene.no``, ``yourdomain.com``).
PLACEHOLDER_DOMAINS = frozenset({"domain", "domene", "yourdomain", "dittdomene", "mydomain", "mittdomene"})
#: Mailing-list hosts: an address there is a list, not a person.
LIST_DOMAINS = frozenset({"googlegroups.com", "groups.google.com", "groups.io", "lists.sourceforge.net"})
_ROLE_SPLIT_RE = regex.compile(r"[-._+]")
#: The longest domain name (RFC 1035), and one character to tell a longer run from it.
MAX_DOMAIN = 254
#: The domain part of Presidio's e-mail pattern: after an "@" it always matches the same text.
_DOMAIN_RE = regex.compile(r"\w+(?:-+\w+)*(?:\.\w+(?:-+\w+)*)+\b", FLAGS)
_LOCAL_END_RE = regex.compile(r"[\w!#$%&'*+\-/=?^_`{|}~]", FLAGS)
_WORD_CHAR_RE = regex.compile(r"\w", FLAGS)


@functools.cache
def _tld_extract():
    """tldextract with its bundled Public Suffix List snapshot: no fetch, no cache files."""
    import tldextract

    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


def mail_domain(domain: str) -> bool:
    """A domain that can receive mail (it ends in a public suffix; ``golang.org/x@v1.2`` does not)."""
    parts = _tld_extract()(domain)
    return parts.suffix != "" and parts.domain != ""


def shared_domain(domain: str) -> bool:
    """Example domains and mailing-list hosts: addresses there are not a person's (lower case)."""
    return (
        domain in LIST_DOMAINS
        or domain.startswith(("lists.", "list."))
        or domain in _EXAMPLE_DOMAINS
        or domain.endswith(tuple("." + d for d in _EXAMPLE_DOMAINS))
        or domain.endswith(_EXAMPLE_SUFFIXES)
    )


def role_mailbox(local: str) -> bool:
    """``press``, ``go-nuts``, ``no_reply``: a part of the mailbox name is a role word (lower case)."""
    return bool(ROLE_WORDS & set(_ROLE_SPLIT_RE.split(local)))


def placeholder_address(local: str, domain: str) -> bool:
    """``fornavn.etternavn@firma.no``, ``din@epost.no``, ``ola@domene.no``: every part of the
    mailbox is a placeholder word, or the domain's name is one (lower case)."""
    return (
        set(_ROLE_SPLIT_RE.split(local)) <= PLACEHOLDER_WORDS
        or _tld_extract()(domain).domain in PLACEHOLDER_DOMAINS
    )


def _personal_email(view: str) -> bool:
    """An ``@`` that Presidio's e-mail pattern could match with a personal address around it.

    The domain after an ``@`` is the same whatever the mailbox before it, and the mailbox
    always contains the whole run of word characters before the ``@``: a role word there (or
    in the run's first part, when nothing can precede it) makes every possible match a role
    address.
    """
    at = view.find("@")
    while at != -1:
        # On a slice: the regex module's match(view, pos) reads the whole view on every call, and
        # a draft of many "@" took minutes. A domain name is at most 253 characters.
        domain = _DOMAIN_RE.match(view[at + 1 : at + 1 + MAX_DOMAIN])
        if at > 0 and _LOCAL_END_RE.match(view[at - 1]) and domain:
            name = domain.group()
            if mail_domain(name) and not shared_domain(name.lower()) and not _role_run(view, at):
                return True
        at = view.find("@", at + 1)
    return False


def _role_run(view: str, at: int) -> bool:
    start = at
    while start > 0 and _WORD_CHAR_RE.match(view[start - 1]):
        start -= 1
    parts = view[start:at].lower().split("_")
    before = view[start - 1 : start]
    if before and before not in "-.+" and _LOCAL_END_RE.match(before):
        parts = parts[1:]  # "a#press@": the first part may continue a longer mailbox part
    return bool(ROLE_WORDS & set(parts))


# --- IP addresses ----------------------------------------------------------------------------


def public_ip(text: str) -> bool:
    """An address that can point at someone: not loopback, private or documentation ranges."""
    try:
        return ipaddress.ip_interface(text).ip.is_global
    except ValueError:
        return False


#: Dot-separated runs of digits: every IPv4 match is four whole runs of one of them.
_DOTTED_RE = regex.compile(r"(?<!\d)\d++(?:\.\d++){3,}+")
#: Presidio's IPv6 patterns match a whole run of hex digits and colons (nothing before it, no
#: word character after it, a colon within its first five characters), with an optional zone
#: or prefix length.
_IPV6_RUN_RE = regex.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:]*+(?!\w)")


def _public_ip(view: str) -> bool:
    for m in _DOTTED_RE.finditer(view):
        before = view[m.start() - 1 : m.start()]
        if before == ":":
            return True  # an IPv4 address inside an IPv6 one ("::ffff:8.8.8.8"): let Presidio judge
        runs = m.group().split(".")
        first = 1 if before and _WORD_CHAR_RE.match(before) else 0  # no word boundary before run 0
        if any(public_ip(".".join(runs[i : i + 4])) for i in range(first, len(runs) - 3)):
            return True
    return any(public_ip(m.group()) for m in _IPV6_RUN_RE.finditer(view))


# --- numbers ---------------------------------------------------------------------------------

#: Norwegian identifiers: pattern, score, python-stdnum validator module.
NORWEGIAN_IDS: dict[str, tuple[str, float, str]] = {
    # Fødselsnummer and D-nummer: 11 digits, a birth date and two mod-11 check digits, as people
    # write them: "15076500565", "150765 00565", "150765-00565", "15 07 65 005 65", "15.07.65 00565".
    "NO_FODSELSNUMMER": (
        r"(?<![\d.,-])(?:\d{6}[ -]?\d{5}|\d{2}([ .])\d{2}\1\d{2}[ -]?\d{3}[ ]?\d{2})(?![\d-]|[.,]\d)",
        0.6,
        "stdnum.no.fodselsnummer",
    ),
    # Kontonummer: 11 digits (1234.56.78903, 1234 56 78903, 1234-56-78903) with one mod-11 check
    # digit: needs context.
    "NO_BANK_ACCOUNT": (r"(?<![\d.,-])\d{4}([. -]?)\d{2}\1\d{5}(?![\d-]|[.,]\d)", 0.3, "stdnum.no.kontonr"),
    # Organisasjonsnummer: 9 digits with one mod-11 check digit: needs context, unless written as
    # in the VAT register ("974760673MVA", "NO 974 760 673 MVA"), the form matched whole.
    "NO_ORG_NUMBER": (
        r"(?:(?<![\w.,-])(?-i:NO) ?|(?<![\d.,-]))\d{3}([ ]?)\d{3}\1\d{3}(?: ?MVA(?!\w))?(?![\d-]|[.,]\d)",
        0.3,
        "stdnum.no.orgnr",
    ),
}
#: How an identifier's written form can say what it is (then no context word is needed).
_ID_EVIDENCE: dict[str, re.Pattern[str]] = {"NO_ORG_NUMBER": re.compile(r"MVA$", re.IGNORECASE)}


def id_evidence(entity: str, written: str) -> str:
    """The part of a Norwegian identifier's written form that says what it is ("MVA"), or ""."""
    pattern = _ID_EVIDENCE.get(entity)
    found = pattern.search(written) if pattern else None
    return found.group() if found else ""


_NOT_DIGIT_RE = re.compile(r"\D")


@functools.cache
def validator(entity: str):
    """The python-stdnum module that checks ``entity``'s checksum."""
    return importlib.import_module(NORWEGIAN_IDS[entity][2])


def _checksummed(entity: str) -> Callable[[str], list[tuple[int, int]]]:
    """A Norwegian identifier's results: the recognizer's own pattern and checksum."""
    pattern = regex.compile(NORWEGIAN_IDS[entity][0], FLAGS)

    def spans(view: str) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(view) if valid_id(entity, m.group())]

    return spans


def valid_id(entity: str, written: str) -> bool:
    """Whether a Norwegian identifier as written ("15.07.65 00565") passes its checksum: its
    digits are checked, whatever separates them (python-stdnum strips only some separators)."""
    return bool(validator(entity).is_valid(_NOT_DIGIT_RE.sub("", written)))


_WEB_SCHEMES = ("http://", "https://", "www.")


def web_addresses(analysis: Analysis) -> Spans:
    """The draft's web addresses (``http(s)://``, ``www.``): digits in them are paths, issue
    and comment numbers ("issues/16477", "issuecomment-3438476150"), never phone numbers.
    Other links stay in: a ``tel:`` link holds a real number."""

    def compute() -> Spans:
        document = analysis.document
        return Spans(
            (s.start, s.end)
            for s in document.segments
            if s.scope == "urls" and document.text[s.start : s.start + 8].lower().startswith(_WEB_SCHEMES)
        )

    return analysis.memo("pii.web-addresses", compute)


# --- phone numbers ---------------------------------------------------------------------------

#: How far before (and after) a number its cue, an ID word or a contact line's e-mail address is
#: looked for, on the number's own line.
PHONE_LOOKBACK = 80
#: Words before a number that make it a phone number with no context word needed: whose number it
#: is, how to reach someone, where to send money with Vipps, a contact and their name.
_PHONE_CUE = (
    r"(?:my|his|her|their|our)\s+(?:\w+\s+){0,2}number"
    r"|(?:can\s+be\s+)?reach(?:ed)?(?:\s+(?:me|him|her|them|us))?\s+(?:at|on)"
    r"|text\s+(?:me|him|her|us)(?:\s+(?:at|on))?"
    r"|nummeret\s+(?:mitt|hans|hennes|vårt|deres|til\s+\w+)"
    r"|(?:mitt|hans|hennes|vårt|deres)\s+(?:\w+\s+)?nummer"
    r"|(?:mobil|privat|jobb|direkte)nummer(?:et)?(?:\s+(?:mitt|hans|hennes|vårt|til\s+\w+))?"
    r"|vipps(?:e|er)?(?:\s+(?:til|meg|oss|på))?"
    r"|nås\s+på|treffes\s+på"
    r"|(?:contact|kontakt)(?:person)?(?:\s+(?:me|us|meg|oss))?(?:\s+(?:at|on|på))?"
    r"(?-i:(?:\s*:)?(?:\s+[A-ZÆØÅ][\w-]+){0,3}\s*,)?"
)
#: A cue, then at most a verb or a colon, right before the number.
_PHONE_CUE_RE = re.compile(
    rf"(?<![^\W\d_])(?:{_PHONE_CUE})[\s:]*(?:(?:is|er|at|on|på|til|:)\b[\s:]*)?[(]?$", re.IGNORECASE
)
#: A contact line: an e-mail address beside the number, a list separator between them.
_MAIL_BEFORE_RE = re.compile(r"\S@[\w-]+(?:\.[\w-]+)+\s*[,;|/·]\s*$")
_MAIL_AFTER_RE = re.compile(r"^\s*[,;|/·]\s*[^\s@]+@[\w-]+\.")
#: Words right before a number that make it an identifier: an issue, an order, a case.
_ID_BEFORE_RE = re.compile(
    r"(?:#|(?<![^\W\d_])(?:issue|issues|pr|pull|order|orders|invoice|ticket|case|id|ref|sak|saksnummer|ordre|"
    r"ordrenummer|faktura|fakturanummer|kundenummer|referanse)\b[\s.:#-]*(?:n(?:umbe)?r\.?|nummer)?[\s.:#-]*)$",
    re.IGNORECASE,
)
#: The score of a number with strong evidence: what a context word gives a phone number.
PHONE_EVIDENCE_SCORE = with_context(TOP_SCORE["PHONE_NUMBER"])
#: What a contact line is called where the evidence is named (the e-mail address itself is private).
CONTACT_LINE = "contact line"


def _line_before(view: str, start: int) -> str:
    lo = max(0, start - PHONE_LOOKBACK, view.rfind("\n", 0, start) + 1)
    return view[lo:start]


def _line_after(view: str, end: int) -> str:
    hi = view.find("\n", end, end + PHONE_LOOKBACK)
    return view[end : hi if hi != -1 else end + PHONE_LOOKBACK]


def phone_evidence(view: str, start: int, end: int, country_code: int) -> str:
    """Why the number ``view[start:end]`` is surely a phone number, or "" when nothing says so: its
    country code as written ("+47", "0047"), a cue before it ("reach me at", "nummeret mitt er",
    "vipps til", "Kontakt Kari Hansen,"), or an e-mail address beside it on a contact line
    ("Kari (kari@firma.no, 936 12 345)"). A bare number of the right length is too often a count,
    a price or an ID to be one without such evidence or a context word."""
    written = view[start:end].lstrip("(")
    code = str(country_code)
    if written.startswith(("+", "＋")) or written.startswith("00" + code):
        return written[: written.find(code) + len(code)]
    before = _line_before(view, start)
    cue = _PHONE_CUE_RE.search(before)
    if cue:
        return cue.group().strip(" :(,\t").split(",")[0].strip()
    if _MAIL_BEFORE_RE.search(before) or _MAIL_AFTER_RE.match(_line_after(view, end)):
        return CONTACT_LINE
    return ""


def may_have_phone_evidence(view: str, start: int, end: int) -> bool:
    """Could a number in the chunk ``view[start:end]`` have :func:`phone_evidence`? A cheap test
    that never says no when it could (a "+", "00", a cue word or an "@" around the chunk)."""
    chunk = view[start:end]
    if "+" in chunk or "＋" in chunk or "00" in chunk:
        return True
    around = view[max(0, start - PHONE_LOOKBACK) : end + PHONE_LOOKBACK]
    return "@" in around or bool(_PHONE_CUE_WORD_RE.search(around))


#: The first word of every cue: a chunk without one near it has no cue.
_PHONE_CUE_WORD_RE = re.compile(r"number|reach|text|nummer|vipps|nås|treffes|contact|kontakt", re.IGNORECASE)


#: Words right after a number that make it a count: "41234567 downloads", "93456781 brukere"
#: (not a currency: "vipps til 41234567 kr 200" names the amount after the number).
_COUNT_AFTER_RE = re.compile(
    r"\s*(?:downloads?|installs?|users?|visitors?|views?|visits?|customers?|subscribers?|followers?|"
    r"members?|people|times|rows|records|requests|messages|"
    r"nedlastinger|installasjoner|brukere|besøkende|visninger|kunder|abonnenter|følgere|medlemmer|"
    r"personer|ganger|rader|forespørsler|meldinger)\b",
    re.IGNORECASE,
)


def not_a_phone(view: str, start: int, end: int) -> bool:
    """A date ("2013-11-26"), a number after an ID word ("issue #41234567", "ordre 93456781") or
    a count ("41234567 downloads", "93456781 brukere"): never reported as a phone number."""
    return bool(
        DATE_RE.fullmatch(view[start:end].strip())
        or _ID_BEFORE_RE.search(_line_before(view, start))
        or _COUNT_AFTER_RE.match(view, end)
    )


def _phone_numbers(view: str, where: Callable[[int, int], bool] | None = None) -> list[tuple[int, int, int]]:
    """The phone recognizer's results, dates and IDs aside (only in chunks ``where`` accepts):
    start, end and country code."""
    from postguard.pii import phones

    return [
        (match.start, match.end, match.number.country_code or 0)
        for _, match in phones.matches(view, PHONE_REGIONS, where=where)
        if not not_a_phone(view, match.start, match.end)
    ]


#: Looser than Presidio's card pattern (no first-digit exception): any card match is one.
_CARD_RE = regex.compile(r"\b[13456]\d{3}[- ]?\d{3,4}[- ]?\d{3,4}[- ]?\d{3,5}\b", FLAGS)
#: Country code, check digits and two groups of four: the start of every IBAN match.
_IBAN_RE = regex.compile(r"(?<![A-Z0-9])[A-Z]{2}[0-9]{2}(?:[ -]?[A-Z0-9]{4}){2}")

#: Entities whose results the screen finds exactly (offsets too): context is looked for near them.
_RESULTS: dict[str, Callable[[str], list[tuple[int, int]]]] = {
    "PHONE_NUMBER": lambda view: [(start, end) for start, end, _ in _phone_numbers(view)],
    **{entity: _checksummed(entity) for entity in NORWEGIAN_IDS},
}
#: Entities with evidence that every result needs (but not their exact offsets).
_EVIDENCE: dict[str, Callable[[str], bool]] = {
    "EMAIL_ADDRESS": _personal_email,
    "CREDIT_CARD": lambda view: bool(_CARD_RE.search(view)),
    "IBAN_CODE": lambda view: bool(_IBAN_RE.search(view)),
    "IP_ADDRESS": _public_ip,
}


# --- context ---------------------------------------------------------------------------------

#: Text that always holds a keyword of Presidio's context window (a token that is neither a
#: stop word nor punctuation): a whitespace token (any whitespace but one space) or a word
#: with a digit. Windows measured in these can only be wider than Presidio's.
_KEYWORD_RE = re.compile(r"\s{2,}|[^\S ]|(?<!\S)[^\s\d]*+\d\S*+")
BEFORE, AFTER = 6, 3  # keywords Presidio reads before a result (its own token counts) and after


def _keywords(analysis: Analysis) -> tuple[list[int], list[int]]:
    def compute() -> tuple[list[int], list[int]]:
        found = [m.span() for m in _KEYWORD_RE.finditer(analysis.document.view)]
        return [s for s, _ in found], [e for _, e in found]

    return analysis.memo("pii.keywords", compute)


@functools.cache
def _occurrences(words: tuple[str, ...], whole: bool) -> re.Pattern[str]:
    """Where ``words`` start, overlaps included, each with its shortest match. Whole words
    (``whole``), maybe inflected, are how Presidio matches the built-in context words: a
    token starts or ends next to a letter only inside a tokenizer exception, and no exception
    piece is a built-in context word (a test checks). A rule's own words may be such pieces,
    so they count anywhere."""
    first = "".join(sorted({re.escape(w[0]) for w in words}))
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len))
    if not whole:
        return re.compile(rf"(?=[{first}])(?=({alternatives}))")
    endings = "|".join(re.escape(s) for s in sorted(SUFFIXES, key=len) if s)
    return re.compile(rf"(?=[{first}])(?<![^\W\d_])(?=((?:{alternatives})(?:{endings})??)(?![^\W\d_]))")


class _Context:
    """Where in the draft the context words that could raise a result's score occur: the
    recognizer's own and the rule's extra words, found in the lower-case view as Presidio
    compares them with lower-case tokens."""

    def __init__(self, analysis: Analysis, entity: str, extra: Iterable[str]) -> None:
        view = analysis.document.view
        lowered = analysis.memo("pii.lowered", view.lower)
        own = tuple(w.lower() for w in CONTEXT.get(entity, {}).get(analysis.language, ()) if w)
        words = tuple(w.lower() for w in extra if w)
        found: list[tuple[int, int]] = []
        for group, whole in ((own, True), (words, False)):
            if group:
                found += (m.span(1) for m in _occurrences(group, whole).finditer(lowered))
        found.sort()
        self._starts = [s for s, _ in found]
        self._ends = [e for _, e in found]
        # A character that lowers to two ("İ") shifts the offsets: then anything may be near.
        self._anywhere = bool(found) and len(lowered) != len(view)

    def __bool__(self) -> bool:
        return bool(self._starts)

    def near(self, analysis: Analysis, start: int, end: int) -> bool:
        """Could Presidio's context window around [start, end) hold one of the words? Its window
        reaches BEFORE keywords back and AFTER forward; this one is counted on tokens that
        surely are keywords, so it can only reach further."""
        if self._anywhere:
            return True
        starts, ends = _keywords(analysis)
        before = bisect.bisect_right(ends, start)
        after = bisect.bisect_left(starts, end)
        lo = starts[before - BEFORE] if before >= BEFORE else 0
        hi = ends[after + AFTER - 1] if after + AFTER - 1 < len(ends) else len(analysis.document.view)
        i = bisect.bisect_left(self._starts, lo)
        while i < len(self._starts) and self._starts[i] < hi:
            if self._ends[i] <= hi:
                return True
            i += 1
        return False


# --- the screen ------------------------------------------------------------------------------


def may_report(analysis: Analysis, entity: str, min_score: float, extra_context: Iterable[str] = ()) -> bool:
    """False when no result for ``entity`` in this draft can reach ``min_score`` (with a context
    word, where the entity needs one): then Presidio need not run for it."""
    view = analysis.document.view
    top = TOP_SCORE.get(entity, 1.0)
    needs_context = entity in CONTEXT_REQUIRED or top < min_score
    if needs_context and with_context(top) < min_score:
        return False
    if entity == "PHONE_NUMBER" and needs_context:
        # Matching is the costly part here: first the context words and the signs of evidence,
        # then the numbers near them.
        context = _Context(analysis, entity, extra_context)
        strong = min_score <= PHONE_EVIDENCE_SCORE

        def near(start: int, end: int) -> bool:
            return bool(context) and context.near(analysis, start, end)

        def promising(start: int, end: int) -> bool:
            return near(start, end) or (strong and may_have_phone_evidence(view, start, end))

        links = web_addresses(analysis)
        return any(
            not links.covers(start)
            and (near(start, end) or (strong and bool(phone_evidence(view, start, end, code))))
            for start, end, code in _phone_numbers(view, promising)
        )
    if entity in _RESULTS:
        results = analysis.memo(f"pii.screen:{entity}", lambda: _RESULTS[entity](view))
        if not needs_context or not results:
            return bool(results)
        context = _Context(analysis, entity, extra_context)
        return any(
            context.near(analysis, start, end) or id_evidence(entity, view[start:end])
            for start, end in results
        )
    if needs_context and not _Context(analysis, entity, extra_context):
        return False
    if entity in _EVIDENCE:
        return analysis.memo(f"pii.screen:{entity}", lambda: _EVIDENCE[entity](view))
    return True  # names and URLs: no cheap evidence, Presidio decides
