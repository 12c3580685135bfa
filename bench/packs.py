"""Measure the built-in rule packs: every figure the packs issue asks for, in one run.

    python bench/packs.py [--shared ../shared]

(a) eval/cases.jsonl with examples/acme/postguard.yml: recall per category, precision
    (only warning and error findings count; see shared/README.md for the definition).
(b) Offensive language on en_davidson.jsonl, on the held-out half: the rows at odd line
    numbers (1, 3, 5, ... counting from 0). The lists were tuned on the even rows only.
    The abuse model's held-out half of the full set (en_davidson_full.jsonl, 12,396 tweets).
(c) The Danish proxy set (da_dkhate_proxy.jsonl) through the Norwegian lists: the whole set
    and the held-out odd rows.
(d) False positives of the packs on real published blogs (blog_en, blog_nb) with the default
    policy: every warning-or-error finding, listed; and how many English posts get any
    offensive finding at all (firing rate).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from postguard import Linter, Severity  # noqa: E402

PACK_CATEGORIES = ("offensive", "disparaging", "drugs", "claims", "confidential")


def counted(findings) -> list:
    return [f for f in findings if f.severity >= Severity.WARNING]


def eval_cases(shared: Path) -> None:
    linter = Linter.from_file(ROOT / "examples" / "acme" / "postguard.yml")
    caught: Counter[str] = Counter()
    expected: Counter[str] = Counter()
    good = total = 0
    misses, false_positives = [], []
    for line in (shared / "eval" / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        text = case["text"]
        findings = counted(linter.check(text, format=case["format"], lang=case["lang"]).findings)
        used = [False] * len(findings)
        for exp in case["expect"]:
            span = exp["span"]
            start = text.find(span) if span else 0
            end = start + len(span) if span else len(text)
            category = exp["categories"][0]
            expected[category] += 1
            hits = [
                i
                for i, f in enumerate(findings)
                if f.category in exp["categories"] and f.start < end and f.end > start
            ]
            for i in hits:
                used[i] = True
            if hits:
                caught[category] += 1
            else:
                misses.append(f"{case['id']} ({category}: {span!r})")
        for f, ok in zip(findings, used, strict=True):
            total += 1
            good += ok
            if not ok:
                false_positives.append(f"{case['id']}: {f.rule} {f.text!r}")
    print("(a) eval/cases.jsonl with examples/acme/postguard.yml (warning and error findings)")
    for category in (*PACK_CATEGORIES, *sorted(set(expected) - set(PACK_CATEGORIES))):
        mark = "" if category in PACK_CATEGORIES else "   (not in these packs)"
        print(
            f"    recall {category:<13} {caught[category]}/{expected[category]} = "
            f"{caught[category] / expected[category]:.2f}{mark}"
        )
    print(f"    precision (all findings)   {good}/{total} = {good / total:.3f}")
    for miss in misses:
        print(f"    missed: {miss}")
    for fp in false_positives:
        print(f"    false positive: {fp}")


def prf(rows: list[dict], linter: Linter, lang: str, level: Severity) -> tuple[float, float, float, int]:
    tp = fp = fn = 0
    for row in rows:
        found = any(
            f.category == "offensive" and f.severity >= level
            for f in linter.check(row["text"], lang=lang).findings
        )
        gold = row["label"] == "offensive"
        tp += found and gold
        fp += found and not gold
        fn += gold and not found
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, len(rows)


def show(label: str, figures: tuple[float, float, float, int]) -> None:
    p, r, f1, n = figures
    print(f"    {label:<44} n={n:<4} P={p:.3f} R={r:.3f} F1={f1:.3f}")


def offensive_sets(shared: Path, linter: Linter) -> None:
    folder = shared / "corpora" / "offensive"
    davidson = [
        json.loads(x) for x in (folder / "en_davidson.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    danish = [
        json.loads(x) for x in (folder / "da_dkhate_proxy.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    print("(b) en_davidson.jsonl, 'any offensive finding' vs label (lang en)")
    show("held-out half (odd rows), any severity", prf(davidson[1::2], linter, "en", Severity.INFO))
    show("held-out half (odd rows), warning or error", prf(davidson[1::2], linter, "en", Severity.WARNING))
    show("tuning half (even rows), any severity", prf(davidson[0::2], linter, "en", Severity.INFO))
    # The held-out half of the full set, split as training/abuse/train.py splits it (crc32 of the
    # id odd): the abuse model never trained on these 12,000 tweets.
    full = [
        row
        for row in map(
            json.loads, (folder / "en_davidson_full.jsonl").read_text(encoding="utf-8").splitlines()
        )
        if zlib.crc32(row["id"].encode()) % 2
    ]
    print("(b2) en_davidson_full.jsonl, the abuse model's held-out half (crc32 of the id odd)")
    show("held-out half, warning or error", prf(full, linter, "en", Severity.WARNING))
    print("(c) da_dkhate_proxy.jsonl through the Norwegian lists (lang nb)")
    show("whole set, any severity", prf(danish, linter, "nb", Severity.INFO))
    show("held-out half (odd rows), any severity", prf(danish[1::2], linter, "nb", Severity.INFO))
    show("whole set, warning or error", prf(danish, linter, "nb", Severity.WARNING))


def manifest_posts(folder: Path) -> list[Path]:
    """The posts a corpus MANIFEST.txt lists (first column), not its licence files."""
    lines = (folder / "MANIFEST.txt").read_text(encoding="utf-8").splitlines()
    return [folder / line.split("\t")[0] for line in lines if line.strip() and not line.startswith("#")]


def blogs(shared: Path, linter: Linter) -> None:
    print("(d) default policy over real published blogs: warning/error findings from the packs")
    for name in ("blog_en", "blog_nb"):
        posts = manifest_posts(shared / "corpora" / name)
        listed, firing = [], 0
        started = time.perf_counter()
        for post in posts:
            result = linter.check_file(str(post))
            ours = [f for f in result.findings if f.category in PACK_CATEGORIES]
            firing += any(f.category == "offensive" for f in ours)
            for f in counted(ours):
                context = result.text[max(0, f.start - 50) : f.end + 30].replace("\n", " ")
                listed.append(
                    f"{post.parent.name}/{post.name}:{f.line} [{result.language}] {f.rule} "
                    f"{f.severity.label} {f.text!r} ...{context}..."
                )
        seconds = time.perf_counter() - started
        rate = len(listed) / len(posts) * 20
        one_in = f" = 1 in {len(posts) / firing:.0f}" if firing else ""
        print(
            f"    {name}: {len(posts)} posts, {len(listed)} warning/error findings "
            f"= {rate:.2f} per 20 posts; posts with any offensive finding (any severity): "
            f"{firing}/{len(posts)}{one_in}  [{seconds:.1f}s]"
        )
        for item in listed:
            print(f"      {item}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    args = parser.parse_args()
    if not (args.shared / "eval" / "cases.jsonl").is_file():
        parser.error(f"no eval/cases.jsonl under {args.shared}; pass --shared")
    eval_cases(args.shared)
    default = Linter.default()
    offensive_sets(args.shared, default)
    blogs(args.shared, default)


if __name__ == "__main__":
    main()
