"""Words as sentences say them: word units with contractions spelt out and clauses numbered.

Term matching works on word units (``isn't`` is one unit). Structure and context work on the
words a reader hears: "isn't" is "is not", "we're" is "we are", "ikkje" is "ikke". Each
:class:`Token` keeps the unit it came from, so a match over tokens maps back to exact offsets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from postguard.analysis.contractions import spelt_out
from postguard.analysis.units import Unit


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
