"""Memory of one audit worker over a long stream of posts (prints numbers).

    python bench/worker_memory.py [--posts 30000] [--every 2000] [--keep-words]

One process checks the posts of bench/audit.py's archive (one blog post in twenty, the rest
short texts) as an audit's worker does, a batch of 50 at a time, and prints its resident memory
and the size of spaCy's string stores as it goes. By default each batch's new words are
forgotten after it (``words_forgotten_after``, as the audit engines do); ``--keep-words`` shows
what happens without.
"""

from __future__ import annotations

import argparse
import contextlib
import time

import psutil
from audit import BLOG_EVERY, corpus_texts

from postguard.analysis.nlp import pipeline, words_forgotten_after
from postguard.engine import Linter

BATCH = 50


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=30_000)
    parser.add_argument("--every", type=int, default=2_000)
    parser.add_argument("--keep-words", action="store_true", help="do not forget each batch's words")
    args = parser.parse_args()
    blogs, short = corpus_texts()
    linter = Linter.default().warm()
    me = psutil.Process()
    print(f"warm: {me.memory_info().rss / 2**20:.0f} MB")
    started = time.perf_counter()
    for first in range(0, args.posts, BATCH):
        zone = contextlib.nullcontext() if args.keep_words else words_forgotten_after(linter.policy.languages)
        with zone:
            for number in range(first, min(first + BATCH, args.posts)):
                if number % BLOG_EVERY == 0:
                    linter.check(blogs[(number // BLOG_EVERY) % len(blogs)][1], format="markdown")
                else:
                    linter.check(short[number % len(short)])
        done = min(first + BATCH, args.posts)
        if done % args.every == 0:
            strings = {lang: len(pipeline(lang).vocab.strings) for lang in ("en", "nb")}
            print(
                f"{done:>7,} posts: {me.memory_info().rss / 2**20:5.0f} MB, spaCy strings "
                f"en {strings['en']:,} nb {strings['nb']:,}  [{time.perf_counter() - started:.0f} s]",
                flush=True,
            )


if __name__ == "__main__":
    main()
