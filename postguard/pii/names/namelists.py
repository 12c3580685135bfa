"""Name lists and ordinary-word frequencies, built from maintained packages and cached.

First names and surnames come from Faker's person providers for the languages whose names turn
up in English and Norwegian posts, English nicknames from the nicknames package, and given names
common in Norway that those lack (``postguard/pii/data/first_names_nb.txt``); how common each word
is as an ordinary word comes from wordfreq. Building them takes about a second, so they are cached
as one small file in the user's cache folder and load in a few milliseconds afterwards.
"""

from __future__ import annotations

import functools
import importlib
import re
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from postguard.analysis.wordfreq import read_zipf
from postguard.io import cached_json, user_cache
from postguard.model import LANGUAGES
from postguard.pii.names.words import HOMOGRAPHS

CACHE_VERSION = 8
#: Faker locales whose Latin-script names are read (first names, surnames).
NAME_LOCALES = (
    "en_US",
    "en_GB",
    "en_IE",
    "en_IN",
    "en_PK",
    "en_NG",
    "no_NO",
    "sv_SE",
    "da_DK",
    "fi_FI",
    "is_IS",
    "de_DE",
    "nl_NL",
    "fr_FR",
    "es_ES",
    "it_IT",
    "pl_PL",
    "pt_BR",
    "tr_TR",
    "id_ID",
)
#: Shorter nicknames are mostly words too ("Mac", "Kit", "Len", "Fox").
NICKNAME_MIN_LENGTH = 4
#: A nickname or a name from our own list this common as a word ("Rich", "Liv") is not trusted
#: as a first name by itself.
TRUSTED_NAME_ZIPF = 4.6
#: Locales whose common first names are trusted even when they are frequent words elsewhere.
HOME_LOCALES = frozenset({"en_US", "en_GB", "en_IE", "no_NO", "sv_SE", "da_DK"})
_NAME_RE = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿA-ZÀ-ÖØ-Þ'’-]*$")
#: Faker's lorem word lists: the commonest words of a language.
LOREM_LOCALES = {"en": ("en_US",), "nb": ("da_DK", "en_US")}
#: Faker locales whose street suffixes are read.
STREET_LOCALES = {"en": ("en_US", "en_AU"), "nb": ("no_NO", "en_US")}
#: Our own list of given names common in Norway (package and file).
OUR_NAMES = ("postguard.pii", "data/first_names_nb.txt")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Name lists and ordinary-word frequencies for one language."""

    first: frozenset[str]
    last: frozenset[str]
    home: frozenset[str]
    ordinary: frozenset[str]
    zipf: dict[str, float]
    #: The last words of street names ("Lane", "Summit", "gata"): after a house number, an address.
    street_ends: frozenset[str]

    def commonness(self, word: str) -> float:
        return self.zipf.get(word.casefold(), 0.0)


def _cache_file() -> Path | None:
    try:
        versions = "-".join(
            f"{package}{metadata.version(package)}" for package in ("faker", "wordfreq", "nicknames")
        )
    except metadata.PackageNotFoundError:
        return None
    return user_cache(f"names-v{CACHE_VERSION}-{versions}.json")


def _faker_names() -> tuple[list[str], list[str], list[str]]:
    """First names, surnames, and the first names of the home locales (English and Nordic)."""
    first: set[str] = set()
    last: set[str] = set()
    home: set[str] = set()
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr, target in (
            ("first_names", first),
            ("first_names_male", first),
            ("first_names_female", first),
            ("last_names", last),
        ):
            names = provider.__dict__.get(attr)
            if isinstance(names, dict | tuple | list):
                target.update(n for n in names if isinstance(n, str) and _NAME_RE.match(n))
                if locale in HOME_LOCALES and target is first:
                    home.update(n for n in names if isinstance(n, str) and _NAME_RE.match(n))
    return sorted(first), sorted(last), sorted(home)


def _ordinary_words(language: str) -> list[str]:
    """Everyday words that are also given names or surnames ("will", "bill", "per", "dag")."""
    words = set(HOMOGRAPHS[language])
    for locale in LOREM_LOCALES[language]:
        provider = importlib.import_module(f"faker.providers.lorem.{locale}").Provider
        words.update(w.casefold() for w in provider.word_list if " " not in w)
    return sorted(words)


def _street_ends(language: str) -> list[str]:
    """Faker's street suffixes for the language's addresses (and English ones, common in both)."""
    words: set[str] = set()
    for locale in STREET_LOCALES[language]:
        provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
        words.update(w.casefold() for w in provider.street_suffixes if " " not in w)
    return sorted(words)


def _nicknames() -> list[str]:
    """English nicknames ("Phil", "Doug", "Walt") from the nicknames package's hand-curated list,
    which Faker's lists of full first names lack."""
    import nicknames
    from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
    from spacy.lang.nb.stop_words import STOP_WORDS as NB_STOP

    names = {
        t.name2.capitalize()
        for t in nicknames.name_triplets()
        if t.name2.isalpha() and len(t.name2) >= NICKNAME_MIN_LENGTH and t.name2 not in EN_STOP | NB_STOP
    }
    return sorted(names)


def _our_first_names() -> list[str]:
    """Given names common in Norway that Faker's Nordic lists lack (``data/first_names_nb.txt``)."""
    package, path = OUR_NAMES
    text = (resources.files(package) / path).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _trusted(names: list[str], *zipfs: dict[str, float]) -> list[str]:
    """The names trusted as first names even though they are words, as the home locales' names
    are: those rarer than :data:`TRUSTED_NAME_ZIPF` as a word in each of ``zipfs``."""
    return [n for n in names if max(z.get(n.casefold(), 0.0) for z in zipfs) < TRUSTED_NAME_ZIPF]


def _build() -> dict:
    first, last, home = _faker_names()
    zipf = {lang: read_zipf(lang) for lang in LANGUAGES}
    nicknames, ours = _nicknames(), _our_first_names()
    return {
        "first": sorted({*first, *nicknames, *ours}),
        "last": last,
        "home": sorted({*home, *_trusted(nicknames, zipf["en"]), *_trusted(ours, *zipf.values())}),
        "ordinary": {lang: _ordinary_words(lang) for lang in LANGUAGES},
        "zipf": zipf,
        "street_ends": {lang: _street_ends(lang) for lang in LANGUAGES},
    }


@functools.cache
def load_lists() -> dict:
    """The name lists: from the user's cache when it is there, else built and cached."""
    return cached_json(_cache_file(), _build)


@functools.cache
def lexicon(language: str) -> Lexicon:
    """The name lists and word frequencies for ``en`` or ``nb`` (loaded once per process)."""
    data = load_lists()
    return Lexicon(
        first=frozenset(n.casefold() for n in data["first"]),
        last=frozenset(n.casefold() for n in data["last"]),
        home=frozenset(n.casefold() for n in data["home"]),
        ordinary=frozenset(data["ordinary"][language]),
        zipf=data["zipf"][language],
        street_ends=frozenset(data["street_ends"][language]),
    )
