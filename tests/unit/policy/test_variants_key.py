"""The ``variants`` key of lists, terms and rules: validated at load, off unless asked for."""

from __future__ import annotations

import pytest

from postguard import PolicyError, load_policy_text
from postguard.kinds.terms import rule_terms

POLICY = """\
lists:
  insults:
{insults}
  codenames: [Kestrel, Bluefin]
rules:
  - id: t.insults
    kind: terms
    lists: [insults]
    category: offensive
    message: m
{rule_extra}
"""


def load(insults: str = "    terms: [bastard]", rule_extra: str = ""):
    return load_policy_text(POLICY.format(insults=insults, rule_extra=rule_extra), name="p.yml")


def test_variants_is_off_by_default() -> None:
    policy = load()
    assert [t.variants for t in policy.lists["insults"].terms] == [False]
    assert [t.variants for t in policy.lists["codenames"].terms] == [False, False]


def test_list_variants_is_the_default_of_its_terms_and_a_term_may_differ() -> None:
    policy = load("    variants: true\n    terms: [bastard, {term: Kestrel, variants: false}]")
    assert [(t.text, t.variants) for t in policy.lists["insults"].terms] == [
        ("bastard", True),
        ("Kestrel", False),
    ]


def test_rule_variants_turns_them_on_for_its_lists_and_inline_terms() -> None:
    policy = load(rule_extra="    variants: true\n    terms: [idiot]")
    rule = policy.rule("t.insults")
    assert [(t.text, t.variants) for t in rule_terms(rule, policy)] == [("bastard", True), ("idiot", True)]
    assert not any(t.variants for t in policy.lists["insults"].terms)  # the list itself is unchanged


@pytest.mark.parametrize(
    ("insults", "rule_extra"),
    [
        ("    variants: yes please\n    terms: [bastard]", ""),
        ("    terms: [{term: bastard, variants: 1}]", ""),
        ("    terms: [bastard]", "    variants: sometimes"),
    ],
)
def test_variants_must_be_true_or_false(insults: str, rule_extra: str) -> None:
    with pytest.raises(PolicyError, match="'variants' must be true or false") as caught:
        load(insults, rule_extra)
    assert caught.value.line is not None


def test_a_misspelt_variants_key_is_refused_with_a_suggestion() -> None:
    with pytest.raises(PolicyError, match="unknown key 'variant'.*variants"):
        load("    variant: true\n    terms: [bastard]")
