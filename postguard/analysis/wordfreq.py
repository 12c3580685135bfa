"""How common each word is, per language, from the wordfreq package's word lists (offline).

Read directly from wordfreq's data files (``cBpack``: buckets of words by centibel frequency):
wordfreq's own API would load its tokenizers too, which postguard does not need.
"""

from __future__ import annotations

import functools
import gzip
from importlib import resources


def read_zipf(language: str) -> dict[str, float]:
    """wordfreq's small list of ``language`` as word -> Zipf frequency (log10 per billion words)."""
    import msgpack

    data = resources.files("wordfreq") / "data" / f"small_{language}.msgpack.gz"
    with data.open("rb") as raw, gzip.open(raw) as handle:
        pack = msgpack.load(handle, raw=False)
    if not isinstance(pack[0], dict) or pack[0].get("format") != "cB":
        raise ValueError("unexpected wordfreq data format")
    zipf: dict[str, float] = {}
    for index, bucket in enumerate(pack[1:]):
        value = round((-index / 100) + 9, 2)
        for word in bucket:
            zipf.setdefault(word, value)
    return zipf


@functools.cache
def zipf(language: str) -> dict[str, float]:
    """:func:`read_zipf`, once per process."""
    return read_zipf(language)
