"""spaCy's pipelines as postguard uses them: words met while checking a stream of posts can be
forgotten after each batch, with the same findings."""

from __future__ import annotations

from postguard.analysis.nlp import pipeline, words_forgotten_after
from postguard.engine import Linter

POSTS = (
    "Zorblaxian quarterly figures: call Kari on +47 41 23 45 67, mail kari.nordmann@gmail.com.",
    "Vi lanserer Fnuggelprosjektet i Trondheim neste uke, ring meg på 41 23 45 67.",
)


def _strings() -> dict[str, int]:
    return {language: len(pipeline(language).vocab.strings) for language in ("en", "nb")}


def test_words_met_inside_the_block_are_forgotten_and_the_findings_are_the_same(
    default_linter: Linter,
) -> None:
    default_linter.warm()
    before = _strings()
    with words_forgotten_after(default_linter.policy.languages):
        inside = [default_linter.check(post).findings for post in POSTS]
        assert _strings() != before  # the new words were learnt while checking
    assert _strings() == before
    assert [default_linter.check(post).findings for post in POSTS] == inside
