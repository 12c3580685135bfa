"""Sentence starts in a document's markup-free view."""

from __future__ import annotations

import re

from postguard.parsers.document import Document

# Starts only at the first of a run of stops, takes runs possessively and looks only a short
# way ahead for the next word: each keeps a draft of dots and spaces linear, not quadratic.
# A lone letter before a full stop is an initial ("J. K. Rowling", "K. E. S. T. R. E. L"), not an end.
# The lookahead on the first character lets the engine skip to stops instead of trying every position.
_SENTENCE_END_RE = re.compile(
    r"(?=[.!?…])(?<![.!?…])(?:[!?…]|(?<!\b[^\W\d_])\.)[.!?…]*+[\"'”’)\]]*+\s++(?=[\"'“‘(\[]?[\W\d_]{0,16}[^\W\d_])"
)


def sentence_starts(document: Document) -> list[int]:
    """Offsets where sentences begin: after . ! ? followed by a new word, and at block breaks."""
    starts = {0, *document.breaks}
    for m in _SENTENCE_END_RE.finditer(document.view):
        nxt = document.view[m.end() : m.end() + 1]
        if nxt and (nxt.isupper() or nxt.isdigit() or not nxt.isalpha()):
            starts.add(m.end())
    return sorted(starts)
