"""The context step: ``unless`` drops hits in the contexts a rule names, ``unless-near`` in the
sentences where a word means another sense."""

from __future__ import annotations

import pytest
from conftest import linter_from, rules_hit

from postguard import PolicyError, load_policy_text

POLICY = """
rules:
  - id: t.claim
    kind: terms
    terms: [completely secure, feilfri]
    category: claims
    message: m
    unless: [negated, question]
  - id: t.always
    kind: terms
    terms: [unhackable]
    category: claims
    message: m
  - id: t.codename
    kind: terms
    terms: [Vega]
    category: confidential
    message: m
    unless-near: [sky, star, stjernehimmel, natt]
"""


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Our vault is completely secure.", "en", ["t.claim"]),
        ("No vault is completely secure.", "en", []),
        ("Is any vault completely secure?", "en", []),
        ("Løsningen er feilfri.", "nb", ["t.claim"]),
        ("Ingen løsning er feilfri.", "nb", []),
        ("No vault is unhackable.", "en", ["t.always"]),  # a rule without 'unless' keeps its hits
    ],
)
def test_unless_drops_hits_in_the_named_contexts_only(text, lang, expected):
    assert rules_hit(linter_from(POLICY).check(text, lang=lang)) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Vega launches in May.", "en", ["t.codename"]),
        ("Vega is the brightest star in Lyra tonight.", "en", []),
        ("Se Vega på stjernehimmelen i natt!", "nb", []),
        ("Look at the night sky. Vega ships in May.", "en", ["t.codename"]),  # another sentence
    ],
)
def test_unless_near_drops_hits_where_a_word_means_another_sense(text, lang, expected):
    assert rules_hit(linter_from(POLICY).check(text, lang=lang)) == expected


def test_an_unknown_context_fails_at_load() -> None:
    policy = "rules:\n  - id: a\n    kind: terms\n    terms: [x]\n    category: c\n    message: m\n    unless: [negative]\n"
    with pytest.raises(PolicyError, match=r"unknown context 'negative' in 'unless'.*did you mean 'negated'"):
        load_policy_text(policy)
