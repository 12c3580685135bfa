"""The spaCy pipelines: blank ``en``/``nb`` (nothing is downloaded), one per process."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language


@functools.cache
def pipeline(lang: str) -> Language:
    """The blank spaCy pipeline for ``lang``, built once per process (no model download)."""
    import spacy

    nlp = spacy.blank(lang)
    nlp.max_length = 100_000_000
    return nlp


@contextlib.contextmanager
def words_forgotten_after(languages: Iterable[str]) -> Iterator[None]:
    """Words that spaCy first meets inside the block are forgotten when it ends (its memory zones).

    A process that checks an endless stream of posts, such as an audit's worker, otherwise keeps
    every distinct word, number and link it ever saw. Nothing made inside the block (a Doc) may be
    used after it, and no other thread may check meanwhile: a web server's threads must not use
    it. Warm the Linter first, so that what it loads stays.
    """
    with contextlib.ExitStack() as zones:
        for language in languages:
            zones.enter_context(pipeline(language).memory_zone())
        yield
