"""Offsets (code points) to LSP positions (UTF-16 code units per line) and back."""

from __future__ import annotations

import pytest
from lsprotocol.types import Position

from postguard.lsp.positions import PositionIndex, utf16_length


def test_utf16_length_counts_two_units_outside_the_basic_plane() -> None:
    assert utf16_length("abc") == 3
    assert utf16_length("æøå") == 3
    assert utf16_length("😀") == 2
    assert utf16_length("a😀b𝔘") == 6


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("Hi 😀 Kestrel", 5, Position(0, 6)),  # after the emoji: one code point, two units
        ("😀😀x", 2, Position(0, 4)),
        ("𝔘nicode\n😀 x", 10, Position(1, 3)),
        ("one\r\ntwo 😀 three", 13, Position(1, 9)),  # CRLF is one line break
        ("one\rtwo", 5, Position(1, 1)),  # a lone CR too
        ("a\n\nb", 3, Position(2, 0)),
        ("end", 99, Position(0, 3)),  # clamped
    ],
)
def test_positions_count_utf16_units_per_line(text: str, offset: int, expected: Position) -> None:
    index = PositionIndex(text)
    assert index.position(offset) == expected
    assert index.offset(expected) == min(offset, len(text))


def test_every_offset_round_trips() -> None:
    text = "# Tittel 🎉\r\n\r\nKari 😀 bor på Ås.\nE-post 𝔘 x\rslutt"
    index = PositionIndex(text)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] == "\r\n":
            continue  # between CR and LF is no position of its own
        assert index.offset(index.position(offset)) == offset


def test_positions_past_a_line_or_the_text_clamp_to_their_ends() -> None:
    index = PositionIndex("ab\r\ncd")
    assert index.offset(Position(0, 50)) == 2  # the end of the line, before its break
    assert index.offset(Position(7, 0)) == 6


def test_a_position_inside_a_surrogate_pair_is_the_character_start() -> None:
    index = PositionIndex("x😀y")
    assert index.offset(Position(0, 2)) == 1
    assert index.offset(Position(0, 3)) == 2


def test_line_start() -> None:
    index = PositionIndex("ab\r\ncd 😀 ef")
    assert index.line_start(9) == 4
    assert index.line_start(1) == 0
