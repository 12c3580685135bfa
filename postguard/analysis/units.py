"""Word units: words as term matching sees them (spans, folded keys, de-obfuscated readings)."""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from postguard.analysis.contractions import spelt_out
from postguard.analysis.normalize import (
    ASCII_NORWEGIAN,
    ENCLOSED_LETTERS,
    INVISIBLE,
    collapse_repeats,
    deleet,
    fold,
    norwegian_letters,
)
from postguard.analysis.wordfreq import zipf

# Invisible characters (zero-width, soft hyphen, bidi marks) may sit inside a word to split it;
# enclosed letters (Ⓚⓔⓢⓣⓡⓔⓛ) are letters. Runs of letters are taken whole and never given back
# (possessive: nothing after them could need a letter back), which spares the regex engine a
# step per letter.
_PIECE_RE = re.compile(
    r"(?:[^\W_]++|[*!$@|" + INVISIBLE + ENCLOSED_LETTERS + r"\u0300-\u036f])++(?:['’][^\W_]++)*+"
)
_URL_RE = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"[^\s@<>()\[\]\"'`,;]+@[^\s@<>()\[\]\"'`,;]+\.[^\s@<>()\[\]\"'`,;]+")
_ALNUM_RE = re.compile(r"[^\W_]+")
_JOINERS = frozenset("-_./+&:'’\u2010\u2011\u2012\u2013")
_CAMEL_RE = re.compile(r"(?<=[a-zæøå])(?=[A-ZÆØÅ])|(?<=[A-ZÆØÅ])(?=[A-ZÆØÅ][a-zæøå])")
_EDGE_SYMBOLS = "!|@$*" + INVISIBLE
_POSSESSIVE = ("'s", "’s", "'S", "’S")
_LETTER_RUN_RE = re.compile(r"(?<![^\W\d_])[^\W\d_](?:[\W_]{1,3}[^\W\d_](?![^\W_])){2}")
_OBFUSCATED_RE = re.compile(r"[0-9@$!|€*]|(.)\1\1")
_ASCII_TRIPLE_RE = re.compile(r"([a-z])\1\1", re.IGNORECASE)
#: One-letter words per language (en "a", "I"; nb "i", "å"): beside a spaced-out word they stay
#: words of their own. Norwegian "a" and "e" are endings ("P o l a r s t j e r n a"), not words.
ONE_LETTER_WORDS = {"en": frozenset("ai"), "nb": frozenset("iå")}


@dataclass(slots=True)
class Unit:
    """A word as matching sees it: its span, folded surface, key and readings (the key plus
    de-obfuscated spellings).

    ``joined`` says whether the unit continues a phrase with the unit before it (separated only
    by spaces or joiners like ``-`` and ``.``); punctuation and sentence ends break a phrase.
    ``tag`` is ``#`` or ``@`` for hashtags and mentions. ``before_spelled`` marks a one-letter word
    kept apart from the spaced-out word after it ("a b a s t a r d"): it may still begin a term
    with it ("a s s h o l e").
    """

    start: int
    end: int
    surface: str
    key: str
    joined: bool
    tag: str = ""
    sentence: int = 0
    readings: tuple[str, ...] = field(default=())
    before_spelled: bool = False


