"""``near``: two terms close together, never across a sentence end."""

from __future__ import annotations

import pytest
from conftest import linter_from

POLICY = """
rules:
  - id: t.customer-insult
    kind: near
    terms: [customers, kundene]
    near: {terms: [idiots, idioter], within: 4}
    category: disparaging
    message: m
"""


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Our customers love it. Idiots at Nordic Cloud Co. disagree.", "en"),
        ("Kundene elsker det. Idioter hos Nordic Cloud Co. er uenige.", "nb"),
    ],
)
def test_a_word_window_never_reaches_into_the_next_sentence(text, lang):
    assert linter_from(POLICY).check(text, lang=lang).findings == ()


@pytest.mark.parametrize(
    ("text", "lang"), [("Our customers are idiots.", "en"), ("Kundene er idioter.", "nb")]
)
def test_a_word_window_inside_one_sentence_still_finds_them(text, lang):
    assert [f.rule for f in linter_from(POLICY).check(text, lang=lang).findings] == ["t.customer-insult"]
