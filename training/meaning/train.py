"""Build the meaning classifiers shipped in postguard/classify/ (meaning-en, meaning-nb): what a
sentence is about, among drugs (use, buying, being on them), claims (guarantees, superlatives,
absolutes about one's own offer) and confidential news (deals, results, layoffs, insider tips
before they are public), or clean.

Reproducible from the repository and ../shared alone, offline:

    python training/meaning/train.py [--lang en|nb|all] [--epochs N] [--validate] [--no-save]

Data (see training/meaning/SOURCES.md):
- our written data, data/{en,nb}_written*.jsonl: violations of each category and clean near
  misses (news and research, health, measured or negated claims, announced news, privacy talk);
- the development half of bench/data/meaning_drafts.jsonl (its held-out half is never read);
- sentences of published company blogs (../shared/corpora/blog_en, blog_nb) as clean prose.

Beside words and word pairs the models read the topic classes of the packs' word lists
(postguard/classify/lexicon/topics.tsv, built by training/meaning/lexicon.py), and the words a
negation reaches as negated ("ikke den eneste").

Held-out halves by crc32 of the id (a blog post's path): only the even halves are trained on, and
the figures printed are on the odd ones. With --validate a quarter of the training half is kept
out and the threshold sweep printed on it: the thresholds in the packs were chosen there.
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from postguard.classify import CLEAN, MEANING_LABELS, MODELS  # noqa: E402
from postguard.classify.linear import WEIGHTS_SUFFIX, LinearModel  # noqa: E402
from postguard.classify.words import TOPICS, Reader  # noqa: E402
from training.linear_training import (  # noqa: E402
    blog_sentences,
    fit_averaged,
    held_out,
    probe,
    read,
    threshold_sweep,
    with_words_dropped,
)

LABELS = (*MEANING_LABELS, CLEAN)
#: The meaning models read names as written: a codename or a drug's street name is a name, and
#: on the validation quarter masking names lost more than it gained here.
MASKS_NAMES = False
#: The meaning models read the words a negation reaches as negated too ("ikke den eneste"): on the
#: validation quarter claims recall at 0.8 rose 0.64 -> 0.66 (en) and 0.74 -> 0.76 (nb), with two
#: false flags fewer in English.
READS_NEGATION = True
DRAFTS = ROOT / "bench" / "data" / "meaning_drafts.jsonl"
#: Blog sentences read as clean prose (half of them held out).
MAX_BLOG_SENTENCES = 8_000
#: Our written examples weigh this many times per epoch beside the blog sentences.
OWN_DATA_WEIGHT = 3

Rows = list[tuple[str, str]]


def validation(key: str) -> bool:
    """A quarter of the training half, kept out with --validate to choose thresholds on."""
    return zlib.crc32(key.encode()) % 4 == 0


def datasets(lang: str, validate: bool) -> dict[str, tuple[Rows, Rows, Rows]]:
    """Per source: (training rows, validation rows, held-out rows) of (text, label)."""
    own = [row for path in sorted((HERE / "data").glob(f"{lang}_written*.jsonl")) for row in read(path)]
    drafts = [row for row in read(DRAFTS) if row["lang"] == lang]
    sources = {
        "own": [(r["id"], r["text"], r["label"]) for r in own],
        "drafts": [(r["id"], r["text"], r["label"]) for r in drafts],
        "blogs": blog_sentences(lang, CLEAN, MAX_BLOG_SENTENCES),
    }
    out: dict[str, tuple[Rows, Rows, Rows]] = {}
    for name, rows in sources.items():
        train: Rows = []
        checks: Rows = []
        test: Rows = []
        for key, text, label in rows:
            if held_out(key):
                test.append((text, label))
            elif validate and validation(key):
                checks.append((text, label))
            else:
                train.append((text, label))
        out[name] = (train, checks, test)
    return out


def training_rows(data: dict[str, tuple[Rows, Rows, Rows]], seed: int) -> Rows:
    rows = [
        row
        for name, (train, _, _) in data.items()
        for row in train * (OWN_DATA_WEIGHT if name != "blogs" else 1)
    ]
    return rows + with_words_dropped(
        [row for name, (train, _, _) in data.items() if name != "blogs" for row in train], seed
    )


def report(model: LinearModel, name: str, rows: Rows, lang: str) -> None:
    """Recall and precision per category (the top class), or the share of clean rows flagged."""
    if not rows:
        return
    scores = model.scores([text for text, _ in rows])
    guesses = [max(s, key=s.__getitem__) for s in scores]
    if all(label == CLEAN for _, label in rows):
        flagged = sum(g != CLEAN for g in guesses)
        print(f"{lang} {name:<7} {len(rows):>5} clean: {flagged} flagged ({flagged / len(rows):.2%})")
        return
    cells = []
    for label in MEANING_LABELS:
        tp = sum(g == label and gold == label for g, (_, gold) in zip(guesses, rows, strict=True))
        said = sum(g == label for g in guesses)
        total = sum(gold == label for _, gold in rows)
        cells.append(f"{label} R {tp / max(total, 1):.2f} P {tp / max(said, 1):.2f}")
    print(f"{lang} {name:<7} {len(rows):>5}: " + " | ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="all", choices=["en", "nb", "all"])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--no-save", action="store_true", help="measure only; keep the shipped models")
    parser.add_argument(
        "--validate", action="store_true", help="keep a validation quarter out and print the threshold sweep"
    )
    args = parser.parse_args()
    for lang in ("en", "nb") if args.lang == "all" else (args.lang,):
        started = time.perf_counter()
        data = datasets(lang, args.validate)
        model = fit_averaged(
            lambda seed, data=data: training_rows(data, seed),
            LABELS,
            CLEAN,
            args.epochs,
            Reader(lang, MASKS_NAMES, TOPICS, READS_NEGATION),
        )
        for name, (_, _, test) in data.items():
            report(model, name, test, lang)
        if args.validate:
            checks = data["own"][1] + data["drafts"][1]
            threshold_sweep(model, checks, data["blogs"][1], MEANING_LABELS, CLEAN, lang)
        if not args.no_save:
            target = MODELS / f"meaning-{lang}{WEIGHTS_SUFFIX}"
            model.probe = probe(model.reader, HERE / "data", lang)
            model.save(target)
            print(f"saved {target} in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
