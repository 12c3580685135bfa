"""The recogniser's word lists, read once from ``words.txt`` beside this module.

The lists are data, not code: a reviewer adds a title or an organisation word without reading
Python, and the file says why each list exists. Each list becomes a named constant here, so the
recogniser reads them as fast as the literals they replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import TypeVar

from postguard.model import LANGUAGES

DATA_FILE = "words.txt"

T = TypeVar("T")


def _read_sections(text: str) -> dict[str, list[str]]:
    """``[section]`` headers, one entry a line, ``#`` comment lines (see the file's header)."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is None:
            raise ValueError(f"{DATA_FILE}:{number}: an entry before the first [section]")
        else:
            current.append(line)
    return sections


_SECTIONS = _read_sections((resources.files(__package__) / DATA_FILE).read_text(encoding="utf-8"))


def _words(section: str) -> frozenset[str]:
    return frozenset(_SECTIONS[section])


def _ordered(section: str) -> tuple[str, ...]:
    return tuple(_SECTIONS[section])


def _pairs(section: str) -> frozenset[tuple[str, str]]:
    pairs = set()
    for entry in _SECTIONS[section]:
        first, second = entry.split(" ")
        pairs.add((first, second))
    return frozenset(pairs)


def _per_language(read: Callable[[str], T], section: str) -> dict[str, T]:
    return {language: read(f"{section}.{language}") for language in LANGUAGES}


# Words around a run of capitalised words that make it a person.
TITLES = _per_language(_words, "titles")
TITLE_ENDINGS = _per_language(_ordered, "title_endings")
SHORT_TITLES = _words("short_titles")
AFTER_CUES = _per_language(_words, "after_cues")
BEFORE_CUES = _per_language(_words, "before_cues")
PERSON_NOUNS = _per_language(_words, "person_nouns")
PERSON_PRONOUNS = _words("person_pronouns")
PRONOUNS = _per_language(_words, "pronouns")
OBJECT_PRONOUNS = _words("object_pronouns")
CLAUSE_MARKS = _words("clause_marks")
CLAUSE_STARTS = {language: CLAUSE_MARKS | _words(f"clause_starts.{language}") for language in LANGUAGES}
INTRODUCTIONS = _per_language(_pairs, "introductions")
SUBJECT_VERBS = _per_language(_words, "subject_verbs")
ARTICLES = _per_language(_words, "articles")
SIGN_OFFS = _per_language(_words, "sign_offs")
ADDRESS_MARKS = _words("address_marks")
ADDRESS_FOLLOWERS = _per_language(_words, "address_followers")
CONJUNCTIONS = _words("conjunctions")
NB_FINITE_VERBS = _words("nb_finite_verbs")
NB_SPEECH_VERBS = _words("speech_verbs.nb")

# Words inside a name.
PARTICLES = _words("particles")
LEADING_PARTICLES = _words("leading_particles")
INNER_CAPITAL_PREFIXES = _words("inner_capital_prefixes")

# Words that make a run something other than a person.
HOMOGRAPHS = _per_language(_ordered, "homographs")
ORIGIN_WORDS = _words("origin_words")
PLACE_CUES = _per_language(_words, "place_cues")
MOTION = _words("motion")
ORG_WORDS = _words("org_words")
ORG_ENDINGS = _per_language(_ordered, "org_endings")
THING_NOUNS = _per_language(_ordered, "thing_nouns")
STREET_HEADS = _words("street_heads")
PLACE_HEADS = _words("place_heads")
EPONYMOUS = _pairs("eponymous")
NB_NOUN_ENDINGS = _ordered("nb_noun_endings")
DERIVED_ENDINGS = _per_language(_ordered, "derived_endings")
LONG_DERIVED_ENDINGS = _per_language(_ordered, "long_derived_endings")
