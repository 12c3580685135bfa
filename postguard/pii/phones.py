"""Phone numbers exactly as ``phonenumbers.PhoneNumberMatcher`` finds them, only faster.

Presidio's PhoneRecognizer runs the matcher over the whole draft once per region, and the
matcher parses every digit group it meets ("2022", "v1.2", "10") as a possible number: that
was the slowest part of checking a post. Here the draft is cut into chunks that no match can
cross (a newline, or a letter or symbol that never occurs in a phone number or its extension,
such as "b" or "@"), chunks and candidates with too few digits for a valid number of the region
are skipped, and the real matcher runs on what is left, with one character of context on each
side (the matcher looks at the characters around a match). The matches are the same, at the
same offsets (tests compare them with the matcher's on the whole text).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence

from phonenumbers import (
    PhoneMetadata,
    PhoneNumberDesc,
    PhoneNumberMatch,
    PhoneNumberMatcher,
    region_codes_for_country_code,
)

from postguard.errors import WorkBudgetError

#: Characters that never occur in a match of phonenumbers' candidate pattern (which allows
#: digits, its punctuation set, "+", brackets and extensions such as "ext", "x", "#", "anexo").
_BOUNDARY = r"\n\r\x0b\x0c!\"$%&'*<>?@\\^_`{|}b-df-hj-mp-ru-wyzB-DF-HJ-MP-RU-WYZ"
#: A whole chunk between boundaries that holds a digit (possessive: linear on long chunks).
_CHUNK_RE = re.compile(rf"(?<![^{_BOUNDARY}])[^{_BOUNDARY}\d]*+\d[^{_BOUNDARY}]*+")
_DIGIT_RE = re.compile(r"\d")
_LETTER_RE = re.compile(r"[A-Za-z]")
#: Fewest digits of a valid number dialled with a country code (+43 and +49: 2 + 4 digits).
MIN_INTERNATIONAL = 6
#: The same with an international prefix before it ("00"; prefixes are at least 2 digits).
MIN_WITH_PREFIX = MIN_INTERNATIONAL + 2
#: The most (digit group, region) pairs the phone parser reads in one draft. Each costs about
#: a tenth of a millisecond, twice (the screen, then Presidio): 5 MB of real posts need about
#: 44,000; a 5 MB list of numbers would need 2.3 million, minutes of work, and is refused with a
#: clear message instead.
MAX_PARSES = 100_000


@functools.cache
def min_digits(region: str, plus: bool) -> int:
    """Fewest digits a chunk needs before the matcher could find a valid number of ``region``
    in it (a national number of the region, or any number with a country code)."""
    metadata = PhoneMetadata.metadata_for_region(region)
    if metadata is None or metadata.country_code is None:
        raise ValueError(f"phonenumbers has no metadata for region {region!r}")
    country_code = metadata.country_code
    national = min(
        length
        for code in region_codes_for_country_code(country_code)
        for desc in _descriptions(PhoneMetadata.metadata_for_region(code))
        for length in desc.possible_length
        if length > 0
    )
    return min(national, MIN_INTERNATIONAL if plus else MIN_WITH_PREFIX)


def _descriptions(metadata: PhoneMetadata | None) -> Iterator[PhoneNumberDesc]:
    if metadata is None:  # a region code without metadata of its own ("001", non-geographic)
        return
    for name in ("general_desc", "fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost",
                 "personal_number", "voip", "pager", "uan", "voicemail"):  # fmt: skip
        desc = getattr(metadata, name, None)
        if desc is not None:
            yield desc


def _digits(chunk: str) -> int:
    """At most how many digits the parser can read from any part of ``chunk``: its digits, plus
    its ASCII letters when there are three or more (then the parser reads them on a keypad)."""
    letters = len(_LETTER_RE.findall(chunk))
    return len(_DIGIT_RE.findall(chunk)) + (letters if letters >= 3 else 0)


class _Matcher(PhoneNumberMatcher):
    """The matcher, told to skip candidates with too few digits for a valid number (if a newer
    phonenumbers renames the hook, nothing is skipped: slower, never different)."""

    def __init__(self, text: str, region: str, leniency: int, min_digits: int) -> None:
        super().__init__(text, region, leniency=leniency)
        self._min_digits = min_digits

    def _extract_match(self, candidate: str, offset: int) -> PhoneNumberMatch | None:
        if _digits(candidate) < self._min_digits:
            return None
        return super()._extract_match(candidate, offset)


def matches(
    text: str,
    regions: Sequence[str],
    leniency: int = 1,
    where: Callable[[int, int], bool] | None = None,
) -> Iterator[tuple[str, PhoneNumberMatch]]:
    """``(region, match)`` for every region in turn, as ``PhoneNumberMatcher(text, region,
    leniency)`` yields them (offsets into ``text``); with ``where``, only the matches inside
    the chunks [start, end) for which ``where(start, end)`` holds."""
    fewest = min(min_digits(region, True) for region in regions)
    chunks = []
    for m in _CHUNK_RE.finditer(text):
        digits = _digits(m.group())
        if digits >= fewest and (where is None or where(m.start(), m.end())):
            chunks.append((m.start(), m.end(), digits, "+" in m.group() or "＋" in m.group()))
    parses = sum(digits >= min_digits(region, plus) for region in regions for _, _, digits, plus in chunks)
    if parses > MAX_PARSES:
        raise WorkBudgetError(
            f"too many phone-like numbers ({parses:,} to parse; at most {MAX_PARSES:,} in one draft): "
            "split the file into smaller ones"
        )
    for region in regions:
        for start, end, digits, plus in chunks:
            least = min_digits(region, plus)
            if digits < least:
                continue
            lo, hi = max(0, start - 1), min(len(text), end + 1)
            for match in _Matcher(text[lo:hi], region, leniency, least):
                yield region, PhoneNumberMatch(lo + match.start, match.raw_string, match.number)
