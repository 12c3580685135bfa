"""Secret false positives on real text: every file of ../shared/corpora through the secret rules.

None of these texts contains a live credential, so every finding is a false positive
(print them with --show to check). Prints findings per file and the share of files hit.

    python bench/secrets_fp.py [--show]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    from postguard import Linter
    from postguard.parsers import format_for_path

    linter = Linter.default()
    rules = [r.id for r in linter.rules if r.category == "secret"]
    docs: list[tuple[str, str, str]] = []
    for path in sorted(CORPORA.rglob("*")):
        if path.suffix in {".md", ".html"} and "_licenses" not in path.parts and path.name != "MANIFEST.txt":
            docs.append((str(path), path.read_text(encoding="utf-8"), format_for_path(str(path))))
        elif path.suffix == ".jsonl":
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                record = json.loads(line)  # not every corpus has ids: the line number names the rest
                docs.append((f"{path.name}:{record.get('id', number)}", record["text"], "text"))
    hits = files_hit = 0
    started = time.perf_counter()
    for name, text, fmt in docs:
        found = linter.check(text, format=fmt, only=rules).findings
        hits += len(found)
        files_hit += bool(found)
        if args.show:
            for f in found:
                print(f"  {name}:{f.line} [{f.rule}] {f.text[:60]!r}")
    elapsed = time.perf_counter() - started
    print(
        f"{len(docs)} texts (blog posts and corpus sentences), {hits} secret findings (all false positives)"
        f" in {elapsed:.2f} s"
    )
    print(
        f"false-positive rate: {files_hit / len(docs):.4f} of texts, {hits / len(docs):.4f} findings per text"
    )


if __name__ == "__main__":
    main()
