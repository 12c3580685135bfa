"""The shapes of tokens, and runs of capitalised words: the candidates for a person's name.

A shape is read from a token's spelling alone; a run joins capitalised words with the
initials, particles and hyphens that names hold ("K. Suchdev", "Osama bin Laden",
"Moqtada al-Sadr"). Which runs are names is the finder's question.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING

from postguard.pii.names.namelists import Lexicon
from postguard.pii.names.words import (
    DERIVED_ENDINGS,
    INNER_CAPITAL_PREFIXES,
    LEADING_PARTICLES,
    LONG_DERIVED_ENDINGS,
    PARTICLES,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


class Shape(StrEnum):
    """How a token is written, as far as names go."""

    CAP = "cap"  # "Ola", "OLA"
    INITIAL = "initial"  # "E."
    PARTICLE = "particle"  # "van", "bin"
    HYPHEN = "hyphen"  # a hyphen joined to the next word
    OTHER = "other"


# Per-token loops compare shapes millions of times: module names are faster than class attributes.
CAP, INITIAL, PARTICLE, HYPHEN, OTHER = Shape
#: Shapes that continue a run of a name.
NAME_PARTS = frozenset({CAP, INITIAL})
#: The key in a Doc's ``user_data`` that remembers whether its text has an "@".
HAS_AT_KEY = "postguard.has-at"


def shape(token: Token) -> Shape:
    """The :class:`Shape` of ``token``."""
    text = token.text
    if not text[:1].isupper():
        if text in PARTICLES:
            return PARTICLE
        return HYPHEN if text in {"-", "‐"} and not token.whitespace_ else OTHER
    if len(text) == 2 and text[1] == ".":
        return INITIAL
    if len(text) > 1 and text.replace("'", "").replace("’", "").replace("-", "").isalpha():
        return CAP
    return OTHER


class Shapes:
    """Token shapes, computed on first use: a rule may look at a few sentences of a long draft."""

    def __init__(self, doc: Doc, cues: frozenset[int] = frozenset()) -> None:
        self.doc = doc
        self.known: dict[int, Shape] = {}
        self.cues = cues
        #: Tokens seen so far whose lower-case form's hash is in ``cues`` (the scan for runs sees every token).
        self.cue_hits: list[int] = []

    def __getitem__(self, i: int) -> Shape:
        known = self.known.get(i)
        if known is None:
            token = self.doc[i]
            known = self.known[i] = shape(token)
            if known is OTHER and token.lower in self.cues:
                self.cue_hits.append(i)
        return known

    def __len__(self) -> int:
        return len(self.doc)


def runs(doc: Doc, shapes: Shapes, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, int]]:
    """Token ranges [i, j) of capitalised words, joined by initials, particles and hyphens,
    from token ``start`` (one that a scan from the first token visits) while runs begin
    before token ``stop``."""
    i, n = start, len(shapes)
    end = n if stop is None else stop
    while i < end:
        kind = shapes[i]
        if kind is not CAP and not (kind is PARTICLE and leading_particle(doc, shapes, i)):
            i += 1
            continue
        j = i + 1
        while j < n:
            kind = shapes[j]
            if kind in NAME_PARTS:
                # A sentence splitter's break after an initial ("K. Suchdev") does not end a name.
                if doc[j].is_sent_start and shapes[j - 1] is not INITIAL:
                    break
                j += 1
            elif kind is PARTICLE and j + 2 < n and shapes[j + 1] is HYPHEN and shapes[j + 2] is CAP:
                if doc[j].is_sent_start:
                    break
                j += 3  # "Moqtada al-Sadr"
            elif (kind is PARTICLE or kind is HYPHEN) and j + 1 < n and shapes[j + 1] is CAP:
                if doc[j].is_sent_start:
                    break
                j += 2 if kind is HYPHEN or not doc[j + 1].is_sent_start else 1
            else:
                break
        yield i, j
        i = j


def leading_particle(doc: Doc, shapes: Shapes, i: int) -> bool:
    """Whether token ``i`` is a lower-case particle that begins a name: "bin Laden", "van Gogh"."""
    return (
        doc[i].text in LEADING_PARTICLES
        and i + 1 < len(doc)
        and shapes[i + 1] is CAP
        and not doc[i + 1].is_sent_start
        and (i == 0 or shapes[i - 1] is OTHER)
    )


def has_at(doc: Doc) -> bool:
    """Whether the Doc's text has an "@" at all (asked once per Doc: most drafts mention no account)."""
    found = doc.user_data.get(HAS_AT_KEY)
    if found is None:
        found = doc.user_data[HAS_AT_KEY] = "@" in doc.text
    return bool(found)


def stem(word: str, language: str, lex: Lexicon) -> str:
    """The name in a Norwegian genitive that the lists know only without its -s: "Ibsens" -> "ibsen"."""
    if language != "nb" or len(word) < 4 or not word.endswith("s") or word in lex.first or word in lex.last:
        return word
    base = word[:-1]
    return base if base in lex.first or base in lex.last else word


def derived(word: str, language: str) -> bool:
    """Whether a word no list knows ends like a derived ordinary word: "Cryptographic", "Reshaping"."""
    if len(word) < 6 or word.endswith(("vic", "ić")):
        return False
    return word.endswith(DERIVED_ENDINGS[language]) or (
        len(word) >= 8 and word.endswith(LONG_DERIVED_ENDINGS[language])
    )


def inner_capital(word: str) -> bool:
    """A capital inside a word that is not "McKay", "DeShawn" or "Bakke-Jensen": "PubGrub", "JetBrains"."""
    if word[1:].islower() or word.isupper():
        return False
    for k in range(3, len(word)):
        if word[k].isupper() and word[k - 1].islower():
            return word[:k].casefold() not in INNER_CAPITAL_PREFIXES and word[k - 1] not in "-'’"
    return False
