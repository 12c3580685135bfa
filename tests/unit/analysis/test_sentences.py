"""Sentence starts: full stops and the other ends, block breaks, and an emoji that ends a clause."""

from __future__ import annotations

import pytest

from postguard.analysis import sentence_starts
from postguard.parsers import parse


def sentences(text: str) -> list[str]:
    document = parse(text, "text", None)
    starts = sentence_starts(document)
    return [
        document.view[a:b].strip() for a, b in zip(starts, [*starts[1:], len(document.view)], strict=True)
    ]


def test_full_stops_end_sentences_but_initials_do_not():
    assert sentences("J. K. Rowling wrote it. We read it.") == ["J. K. Rowling wrote it.", "We read it."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fikk signert med Equinor i dag 🎉 Ikke si det til noen",
            ["Fikk signert med Equinor i dag 🎉", "Ikke si det til noen"],
        ),
        (
            "Shipped the new release today 👍🏽 Thanks all",
            ["Shipped the new release today 👍🏽", "Thanks all"],
        ),
        ("Vi har en plan ❤️\u200d🔥 Nå kjører vi", ["Vi har en plan ❤️\u200d🔥", "Nå kjører vi"]),
    ],
)
def test_an_emoji_after_a_clause_ends_it_when_a_capital_follows(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "so proud 🎉 of the team",  # a small letter goes on with the sentence
        "I ❤️ Oslo",  # an emoji that stands for a word
        "Great day 👍 Thanks",  # too short to be a clause of its own
    ],
)
def test_an_emoji_inside_a_sentence_ends_nothing(text):
    assert sentences(text) == [text]
