"""Speed and scale, measured in one run on this machine (issue: "Speed and scale").

    python bench/speed.py                 # everything; prints a report
    python bench/speed.py --write         # also rewrites BENCHMARKS.md from the report
    python bench/speed.py --quick         # fewer repetitions, for a smoke run

Measures, on the real posts in ../shared/corpora/blog_en and blog_nb:
- postguard (default policy, and examples/acme/postguard.yml): words/s, files/s, peak memory;
- the peer: Presidio's own AnalyzerEngine, offline on a blank spaCy pipeline with its
  predefined recognizers, over the same posts: words/s, and the ratio postguard / Presidio;
- cold start of the whole `postguard check` process on one ~600-word post (median), and of
  `postguard --help` and `postguard --version`;
- scaling: one document of 1 KB, 10 KB, 100 KB and 1 MB (posts concatenated);
- `--jobs N` on 200 posts: speed-up of 2 processes over 1, with identical output.
Throughput comes from one worker process that runs every engine on every post, post by post,
taking turns at going first, so the machine's drift (tens of percent over minutes here) hits
all of them alike; load time and peak memory come from each engine alone in a fresh process.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
ACME = ROOT / "examples" / "acme" / "postguard.yml"
CLI = [sys.executable, "-m", "postguard"]


def corpus() -> list[Path]:
    return sorted(SHARED.glob("blog_en/*/*.md")) + sorted(SHARED.glob("blog_nb/*/*.md"))


def read(paths: list[Path]) -> list[str]:
    return [p.read_text(encoding="utf-8-sig") for p in paths]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def throughput(paths: list[Path], words: int, elapsed: float, load: float, findings: int) -> dict:
    """One worker's figures, in the shape the report reads."""
    return {
        "files": len(paths),
        "words": words,
        "seconds": elapsed,
        "load": load,
        "findings": findings,
        "peak_mb": peak_mb(),
    }


# --- workers (run in their own process) ------------------------------------------------------

#: One short draft per language with the evidence that makes postguard load its lazy parts
#: (spaCy pipelines, Presidio, the name lists), so throughput compares steady states.
WARM_UP = {
    "en": "Call Ola Nordmann on +47 912 34 567 (ola@example.com), he is on sick leave.",
    "nb": "Ring Kari Nordmann på 912 34 567 (kari@example.no), hun er sykmeldt.",
}


def postguard_engine(policy: str) -> tuple[Callable[[Path, str], int], float]:
    """postguard's check (findings per post) and its load time, lazy parts included: what
    loads on first use counts as load, as building Presidio's engines does."""
    sys.path.insert(0, str(ROOT))
    from postguard import Linter

    start = time.perf_counter()
    linter = Linter.default() if policy == "default" else Linter.from_file(policy)
    for lang, draft in WARM_UP.items():
        linter.check(draft, format="markdown", lang=lang)
    load = time.perf_counter() - start
    return lambda path, text: len(linter.check(text, format="markdown", path=str(path)).findings), load


def presidio_engine() -> tuple[Callable[[Path, str], int], float]:
    """Presidio's AnalyzerEngine per language, offline on a blank spaCy pipeline with its
    predefined recognizers (results at score 0.5 and up), and its load time."""
    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    start = time.perf_counter()
    engines = {}
    for lang in ("en", "nb"):
        nlp_engine = SpacyNlpEngine(models=[{"lang_code": lang, "model_name": f"blank:{lang}"}])
        nlp_engine.nlp = {lang: spacy.blank(lang)}  # set directly: load() would try to download
        registry = RecognizerRegistry(supported_languages=[lang])
        registry.load_predefined_recognizers(languages=[lang], nlp_engine=nlp_engine)
        engines[lang] = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[lang])
    load = time.perf_counter() - start

    def analyze(path: Path, text: str) -> int:
        lang = "nb" if "blog_nb" in str(path) else "en"
        return len(engines[lang].analyze(text, language=lang, score_threshold=0.5))

    return analyze, load


ENGINES: dict[str, Callable[[], tuple[Callable[[Path, str], int], float]]] = {
    "default": lambda: postguard_engine("default"),
    "acme": lambda: postguard_engine(str(ACME)),
    "presidio": presidio_engine,
}


