"""Analysis: everything computed once per document and shared by every check.

Language, sentences and word units are cheap and always built. The spaCy ``Doc`` (blank
``en``/``nb`` pipeline, nothing downloaded) is built on first use, once, for the checks that
need token-level analysis.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from postguard.analysis.context import CONTEXTS, Context
from postguard.analysis.language import detect_language
from postguard.analysis.nlp import pipeline
from postguard.analysis.sentences import sentence_starts
from postguard.analysis.units import Unit, readings, term_key, word_units
from postguard.model import LANGUAGES
from postguard.parsers.document import Document

if TYPE_CHECKING:
    from spacy.tokens import Doc

T = TypeVar("T")

__all__ = [
    "CONTEXTS",
    "LANGUAGES",
    "Analysis",
    "Context",
    "Unit",
    "detect_language",
    "pipeline",
    "readings",
    "sentence_starts",
    "term_key",
    "word_units",
]


class Analysis:
    """One document analysed once: language, sentences, word units and (lazily) the context of
    each sentence and a spaCy Doc."""

    def __init__(self, document: Document, language: str) -> None:
        self.document = document
        self.language = language
        self.sentences = sentence_starts(document)
        self.units = word_units(document.view, sentences=self.sentences, language=language)
        self._doc: Doc | None = None
        self._memo: dict[str, Any] = {}
        self._context: Context | None = None

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute something once per document and share it (the unit index, Presidio results per entity)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    @property
    def context(self) -> Context:
        """Negation, quotation, reporting, questions and conditions, per sentence, made on first use."""
        if self._context is None:
            self._context = Context(self.document.view, self.units, self.sentences)
        return self._context

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def doc(self) -> Doc:
        """The spaCy Doc of the markup-free view, made on first use and then shared."""
        if self._doc is None:
            from spacy.attrs import SENT_START

            doc = pipeline(self.language)(self.document.view)
            if len(doc):
                # One array write: setting token.is_sent_start one by one rescans the Doc each time.
                doc.from_array([SENT_START], self._sentence_flags(doc))
            self._doc = doc
        return self._doc

    def _sentence_flags(self, doc: Doc):
        """SENT_START per token (1 starts a sentence, -1 does not), computed on arrays: a token
        starts one when a sentence start lies after the previous token ends and at or before it
        (unless the gap is 64 characters or more), or exactly at it."""
        import numpy
        from spacy.attrs import IDX, LENGTH

        offsets = doc.to_array([IDX, LENGTH]).astype("int64")
        starts, ends = offsets[:, 0], offsets[:, 0] + offsets[:, 1]
        sentences = numpy.asarray(self.sentences, dtype="int64")
        upto_start = numpy.searchsorted(sentences, starts, side="right")
        exact = upto_start > numpy.searchsorted(sentences, starts, side="left")
        crosses = numpy.zeros(len(doc), dtype=bool)
        crosses[1:] = (starts[1:] - starts[:-1] < 64) & (
            upto_start[1:] > numpy.searchsorted(sentences, ends[:-1], side="right")
        )
        flags = numpy.where(exact | crosses, 1, -1).astype("int64")
        flags[0] = 1
        return flags.astype("uint64")

    def sentence_of(self, offset: int) -> int:
        return bisect.bisect_right(self.sentences, offset) - 1
