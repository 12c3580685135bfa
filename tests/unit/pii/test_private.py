"""Private matters with a shape: home addresses and amounts of pay, and what each still needs."""

from __future__ import annotations

import pytest

from postguard.pii import private
from postguard.pii.private import ADJACENT, NEAR, PERSONAL


def matters(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start : m.end], m.label, m.needs) for m in private.find(text, tuple(private.MATTERS))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a home: the words say someone lives there
        (
            "She lives at Storgata 12B, 0155 Oslo.",
            [("lives at Storgata 12B, 0155 Oslo", "home-address", PERSONAL)],
        ),
        ("Han bor i Solveien 7 på Nordstrand.", [("bor i Solveien 7", "home-address", PERSONAL)]),
        ("Hun bor på Kong Oscars gate 12.", [("bor på Kong Oscars gate 12", "home-address", PERSONAL)]),
        (
            "Adressen hans er Kirkeveien 12, 0368 Oslo.",
            [("Adressen hans er Kirkeveien 12, 0368 Oslo", "home-address", PERSONAL)],
        ),
        (
            "His home address is 221B Baker Street.",
            [("His home address is 221B Baker Street", "home-address", PERSONAL)],
        ),
        # an address with a word for one, or alone: a person must be named with it
        ("Adresse: Storgata 12, 0155 Oslo", [("Adresse: Storgata 12, 0155 Oslo", "home-address", NEAR)]),
        ("Kari Hansen, Storgata 12B, 0155 Oslo", [("Storgata 12B, 0155 Oslo", "home-address", ADJACENT)]),
        # pay: whose it is in the words, or a verb or word for pay before an amount
        ("Lønna hans er 650 000.", [("Lønna hans er 650 000", "pay", PERSONAL)]),
        ("Her salary is 80k a year.", [("Her salary is 80k a year", "pay", PERSONAL)]),
        ("Kari tjener 900 000 i året.", [("tjener 900 000 i året", "pay", NEAR)]),
        ("Per earns 1.2M, I heard.", [("earns 1.2M", "pay", NEAR)]),
        ("Her bonus was $12,000.", [("Her bonus was $12,000", "pay", PERSONAL)]),
        ("Bonusen er 40 000 kroner.", [("Bonusen er 40 000 kroner", "pay", NEAR)]),
        # not private matters: ages, counts, serving a purpose, a city, a year and a place
        ("Kari er 12 år og bor i Bergen.", []),
        ("The app earns 5 stars and makes 3 requests.", []),
        ("Kari earned 1500 stars; the server makes 1000 requests a second.", []),
        ("Kari makes $120k a year.", [("makes $120k a year", "pay", NEAR)]),
        ("Funksjonen tjener mange formål.", []),
        ("In 2024 Oslo got a new bridge; version 1.2 makes it faster.", []),
        ("Julia 12 and Lia 7 won.", []),
    ],
)
def test_matters_and_what_they_need(text, expected):
    assert matters(text) == expected


def test_every_matter_has_a_name_in_each_language():
    from postguard.model import LANGUAGES

    assert all(set(names) == set(LANGUAGES) for names in private.MATTERS.values())


@pytest.mark.parametrize(
    "text",
    [
        "Bor i Storgata 12B, 0155 Oslo og Kong Oscars gate 12 og 221B Baker Street, 12 Main St. Vei 7.",
        "Storgata 1 Veien 2 Gata 3 " * 40,
        "Aaaa Bbbb Storgata 12\nStorgata\n12 Old Kent Road Lane 4 Nedre Slottsgate 3",
    ],
)
def test_addresses_found_around_anchors_are_the_patterns_matches(text):
    """Looking only around the anchors gives what the whole pattern finds on the whole text."""
    fast = [m.span() for m in private._address_matches(text)]
    assert fast == [m.span() for m in private.ADDRESS_RE.finditer(text)]
    assert fast
