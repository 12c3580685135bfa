"""``near``: two terms close together, never across a sentence end."""

from __future__ import annotations

import pytest
from conftest import linter_from

from postguard import PolicyError

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


ADJACENT = """
rules:
  - id: t.secret-deal
    kind: near
    terms: [acquisition, oppkjøpet]
    near: {terms: [not public, ikke offentlig], within: adjacent}
    category: confidential
    message: m
"""


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The acquisition is done. It is not public until Monday.", "en"),
        ("Oppkjøpet er klart. Det er ikke offentlig før mandag.", "nb"),
    ],
)
def test_adjacent_reaches_into_the_next_sentence(text, lang):
    assert [f.rule for f in linter_from(ADJACENT).check(text, lang=lang).findings] == ["t.secret-deal"]


def test_adjacent_goes_no_further_than_the_next_sentence():
    text = "The acquisition is done. We had a long week. It is not public until Monday."
    assert linter_from(ADJACENT).check(text, lang="en").findings == ()


FOCUS = """
rules:
  - id: t.own-story
    kind: near
    terms: [weed, hasj]
    near: {terms: [we, vi], within: sentence, focus: FOCUS}
    unless: [negated]
    category: drugs
    message: m
"""


@pytest.mark.parametrize(("text", "lang"), [("We didn't smoke weed.", "en"), ("Vi røykte aldri hasj.", "nb")])
def test_focus_term_lets_the_terms_own_context_decide(text, lang):
    by_term = linter_from(FOCUS.replace("FOCUS", "term")).check(text, lang=lang).findings
    by_near = linter_from(FOCUS.replace("FOCUS", "near")).check(text, lang=lang).findings
    assert by_term == () and [f.rule for f in by_near] == ["t.own-story"]


def test_an_unknown_focus_fails_at_load():
    with pytest.raises(PolicyError, match="'near.focus' must be one of: near, term"):
        linter_from(FOCUS.replace("FOCUS", "both"))
