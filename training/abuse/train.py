"""Build the abuse classifiers shipped in postguard/classify/ (abuse-en, abuse-nb).

Reproducible from the repository and ../shared alone, offline:

    python training/abuse/train.py [--lang en|nb|all] [--epochs N] [--validate] [--no-save]

Data (see training/abuse/SOURCES.md for licences and what each part is):
- en: the full Davidson et al. (2017) set (hate_speech -> hate, offensive_language -> insult,
  neither -> clean), ToxiGen's curated statements (hate -> hate, neutral -> clean), and our
  own written data (data/en_written*.jsonl: hate, threat, insult, disparaging and hard negatives).
- nb: DKHate (Danish, the nearest public set: OFF -> insult, NOT -> clean; its own train/test
  split) and our own written Norwegian data (data/nb_written*.jsonl).
- both: sentences of published blogs and our written everyday prose (training/prose) as clean.

Held-out halves: Davidson and ToxiGen are split by crc32 of the id (or text) into a training half
(even) and a held-out half (odd), and so are the blog sentences; DKHate keeps its published test
split. Only the training halves are trained on; the figures printed are on the held-out halves.

Our written data (data/, and the everyday prose in training/prose/) is trained on whole. Until
2026-12-07 half of it was held out; but a model trained on one half of our writers' lines and
measured on the other is measured on the same writers, and it scored far above what it scored on
lines by other writers. The blind sets in bench/data (abuse_drafts*.jsonl: other writers, never
trained on) are the measure now: see bench/abuse.py.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import zlib
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from postguard.classify import ABUSE_LABELS, CLEAN, MODELS, Reader, prepare  # noqa: E402
from postguard.classify.linear import WEIGHTS_SUFFIX, LinearModel  # noqa: E402
from training.linear_training import (  # noqa: E402
    CORPORA,
    SEED,
    blog_sentences,
    clean_sentences,
    fit_averaged,
    held_out,
    probe,
    read,
    threshold_sweep,
    with_words_dropped,
    written_prose,
)

SHARED = CORPORA / "offensive"
#: The abuse models read names as one placeholder: our data names invented companies and people,
#: and a model that learned from them would judge a real company by whether its name looks like
#: theirs (it took "Nordic Cloud Co." for a competitor it had seen run down).
MASKS_NAMES = True
LABELS = (*ABUSE_LABELS, CLEAN)
#: spaCy's textcat (--arch bow|ensemble, for comparison): dropout while training.
DROPOUT = 0.2
#: Our written examples are few beside Davidson's 24,783 tweets: they are repeated this many
#: times per epoch so that workplace abuse and the hard negatives weigh as much as tweets.
OWN_DATA_WEIGHT = {"en": 4, "nb": 3}
DAVIDSON = {"hate_speech": "hate", "offensive_language": "insult", "neither": CLEAN}
TOXIGEN = {"hate": "hate", "neutral": CLEAN}
DKHATE = {"OFF": "insult", "NOT": CLEAN}
#: Published company blogs' sentences as clean prose: without them the model has seen tweets and
#: comments only and takes technical writing for abuse. Half of them are held out.
MAX_BLOG_SENTENCES = 6_000


#: With --validate, a quarter of the data (from the training half) is kept out of training and
#: the thresholds are chosen on it; the shipped models then train on the whole training half.
VALIDATE = False


def validation(key: str) -> bool:
    return VALIDATE and zlib.crc32(key.encode()) % 4 == 0


def bench_held_out() -> frozenset[str]:
    """Texts bench/packs.py reports on (the odd rows of en_davidson.jsonl and da_dkhate_proxy.jsonl):
    never trained on, wherever else they appear."""
    texts = set()
    for name in ("en_davidson.jsonl", "da_dkhate_proxy.jsonl"):
        texts.update(row["text"] for row in read(SHARED / name)[1::2])
    return frozenset(texts)


def datasets(lang: str) -> dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]]:
    """Per source: (training half, held-out half) of (text, label)."""
    out: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str]]]] = {}
    reserved = bench_held_out()

    def split(name: str, rows: Iterable[tuple[str, str, str]], holds_out: bool = True) -> None:
        train: list[tuple[str, str]] = []
        test: list[tuple[str, str]] = []
        checks: list[tuple[str, str]] = []
        for key, text, label in rows:
            if holds_out and held_out(key):
                test.append((text, label))
            elif validation(key):
                checks.append((text, label))
            elif text not in reserved:
                train.append((text, label))
        out[name] = (train, test)
        if VALIDATE and name in ("own", "blogs"):
            out[f"{name}:validation"] = ([], checks)

    split("blogs", blog_sentences(lang, CLEAN, MAX_BLOG_SENTENCES * 2))
    split("prose", written_prose(lang, CLEAN), holds_out=False)
    own = [row for path in sorted((HERE / "data").glob(f"{lang}_written*.jsonl")) for row in read(path)]
    split("own", ((r["id"], r["text"], r["label"]) for r in own), holds_out=False)
    if lang == "en":
        davidson = read(SHARED / "en_davidson_full.jsonl")
        split("davidson", ((r["id"], r["text"], DAVIDSON[r["orig_label"]]) for r in davidson))
        toxigen = read(SHARED / "en_toxigen_prompts.jsonl")
        split("toxigen", ((r["text"], r["text"], TOXIGEN[r["label"]]) for r in toxigen))
    else:
        dkhate = read(SHARED / "da_dkhate_full.jsonl")
        out["dkhate"] = (
            [
                (r["text"], DKHATE[r["orig_label"]])
                for r in dkhate
                if r["split"] == "train" and r["text"] not in reserved
            ],
            [(r["text"], DKHATE[r["orig_label"]]) for r in dkhate if r["split"] == "test"],
        )
    return out


BOW = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 2**18,
}
#: Words and their prefixes, suffixes and shapes embedded and mixed by a small CNN, beside the
#: bag of words: it carries what a word list cannot ("dummere", "dumme", "dumskalle" share parts).
ENSEMBLE = {
    "@architectures": "spacy.TextCatEnsemble.v2",
    "linear_model": BOW,
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": 64,
            "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
            "rows": [5000, 2500, 2500, 1000],
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": 64,
            "window_size": 1,
            "maxout_pieces": 3,
            "depth": 2,
        },
    },
}
ARCHITECTURES = {"bow": BOW, "ensemble": ENSEMBLE}


def build(lang: str, arch: str):
    import spacy

    nlp = spacy.blank(lang)
    nlp.add_pipe("textcat", config={"model": ARCHITECTURES[arch]})
    return nlp


def examples(nlp, rows: list[tuple[str, str]]):
    from spacy.training import Example

    return [
        Example.from_dict(
            nlp.make_doc(prepare(text, MASKS_NAMES)),
            {"cats": {label: float(label == gold) for label in LABELS}},
        )
        for text, gold in rows
    ]


class SpacyModel:
    """A spaCy textcat pipeline behind the shape of :class:`LinearModel` (for comparison)."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp

    def scores(self, texts: list[str]) -> list[dict[str, float]]:
        return [dict(doc.cats) for doc in self.nlp.pipe(texts, batch_size=256)]

    def save(self, target: Path, sources: list[str]) -> None:
        self.nlp.meta.update({"name": target.name.replace("-", "_"), "version": "1.0.0", "sources": sources})
        self.nlp.to_disk(target)


