"""Word units: Norwegian typed without æ, ø and å also reads with them."""

from __future__ import annotations

import pytest

from postguard.analysis import word_units
from postguard.analysis.normalize import norwegian_letters


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("jaevla", "jævla"),
        ("Raevhoel", "rævhøl"),
        ("AANDSSVAK", "åndssvak"),
        ("paa", "på"),
        ("moetes", "møtes"),
    ],
)
def test_a_norwegian_word_typed_without_its_letters_also_reads_with_them(text, reading) -> None:
    (unit,) = word_units(text, language="nb")
    assert unit.readings[0] == unit.key == text.lower()
    assert reading in unit.readings


@pytest.mark.parametrize("text", ["michael", "poeng", "israel", "boeing"])
def test_a_word_as_common_as_typed_keeps_its_one_reading(text) -> None:
    (unit,) = word_units(text, language="nb")
    assert unit.readings == (text,)


def test_only_norwegian_drafts_read_norwegian_letters() -> None:
    (unit,) = word_units("paa", language="en")
    assert unit.readings == ("paa",)


def test_norwegian_letters() -> None:
    assert norwegian_letters("gjoer") == "gjør"
    assert norwegian_letters("baat") == "båt"
    assert norwegian_letters("idiot") is None
