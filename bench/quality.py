"""Detection quality on the labelled drafts in ../shared/eval (recall per category, precision).

Definitions (../shared/README.md): only warning and error findings count. An expectation is
caught when a finding has one of its categories and overlaps the first occurrence of its
span (anywhere when the span is null). A counted finding that catches nothing, or any counted
finding on a clean case, is a false positive.

    python bench/quality.py [--policy examples/acme/postguard.yml] [--cases PATH] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from postguard import Linter, Severity  # noqa: E402

DEFAULT_CASES = ROOT.parent / "shared" / "eval" / "cases.jsonl"
DEFAULT_POLICY = ROOT / "examples" / "acme" / "postguard.yml"


def evaluate(linter: Linter, cases: list[dict], verbose: bool = False) -> dict:
    expected, caught = Counter(), Counter()
    true_findings = false_findings = 0
    problems: list[str] = []
    for case in cases:
        result = linter.check(case["text"], format=case["format"], lang=case["lang"])
        findings = [f for f in result.findings if f.severity >= Severity.WARNING]
        useful = set()
        for exp in case["expect"]:
            category = exp["categories"][0]
            expected[category] += 1
            if exp["span"] is None:
                lo, hi = 0, len(case["text"])
            else:
                lo = case["text"].index(exp["span"])
                hi = lo + len(exp["span"])
            hits = [
                i
                for i, f in enumerate(findings)
                if f.category in exp["categories"] and f.start < hi and f.end > lo
            ]
            if hits:
                caught[category] += 1
                useful.update(hits)
            else:
                problems.append(f"missed  {case['id']}: {category} {exp['span']!r}")
        for i, f in enumerate(findings):
            if i in useful:
                true_findings += 1
            else:
                false_findings += 1
                problems.append(f"false+  {case['id']}: [{f.rule}] {f.category} {f.text!r}")
    if verbose:
        print("\n".join(problems))
    total = true_findings + false_findings
    return {
        "recall": {c: caught[c] / expected[c] for c in sorted(expected)},
        "counts": {c: (caught[c], expected[c]) for c in sorted(expected)},
        "precision": true_findings / total if total else 1.0,
        "findings": total,
        "false_positives": false_findings,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policy", type=Path, default=DEFAULT_POLICY)
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false positives")
    args = parser.parse_args()
    if not args.cases.is_file():
        print(f"no evaluation cases at {args.cases}", file=sys.stderr)
        return 2
    cases = [json.loads(line) for line in args.cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    report = evaluate(Linter.from_file(args.policy), cases, args.verbose)
    print(
        f"policy {args.policy.relative_to(ROOT) if args.policy.is_relative_to(ROOT) else args.policy}, {len(cases)} cases"
    )
    for category, recall in report["recall"].items():
        got, of = report["counts"][category]
        print(f"  recall {category:<13} {recall:5.2f}  ({got}/{of})")
    print(
        f"precision {report['precision']:.2f} ({report['findings'] - report['false_positives']}/{report['findings']} findings)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
