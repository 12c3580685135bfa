"""False alarms on ordinary posts: what the default policy reports at warning or error on 800
everyday posts (bench/data/ordinary_posts.jsonl, 400 English, 400 Norwegian) that break no rule:
weekends, music, food, work updates, thanks and farewells, job ads, release notes, slang and
idioms ("we crushed it", "dødssliten"), swearing at things and short chat.

The posts were written blind on 2026-12-07 by writers who saw neither the packs nor the models,
and nothing trains on them. Strong swearing at things ("Faen, toget er forsinket igjen") is
reported by design (`offensive.profanity.*`), so it is counted apart.

    python bench/ordinary.py [--show]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "ordinary_posts.jsonl"
#: Rules that report swearing whatever it is aimed at: a choice of the policy, not a false alarm.
BY_DESIGN = ("offensive.profanity.",)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="print each post with a warning")
    parser.add_argument("--policy", default=None, help="a policy file instead of the default policy")
    args = parser.parse_args()

    from postguard import Linter, Severity

    linter = Linter.from_file(args.policy) if args.policy else Linter.default()
    posts = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    for lang in ("en", "nb"):
        rules: Counter[str] = Counter()
        flagged = 0
        for post in (p for p in posts if p["lang"] == lang):
            found = [
                f
                for f in linter.check(post["text"], lang=lang).findings
                if f.severity >= Severity.WARNING and not f.rule.startswith(BY_DESIGN)
            ]
            flagged += bool(found)
            rules.update(f.rule for f in found)
            if args.show and found:
                print(f"  {post['id']} [{', '.join(f.rule for f in found)}]: {post['text'][:120]}")
        total = sum(1 for p in posts if p["lang"] == lang)
        print(f"{lang}: {flagged} of {total} ordinary posts with a warning or error ({flagged / total:.3f})")
        for rule, count in rules.most_common():
            print(f"  {rule:<28} {count}")


if __name__ == "__main__":
    main()
