"""Benchmark the blog-repository workflow on ../shared/corpora/blog_en (prints numbers).

    python bench/workflow.py [--sample N]

Measures: one process checking every post (what the pre-commit hook does) against one
process per post; the cost of the suppression filter, baseline creation and filtering,
and the SARIF and GitHub reporters.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from postguard import Linter
from postguard.engine.suppressions import apply
from postguard.io import read_draft
from postguard.parsers import parse
from postguard.report import ReportOptions, render
from postguard.workflow.baseline import Baseline

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "blog_en"


def timed(label: str, function, *args):
    start = time.perf_counter()
    value = function(*args)
    print(f"{label:<52} {time.perf_counter() - start:8.3f} s")
    return value


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=10, help="posts for the process-per-post run")
    parser.add_argument("--policy", default=str(ROOT / "examples" / "acme" / "postguard.yml"))
    args = parser.parse_args()
    posts = sorted(str(p) for p in CORPUS.rglob("*.md"))
    size = sum(Path(p).stat().st_size for p in posts)
    print(f"corpus: {len(posts)} posts, {size / 1e6:.1f} MB")
    linter = timed(f"load policy {Path(args.policy).name}", Linter.from_file, args.policy)
    results = timed("check all posts in one process", lambda: [linter.check_file(p) for p in posts])
    findings = sum(len(r.findings) for r in results)
    print(f"findings: {findings}")

    documents = [parse(read_draft(p), "markdown") for p in posts]
    ids = frozenset(r.id for r in linter.rules)
    timed(
        "suppression filter on all posts",
        lambda: [apply(d, r.findings, ids) for d, r in zip(documents, results, strict=True)],
    )
    baseline = timed("baseline create", Baseline.create, results, Path.cwd())
    timed("baseline filter (check --baseline)", baseline.new_findings, results)
    options = ReportOptions(rules=linter.rules)
    sarif = timed("render sarif", render, "sarif", results, options)
    timed("render github", render, "github", results, options)
    print(f"sarif size: {len(sarif) / 1e6:.2f} MB")

    command = [sys.executable, "-m", "postguard", "check", "-q", "--policy", args.policy]
    start = time.perf_counter()
    subprocess.run([*command, *posts], capture_output=True, check=False)
    whole = time.perf_counter() - start
    print(f"{'one process, ' + str(len(posts)) + ' posts (wall)':<52} {whole:8.3f} s")
    sample = posts[: args.sample]
    start = time.perf_counter()
    for post in sample:
        subprocess.run([*command, post], capture_output=True, check=False)
    each = (time.perf_counter() - start) / len(sample)
    print(f"{'one process per post (wall, mean of ' + str(len(sample)) + ')':<52} {each:8.3f} s/post")
    print(f"{'  -> estimated for all posts':<52} {each * len(posts):8.3f} s")


if __name__ == "__main__":
    main()
