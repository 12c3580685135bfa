"""Time and peak memory of a full check on the largest drafts postguard accepts (5 MB).

Run: .venv/bin/python bench/large_inputs.py [--policy PATH | --hashed] [--only NAME ...]
Each case runs in a fresh subprocess so peak memory (ru_maxrss) is its own. Prints one line
per case: name, format, size, seconds, peak MB, findings. Inputs are built from the shared
blog corpus (../shared/corpora/blog_en) and from synthetic hostile text.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "blog_en"
LIMIT = 5 * 1024 * 1024  # the default --max-file-size


def _corpus_words() -> list[str]:
    words: list[str] = []
    for path in sorted(CORPUS.rglob("*.md")):
        words.extend(path.read_text(encoding="utf-8").split())
    return words


def _fill(pieces: list[str], sep: str, limit: int = LIMIT) -> str:
    out, size, i = [], 0, 0
    while True:
        piece = pieces[i % len(pieces)] + sep
        n = len(piece.encode("utf-8"))
        if size + n > limit:
            return "".join(out)
        out.append(piece)
        size += n
        i += 1


def build(name: str) -> tuple[str, str]:
    """(format, text) of one named case."""
    rng = random.Random(7)
    if name == "prose-one-line":
        return "text", _fill(_corpus_words(), " ")
    if name == "prose-1m-lines":
        words = _corpus_words()
        lines = [" ".join(words[i : i + 2]) for i in range(0, 400_000, 2)]
        return "text", _fill(lines, "\n", limit=min(LIMIT, 5_000_000))
    if name == "short-lines-1m":
        return "text", _fill(["ok"], "\n", limit=3_000_000)
    if name == "markdown-corpus":
        texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.md"))]
        return "markdown", _fill(texts, "\n\n")
    if name == "markdown-one-line":
        return "markdown", _fill(["**bold** _it_ `code` [link](https://example.com) <b>x</b> word"], " ")
    if name == "html-one-line":
        return "html", _fill(
            ["<p class='a'>Hello <b>world</b> &amp; <a href='https://x.io'>link</a></p>"], ""
        )
    if name == "html-comments":
        return "html", _fill(["<!-- c --><script>x</script><p>text</p>"], "")
    if name == "leet-words":
        alphabet = "a1e3o0s5il|$@"
        words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(3, 9))) for _ in range(5000)]
        return "text", _fill(words, " ")
    if name == "no-spaces":
        return "text", "x" * LIMIT
    if name == "zero-width":
        return "text", _fill(["Ke\u200bstr\u0435l\u202e"], " ")
    if name == "disguises":
        return "text", _fill(["We love K e s t r e l a lot", "a b a s t a r d", "KestreI", "Ⓚⓔⓢⓣⓡⓔⓛ"], " ")
    # Input that used to cost quadratic time (issue #19): one long run after a marker.
    if name in RUNS:
        fmt, head, filler, tail = RUNS[name]
        count = (LIMIT - len(head + tail)) // len(filler.encode("utf-8"))
        return fmt, head + filler * count + tail
    if name == "nested-list":
        lines, depth = [], 0
        while sum(map(len, lines)) + 2 * depth + 7 <= LIMIT:
            lines.append("  " * depth + "- item\n")
            depth += 1
        return "markdown", "".join(lines)
    if name == "next-line-directives":
        return "markdown", _fill(
            ["<!-- postguard-disable-next-line acme.codename -- public -->\nKestrel ships."], "\n"
        )
    if name == "stacked-directives":
        stacked = "<!-- postguard-disable-next-line acme.codename -- public -->\n"
        return "markdown", stacked * ((LIMIT - 20) // len(stacked)) + "Kestrel ships.\n"
    if name == "phone-context":
        number = "tel 4xxxxxxx "  # every number beside a context word
        return "text", "".join(f"tel 4{i:07d} " for i in range(LIMIT // len(number)))
    raise SystemExit(f"unknown case {name}")


#: (format, head, filler repeated to the size limit, tail)
RUNS = {
    "heading-spaces": ("markdown", "# Title", " ", "x\n"),
    "rule-blanks": ("markdown", "- ", " ", "x\n"),
    "link-blanks": ("markdown", "[a](", " \t", "x\n"),
    "tag-letters": ("html", "<", "a", " x"),
    "attribute-letters": ("html", "<x ", "a", ">"),
}


CASES = [
    "prose-one-line",
    "prose-1m-lines",
    "short-lines-1m",
    "markdown-corpus",
    "markdown-one-line",
    "html-one-line",
    "html-comments",
    "leet-words",
    "no-spaces",
    "zero-width",
    "disguises",
    *RUNS,
    "nested-list",
    "next-line-directives",
    "stacked-directives",
    "phone-context",
]


HASHED_POLICY = """\
extends: [default]
lists:
  secret:
    file: secret.hashed
rules:
  - id: secret
    kind: terms
    lists: [secret]
    category: confidential
    message: confidential
"""


def hashed_policy(folder: Path) -> str:
    """A policy whose codenames and customers (the example company's) are a hashed list."""
    import os

    from postguard.policy.hashing import Hasher, hash_terms

    os.environ.setdefault("POSTGUARD_HASH_KEY", "bench-key-0123456789abcdef")
    terms = ["Kestrel", "Silver Tide", "Project Kestrel", "Halvorsen Maritime", "Polar Freight AS"]
    hashed = hash_terms(terms, Hasher(os.environ["POSTGUARD_HASH_KEY"].encode()))
    (folder / "secret.hashed").write_text(hashed.render(), encoding="utf-8")
    (folder / "postguard.yml").write_text(HASHED_POLICY, encoding="utf-8")
    return str(folder / "postguard.yml")


def run_one(name: str, policy: str | None) -> None:
    from postguard import Linter
    from postguard.errors import PostguardError
    from postguard.policy import load_policy

    fmt, text = build(name)
    linter = Linter(load_policy(policy))
    linter.check("warm up", format="text", lang="en")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    try:
        findings: int | str = len(linter.check(text, format=fmt, lang="en").findings)
    except PostguardError as exc:  # a limit passed: the clear error is the result
        findings = f"refused: {exc}"
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "case": name,
                "format": fmt,
                "bytes": len(text.encode("utf-8")),
                "lines": text.count("\n") + 1,
                "seconds": round(seconds, 2),
                "peak_mb": round(peak / 1024),
                "growth_mb": round((peak - before) / 1024),
                "findings": findings,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policy", help="policy file (default: the built-in default policy)")
    parser.add_argument("--hashed", action="store_true", help="use a policy with a hashed term list")
    parser.add_argument("--only", nargs="*", default=CASES)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.hashed:
        import tempfile

        args.policy = hashed_policy(Path(tempfile.mkdtemp()))
    if args.case:
        run_one(args.case, args.policy)
        return
    print(f"{'case':<20}{'format':<10}{'MB':>6}{'lines':>9}{'seconds':>9}{'peak MB':>9}{'findings':>9}")
    for name in args.only:
        cmd = [sys.executable, __file__, "--case", name]
        if args.policy:
            cmd += ["--policy", args.policy]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"{name:<20}FAILED: {done.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"{r['case']:<20}{r['format']:<10}{r['bytes'] / 1e6:>6.2f}{r['lines']:>9}"
            f"{r['seconds']:>9.2f}{r['peak_mb']:>9} {r['findings']!s:>8}"
        )


if __name__ == "__main__":
    main()
