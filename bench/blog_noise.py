"""False flags on real posts, for the benchmarks of trained models (bench/abuse.py,
bench/meaning.py): the default policy over one half of ../shared/corpora/blog_en and blog_nb.

A post's half is decided by crc32 of its path inside the corpus (odd: test), as the training
scripts decide which posts' sentences they may read as clean prose: the test half was never
trained on. The development half was: the models read its sentences as clean, so a count on it
says little of their noise (4 warnings from the abuse packs on its 227 English posts against
20 on the held-out 224, in the same run of 2026-12-08). Decide on the ordinary posts
(bench/ordinary.py, never trained on) and quote the test half.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Collection
from pathlib import Path

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
BLOGS = ("blog_en", "blog_nb")
POST_SUFFIXES = {".md", ".markdown", ".html"}


def part_of(key: str) -> str:
    return "test" if zlib.crc32(key.encode()) % 2 else "dev"


def report(linter, categories: Collection[str], part: str, show: bool = False) -> None:
    """Per corpus: posts of ``part`` and the warning-or-error findings of ``categories`` in them."""
    from postguard import Severity
    from postguard.parsers import format_for_path

    for corpus in BLOGS:
        root = CORPORA / corpus
        files = [
            path
            for path in sorted(root.rglob("*"))
            if path.suffix in POST_SUFFIXES
            and (part == "all" or part_of(str(path.relative_to(root))) == part)
        ]
        found: Counter[str] = Counter()
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace")
            for f in linter.check(text, format=format_for_path(str(path))).findings:
                if f.severity >= Severity.WARNING and f.category in categories:
                    found[f.rule] += 1
                    if show:
                        print(f"  {corpus} {path.name}: {f.rule}: {f.text[:120]!r}")
        total = sum(found.values())
        print(
            f"\n{corpus}: {len(files)} posts, {total} findings ({total / len(files) * 20:.2f} per 20 posts) "
            f"{dict(found)}"
        )
