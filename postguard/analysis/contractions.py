"""Contractions and other spellings of one word, spelt out: "isn't" is "is not", "we're" is
"we are", "ikkje" is "ikke". A leaf module: word units (:mod:`postguard.analysis.units`) give a
contraction its spelt-out reading, so a list's "can not go into details" finds "can't go into
details", and tokens (:mod:`postguard.analysis.tokens`) are the words spelt out."""

from __future__ import annotations

#: Contractions spelt out, by the folded unit key (both apostrophes are folded to ').
CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    "let's": ("let", "us"),
    "i'm": ("i", "am"),
}
#: Endings that stand for a word of their own ("hasn't", "we've", "they'll", "it's").
CONTRACTED_ENDINGS: tuple[tuple[str, str], ...] = (
    ("n't", "not"),
    ("'re", "are"),
    ("'ve", "have"),
    ("'ll", "will"),
    ("'d", "would"),
    ("'m", "am"),
)
#: Spellings that mean the same word to every rule (Nynorsk and dialect forms in Bokmål posts).
SAME_WORD: dict[str, str] = {"ikkje": "ikke", "itte": "ikke", "ikkeno": "ikke", "aldrig": "aldri"}
#: Pronouns before 's that make it "is" ("it's", "that's"); elsewhere 's is a possessive.
_IS_BEFORE_S = frozenset(
    {"it", "that", "he", "she", "there", "what", "who", "here", "where", "nobody", "nothing"}
)


def spelt_out(key: str) -> tuple[str, ...]:
    """A unit's key as the words it stands for: ``isn't`` -> ``is not``."""
    if "'" not in key:
        return (SAME_WORD.get(key, key),)
    whole = CONTRACTIONS.get(key)
    if whole is not None:
        return whole
    for ending, word in CONTRACTED_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending):
            return (key[: -len(ending)], word)
    if key.endswith("'s") and key[:-2] in _IS_BEFORE_S:
        return (key[:-2], "is")
    return (key,)
