"""PII noise on real posts: raw Presidio against postguard's default policy, per post.

"Raw Presidio" is every predefined English recognizer at score 0.5 on the whole file, as a
first integration would run it (here on postguard's shared tokens, since no spaCy model
can be downloaded: the model-based PERSON/LOCATION/NRP results are therefore missing from
the raw figure, which makes it an underestimate). "postguard" is the built-in default
policy's ``pii`` findings at warning or error.

    python bench/pii_noise.py [--corpus blog_en|blog_nb] [--show N]
"""

from __future__ import annotations

import argparse
import collections
import time
from pathlib import Path

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="blog_en")
    parser.add_argument("--show", type=int, default=0, help="print N of our findings (unmasked) to review")
    args = parser.parse_args()

    import os

    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""  # the stock recognizers, offline
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from postguard import Linter, Severity
    from postguard.analysis import Analysis
    from postguard.parsers import format_for_path, parse
    from postguard.pii import presidio

    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=presidio.SharedDocEngine())
    raw_engine = AnalyzerEngine(
        registry=registry, nlp_engine=presidio.SharedDocEngine(), supported_languages=["en"]
    )
    linter = Linter.default()
    files = sorted(p for p in (CORPORA / args.corpus).rglob("*") if p.suffix in {".md", ".markdown", ".html"})
    raw_total = ours_total = 0
    raw_kinds: collections.Counter[str] = collections.Counter()
    ours_rules: collections.Counter[str] = collections.Counter()
    shown = 0
    raw_time = ours_time = 0.0
    for path in files:
        text = path.read_text(encoding="utf-8")
        lang = "nb" if args.corpus.endswith("nb") else "en"
        start = time.perf_counter()
        analysis = Analysis(parse(text, "text"), lang)
        raw = raw_engine.analyze(
            text=text, language="en", nlp_artifacts=presidio.artifacts(analysis), score_threshold=0.5
        )
        raw_time += time.perf_counter() - start
        raw_total += len(raw)
        raw_kinds.update(r.entity_type for r in raw)
        start = time.perf_counter()
        result = linter.check(text, format=format_for_path(str(path)), lang=lang, path=str(path))
        ours_time += time.perf_counter() - start
        ours = [f for f in result.findings if f.category == "pii" and f.severity >= Severity.WARNING]
        ours_total += len(ours)
        ours_rules.update(f.rule for f in ours)
        for f in ours:
            if shown < args.show:
                shown += 1
                print(f"  {path.name}:{f.line} [{f.rule}] {f.text!r}")
    n = len(files)
    print(f"{args.corpus}: {n} posts")
    print(
        f"raw Presidio (score >= 0.5): {raw_total} findings, {raw_total / n:.2f} per post  {dict(raw_kinds.most_common())}"
    )
    print(
        f"postguard default policy:    {ours_total} pii findings, {ours_total / n:.3f} per post  {dict(ours_rules)}"
    )
    print(f"time: raw {raw_time:.1f}s, postguard (all default rules) {ours_time:.1f}s")


if __name__ == "__main__":
    main()
