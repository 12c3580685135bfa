"""A softmax classifier over hashed words and word pairs, in plain Python.

The same model family as spaCy's bag-of-words ``textcat`` (a linear layer over hashed unigrams
and bigrams, softmax over exclusive classes), without spaCy or numpy at run time: a draft that
has no other use for them does not pay their import (about 1.3 s for spaCy, 0.2 s for numpy),
and the model reads words with one regex instead of spaCy's tokenizer. Training
(``training/abuse/train.py``) uses numpy.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import sys
import zlib
from array import array
from collections.abc import Sequence
from pathlib import Path

#: Hash buckets (rows of the weight matrix).
BUCKETS = 2**18
#: The file name ending of a model's weights.
WEIGHTS_SUFFIX = ".weights"
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s]")


def features(text: str) -> list[int]:
    """Bucket numbers of a prepared text's words and word pairs (a pair is "a b")."""
    words = _WORD_RE.findall(text)
    keys = [zlib.crc32(w.encode()) % BUCKETS for w in words]
    keys += [zlib.crc32(f"{a} {b}".encode()) % BUCKETS for a, b in itertools.pairwise(words)]
    return keys


def softmax(logits: Sequence[float]) -> list[float]:
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    total = sum(exps)
    return [x / total for x in exps]


class LinearModel:
    """Weights (BUCKETS rows of one float per class) and a bias; scores are a softmax over the
    summed rows of a text's features. Stored as one JSON header line (labels, buckets) followed
    by the float32 weights and bias, little-endian: read with the standard library alone, so
    checking a draft imports neither numpy nor spaCy."""

    def __init__(self, labels: Sequence[str], weights: array, bias: Sequence[float]) -> None:
        self.labels = tuple(labels)
        self.weights = weights
        self.bias = list(bias)

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with path.open("rb") as handle:
            header = json.loads(handle.readline())
            labels = header["labels"]
            if header.get("buckets") != BUCKETS:
                raise ValueError(
                    f"{path}: built for {header.get('buckets')} buckets, this version uses {BUCKETS}"
                )
            weights = array("f")
            weights.frombytes(handle.read(4 * BUCKETS * len(labels)))
            bias = array("f")
            bias.frombytes(handle.read(4 * len(labels)))
        if sys.byteorder != "little":
            weights.byteswap()
            bias.byteswap()
        return cls(labels, weights, bias)

    def save(self, path: Path) -> None:
        weights, bias = array("f", self.weights), array("f", self.bias)
        if sys.byteorder != "little":
            weights.byteswap()
            bias.byteswap()
        with path.open("wb") as handle:
            handle.write(json.dumps({"labels": list(self.labels), "buckets": BUCKETS}).encode() + b"\n")
            handle.write(weights.tobytes())
            handle.write(bias.tobytes())

    def logits(self, keys: list[int]) -> list[float]:
        classes = len(self.labels)
        sums = list(self.bias)
        weights = self.weights
        for key in keys:
            row = key * classes
            for c in range(classes):
                sums[c] += weights[row + c]
        return sums

    def scores(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Class scores (summing to 1) of already prepared texts."""
        return [dict(zip(self.labels, softmax(self.logits(features(text))), strict=True)) for text in texts]
