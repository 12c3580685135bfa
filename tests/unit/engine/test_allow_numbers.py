"""A public number in the policy's allow-list is allowed however a post writes it."""

from __future__ import annotations

import pytest
from conftest import linter_from

from postguard.engine.steps import public_number

POLICY = """
extends: [default]
allow: ["+47 22 00 00 00"]
"""


@pytest.mark.parametrize(
    "text",
    [
        "Ring sentralbordet på 22 00 00 00.",
        "Ring oss på +47 22000000.",
        "ring 0047 22 00 00 00",
        "ring 22-00-00-00",
    ],
)
def test_the_listed_number_passes_in_any_written_form(text) -> None:
    assert linter_from(POLICY).check(text, lang="nb").findings == ()


@pytest.mark.parametrize("text", ["Ring Ola på 412 34 567.", "Ring 22 00 00 01 i kveld."])
def test_other_numbers_are_still_reported(text) -> None:
    assert [f.rule for f in linter_from(POLICY).check(text, lang="nb").findings] == ["pii.phone"]


def test_only_number_shaped_text_of_seven_or_more_digits_is_compared_by_digits() -> None:
    assert public_number("+47 22 00 00 00") == "4722000000"
    assert public_number("press@acme.no") == "" and public_number("123 45") == ""
