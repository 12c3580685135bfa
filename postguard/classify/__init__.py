"""Trained text classifiers shipped inside the package, loaded on first use.

Two models per language, linear (:mod:`postguard.classify.linear`) over exclusive classes plus
``clean``: ``abuse-LANG.weights`` (:data:`ABUSE_LABELS`, built by ``training/abuse/train.py``)
and ``meaning-LANG.weights`` (:data:`MEANING_LABELS`, built by ``training/meaning/train.py``),
from the data named there. Nothing is downloaded: the model files are package data. Text is read
the same way when training and when checking (:mod:`postguard.classify.words`), so the two see
the same words.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

from postguard.classify.linear import WEIGHTS_SUFFIX, LinearModel
from postguard.classify.words import Reader, prepare
from postguard.errors import PostguardError

__all__ = ["ABUSE_LABELS", "CLEAN", "MEANING_LABELS", "Reader", "Reading", "classify", "load", "prepare"]

MODELS = Path(__file__).resolve().parent
#: What the abuse models tell apart; every other text is ``clean``.
ABUSE_LABELS = ("hate", "threat", "insult", "disparaging")
#: What the meaning models tell apart: what a sentence says that the policy's drugs, claims and
#: confidential rules are about.
MEANING_LABELS = ("drugs", "claims", "confidential")
CLEAN = "clean"


@functools.cache
def load(name: str) -> LinearModel:
    """The shipped model ``name`` (``abuse-en``...), loaded once per process."""
    path = MODELS / f"{name}{WEIGHTS_SUFFIX}"
    if not path.is_file():
        available = sorted(p.stem for p in MODELS.glob(f"*{WEIGHTS_SUFFIX}"))
        raise PostguardError(
            f"no model {name!r} in this installation (available: {', '.join(available) or 'none'}); "
            "reinstall postguard, or build it with its script in training/"
        )
    return LinearModel.load(path)


def classify(name: str, texts: Sequence[str]) -> list[dict[str, float]]:
    """The class scores of each text (they sum to 1)."""
    return load(name).scores(texts)


class Reading:
    """Texts read by one model, given as their features (:meth:`Reader.read`): a cheap ceiling on every
    class but the baseline, and full scores only for texts whose ceiling reaches what a rule asks."""

    def __init__(self, name: str, texts: Sequence[str]) -> None:
        self.model = load(name)
        self.keys = [self.model.read(text) for text in texts]
        self.ceilings = [self.model.ceiling(keys) for keys in self.keys]
        self._scores: dict[int, dict[str, float]] = {}

    def scores(self, index: int, floor: float) -> dict[str, float] | None:
        """The scores of text ``index``, or None when no class but the baseline can reach ``floor``."""
        if self.ceilings[index] < floor:
            return None
        found = self._scores.get(index)
        if found is None:
            found = self._scores[index] = self.model.scores_of(self.keys[index])
        return found
