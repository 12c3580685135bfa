"""Person-name precision / recall / F1 (overlap matching) on ../shared/corpora/ner.

Split: a sentence is in the development part when crc32(id) is even, in the held-out part
when it is odd. The recogniser's cues were tuned on the development parts only; the figures
to quote are the held-out ones. bench/data/en_names.jsonl (English web text) and
bench/data/nb_names.jsonl (Norwegian Bokmål news, blogs, messages and posts) were written for
this benchmark (same format, same split); bench/data/nb_news_names.jsonl (Norwegian news and
press releases full of places, organisations and lone surnames) was written later, blind, and
measured whole before any cue was tuned on its development half.

    python bench/names.py [--part dev|test|all] [--show-errors N] [--ner MODEL]
"""

from __future__ import annotations

import argparse
import json
import time
import zlib
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "ner"
OWN = Path(__file__).resolve().parent / "data"
#: (file, language) pairs.
FILES = (
    (SHARED / "en_uner_ewt.jsonl", "en"),
    (SHARED / "en_wnut17.jsonl", "en"),
    (SHARED / "en_pii_presidio_synth.jsonl", "en"),
    (OWN / "en_names.jsonl", "en"),
    (OWN / "nb_names.jsonl", "nb"),
    (OWN / "nb_news_names.jsonl", "nb"),
)


def part_of(item_id: str) -> str:
    return "dev" if zlib.crc32(item_id.encode()) % 2 == 0 else "test"


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", default="test", choices=["dev", "test", "all"])
    parser.add_argument("--show-errors", type=int, default=0)
    parser.add_argument("--ner", default=None, help="a spaCy NER pipeline (package or path) instead")
    args = parser.parse_args()

    t0 = time.perf_counter()
    from postguard.analysis import Analysis, pipeline
    from postguard.parsers import parse
    from postguard.pii import names

    pipeline("en")
    pipeline("nb")
    t1 = time.perf_counter()
    if args.ner:
        from postguard.pii import ner

        model = ner.load(args.ner)

        def find(doc, lang):
            return [type("S", (), {"start": s, "end": e}) for s, e in ner.find_persons(model, doc)]
    else:
        names.finder("en"), names.finder("nb")

        def find(doc, lang):
            return names.finder(lang).find(doc)

    t2 = time.perf_counter()
    print(f"load: spaCy blank pipeline {t1 - t0:.3f}s, name recogniser {t2 - t1:.3f}s")
    for path, lang in FILES:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        rows = [r for r in rows if args.part == "all" or part_of(r["id"]) == args.part]
        tp_pred = n_pred = tp_gold = n_gold = words = 0
        errors: list[str] = []
        elapsed = 0.0
        for row in rows:
            text = row["text"]
            doc = Analysis(parse(text), lang).doc
            words += len(doc)
            start = time.perf_counter()
            pred = [(s.start, s.end) for s in find(doc, lang)]
            elapsed += time.perf_counter() - start
            gold = [(s["start"], s["end"]) for s in row["spans"] if s["label"] == "PER"]
            n_pred += len(pred)
            n_gold += len(gold)
            good = [p for p in pred if any(overlaps(p, g) for g in gold)]
            tp_pred += len(good)
            tp_gold += sum(1 for g in gold if any(overlaps(p, g) for p in pred))
            if args.show_errors and len(errors) < args.show_errors:
                fp = [text[a:b] for a, b in pred if (a, b) not in good]
                fn = [text[a:b] for a, b in gold if not any(overlaps(p, (a, b)) for p in pred)]
                if fp or fn:
                    errors.append(f"  FP {fp} FN {fn} | {text[:140]}")
        p = tp_pred / n_pred if n_pred else 0.0
        r = tp_gold / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        speed = words / elapsed if elapsed else 0.0
        ms_per_1k = 1e6 * elapsed / len(rows) if rows else 0.0
        print(
            f"{path.name:30} part={args.part:4} sents={len(rows):3} gold={n_gold:3} pred={n_pred:3} "
            f"P={p:.3f} R={r:.3f} F1={f:.3f}  {speed:,.0f} words/s, {ms_per_1k:.1f} ms per 1,000 sentences"
        )
        for line in errors:
            print(line)


if __name__ == "__main__":
    main()
