"""Sentence starts in a document's markup-free view."""

from __future__ import annotations

import bisect
import re

from postguard.parsers.document import Document

# Starts only at the first of a run of stops, takes runs possessively and looks only a short
# way ahead for the next word: each keeps a draft of dots and spaces linear, not quadratic.
# A lone letter before a full stop is an initial ("J. K. Rowling", "K. E. S. T. R. E. L"), not an end.
# The lookahead on the first character lets the engine skip to stops instead of trying every position.
_SENTENCE_END_RE = re.compile(
    r"(?=[.!?…])(?<![.!?…])(?:[!?…]|(?<!\b[^\W\d_])\.)[.!?…]*+[\"'”’)\]]*+\s++(?=[\"'“‘(\[]?[\W\d_]{0,16}[^\W\d_])"
)


#: An emoji that ends a sentence in chat and posts: one or more pictographs (with their
#: variation selectors and joiners), then spaces and a capital letter ("signert i dag 🎉 Ikke si
#: det til noen"). Within a sentence an emoji is followed by a small letter ("so proud 🎉 of the
#: team").
_EMOJI_END_RE = re.compile(
    r"[\u2600-\u27bf\U0001f300-\U0001faff][\u2600-\u27bf\U0001f300-\U0001faff\ufe0f\u200d]*+\s++(?=[^\W\d_])"
)


#: Words a sentence needs before an emoji can end it.
EMOJI_END_MIN_WORDS = 3


def sentence_starts(document: Document) -> list[int]:
    """Offsets where sentences begin: after . ! ? or an emoji followed by a new word, and at
    block breaks."""
    starts = {0, *document.breaks}
    view = document.view
    for m in _SENTENCE_END_RE.finditer(view):
        nxt = view[m.end() : m.end() + 1]
        if nxt and (nxt.isupper() or nxt.isdigit() or not nxt.isalpha()):
            starts.add(m.end())
    ends = sorted(starts)
    for m in _EMOJI_END_RE.finditer(view):
        # not an emoji that stands for a word ("I ❤️ Oslo"): a clause of its own comes before it
        begun = ends[bisect.bisect_right(ends, m.start()) - 1]
        if view[m.end()].isupper() and len(view[begun : m.start()].split()) >= EMOJI_END_MIN_WORDS:
            starts.add(m.end())
    return sorted(starts)
