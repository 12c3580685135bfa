"""How common each word is, per language, from the wordfreq package's word lists (offline).

Read directly from wordfreq's data files (``cBpack``: buckets of words by centibel frequency):
wordfreq's own API would load its tokenizers too, which postguard does not need. The small lists
(words from about once per million words) tell how common a word is; the large ones (down to
about once per billion) only answer, for a few words, whether they are words at all.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import importlib.util
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from postguard.io import cached_json, user_cache


def data_folder() -> Path:
    """wordfreq's data folder, found without importing wordfreq: its import loads its tokenizers
    (half a second and tens of MB) for files postguard reads itself."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("No module named 'wordfreq'", name="wordfreq")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def read_buckets(language: str, size: str = "small") -> list[list[str]]:
    """wordfreq's ``size`` ("small" or "large") list of ``language``: its words in buckets of
    falling frequency, a hundredth of a Zipf unit apart from 9 down; empty when wordfreq has no
    such list for the language."""
    import msgpack

    data = data_folder() / f"{size}_{language}.msgpack.gz"
    try:
        with data.open("rb") as raw, gzip.open(raw) as handle:
            pack = msgpack.load(handle, raw=False)
    except FileNotFoundError:
        return []
    if not isinstance(pack[0], dict) or pack[0].get("format") != "cB":
        raise ValueError("unexpected wordfreq data format")
    return pack[1:]


def _bucket_zipf(index: int) -> float:
    return round((-index / 100) + 9, 2)


def read_zipf(language: str) -> dict[str, float]:
    """wordfreq's small list of ``language`` as word -> Zipf frequency (log10 per billion words)."""
    zipf: dict[str, float] = {}
    for index, bucket in enumerate(read_buckets(language)):
        value = _bucket_zipf(index)
        for word in bucket:
            zipf.setdefault(word, value)
    return zipf


@functools.cache
def zipf(language: str) -> dict[str, float]:
    """:func:`read_zipf`, once per process."""
    return read_zipf(language)


#: Bumped when what :func:`known_words` stores changes.
KNOWN_WORDS_CACHE_VERSION = 1


def known_words(language: str, words: Iterable[str]) -> dict[str, float]:
    """The Zipf frequency of each of ``words`` that wordfreq's *large* list of ``language``
    knows (down to about once per billion words: rare words, but words).

    Reading the large list takes a few tenths of a second, so the answer for a set of words is
    kept in the user's cache folder and a later process reads it in a millisecond; an empty
    dict when wordfreq has no large list for the language."""
    wanted = sorted(set(words))
    return cached_json(_known_words_file(language, wanted), lambda: _read_known(language, frozenset(wanted)))


def _read_known(language: str, wanted: frozenset[str]) -> dict[str, float]:
    found: dict[str, float] = {}
    for index, bucket in enumerate(read_buckets(language, "large")):
        for word in wanted.intersection(bucket):
            found.setdefault(word, _bucket_zipf(index))
    return found


def _known_words_file(language: str, words: list[str]) -> Path | None:
    try:
        version = metadata.version("wordfreq")
    except metadata.PackageNotFoundError:
        return None
    digest = hashlib.sha256("\n".join(words).encode("utf-8")).hexdigest()[:24]
    name = f"known-words-v{KNOWN_WORDS_CACHE_VERSION}-wordfreq{version}-{language}-{digest}.json"
    return user_cache(name)
