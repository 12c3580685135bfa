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

__all__ = [
    "ABUSE_LABELS",
    "CLEAN",
    "MEANING_LABELS",
    "JoinedReading",
    "Reader",
    "Reading",
    "classify",
    "load",
    "prepare",
]

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

    def __init__(
        self,
        model: LinearModel,
        words: list[tuple[str, ...]],
        keys: list[tuple[int, ...]],
        leads: list[float] | None = None,
    ) -> None:
        self.model = model
        self.words = words
        self.keys = keys
        #: Per text, what its ceiling is the sigmoid of (the bias's lead and its features').
        self.leads = leads if leads is not None else [model.bias_lead + model.lead_sum(k) for k in keys]
        self.ceilings = [model.ceiling_of(lead) for lead in self.leads]
        self._logits: dict[int, list[float]] = {}
        self._scores: dict[int, dict[str, float]] = {}

    @classmethod
    def of(cls, name: str, texts: Sequence[str]) -> Reading:
        """``texts`` read by the shipped model ``name``."""
        model = load(name)
        read = [model.reader.words_and_features(text) for text in texts]
        return cls(model, [words for words, _ in read], [keys for _, keys in read])

    def joined(self, pairs: Sequence[tuple[int, int]]) -> JoinedReading:
        """Each pair of texts (by index) read as one, the first then the second."""
        return JoinedReading(self, pairs)

    def logits(self, index: int) -> list[float]:
        """The model's logits of text ``index``, worked out once."""
        found = self._logits.get(index)
        if found is None:
            found = self._logits[index] = self.model.logits(self.keys[index])
        return found

    def scores(self, index: int, floor: float) -> dict[str, float] | None:
        """The scores of text ``index``, or None when no class but the baseline can reach ``floor``."""
        if self.ceilings[index] < floor:
            return None
        found = self._scores.get(index)
        if found is None:
            found = self._scores[index] = self.model.scores_of_logits(self.logits(index))
        return found


class JoinedReading(Reading):
    """Pairs of texts of a :class:`Reading`, each read as one text, the first then the second.
    Its features are the two texts' features and those across the seam (:meth:`Reader.seam`),
    and a linear model's logits and ceiling are sums over features and the bias: a pair's are
    the two texts' and the seam's, with the bias counted once. Neither text is read again;
    ``keys`` holds the seams' features, and a joined reading has no ``words`` to join again."""

    def __init__(self, texts: Reading, pairs: Sequence[tuple[int, int]]) -> None:
        model, seam = texts.model, texts.model.reader.seam
        seams = [tuple(seam(texts.words[a], texts.words[b])) for a, b in pairs]
        leads = [
            texts.leads[a] + texts.leads[b] - model.bias_lead + model.lead_sum(features)
            for (a, b), features in zip(pairs, seams, strict=True)
        ]
        super().__init__(model, [], seams, leads)
        self.texts = texts
        self.pairs = pairs

    def logits(self, index: int) -> list[float]:
        found = self._logits.get(index)
        if found is None:
            a, b = self.pairs[index]
            parts = zip(
                self.texts.logits(a),
                self.texts.logits(b),
                self.model.logits(self.keys[index]),
                self.model.bias,
                strict=True,
            )
            found = self._logits[index] = [one + two + seam - 2 * bias for one, two, seam, bias in parts]
        return found