def worker_alone(name: str) -> dict:
    """One engine alone in its process: load time and peak memory."""
    paths = corpus()
    texts = read(paths)
    check, load = ENGINES[name]()
    start = time.perf_counter()
    findings = sum(check(path, text) for path, text in zip(paths, texts, strict=True))
    return throughput(paths, sum(len(t.split()) for t in texts), time.perf_counter() - start, load, findings)


def worker_paired() -> dict:
    """Every engine on every post, post by post in one process, taking turns at going first:
    a slow spell of the machine lands on all of them alike, so their ratio holds still."""
    paths = corpus()
    texts = read(paths)
    engines = {name: make()[0] for name, make in ENGINES.items()}
    order = list(engines)
    seconds = dict.fromkeys(engines, 0.0)
    findings = dict.fromkeys(engines, 0)
    for index, (path, text) in enumerate(zip(paths, texts, strict=True)):
        turn = index % len(order)
        for name in order[turn:] + order[:turn]:
            start = time.perf_counter()
            findings[name] += engines[name](path, text)
            seconds[name] += time.perf_counter() - start
    words = sum(len(t.split()) for t in texts)
    return {name: {"seconds": seconds[name], "findings": findings[name], "words": words} for name in engines}


def worker_scaling() -> dict:
    sys.path.insert(0, str(ROOT))
    from postguard import Linter

    linter = Linter.default()
    joined = "\n\n".join(read(corpus()))
    drafts = {
        label: joined[:size] for label, size in (("1 KB", 1_000), ("10 KB", 10_000), ("100 KB", 100_000))
    }
    drafts["1 MB"] = joined[:1_000_000]
    # The same 100 KB ten times: the cost of length alone, without the new kinds of evidence
    # (e-mail addresses, phone numbers) that the next 900 KB of posts bring along.
    drafts["10 x 100 KB"] = "\n\n".join([drafts["100 KB"]] * 10)
    times: dict[str, list[float]] = {label: [] for label in drafts}
    for _ in range(5):  # sizes in turns, so a slow spell of the machine does not land on one size
        for label, draft in drafts.items():
            start = time.perf_counter()
            linter.check(draft, format="markdown")
            times[label].append(time.perf_counter() - start)
    return {label: min(runs) for label, runs in times.items()}


WORKERS = {"alone": worker_alone, "paired": worker_paired, "scaling": worker_scaling}


