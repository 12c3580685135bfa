"""A softmax classifier over hashed words, word pairs and word classes, in plain Python.

The same model family as spaCy's bag-of-words ``textcat`` (a linear layer over hashed unigrams
and bigrams, softmax over exclusive classes), without spaCy or numpy at run time: a draft that
has no other use for them does not pay their import (about 1.3 s for spaCy, 0.2 s for numpy),
and the model reads words with one regex instead of spaCy's tokenizer
(:mod:`postguard.classify.words`). Training
(``training/abuse/train.py``) uses numpy.
"""

from __future__ import annotations

import json
import math
import sys
from array import array
from collections.abc import Sequence
from pathlib import Path

from postguard.classify.words import BUCKETS, Reader, lexicon_path

#: The file name ending of a model's weights.
WEIGHTS_SUFFIX = ".weights"
#: What a model reads (:func:`postguard.classify.words.features`), recorded in its file: a model
#: built for other features is refused, not misread.
READS = "words+pairs+classes"


def softmax(logits: Sequence[float]) -> list[float]:
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    total = sum(exps)
    return [x / total for x in exps]


class LinearModel:
    """Weights (BUCKETS rows of one float per class) and a bias; scores are a softmax over the
    summed rows of a text's features. ``baseline`` is the class a text belongs to when nothing
    stands out (``clean``): :meth:`ceiling` bounds every other class cheaply.

    Stored as one JSON header line (labels, baseline, language, names, buckets, features) followed by the float32 weights,
    the bias and each feature's lead (see :meth:`ceiling`), little-endian: read with the
    standard library alone, so checking a draft imports neither numpy nor spaCy.

    ``probe`` is what the training script recorded of how the reader read our written training
    data (``{"files": a glob, "digest": ...}``, see
    :func:`~postguard.classify.words.features_digest`): the test suite reads those files again
    and fails when the reading has changed since the model was built."""

    def __init__(
        self,
        labels: Sequence[str],
        baseline: str,
        weights: array,
        bias: Sequence[float],
        reader: Reader,
        leads: array | None = None,
        probe: dict[str, str] | None = None,
    ) -> None:
        self.labels = tuple(labels)
        self.probe = probe
        #: How it reads a text: its language, names, lexicon and negation.
        self.reader = reader
        self.baseline = baseline
        self.weights = weights
        self.bias = list(bias)
        self.leads = leads if leads is not None else self._compute_leads()
        base = self.bias[self.labels.index(baseline)]
        #: The bias's largest lead of a class over the baseline, the start of every ceiling.
        self.bias_lead = max(
            b - base for label, b in zip(self.labels, self.bias, strict=True) if label != baseline
        )

    def _compute_leads(self) -> array:
        """Per feature, the largest lead of any class over the baseline."""
        classes, base = len(self.labels), self.labels.index(self.baseline)
        weights = self.weights
        return array(
            "f",
            (
                max(weights[row + c] - weights[row + base] for c in range(classes) if c != base)
                for row in range(0, BUCKETS * classes, classes)
            ),
        )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with path.open("rb") as handle:
            header = json.loads(handle.readline())
            labels = header["labels"]
            if header.get("buckets") != BUCKETS or header.get("reads") != READS:
                raise ValueError(
                    f"{path}: built for features {header.get('reads')!r} in {header.get('buckets')} "
                    f"buckets, this version reads {READS!r} in {BUCKETS}: rebuild it with its script in training/"
                )
            reader = Reader(
                header["language"],
                header["masks_names"],
                header.get("lexicon", ""),
                header.get("negation", False),
            )
            if reader.lexicon and not lexicon_path(reader.lexicon).is_file():
                raise ValueError(
                    f"{path}: reads the lexicon {reader.lexicon!r}, which this installation lacks: reinstall"
                )
            parts = [array("f") for _ in range(3)]
            for part, count in zip(parts, (BUCKETS * len(labels), len(labels), BUCKETS), strict=True):
                part.frombytes(handle.read(4 * count))
        if sys.byteorder != "little":
            for part in parts:
                part.byteswap()
        weights, bias, leads = parts
        return cls(labels, header["baseline"], weights, bias, reader, leads, header.get("probe"))

    def save(self, path: Path) -> None:
        parts = [array("f", self.weights), array("f", self.bias), array("f", self.leads)]
        if sys.byteorder != "little":
            for part in parts:
                part.byteswap()
        header = {
            "labels": list(self.labels),
            "baseline": self.baseline,
            "language": self.reader.language,
            "masks_names": self.reader.masks_names,
            "lexicon": self.reader.lexicon,
            "negation": self.reader.negation,
            "buckets": BUCKETS,
            "reads": READS,
            **({"probe": self.probe} if self.probe else {}),
        }
        with path.open("wb") as handle:
            handle.write(json.dumps(header).encode() + b"\n")
            for part in parts:
                handle.write(part.tobytes())

    def logits(self, keys: Sequence[int]) -> list[float]:
        classes = len(self.labels)
        sums = list(self.bias)
        weights = self.weights
        for key in keys:
            row = key * classes
            for c in range(classes):
                sums[c] += weights[row + c]
        return sums

    def ceiling(self, keys: Sequence[int]) -> float:
        """An upper bound on the score of every class but the baseline, from one number per
        feature: P(c) <= sigmoid(logit_c - logit_baseline), and that difference is at most the
        bias's largest lead plus the sum of each feature's largest lead. Most sentences of a post
        are far from every class: their full scores are never computed."""
        return self.ceiling_of(self.bias_lead + self.lead_sum(keys))

    def lead_sum(self, keys: Sequence[int]) -> float:
        """The sum of each feature's largest lead over the baseline (:meth:`ceiling`, bias aside)."""
        return sum(map(self.leads.__getitem__, keys))

    @staticmethod
    def ceiling_of(lead: float) -> float:
        """The :meth:`ceiling` of a text whose features' leads and the bias's add up to ``lead``."""
        return 1.0 / (1.0 + math.exp(-lead)) if lead > -50 else 0.0

    def scores_of(self, keys: Sequence[int]) -> dict[str, float]:
        return self.scores_of_logits(self.logits(keys))

    def scores_of_logits(self, logits: Sequence[float]) -> dict[str, float]:
        """Class scores (summing to 1) from the logits of :meth:`logits`."""
        return dict(zip(self.labels, softmax(logits), strict=True))

    def lead(self, text: str, label: str) -> float:
        """How far the model's reading of a raw text leans to ``label`` over the baseline: the
        difference of their logits. It is a sum over the text's features, each of which spans a
        few neighbouring words, so what a word adds to it can be weighed on the words around it."""
        logits = self.logits(self.read(text))
        return logits[self.labels.index(label)] - logits[self.labels.index(self.baseline)]

    def read(self, text: str) -> tuple[int, ...]:
        """The features this model reads of a raw text."""
        return self.reader.read(text)

    def scores(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Class scores (summing to 1) of raw texts."""
        return [self.scores_of(self.read(text)) for text in texts]
