"""An optional spaCy NER pipeline for person names, run on the shared tokens.

A user who has a trained pipeline (an installed package such as ``en_core_web_sm``, or a
folder) can name it in a rule's ``ner`` option. The draft is not tokenised again: the
shared Doc's words and spaces are copied into a Doc of the pipeline's vocabulary and only
the pipeline's components run on it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from postguard.errors import PostguardError
from postguard.pii import Detection

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from postguard.analysis import Analysis

PERSON_LABELS = frozenset({"PERSON", "PER"})
NER_SCORE = 0.85


@functools.cache
def load(name: str) -> Language:
    """Load a pipeline by installed package name or path; never downloads."""
    import spacy

    target: str | Path = Path(name) if ("/" in name or Path(name).exists()) else name
    try:
        nlp = spacy.load(target)
    except OSError as exc:
        raise PostguardError(
            f"cannot load the spaCy pipeline {name!r} for person names: install it as a package "
            f"or give the path to a saved pipeline ({str(exc).splitlines()[0]})"
        ) from None
    if "ner" not in nlp.pipe_names:
        raise PostguardError(f"the spaCy pipeline {name!r} has no 'ner' component")
    return nlp


def find_persons(nlp: Language, doc: Doc) -> list[tuple[int, int]]:
    """Character spans of person entities, predicted on ``doc``'s own tokens."""
    from spacy.tokens import Doc

    copy = Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    for _name, component in nlp.pipeline:
        copy = component(copy)
    return [
        (doc[ent.start].idx, doc[ent.end - 1].idx + len(doc[ent.end - 1]))
        for ent in copy.ents
        if ent.label_ in PERSON_LABELS
    ]


def run(analysis: Analysis, name: str) -> list[Detection]:
    """Person names from the pipeline ``name``, once per document and pipeline."""

    def compute() -> list[Detection]:
        return [Detection("PERSON", s, e, NER_SCORE) for s, e in find_persons(load(name), analysis.doc)]

    return analysis.memo(f"pii.ner:{name}", compute)
