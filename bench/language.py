"""Language detection on short posts: accuracy by length (1-3 words, 4-8 words), per language.

Two sets, both split by crc32(id) parity: even ids are for development, odd ids are reported.
- written: bench/data/lang_short.jsonl, short posts of the kinds people publish (greetings,
  congratulations, reactions, one-line news), written for this benchmark before any tuning;
- windows: the first 1-3 and 4-8 words of prose sentences of real posts (../shared/corpora
  blog_en and blog_nb) and of our own name sentences (bench/data/*_names.jsonl).

    python bench/language.py [--part dev|test|all] [--show-errors N] [--dump FILE] [--lingua]

``--dump`` writes the texts (JSONL) so another detector can be run on exactly the same set;
``--lingua`` also measures lingua-language-detector (limited to English and Bokmål) when it is
installed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import time
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpora"
WRITTEN = ROOT / "bench" / "data" / "lang_short.jsonl"
WORD_RE = re.compile(r"\S+")
#: Sentences per source the windows are taken from (the first ones of each post or file).
SENTENCES_PER_SOURCE = 400
BUCKETS = ((1, 3), (4, 8))


def part_of(item_id: str) -> str:
    return "dev" if zlib.crc32(item_id.encode("utf-8")) % 2 == 0 else "test"


def bucket(text: str) -> str | None:
    n = len(WORD_RE.findall(text))
    for low, high in BUCKETS:
        if low <= n <= high:
            return f"{low}-{high} words"
    return None


def written() -> list[dict]:
    return [json.loads(line) for line in WRITTEN.read_text(encoding="utf-8").splitlines()]


def _sentences(lang: str) -> list[tuple[str, str]]:
    """(source id, sentence) pairs of prose from real posts and our name sentences."""
    from postguard.analysis import Analysis
    from postguard.parsers import format_for_path, parse

    out: list[tuple[str, str]] = []
    posts = [p for p in sorted((SHARED / f"blog_{lang}").rglob("*.md")) if "_licenses" not in p.parts]
    for post in posts:
        analysis = Analysis(parse(post.read_text(encoding="utf-8"), format_for_path(str(post))), lang)
        view = analysis.document.view
        starts = [*analysis.sentences, len(view)]
        for k, (a, b) in enumerate(itertools.pairwise(starts)):
            sentence = " ".join(view[a:b].split())
            if len(WORD_RE.findall(sentence)) >= 8 and analysis.document.scope_at(a) == "prose":
                out.append((f"{post.name}#{k}", sentence))
    names = ROOT / "bench" / "data" / f"{lang}_names.jsonl"
    for line in names.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        out.append((row["id"], " ".join(row["text"].split())))
    return out[: SENTENCES_PER_SOURCE * 2]


def windows() -> list[dict]:
    rows = []
    for lang in ("en", "nb"):
        for source, sentence in _sentences(lang):
            words = WORD_RE.findall(sentence)
            for size in (2, 6):
                rows.append({"id": f"{lang}:{source}:{size}", "lang": lang, "text": " ".join(words[:size])})
    return rows


def measure(rows: list[dict], detect) -> dict[tuple[str, str], list[int]]:
    """(bucket, language) -> [right, total]."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        size = bucket(row["text"])
        if size is None:
            continue
        tally = counts[(size, row["lang"])]
        tally[0] += detect(row["text"]) == row["lang"]
        tally[1] += 1
    return counts


def report(name: str, counts: dict[tuple[str, str], list[int]]) -> None:
    for size in sorted({s for s, _ in counts}):
        cells = []
        for lang in ("en", "nb"):
            right, total = counts.get((size, lang), [0, 0])
            cells.append(f"{lang} {right / total:.3f} ({right}/{total})" if total else f"{lang} -")
        both = [counts.get((size, lang), [0, 0]) for lang in ("en", "nb")]
        right, total = sum(b[0] for b in both), sum(b[1] for b in both)
        print(f"  {name:10} {size:11} both {right / total:.3f}   " + "   ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", default="test", choices=["dev", "test", "all"])
    parser.add_argument("--show-errors", type=int, default=0)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--lingua", action="store_true")
    args = parser.parse_args()
    from postguard.analysis import detect_language

    sets = {"written": written(), "windows": windows()}
    sets = {k: [r for r in v if args.part == "all" or part_of(r["id"]) == args.part] for k, v in sets.items()}
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for name, rows in sets.items():
                for row in rows:
                    out.write(json.dumps({**row, "set": name}, ensure_ascii=False) + "\n")
    detectors = {"postguard": detect_language}
    if args.lingua:
        from lingua import Language, LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.BOKMAL).build()
        codes = {Language.ENGLISH: "en", Language.BOKMAL: "nb"}
        detectors["lingua"] = lambda text: codes.get(lingua.detect_language_of(text), "en")
    print(f"part={args.part}")
    for detector, detect in detectors.items():
        print(detector)
        for name, rows in sets.items():
            start = time.perf_counter()
            counts = measure(rows, detect)
            report(name, counts)
            print(f"  {name:10} {len(rows)} texts in {time.perf_counter() - start:.2f} s")
            if args.show_errors and detector == "postguard":
                wrong = [r for r in rows if bucket(r["text"]) and detect(r["text"]) != r["lang"]]
                for row in wrong[: args.show_errors]:
                    print(f"    {row['lang']} read as {detect(row['text'])}: {row['text']!r}")


if __name__ == "__main__":
    main()