def word_units(
    text: str, base: int = 0, sentences: Sequence[int] = (), language: str | None = None
) -> list[Unit]:
    """Split text into word units (also used on policy terms, so both sides agree).

    One regex pass finds word pieces (letters and digits, plus the symbols people use to
    disguise letters); URLs and e-mail addresses are split at every punctuation mark. The gap
    before each piece decides whether it continues a phrase, and ``sentences`` (sorted start
    offsets) break phrases and number the units. ``language`` names the one-letter words that
    stay apart from a spaced-out word beside them. This runs on every word of every draft, so
    the common case (a plain lower-case word after one space) takes the shortest path.
    """
    units: list[Unit] = []
    append = units.append
    addresses = _address_spans(text)
    next_address = 0
    triples = _ascii_letter_triples(text)
    next_triple = 0
    # Norwegian typed without æ, ø, å ("jaevla"): such words also read in Norwegian letters.
    digraphs = _ascii_norwegian_digraphs(text) if language == "nb" else [len(text) + 2]
    next_digraph = 0
    bounds = [*sentences[1:], len(text) + 1] if sentences else [len(text) + 1]
    sentence, next_sentence = 0, bounds[0] - base
    prev_end = 0
    tag = ""
    for m in _PIECE_RE.finditer(text):
        found = m.group()
        s = m.start()
        e = s + len(found)
        plain = found.isalpha() and found.isascii()  # no symbols to trim, no address to split
        if plain:
            pieces: tuple[tuple[int, int], ...] = ((s, e),)
        else:
            if text[s] in _EDGE_SYMBOLS or text[e - 1] in _EDGE_SYMBOLS or text[e - 2] in "'’":
                s, e = _trim(text, s, e)
                if e <= s:
                    continue
            pieces = ((s, e),)
            if addresses:
                while next_address < len(addresses) and addresses[next_address][1] <= s:
                    next_address += 1
                if (
                    next_address < len(addresses)
                    and addresses[next_address][0] <= s
                    and not text[s:e].isalnum()
                ):
                    pieces = tuple(sub.span() for sub in _ALNUM_RE.finditer(text, s, e))
        for s, e in pieces:
            if s - prev_end == 1 and text[prev_end] == " " and units:  # by far the most common gap
                joined, tag = True, ""
            else:
                joined, tag = _continues(text[prev_end:s], bool(units), tag)
            if s >= next_sentence:
                while s >= next_sentence:
                    sentence += 1
                    next_sentence = bounds[sentence] - base
                joined = False
            prev_end = e
            piece = found if plain else text[s:e]
            if plain:
                while triples[next_triple] < s:
                    next_triple += 1
                while digraphs[next_digraph] < s:
                    next_digraph += 1
                # no "sss" and no Norwegian digraph inside: the key is the only reading
                if triples[next_triple] > e - 3 and digraphs[next_digraph] > e - 2:
                    if piece.islower():
                        append(Unit(base + s, base + e, piece, piece, joined, tag, sentence, (piece,)))
                        continue
                    if piece.istitle() or piece.isupper():
                        key = piece.lower()
                        append(Unit(base + s, base + e, piece, key, joined, tag, sentence, (key,)))
                        continue
            if piece.islower() or piece.istitle() or piece.isupper() or not _CAMEL_RE.search(piece):
                parts: tuple[str, ...] | list[str] = (piece,)
            else:
                parts = _CAMEL_RE.split(piece)
            pos = base + s
            for number, part in enumerate(parts):
                surface = part if part.isascii() else fold(part)
                key = surface.casefold()
                # a number is a number: "2022" read as letters ("zozz") would only cost time
                spellings = readings(key) if not key.isdigit() and _OBFUSCATED_RE.search(key) else (key,)
                if "'" in key or "’" in key:
                    spellings = _with_spelt_out(spellings, key)
                if language == "nb":
                    spellings = _with_norwegian_letters(spellings, key)
                if number and part[0] == "I" and parts[number - 1][-1].islower():
                    # a capital I after a small letter may be an l ("KestreI"): that reading only
                    # counts where it makes a listed term, so "LinkedIn" and "AI" find nothing new
                    spellings = (*spellings, "l" + key[1:])
                append(Unit(pos, pos + len(part), surface, key, joined, tag, sentence, spellings))
                pos += len(part)
                joined = True
    if _LETTER_RUN_RE.search(text):
        _merge_letter_runs(units, ONE_LETTER_WORDS.get(language or "", frozenset()))
    return units


def _with_spelt_out(spellings: tuple[str, ...], key: str) -> tuple[str, ...]:
    """A contraction's readings and its words run together ("can't": "cannot"; "isn't":
    "isnot"): a term is found by its words run together (:func:`term_key`), so a list's "can
    not go into details" or "is not public" then finds "can't go into details", "isn't public"."""
    folded = key.replace("’", "'")
    glued = "".join(spelt_out(folded))
    return spellings if glued == folded or glued in spellings else (*spellings, glued)


def _with_norwegian_letters(spellings: tuple[str, ...], key: str) -> tuple[str, ...]:
    """A Norwegian word typed without æ, ø, å also read with them ("jaevla": "jævla", "taape":
    "tåpe"), unless the word as typed is at least as common as that reading ("michael",
    "poeng"): a list's "jævla" then finds "jaevla", as the models read it."""
    letters = norwegian_letters(key)
    if letters is None or letters in spellings:
        return spellings
    common = zipf("nb")
    if key in common and common[key] >= common.get(letters, 0.0):
        return spellings
    return (*spellings, letters)


def _ascii_norwegian_digraphs(text: str) -> list[int]:
    """Offsets of "aa", "ae" and "oe" in any case, ending with a sentinel past the text: a plain
    word with none inside reads the same in Norwegian letters."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter lowered to two would shift offsets: look as written
        lowered = text
    return _offsets(lowered, (pair for pair, _ in ASCII_NORWEGIAN), len(text) + 2)


def _offsets(text: str, needles: Iterable[str], sentinel: int) -> list[int]:
    """Where each of ``needles`` occurs in ``text`` (overlaps too), sorted, then ``sentinel``."""
    found = []
    for needle in needles:
        at = text.find(needle)
        while at != -1:
            found.append(at)
            at = text.find(needle, at + 1)
    found.sort()
    found.append(sentinel)
    return found


def term_key(units: Iterable[Unit]) -> str:
    """The key a term is found by: its units' keys glued (``Blue-Harbor's`` -> ``blueharbor``).
    Plain terms are looked up by it and hashed terms are HMACs of it, so the two agree."""
    return "".join(unit.key for unit in units)


def _ascii_letter_triples(text: str) -> list[int]:
    """Offsets of ASCII letter triples in any case ("sss", "sSs"), ending with a sentinel past
    the text: a plain word with none inside has no de-obfuscated readings to compute."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter lowered to two ("İ"): offsets would shift
        return [m.start() for m in _ASCII_TRIPLE_RE.finditer(text)] + [len(text) + 3]
    return _offsets(lowered, (letter * 3 for letter in string.ascii_lowercase), len(text) + 3)


