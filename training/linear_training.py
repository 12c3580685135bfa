"""What the model-building scripts share: the halves of a data set, our written data, published
blog sentences and our written everyday prose as clean text, and the fit of a :class:`postguard.classify.linear.LinearModel`.

The scripts (``training/abuse/train.py``, ``training/meaning/train.py``) put the repository on
``sys.path`` and import this module as ``training.linear_training``.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import zlib
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from postguard.classify import words
from postguard.classify.linear import LinearModel

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
SEED = 0
#: The linear model's training: examples per batch, AdaGrad's step and the L2 penalty.
LINEAR_BATCH = 64
LEARNING_RATE = 0.2
L2 = 1e-5
#: Fits averaged into the shipped model (:func:`fit_averaged`), each with its own seed. Twelve,
#: not six (2026-12-08): two six-fit models of the same data, seeds 0-5 and 6-11, differed by
#: up to three drafts per class on a development half and by four ordinary posts flagged, as
#: much as a new batch of data moved them; twelve halve that spread's variance.
AVERAGED_FITS = 12
#: Word dropout (:func:`with_words_dropped`): copies of our written rows, share of words left out.
DROPPED_COPIES = 2
DROP_RATE = 0.25
#: Thresholds the validation sweep prints.
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
#: Published company blogs, as ordinary clean prose of the kind employees write.
BLOGS = {"en": "blog_en", "nb": "blog_nb"}
#: Clean everyday prose written for training (training/prose/SOURCES.md), read by every model.
PROSE = ROOT / "training" / "prose"


def held_out(key: str) -> bool:
    """The held-out half (odd crc32 of the key): never trained on, reported by the benchmarks."""
    return zlib.crc32(key.encode()) % 2 == 1


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def probe(reader: words.Reader, data: Path, lang: str) -> dict[str, str]:
    """What a model records of how ``reader`` read our written files of ``lang`` in the folder
    ``data`` (a glob, so every file counts): the test suite reads them again and fails when the
    reading changed since the model was built, which is when a rebuild would change it."""
    pattern = f"{lang}_written*.jsonl"
    texts = (row["text"] for path in sorted(data.glob(pattern)) for row in read(path))
    return {
        "files": (data / pattern).relative_to(ROOT).as_posix(),
        "digest": words.features_digest(reader, texts),
    }


def blog_sentences(lang: str, clean: str, limit: int) -> list[tuple[str, str, str]]:
    """(post path, sentence, ``clean``) for up to ``limit`` prose sentences of the language's blog
    corpus, in a fixed shuffled order. The post's path decides its half, so a benchmark can count
    false flags on posts whose sentences were never trained on."""
    from postguard.analysis import Analysis
    from postguard.parsers import format_for_path, parse

    out: list[tuple[str, str, str]] = []
    root = CORPORA / BLOGS[lang]
    for path in sorted(root.rglob("*")):
        if path.suffix not in {".md", ".markdown", ".html"}:
            continue
        key = str(path.relative_to(root))
        document = parse(path.read_text(encoding="utf-8", errors="replace"), format_for_path(str(path)), None)
        bounds = [*Analysis(document, lang).sentences, len(document.view)]
        for start, end in itertools.pairwise(bounds):
            sentence = document.view[start:end].strip()
            if document.scope_at(start) == "prose" and sum(c.isalpha() for c in sentence) >= 12:
                out.append((key, sentence, clean))
    random.Random(SEED).shuffle(out)
    return out[:limit]


def written_prose(lang: str, clean: str) -> list[tuple[str, str, str]]:
    """(id, text, ``clean``) for our written everyday prose of the language: posts, comments and
    notes with no violation, in the registers real posts have. The blogs alone give the Norwegian
    models about 800 sentences to learn what ordinary Norwegian looks like."""
    return [
        (row["id"], row["text"], clean)
        for path in sorted(PROSE.glob(f"{lang}_prose*.jsonl"))
        for row in read(path)
    ]


#: Where a written line's sentences part: an end mark, space, and a capital or digit next.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"«(]?[A-ZÆØÅ0-9])")


def clean_sentences(rows: Sequence[tuple[str, str]], clean: str) -> list[tuple[str, str]]:
    """Each sentence of the clean rows that have more than one, as a row of its own. The models
    read a post one sentence at a time, and a clean line's sentence on its own is clean too; read
    only whole, its plain first sentence ("X fikk pris for årets innovasjon.") leaned on the words
    of the next ("Velfortjent!"), and the model learned the plain one from sarcasm."""
    out: list[tuple[str, str]] = []
    for text, label in rows:
        if label == clean:
            parts = _SENTENCE_END.split(text)
            if len(parts) > 1:
                out.extend((part, clean) for part in parts)
    return out


def with_words_dropped(rows: Sequence[tuple[str, str]], seed: int = SEED) -> list[tuple[str, str]]:
    """Word dropout: :data:`DROPPED_COPIES` copies of each (text, label) row, each word left out
    with probability :data:`DROP_RATE`. A model trained on them also learns the words beside the
    one that most surely marks a row, and finds more phrasings it never saw."""
    rng = random.Random(seed)
    copies = []
    for _ in range(DROPPED_COPIES):
        for text, label in rows:
            tokens = text.split()
            kept = [token for token in tokens if rng.random() >= DROP_RATE] or tokens
            copies.append((" ".join(kept), label))
    return copies


def softmax(logits):
    """Row-wise softmax of a numpy matrix."""
    import numpy

    exp = numpy.exp(logits - logits.max(axis=-1, keepdims=True))
    return exp / exp.sum(axis=-1, keepdims=True)


def fit_linear(
    rows: Sequence[tuple[str, str]],
    labels: Sequence[str],
    epochs: int,
    reader: words.Reader,
    seed: int = SEED,
) -> tuple[Any, Any]:
    """Softmax regression over the hashed words, pairs and word classes of each (text, label) row,
    as ``reader`` reads it, AdaGrad on the rows a batch touches, in an order drawn from ``seed``: the
    weights (one row per bucket, one column per label) and the bias, as numpy arrays."""
    import numpy

    rng = numpy.random.default_rng(seed)
    keys = [numpy.asarray(reader.read(text) or [0], dtype=numpy.int64) for text, _ in rows]
    gold = numpy.asarray([labels.index(label) for _, label in rows])
    weights = numpy.zeros((words.BUCKETS, len(labels)), dtype=numpy.float32)
    bias = numpy.zeros(len(labels), dtype=numpy.float32)
    squares = numpy.full((words.BUCKETS, len(labels)), 1e-6, dtype=numpy.float32)
    bias_squares = numpy.full(len(labels), 1e-6, dtype=numpy.float32)
    for epoch in range(epochs):
        order = rng.permutation(len(rows))
        loss = 0.0
        for start in range(0, len(order), LINEAR_BATCH):
            batch = order[start : start + LINEAR_BATCH]
            lengths = numpy.asarray([len(keys[i]) for i in batch])
            cols = numpy.concatenate([keys[i] for i in batch])
            owner = numpy.repeat(numpy.arange(len(batch)), lengths)
            logits = numpy.add.reduceat(weights[cols], numpy.cumsum(lengths) - lengths, axis=0) + bias
            probabilities = softmax(logits)
            loss -= float(numpy.log(probabilities[numpy.arange(len(batch)), gold[batch]] + 1e-9).sum())
            delta = probabilities
            delta[numpy.arange(len(batch)), gold[batch]] -= 1.0
            touched, where = numpy.unique(cols, return_inverse=True)
            grad = numpy.zeros((len(touched), len(labels)), dtype=numpy.float32)
            numpy.add.at(grad, where, delta[owner])
            grad += L2 * weights[touched]
            squares[touched] += grad**2
            weights[touched] -= LEARNING_RATE * grad / numpy.sqrt(squares[touched])
            bias_grad = delta.sum(axis=0)
            bias_squares += bias_grad**2
            bias -= LEARNING_RATE * bias_grad / numpy.sqrt(bias_squares)
        print(f"  {reader.language} epoch {epoch + 1}/{epochs}: loss {loss / len(rows):.3f}", flush=True)
    return weights, bias


def fit_averaged(
    rows_for: Callable[[int], Sequence[tuple[str, str]]],
    labels: Sequence[str],
    clean: str,
    epochs: int,
    reader: words.Reader,
) -> LinearModel:
    """The average of :data:`AVERAGED_FITS` fits, each on ``rows_for(seed)`` (its own word-dropout
    copies, read by ``reader``) in its own order. The average of linear models is one model of
    the same size, as fast to read; one fit's scores swing with the order it saw its rows in, and
    on the validation quarter the average of six already ranked better than any one of them
    (abuse: average precision +0.01 to +0.03 per class)."""
    import numpy

    weights = numpy.zeros((words.BUCKETS, len(labels)))
    bias = numpy.zeros(len(labels))
    for seed in range(AVERAGED_FITS):
        print(f"  {reader.language} fit {seed + 1}/{AVERAGED_FITS}", flush=True)
        fit_weights, fit_bias = fit_linear(rows_for(seed), labels, epochs, reader, seed)
        weights += fit_weights
        bias += fit_bias
    flat = array("f")
    flat.frombytes((weights / AVERAGED_FITS).astype("<f4").tobytes())
    return LinearModel(tuple(labels), clean, flat, (bias / AVERAGED_FITS).tolist(), reader)


def threshold_sweep(
    model: LinearModel,
    checks: Sequence[tuple[str, str]],
    blogs: Sequence[tuple[str, str]],
    labels: Sequence[str],
    clean: str,
    lang: str,
) -> None:
    """Per class, on the validation rows: the recall of that class, and how many clean rows and
    blog sentences reach each threshold. The packs' thresholds are chosen here."""
    check_scores = model.scores([text for text, _ in checks])
    blog_scores = model.scores([text for text, _ in blogs])
    for label in labels:
        total = sum(gold == label for _, gold in checks)
        cells = []
        for threshold in THRESHOLDS:
            found = [gold for (_, gold), s in zip(checks, check_scores, strict=True) if s[label] >= threshold]
            noise = sum(s[label] >= threshold for s in blog_scores)
            recall = found.count(label) / max(total, 1)
            cells.append(f"{threshold}: R {recall:.2f} fp {found.count(clean)}+{noise}")
        print(f"  {lang} {label:<12} " + " | ".join(cells))
