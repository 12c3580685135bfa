"""Analysis: everything computed once per document and shared by every check.

Language, sentences and word units are cheap and always built. The spaCy ``Doc`` (blank
``en``/``nb`` pipeline, nothing downloaded) is built on first use, once, for the checks that
need token-level analysis.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from .document import Document
from .normalize import INVISIBLE, collapse_repeats, deleet, fold

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

LANGUAGES = ("en", "nb")
T = TypeVar("T")

_EN_WORDS = frozenset(
    [
        "the",
        "and",
        "is",
        "are",
        "was",
        "were",
        "to",
        "of",
        "that",
        "it",
        "with",
        "you",
        "we",
        "this",
        "on",
        "be",
        "have",
        "not",
        "but",
        "they",
        "at",
        "from",
        "by",
        "an",
        "or",
        "will",
        "can",
        "our",
        "your",
        "what",
        "which",
        "about",
        "if",
        "would",
        "there",
        "their",
        "has",
        "had",
        "been",
        "my",
        "me",
        "so",
        "just",
        "do",
        "does",
        "how",
        "when",
        "who",
        "all",
        "more",
        "new",
        "some",
        "than",
        "then",
        "these",
        "very",
        "into",
        "out",
        "up",
    ]
)
_NB_WORDS = frozenset(
    [
        "og",
        "er",
        "det",
        "som",
        "på",
        "til",
        "av",
        "ikke",
        "jeg",
        "vi",
        "har",
        "med",
        "den",
        "et",
        "å",
        "men",
        "om",
        "kan",
        "var",
        "så",
        "fra",
        "også",
        "skal",
        "eller",
        "når",
        "hva",
        "hvor",
        "dette",
        "denne",
        "vil",
        "blir",
        "ble",
        "sin",
        "sine",
        "seg",
        "meg",
        "deg",
        "oss",
        "dere",
        "mitt",
        "mine",
        "vår",
        "våre",
        "hun",
        "han",
        "noe",
        "etter",
        "mer",
        "mange",
        "alle",
        "bare",
        "nå",
        "får",
        "ha",
        "være",
        "hadde",
        "må",
        "hvordan",
        "hvis",
        "mye",
        "godt",
        "nye",
    ]
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def detect_language(text: str, candidates: tuple[str, ...] = LANGUAGES) -> str:
    """Guess ``en`` or ``nb`` from common function words and æ/ø/å; first candidate on a tie."""
    if len(candidates) == 1:
        return candidates[0]
    sample = text[:20000].casefold()
    en = nb = 0
    for word in _WORD_RE.findall(sample):
        if word in _EN_WORDS:
            en += 1
        elif word in _NB_WORDS:
            nb += 1
    nb += sum(sample.count(c) for c in "æøå") // 2
    if "nb" in candidates and nb > en:
        return "nb"
    if "en" in candidates and en > nb:
        return "en"
    return candidates[0]


@functools.cache
def pipeline(lang: str) -> Language:
    """The blank spaCy pipeline for ``lang``, built once per process (no model download)."""
    import spacy

    nlp = spacy.blank(lang)
    nlp.max_length = 100_000_000
    return nlp


# --- sentences -------------------------------------------------------------------------------

# Starts only at the first of a run of stops, takes runs possessively and looks only a short
# way ahead for the next word: each keeps a draft of dots and spaces linear, not quadratic.
_SENTENCE_END_RE = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+\s++(?=[\"'“‘(\[]?[\W\d_]{0,16}[^\W\d_])")


def sentence_starts(document: Document) -> list[int]:
    """Offsets where sentences begin: after . ! ? followed by a new word, and at block breaks."""
    starts = {0, *document.breaks}
    for m in _SENTENCE_END_RE.finditer(document.view):
        nxt = document.view[m.end() : m.end() + 1]
        if nxt and (nxt.isupper() or nxt.isdigit() or not nxt.isalpha()):
            starts.add(m.end())
    return sorted(starts)


# --- word units ------------------------------------------------------------------------------

_CHUNK_RE = re.compile(r"\S+")
# Invisible characters (zero-width, soft hyphen, bidi marks) may sit inside a word to split it.
_PIECE_RE = re.compile(r"(?:[^\W_]|[*!$@|" + INVISIBLE + r"\u0300-\u036f])+(?:['’](?:[^\W_])+)*")
_URLISH_RE = re.compile(r"://|^www\.|[^@\s]@[^@\s]+\.", re.IGNORECASE)
_ALNUM_RE = re.compile(r"[^\W_]+")
_JOINERS = frozenset("-_./+&:'’\u2010\u2011\u2012\u2013")
_CAMEL_RE = re.compile(r"(?<=[a-zæøå])(?=[A-ZÆØÅ])|(?<=[A-ZÆØÅ])(?=[A-ZÆØÅ][a-zæøå])")
_EDGE_SYMBOLS = "!|@$*" + INVISIBLE
_POSSESSIVE = ("'s", "’s", "'S", "’S")


@dataclass(slots=True)
class Unit:
    """A word as matching sees it: its span, folded surface, key and readings.

    ``joined`` says whether the unit continues a phrase with the unit before it (separated only
    by spaces or joiners like ``-`` and ``.``); punctuation and sentence ends break a phrase.
    """

    start: int
    end: int
    surface: str
    key: str
    joined: bool
    tag: str = ""
    sentence: int = 0
    readings: tuple[str, ...] = field(default=())


def word_units(text: str, base: int = 0) -> list[Unit]:
    """Split text into word units (also used on policy terms so both sides agree)."""
    units: list[Unit] = []
    prev_open = False  # may the next chunk continue the previous unit's phrase?
    for chunk in _CHUNK_RE.finditer(text):
        c = chunk.group()
        offset = base + chunk.start()
        tag = c[0] if c[0] in "#@" and len(c) > 1 else ""
        pieces = _ALNUM_RE.finditer(c) if _URLISH_RE.search(c) else _PIECE_RE.finditer(c)
        last_end = 0
        first = True
        for m in pieces:
            s, e = _trim(c, m.start(), m.end())
            if e <= s:
                continue
            between = c[last_end:s]
            if first:
                joined = (
                    prev_open
                    and all(ch in "#@\"'“‘(" for ch in between)
                    and not between.startswith(("(", '"', "“"))
                )
            else:
                joined = len(between) <= 2 and all(ch in _JOINERS for ch in between)
            first = False
            piece = c[s:e]
            if piece.endswith(_POSSESSIVE) and len(piece) > 3:
                piece, e = piece[:-2], e - 2
            _add_piece(units, piece, offset + s, joined, tag)
            last_end = e
            if m.end() > e:
                last_end = e
        trailing = c[last_end:] if not first else c
        prev_open = not first and all(ch in _JOINERS or ch in "'’" for ch in trailing)
    _merge_letter_runs(units)
    return units


def _trim(chunk: str, s: int, e: int) -> tuple[int, int]:
    """Drop symbols at a piece's edges that are punctuation there (``Kestrel!``, ``$100``)."""
    wrapped = chunk[s] == "*" and chunk[e - 1] == "*"
    while s < e and chunk[s] in _EDGE_SYMBOLS:
        s += 1
    while e > s and chunk[e - 1] in _EDGE_SYMBOLS and (chunk[e - 1] != "*" or wrapped):
        e -= 1
    return s, e


