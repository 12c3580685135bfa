"""Abuse in disguise: the drafts bench/abuse.py reads (by default the held-out half of the fourth
blind set) with one spelling change each.

People who mean it disguise their words, and people in a hurry mistype them. Each held-out
draft gets one change to one word of five letters or more, chosen by a random generator seeded
with the draft's id (so every run makes the same drafts):

* ``swap``: two letters next to each other swapped ("immigarnts");
* ``drop``: a letter left out ("immigrnts");
* ``double``: a letter doubled ("immiggrants");
* ``join``: the word run together with the one before it ("hateimmigrants");
* ``leet``: letters written as digits ("1mm1gr4nts").

It prints, per change, the share of abusive drafts still flagged (beside the unchanged drafts'
share) and the share of clean drafts still passed, in each language. Nothing was tuned on these
drafts: the changes are made here, from the held-out half.

    python bench/spelling.py [--part test|dev] [--changes swap,drop,...]
"""

from __future__ import annotations

import argparse
import random
import re
import zlib
from collections.abc import Callable

from abuse import DATA, drafts, flagged, ratio

WORD_RE = re.compile(r"[^\W\d_]{5,}")
LEET = str.maketrans({"o": "0", "i": "1", "e": "3", "a": "4", "s": "5"})


def _swap(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word) - 2)  # inside the word: its first and last letters stay
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def _drop(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word) - 1)
    return word[:at] + word[at + 1 :]


def _double(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word) - 1)
    return word[:at] + word[at] + word[at:]


def _leet(word: str, rng: random.Random) -> str:
    return word.translate(LEET)


CHANGES: dict[str, Callable[[str, random.Random], str]] = {
    "swap": _swap,
    "drop": _drop,
    "double": _double,
    "leet": _leet,
}


def changed(text: str, change: str, seed: str) -> str | None:
    """``text`` with one word changed, or None when it has no word to change."""
    rng = random.Random(zlib.crc32(f"{change}:{seed}".encode()))
    words = list(WORD_RE.finditer(text))
    if change == "join":
        joinable = [m for m in words if text[: m.start()].endswith(" ") and m.start() > 1]
        if not joinable:
            return None
        m = rng.choice(joinable)
        return text[: m.start() - 1] + text[m.start() :]
    if not words:
        return None
    m = rng.choice(words)
    return text[: m.start()] + CHANGES[change](m.group(), rng) + text[m.end() :]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", default="test", choices=["dev", "test"])
    parser.add_argument("--changes", default="swap,drop,double,join,leet")
    args = parser.parse_args()

    from postguard import Linter

    linter = Linter.default()
    changes = args.changes.split(",")
    for lang in ("en", "nb"):
        rows = drafts(DATA, lang, args.part)
        said = {r["id"]: bool(flagged(linter, r["text"], lang)) for r in rows}
        abusive = [r for r in rows if r["label"] != "clean"]
        clean = [r for r in rows if r["label"] == "clean"]
        print(f"\n{lang}: {len(abusive)} abusive, {len(clean)} clean drafts ({args.part})")
        print(
            f"  unchanged  abusive flagged {ratio(sum(said[r['id']] for r in abusive), len(abusive))}"
            f"  clean passed {ratio(sum(not said[r['id']] for r in clean), len(clean))}"
        )
        for change in changes:
            counts = {"abusive": [0, 0], "clean": [0, 0]}
            for group, members in (("abusive", abusive), ("clean", clean)):
                for row in members:
                    text = changed(row["text"], change, row["id"])
                    if text is None:
                        continue
                    hit = bool(flagged(linter, text, lang))
                    counts[group][0] += hit if group == "abusive" else not hit
                    counts[group][1] += 1
            (a_ok, a_n), (c_ok, c_n) = counts["abusive"], counts["clean"]
            print(f"  {change:<10} abusive flagged {ratio(a_ok, a_n)}  clean passed {ratio(c_ok, c_n)}")


if __name__ == "__main__":
    main()
