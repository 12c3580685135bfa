"""Private matters with a shape, beside the word lists: a home address and an amount of pay.

A word list can say "sick leave" or "fikk sparken", but not "Storgata 12B, 0155 Oslo" or
"900 000 i året": these are found here, by their shape and the words that make them a person's
("lives at", "bor i", "adressen hans"; "earns", "tjener", "lønna hennes er"). An address or an
amount alone is not private (an office, a price, a company's earnings), so each matter says what
it still needs: nothing when its own words point at a person (``personal``: "she lives at
Storgata 12B", "lønna hans er 650 000"), otherwise a person's name in the same sentence
(``near``: "Per Hansen earns 1.2M", "Kari Hansen, adresse Storgata 12"), or right before it
(``adjacent``: "Kari Hansen, Storgata 12B").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: Built-in matters a ``near`` option can name, with what a message calls them per language.
MATTERS: dict[str, dict[str, str]] = {
    "home-address": {"en": "home address", "nb": "hjemmeadresse"},
    "pay": {"en": "pay", "nb": "lønn"},
}

#: What a matter needs before it is reported: nothing, a name in its sentence, a name right before it.
PERSONAL, NEAR, ADJACENT = "personal", "near", "adjacent"
#: How far (characters) an ``adjacent`` matter may start after the end of a name (", ").
ADJACENT_GAP = 3


@dataclass(frozen=True, slots=True)
class Matter:
    """A private matter found in a draft: where it is, what a message calls it, what it needs."""

    start: int
    end: int
    label: str
    needs: str = NEAR


# --- home addresses --------------------------------------------------------------------------

_CAP = r"[A-ZÆØÅ][a-zæøåéü]+"
#: Endings of Norwegian street names written as one word ("Storgata", "Solveien", "Kirkeveien").
#: Curated rather than Faker's street suffixes (``names.Lexicon.street_ends``, evidence against a
#: name there): those include everyday words ("field", "green", "common") that would make "12
#: Green Field" an address; short endings ("lia", "sti") are left out for names ("Julia 12").
_STREET_ENDINGS = (
    "gata|gaten|gate|veien|vegen|vei|veg|allé|alleen|plassen|plass|torget|stien|bakken|haugen|"
    "bryggen|brygge|kaia|svingen|løkka|ringen|stredet|smauet|tunet|jordet|kroken|lunden|terrassen|"
    "vollen|vn\\.|gt\\."
)
#: A house number: "12", "12B", "12 B".
_HOUSE = r"\d{1,4}(?:\s?[A-Za-z](?![\w]))?(?![\d,.]\d)(?!\s*(?:år|years?|kr|%))"
#: English street types, after the name ("221B Baker Street", "12 Main St.").
_STREET_TYPES = (
    r"Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Way|Close|Court|Place|Terrace|Crescent"
)
_STREET = (
    rf"(?:(?:{_CAP}\s+){{0,2}}{_CAP}?(?:{_STREET_ENDINGS})|(?:{_CAP}s?\s+){{1,2}}(?:gate|gata|vei|veg|allé|plass))"
    rf"\s+{_HOUSE}"
    rf"|\d{{1,5}}[A-Za-z]?\s+(?:{_CAP}\s+){{1,3}}(?:{_STREET_TYPES})(?!\w)"
)
#: A street address, maybe with a postcode and place after it ("Storgata 12B, 0155 Oslo").
ADDRESS_RE = re.compile(rf"(?<![\w-])(?:{_STREET})(?:,?\s+\d{{4}}\s+{_CAP}(?:\s{_CAP})?)?")

#: Words before an address that make it someone's home: whoever lives there is a person.
_HOME_CUE = re.compile(
    r"(?:\b(?:lives|lived|living|live|resides|resided|reside)\s+(?:at|on|in)"
    r"|\b(?:his|her|their|my)\s+(?:home\s+)?address(?:\s+is|:)?"
    r"|\bhome\s+address(?:\s+is|:)?"
    r"|\b(?:bor|bodde|bur)\s+(?:i|på)"
    r"|\b(?:hjemme)?adressen\s+(?:hans|hennes|deres|min|til\s+" + _CAP + r")(?:\s+er|:)?"
    r"|\bhjemmeadresse(?:n)?(?:\s+er|:)?)\s+$",
    re.IGNORECASE,
)
#: A word for an address before it: the address is private when a person is named with it.
_ADDRESS_CUE = re.compile(r"\b(?:adresse|address|adr\.)(?:\s+er|\s+is|:)?\s+$", re.IGNORECASE)
#: How far back a cue is looked for.
CUE_LOOKBACK = 60


def _by_first_letter(alternatives: str) -> str:
    """``a|b|...`` (words, each starting with a plain letter) as one group per first letter, in
    the same order within a group: the same matches, as alternatives with another first letter
    can never match where one does, but the regex engine tries one letter per group instead of
    every word at every position of the draft."""
    groups: dict[str, list[str]] = {}
    for word in alternatives.split("|"):
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())


_ANCHOR_ENDINGS = f"{_STREET_ENDINGS}|gate|vei|veg|allé|plass"
_ANCHOR_FIRST_LETTERS = "".join(sorted({word[0] for word in f"{_ANCHOR_ENDINGS}|{_STREET_TYPES}".split("|")}))
#: What every address holds: a street ending before a house number, or an English street type
#: (looked for only where one of their first letters is: the engine skips the other positions).
_ANCHOR_RE = re.compile(
    rf"(?=[{_ANCHOR_FIRST_LETTERS}])"
    rf"(?:(?:{_by_first_letter(_ANCHOR_ENDINGS)})\s+\d|(?<!\w)(?:{_by_first_letter(_STREET_TYPES)})(?!\w))"
)
#: How far around an anchor an address can reach (street words before it; number, postcode after).
ANCHOR_REACH = 80


def _address_matches(text: str) -> Iterator[re.Match[str]]:
    """:data:`ADDRESS_RE`'s matches, looked for only around the anchors every address holds (the
    whole pattern tried at every position of a long draft took over a second per megabyte)."""
    end = 0
    for anchor in _ANCHOR_RE.finditer(text):
        lo = max(end, anchor.start() - ANCHOR_REACH)
        for m in ADDRESS_RE.finditer(text, lo, min(len(text), anchor.end() + ANCHOR_REACH)):
            if m.start() <= anchor.start() < m.end():
                end = m.end()
                yield m
                break


def _addresses(text: str) -> Iterator[Matter]:
    for m in _address_matches(text):
        before = text[max(0, m.start() - CUE_LOOKBACK) : m.start()]
        home = _HOME_CUE.search(before)
        if home:
            yield Matter(m.start() - len(home.group()), m.end(), "home-address", PERSONAL)
            continue
        cue = _ADDRESS_CUE.search(before)
        if cue:
            yield Matter(m.start() - len(cue.group()), m.end(), "home-address", NEAR)
        else:
            yield Matter(m.start(), m.end(), "home-address", ADJACENT)


# --- pay ---------------------------------------------------------------------------------------

#: An amount of money: a currency or a unit, or at least four digits ("1.2M", "$95,000",
#: "900 000 i året", "650 000 kroner").
_AMOUNT = (
    r"(?:[$€£]\s?|(?:NOK|USD|EUR|kr\.?)\s?)?\d(?:\d|[.,](?=\d)|\s(?=\d{3}(?!\d)))*"
    r"(?:\s?(?:k|K|M|m|mill\.?|millioner|million|millions|bn)(?!\w))?"
    r"(?:\s?(?:kr\.?|kroner|NOK|USD|EUR|dollars|euros?)(?!\w))?"
    r"(?:\s+(?:i\s+året|i\s+måneden|i\s+timen|i\s+lønn|a\s+year|per\s+year|a\s+month|per\s+month"
    r"|an\s+hour|per\s+hour|annually))?"
)
_MONEY_MARK = re.compile(
    r"[$€£]|NOK|USD|EUR|kr|kroner|dollars|euro|\d\s?[kKmM]\b|mill|bn|året|måneden|year|month"
)
_PAY_WORDS = r"salary|pay|wage|wages|bonus|income|lønn|lønna|lønnen|årslønn|årslønna|årslønnen|bonusen|inntekt|inntekta|inntekten"
#: Whose pay it is, said in the words themselves: "lønna hans er", "her salary is" (lower case).
_PAY_PERSONAL = (
    rf"(?:\b(?:his|her|their)\s+(?:annual\s+|new\s+|base\s+|yearly\s+)?(?:{_PAY_WORDS})\s+(?:is|was|will\s+be|of)"
    rf"|\b(?:{_PAY_WORDS})\s+(?:hans|hennes|deres)\s+(?:er|var|blir|på))\s+(?=[$€£\d]|nok|usd|eur|kr)"
)
#: Pay with no owner in the words: a person must be named in the sentence (lower case).
_PAY_NEAR = rf"(?:\b(?:tjener|tjente|tjent)|\b(?:{_PAY_WORDS})\s+(?:is|was|of|er|var|på))\s+(?=[$€£\d]|nok|usd|eur|kr)"
#: English verbs that also count points, stars and requests ("earned 1500 stars", "makes 1000
#: requests"): pay only with a currency or unit ("earns 1.2M", "makes $120k a year").
_PAY_VERBS = (
    r"\b(?:earns|earned|earning|makes|made|takes\s+home|took\s+home|(?:is|was|gets|got)\s+paid)"
    r"\s+(?=[$€£\d]|nok|usd|eur)"
)
#: The patterns on a lower-case copy of the text (several times faster than ignoring case), and
#: ignoring case for the rare text whose lower case is longer ("İ"); whether a currency or unit
#: is needed.
_PAY = tuple(
    (re.compile(pattern), re.compile(pattern, re.IGNORECASE), needs, marked)
    for pattern, needs, marked in (
        (_PAY_PERSONAL, PERSONAL, False),
        (_PAY_NEAR, NEAR, False),
        (_PAY_VERBS, NEAR, True),
    )
)
_AMOUNT_RE = re.compile(_AMOUNT)


def _pay(text: str) -> Iterator[Matter]:
    lowered = text.lower()
    same = len(lowered) == len(text)
    for lower_case, any_case, needs, marked in _PAY:
        for m in lower_case.finditer(lowered) if same else any_case.finditer(text):
            amount = _AMOUNT_RE.match(text, m.end())
            if amount and _money(amount.group(), marked):
                yield Matter(m.start(), amount.end(), "pay", needs)


def _money(amount: str, marked: bool) -> bool:
    """An amount, not a count: it names a currency or a unit, or (unless ``marked``) has four
    digits or more."""
    return bool(_MONEY_MARK.search(amount)) or (not marked and sum(ch.isdigit() for ch in amount) >= 4)


_FINDERS = {"home-address": _addresses, "pay": _pay}


def find(text: str, matters: tuple[str, ...]) -> list[Matter]:
    """The ``matters`` (names from :data:`MATTERS`) in ``text``, in order; of overlapping ones
    the one that needs least (a personal matter over one that needs a name)."""
    found = sorted(
        (m for name in matters for m in _FINDERS[name](text)),
        key=lambda m: (m.start, (PERSONAL, NEAR, ADJACENT).index(m.needs), -m.end),
    )
    kept: list[Matter] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept
