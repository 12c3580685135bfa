"""Benchmark ``postguard audit`` on an archive built from ../shared/corpora (prints numbers).

    python bench/audit.py [--posts 2000 10000] [--workers 2]

The archive is a JSONL file like an export of a company's posts: one blog post (blog_en,
blog_nb) in every twenty records, the rest short social-media texts (the JSONL corpora's
texts), in a fixed order. Each engine audits it with the default policy in its own
``postguard audit`` process; the benchmark times it and samples the memory of the whole
process tree (the command and its workers, a Dask scheduler included) to report the peak.
A one-post run of each engine measures its start-up (workers started, Linters built and warm).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
BLOGS = ("blog_en", "blog_nb")
#: One blog post in this many records; the others are short posts.
BLOG_EVERY = 20
#: How often the memory of the process tree is sampled (seconds).
SAMPLE_EVERY = 0.2


def corpus_texts() -> tuple[list[tuple[str, str]], list[str]]:
    blogs = sorted(
        (path.relative_to(CORPORA).as_posix(), path.read_text(encoding="utf-8"))
        for blog in BLOGS
        for path in (CORPORA / blog).rglob("*.md")
        if "_licenses" not in path.parts
    )
    short = []
    for path in sorted(CORPORA.rglob("*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            short.extend(json.loads(line)["text"] for line in handle if line.strip())
    return blogs, short


def build_archive(path: Path, count: int, blogs: list[tuple[str, str]], short: list[str]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for number in range(count):
            if number % BLOG_EVERY == 0:
                name, text = blogs[(number // BLOG_EVERY) % len(blogs)]
            else:
                name, text = f"short-{number}", short[number % len(short)]
            date = f"{2015 + number % 10}-{1 + number % 12:02}-01"
            out.write(json.dumps({"id": f"{number}:{name}", "text": text, "date": date}) + "\n")


def tree_rss(process: psutil.Process) -> int:
    total = 0
    with contextlib.suppress(psutil.Error):  # the command may end between two looks
        for member in [process, *process.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                total += member.memory_info().rss
    return total


def run_audit(archive: Path, outdir: Path, engine: str, workers: int) -> tuple[float, int]:
    """Seconds and peak memory (bytes, whole process tree) of one ``postguard audit``."""
    command = [sys.executable, "-m", "postguard", "audit", str(archive), "-o", str(outdir)]
    command += ["--engine", engine, "--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("POSTGUARD_POLICY", None)  # the default policy (and no postguard.yml where it runs)
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=archive.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    watched = psutil.Process(process.pid)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(SAMPLE_EVERY):
            peak = max(peak, tree_rss(watched))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{engine} audit failed:\n{stderr.decode()}")
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    blogs, short = corpus_texts()
    print(f"machine: {os.cpu_count()} cores; load average at start {os.getloadavg()[0]:.2f}")
    print(f"corpus: {len(blogs)} blog posts, {len(short)} short texts; one blog post in {BLOG_EVERY} records")
    with tempfile.TemporaryDirectory(prefix="postguard-bench-audit-") as temporary:
        folder = Path(temporary)
        findings: dict[tuple[str, int], bytes] = {}
        seconds: dict[tuple[str, int], float] = {}
        for count in [1, *args.posts]:
            archive = folder / f"posts-{count}.jsonl"
            build_archive(archive, count, blogs, short)
            for engine in ("local", "dask"):
                outdir = folder / f"out-{engine}-{count}"
                took, peak = run_audit(archive, outdir, engine, args.workers)
                seconds[engine, count] = took
                findings[(engine, count)] = (outdir / "findings.jsonl").read_bytes()
                lines = findings[(engine, count)].count(b"\n")
                label = "start-up (1 post)" if count == 1 else f"{count:,} posts"
                print(
                    f"{engine:<6} {label:<18} {took:8.1f} s  {count / took:8.1f} posts/s  "
                    f"peak {peak / 2**20:7.0f} MB  {lines:,} findings",
                    flush=True,
                )
        for count in args.posts:
            rates = {
                engine: (count - 1) / max(seconds[engine, count] - seconds[engine, 1], 1e-9)
                for engine in ("local", "dask")
            }
            print(
                f"{count:,} posts: identical findings.jsonl from both engines: "
                f"{findings[('local', count)] == findings[('dask', count)]}; after start-up local "
                f"{rates['local']:.0f} posts/s, dask {rates['dask']:.0f} posts/s "
                f"({rates['dask'] / rates['local']:.0%} of local; end to end "
                f"{seconds['local', count] / seconds['dask', count]:.0%})"
            )


if __name__ == "__main__":
    main()
