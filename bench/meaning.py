"""Drugs, claims and confidential news in free phrasing: recall and precision per category.

The data is bench/data/meaning_drafts.jsonl: drafts written for this benchmark before the packs
were rewritten (violations of each category in English and Norwegian Bokmål, and clean drafts
that come close to one: news, negation, homonyms, measured statements), and a second part
(numbered 201 and up) written later by someone who saw neither the packs nor the models, and
measured whole (``--part all --from-number 201``) before anything was tuned on it. A draft is in the
development part when crc32(id) is even and in the held-out part when it is odd; the packs were
tuned on the development part, and the figures to quote are the held-out ones.

bench/data/meaning_drafts_2.jsonl (792 drafts, en + nb, 2026-12-07) was written the same way,
blind, and measured whole before anything was tuned on it (``--data bench/data/meaning_drafts_2.jsonl
--part all``); then the packs' word lists were extended from the misses of its development half
only (crc32 even), and its held-out half (``--part test``) is the figure to quote. No model
trains on it.

bench/data/meaning_drafts_3.jsonl (400 drafts, en + nb, written on 2026-12-07 by four writers
given only a brief of the categories, who opened no file of the project) is a third set kept
whole as a test: nothing is tuned on it or trained on it, and its misses are not read; quote
``--data bench/data/meaning_drafts_3.jsonl --part all``.

bench/data/meaning_drafts_4.jsonl (1,000 drafts, 500 per language, written on 2026-12-07 by two
writers given only the brief beside it, meaning_drafts_4.brief.md, who opened no file of the
project): development half (crc32 even) for decisions, held-out half (``--part test``) to quote.

bench/data/meaning_drafts_5.jsonl (500 drafts, 250 per language, written on 2026-12-07 by two
more writers given only the brief beside it, meaning_drafts_5.brief.md) was measured whole once,
with that day's release and the one before, before anything was tuned on it; from then on the
same halves as the fourth set.

A draft counts as flagged for a category when the default policy reports a warning or an error
of that category in it (info notes do not count). The same findings are then counted on the
same half of the real blog posts (bench/blog_noise.py).

    python bench/meaning.py [--part dev|test|all] [--show N] [--policy FILE] [--data FILE]
                            [--from-number N]
"""

from __future__ import annotations

import argparse
import json
import time
import zlib
from collections import Counter
from pathlib import Path

import blog_noise

DATA = Path(__file__).resolve().parent / "data" / "meaning_drafts.jsonl"
CATEGORIES = ("drugs", "claims", "confidential")


def part_of(item_id: str) -> str:
    return "dev" if zlib.crc32(item_id.encode()) % 2 == 0 else "test"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", default="test", choices=["dev", "test", "all"])
    parser.add_argument(
        "--show", type=int, default=0, help="print up to N misses and false flags per category"
    )
    parser.add_argument("--policy", default=None, help="a policy file instead of the default policy")
    parser.add_argument("--no-blogs", action="store_true", help="skip the false flags on real posts")
    parser.add_argument("--data", type=Path, default=DATA, help="drafts in the same format instead")
    parser.add_argument(
        "--from-number",
        type=int,
        default=0,
        help="only drafts numbered this or higher (201: the second part)",
    )
    args = parser.parse_args()

    from postguard import Linter, Severity

    linter = Linter.from_file(args.policy) if args.policy else Linter.default()
    drafts = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    drafts = [d for d in drafts if args.part == "all" or part_of(d["id"]) == args.part]
    drafts = [d for d in drafts if int(d["id"].rsplit("-", 1)[1]) >= args.from_number]
    t0 = time.perf_counter()
    counts: Counter[tuple[str, str]] = Counter()
    misses: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    false_flags: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    for draft in drafts:
        result = linter.check(draft["text"], lang=draft["lang"])
        flagged = {
            f.category: f
            for f in result.findings
            if f.severity >= Severity.WARNING and f.category in CATEGORIES
        }
        for category in CATEGORIES:
            truth = draft["label"] == category
            said = category in flagged
            counts[
                category,
                {(True, True): "tp", (True, False): "fn", (False, True): "fp"}.get((truth, said), "tn"),
            ] += 1
            if truth and not said:
                misses[category].append(f"{draft['id']}: {draft['text']}")
            if said and not truth:
                f = flagged[category]
                false_flags[category].append(f"{draft['id']} [{f.rule}: {f.text!r}]: {draft['text']}")
    seconds = time.perf_counter() - t0
    print(f"part: {args.part}, {len(drafts)} drafts, {seconds:.1f} s")
    print(f"{'category':<14}{'recall':>8}{'precision':>11}{'tp':>5}{'fn':>5}{'fp':>5}")
    for category in CATEGORIES:
        tp, fn, fp = (counts[category, k] for k in ("tp", "fn", "fp"))
        recall = tp / (tp + fn) if tp + fn else 1.0
        precision = tp / (tp + fp) if tp + fp else 1.0
        print(f"{category:<14}{recall:>8.3f}{precision:>11.3f}{tp:>5}{fn:>5}{fp:>5}")
    for category in CATEGORIES:
        for title, lines in (("missed", misses[category]), ("false flags", false_flags[category])):
            for line in lines[: args.show]:
                print(f"  {category} {title}: {line}")
    if not args.no_blogs:
        # The meaning model trained on sentences of the other half (training/meaning/train.py).
        blog_noise.report(linter, CATEGORIES, args.part, show=bool(args.show))


if __name__ == "__main__":
    main()
