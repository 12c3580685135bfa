"""Contractions and dialect spellings spelt out, and the reading they give a word unit."""

from __future__ import annotations

import pytest

from postguard.analysis import word_units
from postguard.analysis.contractions import spelt_out


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("isn't", ("is", "not")),
        ("hasn't", ("has", "not")),
        ("won't", ("will", "not")),
        ("can't", ("can", "not")),
        ("we're", ("we", "are")),
        ("it's", ("it", "is")),
        ("company's", ("company's",)),
        ("ikkje", ("ikke",)),
        ("public", ("public",)),
    ],
)
def test_spelt_out(key, words):
    assert spelt_out(key) == words


@pytest.mark.parametrize(
    ("text", "glued"),
    [("can't", "cannot"), ("Can’t", "cannot"), ("isn't", "isnot"), ("didn't", "didnot"), ("we're", "weare")],
)
def test_a_contraction_unit_also_reads_as_its_words_run_together(text, glued) -> None:
    """Terms are found by their words run together, so "can not go into details" in a list
    finds "can't go into details" through this reading."""
    (unit,) = word_units(text)
    assert glued in unit.readings and unit.readings[0] == unit.key


@pytest.mark.parametrize("text", ["company's", "Kari's", "rock'n'roll"])
def test_a_possessive_or_other_apostrophe_gets_no_second_reading(text) -> None:
    (unit,) = word_units(text)
    assert unit.readings == (unit.key,)
