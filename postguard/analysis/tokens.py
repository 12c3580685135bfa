"""Words as sentences say them: word units with contractions spelt out and clauses numbered.

Term matching works on word units (``isn't`` is one unit). Structure and context work on the
words a reader hears: "isn't" is "is not", "we're" is "we are", "ikkje" is "ikke". Each
:class:`Token` keeps the unit it came from, so a match over tokens maps back to exact offsets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from postguard.analysis.units import Unit

#: Contractions spelt out, by the folded unit key (both apostrophes are folded to ').
CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    "let's": ("let", "us"),
    "i'm": ("i", "am"),
}
#: Endings that stand for a word of their own ("hasn't", "we've", "they'll", "it's").
CONTRACTED_ENDINGS: tuple[tuple[str, str], ...] = (
    ("n't", "not"),
    ("'re", "are"),
    ("'ve", "have"),
    ("'ll", "will"),
    ("'d", "would"),
    ("'m", "am"),
)
#: Spellings that mean the same word to every rule (Nynorsk and dialect forms in Bokmål posts).
SAME_WORD: dict[str, str] = {"ikkje": "ikke", "itte": "ikke", "ikkeno": "ikke", "aldrig": "aldri"}
#: Pronouns before 's that make it "is" ("it's", "that's"); elsewhere 's is a possessive.
_IS_BEFORE_S = frozenset(
    {"it", "that", "he", "she", "there", "what", "who", "here", "where", "nobody", "nothing"}
)


class Token(NamedTuple):
    """One word of a sentence: its text (lower-case, contraction spelt out), its other readings
    (de-obfuscated spellings), the unit it came from, and the clause it belongs to (a clause
    ends at punctuation inside a sentence)."""

    text: str
    readings: tuple[str, ...]
    unit: int
    clause: int
    # A named tuple, not a frozen dataclass: a long post makes tens of thousands of tokens, and a
    # frozen dataclass is about three times as slow to build.


def sentence_tokens(units: Sequence[Unit], first: int, last: int) -> list[Token]:
    """The tokens of units ``first``..``last`` (one sentence)."""
    tokens: list[Token] = []
    clause = 0
    for index in range(first, last + 1):
        unit = units[index]
        if index > first and not unit.joined:
            clause += 1
        for text in spelt_out(unit.key.replace("’", "'")):
            readings = unit.readings if text == unit.key else (text,)
            tokens.append(Token(text, readings, index, clause))
    return tokens


def spelt_out(key: str) -> tuple[str, ...]:
    """A unit's key as the words it stands for: ``isn't`` -> ``is not``."""
    if "'" not in key:
        return (SAME_WORD.get(key, key),)
    whole = CONTRACTIONS.get(key)
    if whole is not None:
        return whole
    for ending, word in CONTRACTED_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending):
            return (key[: -len(ending)], word)
    if key.endswith("'s") and key[:-2] in _IS_BEFORE_S:
        return (key[:-2], "is")
    return (key,)
