"""Which language a draft is in: English or Norwegian Bokmål.

Most drafts say it in their function words ("the", "and" against "og", "ikke") and in æ, ø and å;
those are counted first, on the first 20,000 characters. A short post has too few of them ("God
jul", "Takk for i dag"), so when they do not settle it every word counts, weighed by how common
it is in each language (wordfreq's lists): a naive Bayes choice that needs no model file. A tie
is no vote for either language; only a text with no evidence at all goes to the first candidate.
"""

from __future__ import annotations

import re

from postguard.model import LANGUAGES

_EN_WORDS = frozenset(
    """
    the and is are was were to of that it with you we this on be have not but they at from by
    an or will can our your what which about if would there their has had been my me so just do
    does how when who all more new some than then these very into out up it's i'm don't again
    really maybe because yes no thanks its his her them
    """.split()
)
_NB_WORDS = frozenset(
    """
    og er det som på til av ikke jeg vi har med den et å men om kan var så fra også skal eller
    når hva hvor dette denne vil blir ble sin sine seg meg deg oss dere mitt mine vår våre hun
    han noe etter mer mange alle bare nå får ha være hadde må hvordan hvis mye godt nye igjen
    helt litt veldig kanskje fordi derfor både hele blitt skulle kunne ville noen ingen hver
    mellom uten takk hei ja nei enn jo dem hennes hans deres
    """.split()
)
_WORD_RE = re.compile(r"[^\W\d_]+")
#: The characters read: enough for any post's language, and a bound on the cost of a huge one.
SAMPLE_CHARS = 20_000
#: Function words settle the language when one side leads by this many and has at least as many.
SETTLED_LEAD = 3
#: How common (Zipf) a word is taken to be in a language whose list lacks it: rare, not impossible.
UNLISTED_ZIPF = 1.5
#: The most one word can weigh for one side (a long unlisted word is no stronger than a rare one).
MAX_WORD_WEIGHT = 3.0
#: What a Bokmål compound that neither list has weighs for Bokmål, and its parts' least length
#: and commonness (Zipf).
COMPOUND_WEIGHT = 1.0
COMPOUND_PART_MIN = 3
COMPOUND_PART_ZIPF = 3.5


def detect_language(text: str, candidates: tuple[str, ...] = LANGUAGES) -> str:
    """``en`` or ``nb`` (among ``candidates``; see the module doc)."""
    if len(candidates) == 1:
        return candidates[0]
    sample = text[:SAMPLE_CHARS]
    words = _WORD_RE.findall(sample)
    en = nb = 0
    for word in words:
        if word == "I":
            en += 1  # the English pronoun; Norwegian "i" (in) is written in lower case
        elif word == "i":
            nb += 1
        else:
            folded = word.casefold()
            en += folded in _EN_WORDS
            nb += folded in _NB_WORDS
    nb += sum(sample.count(c) for c in "æøåÆØÅ")
    lead: float = nb - en
    if abs(lead) < SETTLED_LEAD or max(en, nb) < SETTLED_LEAD:
        lead = _weighed(words)
    if lead > 0 and "nb" in candidates:
        return "nb"
    if lead < 0 and "en" in candidates:
        return "en"
    return candidates[0]


def _weighed(words: list[str]) -> float:
    """How much more likely the words are in Bokmål than in English (log10 odds; 0: no evidence).

    A capitalised word after the first is taken for a name ("Hello Oslo") and weighs nothing; a
    word neither list has weighs for Bokmål when it is two Bokmål words written together, as
    Norwegian compounds are ("lunsjtid", "demodag") and English ones are not."""
    from postguard.analysis.wordfreq import zipf

    en_zipf, nb_zipf = zipf("en"), zipf("nb")
    total = 0.0
    for index, word in enumerate(words):
        if index and word[:1].isupper() and not word.isupper():
            continue
        folded = word.casefold()
        en, nb = en_zipf.get(folded), nb_zipf.get(folded)
        if en is None and nb is None:
            total += COMPOUND_WEIGHT if _compound(folded, nb_zipf) else 0.0
            continue  # otherwise a name, a code word or a typo: no evidence either way
        odds = (nb if nb is not None else UNLISTED_ZIPF) - (en if en is not None else UNLISTED_ZIPF)
        total += max(-MAX_WORD_WEIGHT, min(MAX_WORD_WEIGHT, odds))
    return total


def _compound(word: str, nb_zipf: dict[str, float]) -> bool:
    """Whether ``word`` is two common Bokmål words written together (with a linking -s- or -e-)."""
    for cut in range(COMPOUND_PART_MIN, len(word) - COMPOUND_PART_MIN + 1):
        head, tail = word[:cut], word[cut:]
        if nb_zipf.get(tail, 0.0) < COMPOUND_PART_ZIPF:
            continue
        for part in (head, head[:-1] if head[-1:] in {"s", "e"} else ""):
            if len(part) >= COMPOUND_PART_MIN and nb_zipf.get(part, 0.0) >= COMPOUND_PART_ZIPF:
                return True
    return False
