"""Tokens: contractions spelt out, dialect spellings folded, clauses numbered."""

from __future__ import annotations

from postguard.analysis import word_units
from postguard.analysis.tokens import sentence_tokens


def test_tokens_keep_their_unit_and_number_clauses() -> None:
    units = word_units("The merger isn’t public, keep it quiet")
    tokens = sentence_tokens(units, 0, len(units) - 1)
    assert [t.text for t in tokens] == ["the", "merger", "is", "not", "public", "keep", "it", "quiet"]
    assert tokens[2].unit == tokens[3].unit == 2
    assert [t.clause for t in tokens] == [0, 0, 0, 0, 0, 1, 1, 1]
