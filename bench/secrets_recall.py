"""Secret recall and false flags on bench/data/secrets_cases.jsonl.

Where the cases come from: all written for this bench (issue #15), none copied from another
tool's tests. Provider formats (prefixes, lengths, alphabets) follow the providers' own public
documentation of their tokens (AWS, GitHub, GitLab, Slack, Stripe, OpenAI, Anthropic, Google,
npm, PyPI, SendGrid, RFC 7519 for JWTs); the values are random (seeded), pasted into English
and Norwegian prose, code, config files and connection strings. The false cases are the
documented sample values (AWS's ``...EXAMPLE`` keys, Stripe's test keys and cards, jwt.io's
token, RFC 5737 addresses), placeholders, ordinary words after "password", and look-alikes
(URLs with "xoxo", UUIDs, git hashes, digests, base64 images, public keys).

Cases whose crc32(id) is odd are held out: tune on the even half (--dev), report the odd one.

    python bench/secrets_recall.py [--dev] [--show]
"""

from __future__ import annotations

import argparse
import json
import zlib
from collections import Counter
from pathlib import Path

CASES = Path(__file__).resolve().parent / "data" / "secrets_cases.jsonl"


def held_out(case_id: str) -> bool:
    return zlib.crc32(case_id.encode()) % 2 == 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dev", action="store_true", help="the even (development) half instead")
    parser.add_argument("--show", action="store_true", help="print the misses and the false flags")
    args = parser.parse_args()
    from postguard import Linter

    linter = Linter.default()
    rules = [r.id for r in linter.rules if r.category == "secret"]
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines()]
    cases = [c for c in cases if held_out(c["id"]) != args.dev]
    caught: Counter[bool] = Counter()
    total: Counter[bool] = Counter()
    for case in cases:
        findings = linter.check(case["text"], format="markdown", only=rules).findings
        flagged = bool(findings)
        total[case["secret"]] += 1
        caught[case["secret"]] += flagged
        if args.show and flagged != case["secret"]:
            what = "MISSED " if case["secret"] else "FLAGGED"
            print(f"{what} {case['id']}: {case['text'][:110]!r} {[f.rule for f in findings]}")
    half = "development (even)" if args.dev else "held-out (odd)"
    print(f"{half} half: {total[True]} secrets, {total[False]} false cases")
    print(
        f"recall: {caught[True] / total[True]:.3f}  false cases flagged: {caught[False] / total[False]:.3f}"
    )


if __name__ == "__main__":
    main()
