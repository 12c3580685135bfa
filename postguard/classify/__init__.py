"""Trained text classifiers shipped inside the package, loaded on first use.

Two models per language, linear (:mod:`postguard.classify.linear`) over exclusive classes plus
``clean``: ``abuse-LANG.weights`` (:data:`ABUSE_LABELS`, built by ``training/abuse/train.py``)
and ``meaning-LANG.weights`` (:data:`MEANING_LABELS`, built by ``training/meaning/train.py``),
from the data named there. Nothing is downloaded: the model files are package data. Text goes
through :func:`prepare` both when training and when checking, so the two see the same words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

from postguard.classify.linear import WEIGHTS_SUFFIX, LinearModel, features
from postguard.errors import PostguardError

MODELS = Path(__file__).resolve().parent
#: What the abuse models tell apart; every other text is ``clean``.
ABUSE_LABELS = ("hate", "threat", "insult", "disparaging")
#: What the meaning models tell apart: what a sentence says that the policy's drugs, claims and
#: confidential rules are about.
MEANING_LABELS = ("drugs", "claims", "confidential")
CLEAN = "clean"
#: Sentences longer than this are cut for the model (a model reads a sentence, not a page).
MAX_CHARS = 1_000

_URL_RE = re.compile(r"https?://\S+|www\.\S+")
_MENTION_RE = re.compile(r"@\w+")
_REPEAT_RE = re.compile(r"([^\W\d_])\1{2,}")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s"})
_LEET_WORD_RE = re.compile(r"\b(?=\w*[^\W\d_])(?=\w*[013457@$])[\w@$]+\b")
# Cheap tests that tell most sentences need neither of the two costly substitutions above (a
# tenth of the model's reading): a character repeated three times, a digit that may be a letter.
_ANY_TRIPLE_RE = re.compile(r"(.)\1\1")
_LEET_CHAR_RE = re.compile(r"[013457@$]")


def prepare(text: str) -> str:
    """Text as the models read it: lower case, links and mentions as placeholders, letters
    repeated for emphasis cut to two, digits that stand for letters in a word read as letters."""
    text = _URL_RE.sub(" url ", text)
    text = _MENTION_RE.sub("@user", text)
    text = text.replace("#", " ").lower()
    if _ANY_TRIPLE_RE.search(text):
        text = _REPEAT_RE.sub(r"\1\1", text)
    if _LEET_CHAR_RE.search(text):
        text = _LEET_WORD_RE.sub(lambda m: m.group().translate(_LEET), text)
    return " ".join(text.split())[:MAX_CHARS]


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
    return load(name).scores([prepare(text) for text in texts])


def text_features(text: str) -> list[int]:
    """What every model reads of ``text``: the hashed words and word pairs of its prepared form.
    All models share them, so a sentence read by two models is prepared once."""
    return features(prepare(text))


class Reading:
    """Texts read by one model, given as their :func:`text_features`: a cheap ceiling on every
    class but the baseline, and full scores only for texts whose ceiling reaches what a rule asks."""

    def __init__(self, name: str, keys: Sequence[list[int]]) -> None:
        self.model = load(name)
        self.keys = keys
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