@functools.lru_cache(maxsize=2048)
def _continues(gap: str, after_a_word: bool, tag: str) -> tuple[bool, str]:
    """Does a phrase go on across ``gap``, and is the next word a hashtag or mention?

    Spaces and joiners (``-``, ``.``, ``/``) keep a phrase going; other punctuation ends it. A
    possessive ``'s`` trimmed from the word before is part of that word ("mum's the word").
    """
    i, n = 0, len(gap)
    while after_a_word and i < n and not gap[i].isspace():  # the first word has nothing before it
        i += 1
    if i == n and after_a_word:  # same whitespace-free chunk: joiners keep the phrase going
        return n <= 2 and all(ch in _JOINERS for ch in gap), tag
    j = n
    while j > i and not gap[j - 1].isspace():
        j -= 1
    before, after = gap[:i], gap[j:]
    joined = after_a_word and (
        (len(before) <= 1 and all(ch in _JOINERS for ch in before)) or before in _POSSESSIVE
    )
    return joined and all(ch in "#@" for ch in after), after[-1] if after and after[-1] in "#@" else ""


def _address_spans(text: str) -> list[tuple[int, int]]:
    """URLs and e-mail addresses, found from their ``://``, ``www.`` and ``@`` (cheap to find)."""
    spans: list[tuple[int, int]] = []
    if "://" in text or "www." in text:
        spans.extend(m.span() for m in _URL_RE.finditer(text))
    at = text.find("@")
    while at != -1:
        start = at
        while start > 0 and at - start < 64 and text[start - 1] not in " \t\r\n@<>()[]\"'`,;":
            start -= 1
        m = _EMAIL_RE.match(text, start, at + 256)
        if m and m.start() < at:
            spans.append(m.span())
        at = text.find("@", at + 1)
    spans.sort()
    return spans


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop a possessive ``'s`` and symbols that are punctuation at a piece's edges.

    ``Kestrel!``, ``*Kestrel*`` and ``$100`` lose their symbols; ``$hit`` and ``f*ck`` keep
    theirs, because there the symbol stands for a letter.
    """
    if e - s > 3 and text.endswith(_POSSESSIVE, s, e):
        e -= 2
    if text[s] not in _EDGE_SYMBOLS and text[e - 1] not in _EDGE_SYMBOLS:
        return s, e
    wrapped = text[s] == "*" and text[e - 1] == "*"
    while s < e and text[s] in _EDGE_SYMBOLS and not (text[s] == "$" and s + 1 < e and text[s + 1].isalpha()):
        s += 1
    while e > s and text[e - 1] in _EDGE_SYMBOLS and (text[e - 1] != "*" or wrapped):
        e -= 1
    return s, e


def _merge_letter_runs(units: list[Unit], one_letter_words: frozenset[str]) -> None:
    """``K e s t r e l`` and ``K.e.s.t.r.e.l``: three or more joined single letters form one word;
    a one-letter word at either end of the run stays a word ("a K e s t r e l a day") while three
    letters are left to merge. The run is still found whole, as a phrase of the units."""
    merged: list[Unit] = []  # built anew: replacing slices in place is quadratic on many runs
    i = 0
    while i < len(units):
        if len(units[i].key) != 1:
            merged.append(units[i])
            i += 1
            continue
        j = i
        while j + 1 < len(units) and len(units[j + 1].key) == 1 and units[j + 1].joined:
            j += 1
        if j - i >= 2:
            first, last = i, j
            if units[first].key in one_letter_words and last - first >= 3:
                first += 1
                units[i].before_spelled = True
            if units[last].key in one_letter_words and last - first >= 3:
                last -= 1
            run = units[first : last + 1]
            surface = "".join(u.surface for u in run)
            key = surface.casefold()
            merged.extend(units[i:first])
            merged.append(
                Unit(
                    run[0].start,
                    run[-1].end,
                    surface,
                    key,
                    run[0].joined,
                    run[0].tag,
                    run[0].sentence,
                    readings(key),
                )
            )
            merged.extend(units[last + 1 : j + 1])
            i = j + 1
        else:
            merged.append(units[i])
            i += 1
    units[:] = merged


def readings(unit_key: str) -> tuple[str, ...]:
    """The unit's key plus its de-obfuscated readings (most words have none)."""
    if not _OBFUSCATED_RE.search(unit_key):
        return (unit_key,)
    found = [unit_key]
    for variant in (*deleet(unit_key), *collapse_repeats(unit_key)):
        if variant not in found:
            found.append(variant)
    return tuple(found)
