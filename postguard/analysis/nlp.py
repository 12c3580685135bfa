"""The spaCy pipelines: blank ``en``/``nb`` (nothing is downloaded), one per process."""

from __future__ import annotations

import functools
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
