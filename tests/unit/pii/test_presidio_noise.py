"""The noise dropped after Presidio: results hidden inside another kind of result, phone numbers
that are dates or parts of web addresses."""

from __future__ import annotations

import random

from postguard.analysis import Analysis
from postguard.parsers import parse
from postguard.pii import Detection
from postguard.pii.presidio import SHADOWS, _drop_noise

ENTITIES = ["PHONE_NUMBER", "URL", "EMAIL_ADDRESS", "NO_BANK_ACCOUNT", "CREDIT_CARD", "IBAN_CODE"]


def _hidden_by_comparing_every_pair(d: Detection, found: list[Detection]) -> bool:
    """The definition: another result of a hiding kind holds the whole of ``d``."""
    return any(
        d.entity == inner and any(o.entity in outer and o.start <= d.start and d.end <= o.end for o in found)
        for outer, inner in SHADOWS
    )


def test_shadowed_results_are_those_inside_a_hider() -> None:
    text = "word " * 200
    analysis = Analysis(parse(text), "en")
    rng = random.Random(3)
    for _ in range(50):
        found = []
        for _ in range(rng.randint(0, 40)):
            start = rng.randrange(0, 900)
            found.append(Detection(rng.choice(ENTITIES), start, start + rng.randint(1, 60), 0.5))
        expected = sorted(
            (d for d in found if not _hidden_by_comparing_every_pair(d, found)),
            key=lambda d: (d.start, d.end, d.entity),
        )
        assert _drop_noise(found, analysis) == expected


def test_a_date_and_a_number_in_a_web_address_are_not_phone_numbers() -> None:
    text = "On 2024-03-01 see https://example.com/issues/41234567 or call 412 34 567."
    analysis = Analysis(parse(text), "en")
    date, link, phone = (text.index(s) for s in ("2024-03-01", "41234567", "412 34 567"))
    found = [
        Detection("PHONE_NUMBER", date, date + 10, 0.4),
        Detection("PHONE_NUMBER", link, link + 8, 0.4),
        Detection("PHONE_NUMBER", phone, phone + 10, 0.4),
    ]
    assert _drop_noise(found, analysis) == [found[2]]


def test_thousands_of_phone_numbers_by_context_words(acme) -> None:
    """8,000 numbers took minutes when every result was compared with every other."""
    text = " ".join(f"tel 4{i:07d}" for i in range(3000))
    findings = acme.check(text, lang="en").findings
    assert len([f for f in findings if f.rule.endswith("phone")]) == 3000