def in_worker(name: str, *args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", name, *args], capture_output=True, text=True, cwd=ROOT
    )
    if proc.returncode != 0:
        raise RuntimeError(f"worker {name} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- whole-process timings -------------------------------------------------------------------


def wall(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def post_of_about(words: int) -> Path:
    return min(corpus()[:450], key=lambda p: abs(len(p.read_text(encoding="utf-8").split()) - words))


def _busy(_: int = 0) -> float:
    """Seconds for a fixed pure-Python loop: the unit of the machine's parallel ceiling."""
    start = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - start


def parallel_ceiling() -> float:
    """How much faster two busy processes finish than one would do both: 2.0 on two free cores.
    On a shared machine the second core is not always there, which caps any ``--jobs 2``."""
    import multiprocessing

    one = _busy()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        start = time.perf_counter()
        pool.map(_busy, [0, 1])
        two = time.perf_counter() - start
    return 2 * one / two


def jobs_speedup(runs: int) -> dict:
    """``--jobs 1`` and ``--jobs 2`` on 200 posts, and the machine's ceiling, in rounds."""
    files = [str(p) for p in corpus()[:200]]
    probe = subprocess.run([*CLI, "check", "--help"], capture_output=True, text=True, cwd=ROOT)
    if "--jobs" not in probe.stdout:
        return {}
    rounds = []
    outputs = {}
    for _ in range(runs):  # in turns, so a slow spell of the machine hits both
        took = {}
        for jobs in (1, 2):
            start = time.perf_counter()
            proc = subprocess.run(
                [*CLI, "check", "--format", "json", "--jobs", str(jobs), *files],
                capture_output=True,
                text=True,
                cwd=ROOT,
            )
            took[jobs] = time.perf_counter() - start
            outputs[jobs] = proc.stdout
        rounds.append((took[1], took[2], parallel_ceiling()))
    return {"rounds": rounds, "identical": outputs[1] == outputs[2]}


# --- report ----------------------------------------------------------------------------------


def report(quick: bool) -> str:
    runs = 3 if quick else 7
    lines = []
    say = lines.append
    say(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}; date {datetime.date.today().isoformat()}; load average at start {os.getloadavg()[0]:.2f}"
    )
    alone = {name: in_worker("alone", name) for name in ENGINES}
    paired = in_worker("paired")
    words, files = paired["default"]["words"], alone["default"]["files"]
    say(f"Corpus: {files} posts, {words:,} words (blog_en + blog_nb)")
    say("")
    say("| run | words/s | files/s | load s | peak MB | findings |")
    say("|---|---:|---:|---:|---:|---:|")
    for name, label in (
        ("default", "postguard, default policy"),
        ("acme", "postguard, acme policy"),
        ("presidio", "Presidio AnalyzerEngine (blank spaCy, predefined recognizers)"),
    ):
        seconds = paired[name]["seconds"]
        say(
            f"| {label} | {words / seconds:,.0f} | {files / seconds:,.1f} | "
            f"{alone[name]['load']:.2f} | {alone[name]['peak_mb']:.0f} | {paired[name]['findings']:,} |"
        )
    ratio = paired["presidio"]["seconds"] / paired["default"]["seconds"]
    say("")
    say(
        "words/s and files/s: all three engines in one process, post by post, taking turns at going"
        " first, so the machine's drift hits them alike. load s and peak MB: each engine alone in a"
        " fresh process; postguard's load includes what loads on first use (spaCy, Presidio, name"
        " lists), warmed up by one short draft per language, as building Presidio's engines is"
        " outside its timed run."
    )
    say(f"Throughput ratio postguard (default) / Presidio: {ratio:.1f}x")
    post = post_of_about(600)
    say("")
    say(
        f"Cold start, whole process, median of {runs} (post: {post.name}, "
        f"{len(post.read_text(encoding='utf-8').split())} words):"
    )
    say(f"- `postguard check POST`: {wall([*CLI, 'check', str(post)], runs):.2f} s")
    say(f"- `postguard --help`: {wall([*CLI, '--help'], runs):.2f} s")
    say(f"- `postguard --version`: {wall([*CLI, '--version'], runs):.2f} s")
    scaling = in_worker("scaling")
    say("")
    say("Scaling (one document, default policy, fastest of 5 runs in turns):")
    for label, seconds in scaling.items():
        say(f"- {label}: {seconds * 1000:,.1f} ms")
    say(f"- ratio 1 MB / 100 KB: {scaling['1 MB'] / scaling['100 KB']:.1f} (linear is about 10)")
    say(
        f"- ratio 10 x 100 KB / 100 KB: {scaling['10 x 100 KB'] / scaling['100 KB']:.1f} (the same text"
        " repeated: length alone, without the e-mail and phone evidence the 1 MB of posts adds)"
    )
    jobs = jobs_speedup(1 if quick else 3)
    say("")
    if jobs:
        say(
            f"`--jobs` on 200 posts, identical output: {jobs['identical']}; per round (1 job, 2 jobs, speed-up,"
        )
        say("and the machine's own ceiling then: two busy processes against one, 2.0 on two free cores):")
        for one, two, ceiling in jobs["rounds"]:
            say(f"- {one:.2f} s, {two:.2f} s, speed-up {one / two:.2f}x; ceiling {ceiling:.2f}x")
        best = max(one / two for one, two, _ in jobs["rounds"])
        say(f"- best speed-up {best:.2f}x")
    else:
        say("`--jobs`: not available in this version")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="postguard speed and scale benchmark")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--write", action="store_true", help="rewrite BENCHMARKS.md with the results")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        name, *rest = args.worker
        print(json.dumps(WORKERS[name](*rest)))
        return 0
    if not SHARED.is_dir():
        print(f"no corpora at {SHARED}", file=sys.stderr)
        return 2
    text = report(args.quick)
    print(text)
    if args.write:
        target = ROOT / "BENCHMARKS.md"
        # Keep the sections other benchmarks write (language server, web API): from the first "## ".
        others = target.read_text(encoding="utf-8").partition("\n## ") if target.exists() else ("", "", "")
        target.write_text(
            "# Benchmarks\n\nWritten by `python bench/speed.py --write`; numbers from one run on the "
            "machine named below.\n\n" + text + "\n" + (f"\n## {others[2]}" if others[1] else ""),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
