"""What kind of word a token of a run is, for a person's name: the tests that need a lexicon.

A token's :class:`Kind` sums up what the lists say about it: a known first name, a surname, a
word that is also a name, an ordinary word, a title, or a word no list knows (rare, unknown).
The finder reads runs of these kinds; the cues around the run decide the rest.
"""

from __future__ import annotations

import importlib
from enum import StrEnum
from typing import TYPE_CHECKING

from postguard.pii.names.namelists import lexicon
from postguard.pii.names.shapes import INITIAL, Shapes, derived, stem
from postguard.pii.names.words import (
    NB_FINITE_VERBS,
    NB_NOUN_ENDINGS,
    NB_SPEECH_VERBS,
    PARTICLES,
    SIGN_OFFS,
    SUBJECT_VERBS,
    TITLE_ENDINGS,
    TITLES,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


class Kind(StrEnum):
    """What the lists say about one capitalised token (see :meth:`Vocabulary.kind`)."""

    FUNCTION = "function"  # a stop word or a very common word: "The", "Thanks"
    TITLE = "title"  # "Dr", "President", "statsminister"
    FIRST = "first"  # a first name, trusted alone: "Kari"
    LAST = "last"  # a surname that is not a common word: "Nordmann"
    AMBIGUOUS = "ambiguous"  # a name that is also an everyday word: "Will", "Per"
    WORDLIKE = "wordlike"  # a name that is common as a word: "Post", "Master"
    COMMON = "common"  # an ordinary word: "Reshaping", "SAS", "Podkasten"
    RARE = "rare"  # no list knows it and it is rare as a word
    UNKNOWN = "unknown"  # no list knows it and it is uncommon as a word
    CAPS = "caps"  # all capitals and no list knows it: a name only with more evidence
    INITIAL = "initial"  # "E."
    PARTICLE = "particle"  # "van", "bin"


#: A word no list knows this common is an ordinary word, capitalised or not.
FUNCTION_ZIPF = 6.0
#: A listed name this common as a word is "wordlike"; a first name rarer than this is trusted.
WORDLIKE_ZIPF = 4.0
#: A word this rare (or absent from the word list) that is capitalised mid-sentence may be a surname.
RARE_ZIPF = 3.3
#: Words up to this frequency that no list knows are often names too (wordfreq counts names).
UNKNOWN_ZIPF = 4.0
#: Norwegian capitalises only proper nouns mid-sentence: a word up to this frequency there may be one.
NB_MID_SENTENCE_ZIPF = 5.0
#: A plural this common as a word after "the" is a team or a group, not a family: "the Rangers".
FAMILY_MAX_ZIPF = 3.6
#: A word no list knows whose singular is this common is an ordinary plural: "Respondents said".
PLURAL_BASE_ZIPF = 3.0
#: A known word this common at the end of a longer Norwegian word makes it a compound.
COMPOUND_PART_ZIPF = 3.5
#: The longest all-capital word read as an acronym, not a name: "SAS", "NAV", "IRA".
ACRONYM_MAX_LENGTH = 3
#: A rare or unknown word that starts a sentence before one of SUBJECT_VERBS is its subject.
SUBJECT_KINDS = frozenset({Kind.RARE, Kind.UNKNOWN})


class Vocabulary:
    """The lexicon of one language and the word tests that read it."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.lex = lexicon(language)
        self.titles = TITLES[language] | TITLES["en"]
        self.stop_words: frozenset[str] = frozenset(
            importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS
        )

    def kind(self, token: Token, shapes: Shapes) -> Kind:
        """The :class:`Kind` of a token of a run."""
        word = token.lower_.rstrip(".")
        lex = self.lex
        if shapes[token.i] is INITIAL:
            return Kind.INITIAL
        if word in PARTICLES and len(token.text) > 1:
            return Kind.PARTICLE
        if (token.is_upper and len(word) <= ACRONYM_MAX_LENGTH) or word in SIGN_OFFS[self.language]:
            return Kind.COMMON  # "SAS", "NAV"; "Mvh", "Hilsen" before a signature
        mid = not token.is_sent_start and token.i > 0 and not token.is_upper
        if token.is_stop or lex.commonness(word) >= FUNCTION_ZIPF:
            # Mid-sentence capitals mark a proper noun in Norwegian: "Forfatteren Jo Nesbø".
            if self.language == "nb" and mid and word in lex.first:
                return Kind.FIRST
            return Kind.FUNCTION
        if self.is_title(word):
            return Kind.TITLE
        if token.is_upper and word not in lex.first and word not in lex.last:
            return (
                Kind.CAPS
                if len(word) > ACRONYM_MAX_LENGTH and lex.commonness(word) < RARE_ZIPF
                else Kind.COMMON
            )
        word = stem(word, self.language, lex)
        if word in lex.first or word in lex.last:
            if word in lex.ordinary:
                return Kind.AMBIGUOUS
            if word in lex.first and (word in lex.home or lex.commonness(word) < WORDLIKE_ZIPF):
                return Kind.FIRST
            return Kind.WORDLIKE if lex.commonness(word) >= WORDLIKE_ZIPF else Kind.LAST
        if "-" in word:
            parts = [p for p in word.split("-") if p]
            if parts and all(p in lex.first for p in parts):
                return Kind.FIRST
            if parts and all(p in lex.first or p in lex.last for p in parts):
                return Kind.LAST
        if derived(word, self.language) or self.plural(word):
            return Kind.COMMON
        if self.patronymic(word):
            return Kind.LAST  # "Kristiansen", "Pedersen": a first name and -sen
        # A capital that starts a Norwegian sentence says nothing: "Podkasten", "Regjeringspartiene".
        if self.language == "nb" and not mid and self.norwegian_noun(word):
            return Kind.COMMON
        zipf = lex.commonness(word)
        if zipf < RARE_ZIPF:
            return Kind.RARE
        if self.language == "nb" and mid and zipf < NB_MID_SENTENCE_ZIPF and word not in lex.ordinary:
            return Kind.UNKNOWN
        return Kind.UNKNOWN if zipf < UNKNOWN_ZIPF and word not in lex.ordinary else Kind.COMMON

    def is_title(self, word: str) -> bool:
        """Whether a lower-case word is a title: "dr", "president", "helseminister"."""
        if word in self.titles:
            return True
        endings = TITLE_ENDINGS[self.language]
        return word.endswith(endings) and any(word.endswith(e) and len(word) >= len(e) + 3 for e in endings)

    def family(self, word: str) -> bool:
        """Whether an English word after "the" names a family: "the Smiths", "the Gateses" (not
        "the Rangers": a plural that is common as a word)."""
        if self.language != "en" or not word.endswith("s") or self.lex.commonness(word) >= FAMILY_MAX_ZIPF:
            return False
        name = word[:-2] if word.endswith(("ses", "shes", "ches", "xes", "zes")) else word[:-1]
        return (name in self.lex.last or name in self.lex.first) and name not in self.lex.ordinary

    def plural(self, word: str) -> bool:
        """Whether an English word no list knows is the plural of a known word: "Respondents", "Panics"."""
        if self.language != "en" or len(word) < 5 or not word.endswith("s") or word.endswith("ss"):
            return False
        singulars = (word[:-1], word[:-2], word[:-3] + "y") if word.endswith("es") else (word[:-1],)
        return any(self.lex.commonness(w) >= PLURAL_BASE_ZIPF for w in singulars)

    def subject_of(self, kind: Kind, verb: Token) -> bool:
        """Whether a sentence-initial word of ``kind`` is the subject of ``verb``, and so a person.
        In Norwegian only proper nouns are capitalised there besides ordinary words, so any finite
        verb will do ("Willoch var", "Haaland scoret"); in English only a verb a person does."""
        if verb.lower_ in SUBJECT_VERBS[self.language]:
            return kind in SUBJECT_KINDS
        return self.norwegian_finite_verb(verb)

    def speaker_first(self, token: Token) -> bool:
        """Whether a Norwegian word that the lists call ordinary starts a sentence before a verb of
        saying as its speaker: "Listhaug mener", "Ingebrigtsen sa" (news makes names common words;
        "Regjeringen mener" is a noun's definite form, "NRK sier" an acronym)."""
        word = token.lower_
        if (
            self.language != "nb"
            or not token.is_sent_start
            or token.i + 1 >= len(token.doc)
            or token.nbor(1).lower_ not in NB_SPEECH_VERBS
            or token.is_upper
            or len(word) <= ACRONYM_MAX_LENGTH
        ):
            return False
        return (
            word not in self.lex.ordinary
            and self.lex.commonness(word) < NB_MID_SENTENCE_ZIPF
            and not derived(word, self.language)
            and not self.norwegian_noun(word)
        )

    def norwegian_finite_verb(self, verb: Token) -> bool:
        """Whether ``verb`` is a Norwegian finite verb: "var", "har", "ble", "scoret", "tapte"."""
        word = verb.lower_
        if self.language != "nb":
            return False
        if word in NB_FINITE_VERBS:
            return True
        # Past tenses ("scoret", "tapte") and presents ("ber", "mener"): right after the subject in
        # a Norwegian main clause, a word with these endings is its verb.
        return verb.is_lower and (
            (len(word) > 4 and word.endswith(("et", "te", "de"))) or (len(word) > 2 and word.endswith("er"))
        )

    def patronymic(self, word: str) -> bool:
        """Whether a word is a Nordic surname made of a first name and -sen or -son: "Kristiansen"."""
        if self.lex.commonness(word) >= UNKNOWN_ZIPF:
            return False  # "Pressen": the press
        return any(
            word.endswith(end) and word[: -len(end)] in self.lex.first
            for end in ("sen", "ssen", "son", "sson")
        )

    def norwegian_noun(self, word: str) -> bool:
        """Whether a Norwegian word no list knows is an ordinary noun: a definite or plural form
        ("Forventningen", "Journalistene") or a compound of a known word ("Anmodningsvedtak")."""
        if word.endswith(NB_NOUN_ENDINGS):
            return True
        return any(self.lex.commonness(word[k:]) >= COMPOUND_PART_ZIPF for k in range(3, len(word) - 4))