def _add_piece(units: list[Unit], piece: str, start: int, joined: bool, tag: str) -> None:
    parts = _CAMEL_RE.split(piece) if any(c.isupper() for c in piece[1:]) else [piece]
    pos = start
    for i, part in enumerate(parts):
        surface = fold(part)
        units.append(Unit(pos, pos + len(part), surface, surface.casefold(), joined or i > 0, tag))
        pos += len(part)


def _merge_letter_runs(units: list[Unit]) -> None:
    """``K e s t r e l`` and ``K.e.s.t.r.e.l``: three or more joined single letters form one word."""
    merged: list[Unit] = []  # built anew: replacing slices in place is quadratic on many runs
    i = 0
    while i < len(units):
        j = i
        while j + 1 < len(units) and len(units[j + 1].key) == 1 and units[j + 1].joined:
            j += 1
        if j - i >= 2 and len(units[i].key) == 1:
            run = units[i : j + 1]
            surface = "".join(u.surface for u in run)
            merged.append(
                Unit(run[0].start, run[-1].end, surface, surface.casefold(), run[0].joined, run[0].tag)
            )
            i = j + 1
        else:
            merged.append(units[i])
            i += 1
    units[:] = merged


def _readings(unit_key: str) -> tuple[str, ...]:
    found = [unit_key]
    for variant in (*deleet(unit_key), *collapse_repeats(unit_key)):
        if variant not in found:
            found.append(variant)
    return tuple(found)


# --- the shared analysis ---------------------------------------------------------------------


class Analysis:
    """One document analysed once: language, sentences, word units and (lazily) a spaCy Doc."""

    def __init__(self, document: Document, language: str) -> None:
        self.document = document
        self.language = language
        self.sentences = sentence_starts(document)
        self.units = word_units(document.view)
        starts = self.sentences
        for unit in self.units:
            sentence = bisect.bisect_right(starts, unit.start) - 1
            if unit.joined and sentence != bisect.bisect_right(starts, unit.start - 1) - 1:
                unit.joined = False
            unit.sentence = sentence
            unit.readings = _readings(unit.key)
        self._doc: Doc | None = None
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute something once per document and share it (e.g. one Presidio run for all PII rules)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def doc(self) -> Doc:
        """The spaCy Doc of the markup-free view, made on first use and then shared."""
        if self._doc is None:
            doc = pipeline(self.language)(self.document.view)
            starts = set(self.sentences)
            for token in doc:
                token.is_sent_start = (
                    token.i == 0
                    or token.idx in starts
                    or (token.idx > 0 and self._crosses_start(doc[token.i - 1], token, starts))
                )
            self._doc = doc
        return self._doc

    def _crosses_start(self, prev, token, starts: set[int]) -> bool:
        return (
            any(prev.idx + len(prev) < s <= token.idx for s in starts) if token.idx - prev.idx < 64 else False
        )

    def sentence_of(self, offset: int) -> int:
        return bisect.bisect_right(self.sentences, offset) - 1
