"""Person names without a model: name lists, capitalisation, titles and context.

Official spaCy pipelines are not on the package index and there is none for Norwegian, so the
default recogniser needs no model. It is built in layers, each a module:

* :mod:`.words`: the word lists (titles, cue words, organisation and place words), kept as
  data in ``words.txt``;
* :mod:`.namelists`: first names, surnames and word frequencies from maintained packages
  (Faker, nicknames, wordfreq) and our own Norwegian list, cached per user;
* :mod:`.shapes`: token shapes and the runs of capitalised words that may be names;
* :mod:`.vocabulary`: what kind of word each token of a run is (:class:`Kind`);
* :mod:`.cues`: the words around a run that make it a person, or a place, firm or product;
* :mod:`.verdict`: the verdict, an ordered table of (cue, score, reason).

This module runs the finder on a draft's shared Doc, once per draft or per sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING

from postguard.pii import Detection
from postguard.pii.names.namelists import Lexicon, lexicon, load_lists
from postguard.pii.names.shapes import OTHER, shape
from postguard.pii.names.verdict import NameFinder, NameSpan, find_names, finder
from postguard.pii.names.vocabulary import Kind

if TYPE_CHECKING:
    from postguard.analysis import Analysis

__all__ = [
    "Kind",
    "Lexicon",
    "NameFinder",
    "NameSpan",
    "clear_caches",
    "find_names",
    "finder",
    "lexicon",
    "run",
]

#: Memo keys in a draft's analysis: names per sentence (None: the whole draft), token offsets.
NAMES_MEMO = "pii.names"
TOKEN_STARTS_MEMO = "pii.token-starts"


def run(analysis: Analysis, sentences: Iterable[int] | None = None) -> list[Detection]:
    """Person names in the draft's shared Doc, or only those that start in ``sentences``
    (indices into ``analysis.sentences``: a rule about names near private matters needs no
    others); each part is computed once per document."""
    done: dict[int | None, list[Detection]] = analysis.memo(NAMES_MEMO, dict)
    if sentences is None:
        if None not in done:
            done[None] = [_detection(s) for s in find_names(analysis.doc, analysis.language)]
        return done[None]
    wanted = sorted(set(sentences))
    for sentence in wanted:
        if sentence not in done:
            done[sentence] = _in_sentence(analysis, sentence)
    return [d for sentence in wanted for d in done[sentence]]


def _in_sentence(analysis: Analysis, sentence: int) -> list[Detection]:
    """Names starting in one sentence: the scan starts at the last token before it that no run
    can contain (the scan over the whole Doc stops there too), so the runs are the same."""
    from spacy.attrs import IDX

    doc = analysis.doc
    starts = analysis.memo(TOKEN_STARTS_MEMO, lambda: doc.to_array(IDX).tolist() if len(doc) else [])
    lo = analysis.sentences[sentence]
    hi = analysis.sentences[sentence + 1] if sentence + 1 < len(analysis.sentences) else len(analysis.text)
    first, stop = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    if first == stop:
        return []  # no token starts here: an empty sentence at the end of a block
    begin = first
    while begin > 0 and shape(doc[begin]) is not OTHER:
        begin -= 1
    spans = finder(analysis.language).find(doc, begin, stop)
    return [_detection(s) for s in spans if lo <= s.start < hi]


def clear_caches() -> None:
    """Forget the lists and finders loaded in this process (after the cache folder changes)."""
    for cached in (load_lists, lexicon, finder):
        cached.cache_clear()


def _detection(span: NameSpan) -> Detection:
    return Detection("PERSON", span.start, span.end, span.score, reason=span.reason)
