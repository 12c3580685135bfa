"""The Linter's own contract with library callers: what it accepts and how it refuses."""

from __future__ import annotations

import pytest

from postguard import InputError, PostguardError


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (None, "expected the draft as a str, got NoneType"),
        (b"Kestrel", "got bytes (decode bytes first: data.decode('utf-8'))"),
        (bytearray(b"x"), "got bytearray (decode bytes first"),
        (42, "got int"),
    ],
)
def test_a_draft_that_is_not_text_is_the_documented_input_error(default_linter, value, says) -> None:
    with pytest.raises(InputError, match=r"^<text>: ") as caught:
        default_linter.check(value)
    assert says in str(caught.value)


def test_the_input_error_names_the_path_given(default_linter) -> None:
    with pytest.raises(InputError, match=r"^post\.md: expected the draft as a str"):
        default_linter.check(None, path="post.md")


@pytest.mark.parametrize(("option", "value"), [("format", "docx"), ("lang", "de")])
def test_unknown_format_or_language_is_a_clear_error(default_linter, option, value) -> None:
    with pytest.raises(PostguardError, match=value):
        default_linter.check("text", **{option: value})
