"""Text normalisation for matching: what makes ``K3strеl`` (digit, Cyrillic е) equal ``Kestrel``.

Normalisation only ever produces lookup keys; positions always come from the original text.
"""

from __future__ import annotations

import unicodedata

#: Invisible characters that can be slipped into a word to dodge a filter.
INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))

# Latin look-alikes from Cyrillic and Greek (the confusables that occur in real evasion).
_HOMOGLYPHS = str.maketrans(
    "аеорсухіјѕԁɡοανικτυχρεАВЕКМНОРСТХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdgoavikturpeABEKMHOPCTXIJSABEZHIKMNOPTYX",
)

#: Enclosed letters that compatibility normalisation leaves alone: negative circled (🅐) and
#: negative squared (🅰) capitals. Circled (Ⓐ, ⓐ) and squared (🄰) letters normalise by themselves.
_ENCLOSED = {first + offset: chr(ord("A") + offset) for first in (0x1F150, 0x1F170) for offset in range(26)}
#: Enclosed letters, for a pattern's character class: they are letters to a reader, symbols to Unicode.
ENCLOSED_LETTERS = "\u24b6-\u24e9\U0001f130-\U0001f149\U0001f150-\U0001f169\U0001f170-\U0001f189"

#: Characters people type instead of letters; a digit may stand for more than one letter.
LEET: dict[str, str] = {
    "0": "o",
    "1": "il",
    "3": "e",
    "4": "a",
    "5": "s",
    "6": "g",
    "7": "t",
    "8": "b",
    "9": "g",
    "@": "a",
    "$": "s",
    "!": "i",
    "|": "li",
    "€": "e",
}
_LEET_CHARS = frozenset(LEET)


def fold(text: str) -> str:
    """Compatibility-normalise, drop invisible characters and map look-alikes; keeps case."""
    if text.isascii():
        return text
    return (
        unicodedata.normalize("NFKC", text)
        .translate(_DROP_INVISIBLE)
        .translate(_ENCLOSED)
        .translate(_HOMOGLYPHS)
    )


def key(text: str) -> str:
    """The case-insensitive lookup key of a word or term."""
    return fold(text).casefold()


def deleet(word_key: str) -> list[str]:
    """Readings of ``word_key`` with digits and symbols read as letters (``sh1t`` -> shit, shlt).

    Only words that mix letters with such characters are read this way: ``2026`` stays a number.
    """
    if not any(c in _LEET_CHARS for c in word_key) or not any(c.isalpha() for c in word_key):
        return []
    readings = [""]
    for ch in word_key:
        options = LEET.get(ch, ch)
        if len(readings) * len(options) > 8:
            options = options[0]
        readings = [r + o for r in readings for o in options]
    return [r for r in readings if r != word_key]


def collapse_repeats(word_key: str) -> list[str]:
    """Readings with stretched letters shortened (``fuuuuck`` -> fuck, fuuck)."""
    if len(word_key) < 4:
        return []
    singles, doubles, i, changed = [], [], 0, False
    n = len(word_key)
    while i < n:
        j = i
        while j < n and word_key[j] == word_key[i]:
            j += 1
        run = j - i
        if run >= 3 and word_key[i].isalpha():
            changed = True
            singles.append(word_key[i])
            doubles.append(word_key[i] * 2)
        else:
            singles.append(word_key[i:j])
            doubles.append(word_key[i:j])
        i = j
    return ["".join(singles), "".join(doubles)] if changed else []


def one_edit_spellings(word_key: str) -> set[str]:
    """Misspellings of ``word_key`` one slip of the finger away: two neighbouring letters
    swapped (``bsatard``), one letter dropped (``bastad``) or one letter doubled (``baastard``).
    The first letter stays where it is (a word misspelt is seldom misspelt there, and without
    it most slips are other words: "diot", "uger"). The word itself is not among them."""
    found: set[str] = set()
    n = len(word_key)
    for i in range(n):
        if i:
            found.add(word_key[:i] + word_key[i + 1 :])
        found.add(word_key[: i + 1] + word_key[i:])
        if 0 < i < n - 1 and word_key[i] != word_key[i + 1]:
            found.add(word_key[:i] + word_key[i + 1] + word_key[i] + word_key[i + 2 :])
    found.discard(word_key)
    return found


#: Norwegian letters as they are typed on a keyboard without them ("paa", "jaevla", "gjoer").
ASCII_NORWEGIAN = (("aa", "å"), ("ae", "æ"), ("oe", "ø"))


def norwegian_letters(word_key: str) -> str | None:
    """``word_key`` with "aa", "ae" and "oe" as å, æ and ø, or None when it has none of them.
    Whether that is the word meant is for the caller to judge (by how common each spelling is)."""
    if "aa" not in word_key and "ae" not in word_key and "oe" not in word_key:
        return None
    for pair, letter in ASCII_NORWEGIAN:
        word_key = word_key.replace(pair, letter)
    return word_key
