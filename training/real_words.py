"""Build postguard/classify/lexicon/LANG-words.txt: the rare words that look like misspellings.

The models read a misspelt lexicon word as the word it stands for ("immgirants", "idots",
``postguard.classify.words.repaired``). A word that wordfreq's small list does not know may
still be a word: "negere" (to negate) is one letter from a slur, "whitespace" splits into
"whites" and "pace". Those words are the ones in wordfreq's *large* list that a repair would
change. Reading the large list at run time costs about 0.25 s and 40 MB per language, so this
script finds them once and writes them beside the lexicon (a few hundred words each).

The file's header records the lexicon it was built from; a test fails when the lexicon
changes and the file was not rebuilt. Run it after editing a lexicon:

    python training/real_words.py
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from postguard.analysis.wordfreq import read_buckets  # noqa: E402
from postguard.classify import words  # noqa: E402
from postguard.model import LANGUAGES  # noqa: E402


def main() -> None:
    for language in LANGUAGES:
        large = {word for bucket in read_buckets(language, "large") for word in bucket}
        found = sorted(word for word in large if words.proposed_repair(word, language) is not None)
        path = words.real_words_path(language)
        header = [
            f"# Rare {language} words that a spelling repair would read as a lexicon word: words of",
            f"# wordfreq {metadata.version('wordfreq')}'s large list, not misspellings. Built by training/real_words.py.",
            "# From wordfreq (Robyn Speer; code Apache-2.0, word data CC BY-SA 4.0).",
            f"# lexicon sha256: {words.lexicon_digest(language)}",
        ]
        path.write_text("\n".join(header + found) + "\n", encoding="utf-8")
        print(f"{language}: {len(found)} words -> {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