def training_rows(lang: str, data, seed: int = SEED) -> list[tuple[str, str]]:
    rows = [
        row
        for name, (part, _) in data.items()
        for row in part * (OWN_DATA_WEIGHT[lang] if name == "own" else 1)
    ]
    return rows + with_words_dropped(data["own"][0], seed) + clean_sentences(data["own"][0], CLEAN)


def train_linear(lang: str, epochs: int) -> tuple[LinearModel, dict]:
    data = datasets(lang)
    model = fit_averaged(
        lambda seed: training_rows(lang, data, seed), LABELS, CLEAN, epochs, Reader(lang, MASKS_NAMES)
    )
    return model, data


def train(lang: str, epochs: int, arch: str):
    if arch == "linear":
        return train_linear(lang, epochs)
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(SEED)
    rng = random.Random(SEED)
    data = datasets(lang)
    rows = training_rows(lang, data)
    nlp = build(lang, arch)
    textcat = nlp.get_pipe("textcat")
    for label in LABELS:
        textcat.add_label(label)
    train_examples = examples(nlp, rows)
    optimizer = nlp.initialize(lambda: train_examples[:2000])
    for epoch in range(epochs):
        rng.shuffle(train_examples)
        losses: dict[str, float] = {}
        for batch in minibatch(train_examples, size=64):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=DROPOUT)
        print(f"  {lang} epoch {epoch + 1}/{epochs}: loss {losses.get('textcat', 0.0):.2f}", flush=True)
    return SpacyModel(nlp), data


def predict(model, texts: list[str]) -> list[tuple[str, float]]:
    out = []
    for scores in model.scores(texts):
        label = max(scores, key=scores.__getitem__)
        out.append((label, scores[label]))
    return out


def report(model, data, lang: str) -> None:
    """Held-out figures: abusive (any class but clean) vs clean, per source that holds a half out."""
    for name, (_, test) in data.items():
        if not test:
            continue
        guesses = predict(model, [t for t, _ in test])
        truth = [label != CLEAN for _, label in test]
        said = [label != CLEAN for label, _ in guesses]
        tp = sum(a and b for a, b in zip(truth, said, strict=True))
        fp = sum(b and not a for a, b in zip(truth, said, strict=True))
        fn = sum(a and not b for a, b in zip(truth, said, strict=True))
        if not any(truth):
            print(f"{lang} {name:<9} held-out {len(test):>6}: all clean, {fp} flagged ({fp / len(test):.2%})")
            continue
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{lang} {name:<9} held-out {len(test):>6}: abusive P {p:.3f} R {r:.3f} F1 {f1:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="all", choices=["en", "nb", "all"])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--arch", default="linear", choices=["linear", *sorted(ARCHITECTURES)])
    parser.add_argument("--no-save", action="store_true", help="measure only; keep the shipped models")
    parser.add_argument(
        "--out", type=Path, default=MODELS, help="where to write abuse-LANG (default: the package)"
    )
    parser.add_argument(
        "--validate", action="store_true", help="keep a validation quarter out and print the threshold sweep"
    )
    args = parser.parse_args()
    global VALIDATE
    VALIDATE = args.validate
    for lang in ("en", "nb") if args.lang == "all" else (args.lang,):
        started = time.perf_counter()
        model, data = train(lang, args.epochs, args.arch)
        report(model, data, lang)
        if VALIDATE:
            threshold_sweep(
                model, data["own:validation"][1], data["blogs:validation"][1], ABUSE_LABELS, CLEAN, lang
            )
        if not args.no_save:
            if args.arch == "linear":
                target = args.out / f"abuse-{lang}{WEIGHTS_SUFFIX}"
                model.probe = probe(model.reader, HERE / "data", lang)
                model.save(target)
            else:
                target = args.out / f"abuse-{lang}-{args.arch}"
                model.save(target, list(data))
            print(f"saved {target} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
