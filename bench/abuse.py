"""Abuse in the writer's own words: the default policy (word lists and the abuse model together)
on drafts written blind by other writers, and its noise on real blog posts.

Blog noise is counted on the same half of ../shared/corpora/blog_en and blog_nb (by crc32 of the
post's path): the models saw sentences of the development half as clean prose, so only the
held-out half's count measures their noise (see bench/blog_noise.py).

The training data (training/abuse/data/{en,nb}_written*.jsonl and training/prose) is trained on
whole since 2026-12-07, so it is no measure. The measures are the blind sets below, none of them
trained on. Each line has a label (hate, threat, insult, disparaging against a competitor,
customer, colleague, manager or the employer, or clean, many of them hard negatives:
counter-speech, reporting, negation, identity statements, fair criticism, frustration at things,
homonyms), and a line is in the held-out half when crc32(id) is odd.

A draft counts as flagged when the default policy reports a warning or an error of category
``offensive`` or ``disparaging`` in it.

bench/data/abuse_drafts.jsonl is a blind set of the same kinds (772 drafts, en + nb: hate,
threats, insults, disparagement of each workplace target, mostly implicit, and hard negatives),
written on 2026-12-07 by writers who saw neither the packs, the models nor any data of ours, and
never trained on: measure it whole (``--data bench/data/abuse_drafts.jsonl --part all``). Lines
that echoed the examples of the writers' brief, taken from the issue, were removed.

bench/data/abuse_drafts_3.jsonl (400 drafts, en + nb, the same labels and targets) was written
later the same day by two more writers given only a brief of the labels (no example sentences
from the issue), who opened no file of the project. It is a test kept whole: nothing is tuned
or trained on it and its misses are not read; quote ``--data bench/data/abuse_drafts_3.jsonl
--part all``.

bench/data/abuse_drafts_4.jsonl (1,997 drafts, about 1,000 per language, written on 2026-12-07 by
four writers given only the brief beside it, abuse_drafts_4.brief.md, who opened no file of the
project) leans to implicit disparagement (150 lines per writer, most by metaphor, sarcasm or mock
praise) and close near misses. Its development half (crc32(id) even) was used for decisions from
then on; quote its held-out half (``--data bench/data/abuse_drafts_4.jsonl --part test``).

bench/data/abuse_drafts_5.jsonl (600 drafts, 300 per language, written on 2026-12-07 by two
writers given only the brief beside it, abuse_drafts_5.brief.md, who opened no file of the
project; a third of the drafts have two to four sentences) was measured whole once, with that
day's release and the one before, before anything was tuned on it. From then on its
development half is for decisions; quote its held-out half (``--data
bench/data/abuse_drafts_5.jsonl --part test``).

bench/data/abuse_drafts_6.jsonl (300 drafts, 150 per language, written on 2026-12-08 by two
writers given only the brief beside it, abuse_drafts_6.brief.md, who opened no file of the
project) is about plain verdicts on people at work (no sarcasm: "is useless", "nothing but",
"never met a more...") and their near misses (banter about family, verdicts on things,
negation, moderation). It was measured whole once, with the release before and with the rule
``disparaging.verdict`` as first written, before its lines were read; from then on its
development half is for decisions; quote its held-out half (``--data
bench/data/abuse_drafts_6.jsonl --part test``).

    python bench/abuse.py [--part test|dev|all] [--show N] [--no-blogs] [--data FILE] [--policy FILE]

Without --data it reads the fourth set.
"""

from __future__ import annotations

import argparse
import json
import time
import zlib
from collections import Counter, defaultdict
from pathlib import Path

import blog_noise

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data" / "abuse_drafts_4.jsonl"
CATEGORIES = frozenset({"offensive", "disparaging"})
WORKPLACE = frozenset({"competitor", "customer", "colleague", "manager", "employer"})


def part_of(item_id: str) -> str:
    return "test" if zlib.crc32(item_id.encode()) % 2 else "dev"


def warnings(linter, text: str, lang: str | None, fmt: str = "text") -> list:
    """Every warning or error the policy reports in ``text``, of any category."""
    from postguard import Severity

    result = linter.check(text, lang=lang, format=fmt)
    return [f for f in result.findings if f.severity >= Severity.WARNING]


