"""Who a model's finding is about: the sentences that name a target, by list, by name or by
pointing back."""

from __future__ import annotations

import pytest

from postguard.analysis import Analysis
from postguard.kinds.targets import sentences_targeted
from postguard.matching import TermIndex
from postguard.parsers import parse

NO_TERMS = TermIndex([])


def named_by_name(text: str, fmt: str = "markdown", lang: str = "en") -> set[int]:
    """The sentences of ``text`` that name someone by name, of all its sentences."""
    analysis = Analysis(parse(text, fmt, None), lang)
    every = set(range(len(analysis.sentences)))
    return sentences_targeted(analysis, NO_TERMS, True, frozenset(), every)


@pytest.mark.parametrize(
    "text",
    [
        # the document writes the word as code: a tool, not someone
        "Fetch it with `go get`.\n\nThen Go builds the binary for you.",
        "```\nrustup update\nrust-analyzer --version\n```\n\nRust is a platform with potential.",
    ],
)
def test_a_word_the_document_writes_as_code_names_no_one(text):
    analysis = Analysis(parse(text, "markdown", None), "en")
    last = len(analysis.sentences) - 1
    assert last not in named_by_name(text)


@pytest.mark.parametrize(
    "text",
    [
        # the same sentences without the code: a name
        "Fetch it with the installer.\n\nThen Go builds the binary for you.",
        # a name the code does not write
        "Run `make test` first.\n\nThen Brightwave builds the binary for you.",
    ],
)
def test_a_capitalised_word_not_written_as_code_is_a_name(text):
    analysis = Analysis(parse(text, "markdown", None), "en")
    assert len(analysis.sentences) - 1 in named_by_name(text)


def test_a_pronoun_points_back_to_a_name_in_the_sentence_before():
    text = "Brightwave shipped a release. They broke the build again."
    assert named_by_name(text, "text") == {0, 1}
