"""Language detection, short posts above all: a tie is no vote for English."""

from __future__ import annotations

import pytest

from postguard.analysis import detect_language


@pytest.mark.parametrize(
    "text",
    [
        "God jul",
        "Takk for i dag",
        "Bra jobba",
        "Lykke til!",
        "Sees snart",
        "Nydelig vær",
        "Lunsjtid",
        "Hei Bergen",
    ],
)
def test_short_norwegian_posts(text) -> None:
    assert detect_language(text) == "nb"


@pytest.mark.parametrize(
    "text", ["Good luck!", "See you soon", "Well done", "Hello Oslo", "I agree", "Ship it"]
)
def test_short_english_posts(text) -> None:
    assert detect_language(text) == "en"


def test_lower_case_i_is_norwegian_and_the_capital_pronoun_english() -> None:
    assert detect_language("i dag") == "nb"
    assert detect_language("I did") == "en"


def test_a_name_after_the_first_word_weighs_nothing() -> None:
    assert detect_language("Welcome Kari") == "en"
    assert detect_language("Velkommen Kari") == "nb"


def test_a_text_with_no_evidence_goes_to_the_first_candidate() -> None:
    assert detect_language("1234 5678", ("nb", "en")) == "nb"
    assert detect_language("1234 5678", ("en", "nb")) == "en"


def test_one_candidate_is_the_answer_and_long_posts_go_by_function_words() -> None:
    assert detect_language("God jul", ("en",)) == "en"
    long_post = "Vi har jobbet med dette lenge, og nå er det endelig klart. " * 50
    assert detect_language(long_post) == "nb"
