"""Which language a draft is in: English or Norwegian Bokmål, from common function words."""

from __future__ import annotations

import re

from postguard.model import LANGUAGES

_EN_WORDS = frozenset(
    """
    the and is are was were to of that it with you we this on be have not but they at from by
    an or will can our your what which about if would there their has had been my me so just do
    does how when who all more new some than then these very into out up i it's i'm don't again
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


def detect_language(text: str, candidates: tuple[str, ...] = LANGUAGES) -> str:
    """Guess ``en`` or ``nb`` from common function words and æ/ø/å; first candidate on a tie."""
    if len(candidates) == 1:
        return candidates[0]
    sample = text[:20000].casefold()
    en = nb = 0
    for word in _WORD_RE.findall(sample):
        if word in _EN_WORDS:
            en += 1
        elif word in _NB_WORDS:
            nb += 1
    nb += sum(sample.count(c) for c in "æøå")
    if "nb" in candidates and nb > en:
        return "nb"
    if "en" in candidates and en > nb:
        return "en"
    return candidates[0]