def flagged(linter, text: str, lang: str | None, fmt: str = "text") -> list:
    """The warnings and errors of the abuse categories in ``text``."""
    return [f for f in warnings(linter, text, lang, fmt) if f.category in CATEGORIES]


def drafts(path: Path, lang: str, part: str) -> list[dict]:
    """The drafts of ``lang`` in ``part`` ("dev", "test" or "all") of the file ``path``."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["lang"] == lang and (part == "all" or part_of(r["id"]) == part)]


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "  -  "


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", default="test", choices=["dev", "test", "all"])
    parser.add_argument("--show", type=int, default=0, help="print up to N misses and false flags")
    parser.add_argument("--no-blogs", action="store_true", help="skip the real-post noise count")
    parser.add_argument("--data", type=Path, default=DATA, help="another set of drafts in the same format")
    parser.add_argument("--policy", default=None, help="a policy file instead of the default policy")
    args = parser.parse_args()

    from postguard import Linter

    linter = Linter.from_file(args.policy) if args.policy else Linter.default()
    t0 = time.perf_counter()
    for lang in ("en", "nb"):
        rows = drafts(args.data, lang, args.part)
        by_label: Counter[tuple[str, bool]] = Counter()
        by_function: dict[str, Counter[bool]] = defaultdict(Counter)
        workplace: Counter[str] = Counter()
        misses, false_flags = [], []
        # clean drafts that another pack flags (a claim, a leak, drugs): none of them is, and
        # no other benchmark reads these work-related near misses
        elsewhere: Counter[str] = Counter()
        for row in rows:
            found = warnings(linter, row["text"], lang)
            said = any(f.category in CATEGORIES for f in found)
            abusive = row["label"] != "clean"
            others = {f.rule for f in found if f.category not in CATEGORIES}
            if others and not abusive:
                elsewhere["drafts"] += 1
                elsewhere.update(others)
            by_label[row["label"], said] += 1
            by_function[row["functionality"]][said == abusive] += 1
            if row["label"] == "disparaging" or (abusive and row["target"] in WORKPLACE):
                workplace["tp" if said else "fn"] += 1
            elif not abusive and said:
                workplace["fp"] += 1
            if abusive and not said:
                misses.append(f"{row['id']} {row['functionality']}: {row['text']}")
            if said and not abusive:
                false_flags.append(f"{row['id']} {row['functionality']}: {row['text']}")
        print(f"\n{lang}: {len(rows)} drafts ({args.part})")
        for label in ("hate", "threat", "insult", "disparaging"):
            hit, miss = by_label[label, True], by_label[label, False]
            print(f"  {label:<12} recall {ratio(hit, hit + miss)}  ({hit}/{hit + miss})")
        clean_flagged, clean_passed = by_label["clean", True], by_label["clean", False]
        print(
            f"  clean        passed {ratio(clean_passed, clean_flagged + clean_passed)}  ({clean_passed}/{clean_flagged + clean_passed})"
        )
        tp, fn, fp = workplace["tp"], workplace["fn"], workplace["fp"]
        print(f"  workplace abuse: recall {ratio(tp, tp + fn)} precision {ratio(tp, tp + fp)}")
        hateful_tp = by_label["hate", True] + by_label["threat", True]
        hateful_fn = by_label["hate", False] + by_label["threat", False]
        p, r = (
            (hateful_tp / (hateful_tp + clean_flagged) if hateful_tp + clean_flagged else 0.0),
            (hateful_tp / (hateful_tp + hateful_fn) if hateful_tp + hateful_fn else 0.0),
        )
        print(f"  hateful (hate + threat) vs clean: F1 {2 * p * r / (p + r) if p + r else 0.0:.3f}")
        by_rule = {rule: n for rule, n in elsewhere.most_common() if rule != "drafts"}
        print(f"  clean drafts flagged by another pack: {elsewhere['drafts']} {by_rule}")
        print("  right per functionality:")
        for name, c in sorted(by_function.items()):
            print(f"    {name:<22} {ratio(c[True], c[True] + c[False])}  ({c[True]}/{c[True] + c[False]})")
        for line in misses[: args.show]:
            print(f"  missed: {line}")
        for line in false_flags[: args.show]:
            print(f"  false flag: {line}")
    if not args.no_blogs:
        # The model trained on sentences of the other half of the posts (training/abuse/train.py).
        blog_noise.report(linter, CATEGORIES, args.part, show=bool(args.show))
    print(f"\n{time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
