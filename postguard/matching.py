"""Term matching over word units: the engine behind the ``terms`` and ``near`` rule kinds.

A term matches a run of joined word units when their keys, glued together, equal the term's
key. Glueing without spaces is what makes ``Blue Harbor``, ``blue-harbor``, ``BlueHarbor`` and
``#BlueHarbor`` one term. Each unit also offers its de-obfuscated readings (``K3strel``), and
the last unit may carry an inflection (``Kestrels``, ``Polarstjerna``). Whole units only: a
term never matches inside another word unless it is declared a compound part.

Hashed terms (``postguard.policy.hashing``) go through the same code: each candidate phrase is also
looked up by its HMAC, and as no prefixes of hashed terms exist (they would reveal a term
letter by letter), phrases grow up to the list's largest unit count instead.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from postguard.analysis import Unit, term_key, word_units
from postguard.analysis.normalize import one_edit_spellings
from postguard.analysis.wordfreq import known_words, zipf
from postguard.errors import HashBudgetError

if TYPE_CHECKING:
    from postguard.policy.hashing import Hashed, Hasher

#: Endings a name or word can take, per language (possessive, plural, definite forms; in
#: Norwegian also the Nynorsk and dialect plurals "-ar" and "-ane": "idiotar", "idiotane").
SUFFIXES: dict[str, tuple[str, ...]] = {
    "en": ("s", "es", "ed", "ing", "in", "er", "ers"),
    "nb": tuple("s en et a ene er ere erne ens ets enes as es e ar ane".split()),
}
MIN_INFLECTED_TERM = 4  # shorter terms must match exactly: "AS" must not match "ass"
MIN_COMPOUND_REST = 3  # a compound part needs a real word beside it
MIN_GLUED_INFLECTED_WORD = 3  # a phrase written as one inflected word needs words this long
MAX_EXTRA_UNITS = 2  # a phrase may split into a few more units than the term has
MAX_STATES = 16  # readings of a phrase kept per unit (bounds hostile text full of leet readings)
MAX_HASHTAG_PART = 32  # longest part of a run-together hashtag tried against hashed terms
#: An inflected form this common as a word of the draft's language (Zipf: log10 per billion
#: words; 3 is once per million) and more common than the term itself is another word that
#: looks like a form of it: "puls" (pulse) is not "pule" + s, while "idioter" is "idiot" + er.
ORDINARY_FORM_ZIPF = 3.0
#: ``variants: true``: terms this long or longer also match one slip away (a swapped, dropped
#: or doubled letter); a shorter word has too many real words one letter away.
MIN_VARIANT_TERM = 5
#: A slip of a term that is a word (wordfreq's large list of any language postguard reads: lists
#: and drafts mix them, "slutt" is "slutty" one letter short) is that word, not the term, when it
#: is this common there (Zipf) and less than :data:`TYPO_GAP` rarer than the term: "basted" (2.0) is not "bastard" (3.9), nor "idiom" (3.0) "idiot" (4.4). Typos make the
#: large lists too, far below their word ("idoit" 1.0, "idot" 1.8, "fuking" 1.9 for "fucking" 5.3).
VARIANT_WORD_ZIPF = 1.5
TYPO_GAP = 2.5
#: Profanity and intensifiers that people glue in front of an insult ("fuckingidiot",
#: "jævlaidiot"): the insult is found as if it stood alone (for terms with ``variants: true``).
GLUED_INTENSIFIERS: dict[str, tuple[str, ...]] = {
    "en": (
        "fucking", "fuckin", "fcking", "fking", "effing", "freaking", "bloody", "damn", "goddamn",
        "stupid", "dumb", "total", "utter", "complete", "absolute",
    ),
    "nb": (
        "jævla", "javla", "jaevla", "jævlig", "jævlige", "faens", "helvetes", "satans", "forbanna",
        "føkkings", "fucking", "dumme", "totalt",
    ),
}  # fmt: skip
#: Hashes a draft may cost per word unit (plus a fixed allowance), per key: ordinary prose needs
#: a few; text built to multiply readings would otherwise take minutes, so it is refused.
HASH_BUDGET_PER_UNIT, HASH_BUDGET_BASE = 12, 50_000
#: Marks at the edges of a term that a text may leave out or put elsewhere: quotes and brackets,
#: and sentence punctuation at its end ("Nordic Cloud Co." is also "Nordic Cloud Co's"). Other
#: symbols are the term's own and must be there ("C++", "C#", ".NET").
OPTIONAL_LEAD = "\"'“”‘’«»([{"
OPTIONAL_TRAIL = ".,;:!?…\"'“”‘’«»)]}"


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase to find, with how strictly to match it."""

    text: str
    case_exact: bool = False
    inflect: bool = True
    compound: str | None = None  # "head", "tail" or "any": may be part of a longer word
    variants: bool = False  # spelling variants match too (one swapped, dropped or doubled letter)
    source: str = ""
    hashed: Hashed | None = None  # known only by its HMAC; ``text`` is then a placeholder


@dataclass(frozen=True, slots=True)
class Match:
    """A term found in a document, as offsets into the original text."""

    start: int
    end: int
    term: Term
    first_unit: int
    last_unit: int


@dataclass(frozen=True, slots=True)
class _Entry:
    term: Term
    key: str
    surface: str
    units: int
    shortest_word: int = MIN_GLUED_INFLECTED_WORD  # letters in the term's shortest word


class UnitIndex:
    """A document's word units indexed for term lookup, built once and shared by every rule.

    ``positions`` maps each reading to the units that have it, so a rule finds its candidate
    units with set intersections instead of visiting every unit.
    """

    def __init__(self, units: Sequence[Unit], language: str) -> None:
        self.units = units
        self.language = language
        self.suffixes = SUFFIXES.get(language, ())
        positions: defaultdict[str, list[int]] = defaultdict(list)
        self.tagged: list[int] = []
        self.before_spelled: list[int] = []
        for index, unit in enumerate(units):
            for reading in unit.readings:
                positions[reading].append(index)
            if unit.tag and len(unit.key) > MIN_INFLECTED_TERM:
                self.tagged.append(index)
            if unit.before_spelled:
                self.before_spelled.append(index)
        self.positions: dict[str, list[int]] = dict(positions)
        self.masked = [r for r in self.positions if "*" in r]
        self._by_start: list[str] | None = None
        self._by_end: list[str] | None = None

    def with_part(self, part: str, at_end: bool) -> list[str]:
        """Readings that start (``at_end`` False) or end with ``part`` and have at least
        :data:`MIN_COMPOUND_REST` letters besides it: where a compound part may hide.

        Readings sorted once per document (and reversed, for endings) make each part one
        binary search instead of a pass over every reading."""
        if at_end:
            if self._by_end is None:
                self._by_end = sorted(r[::-1] for r in self.positions)
            pool, part = self._by_end, part[::-1]
        else:
            if self._by_start is None:
                self._by_start = sorted(self.positions)
            pool = self._by_start
        found = []
        i = bisect.bisect_left(pool, part)
        while i < len(pool) and pool[i].startswith(part):
            if len(pool[i]) - len(part) >= MIN_COMPOUND_REST:
                found.append(pool[i][::-1] if at_end else pool[i])
            i += 1
        return found


class _HashedKeys:
    """The hashed terms made with one key: a candidate phrase is found by its HMAC.

    Digests of recent candidates are cached: words repeat, and hashing is the costly part.
    """

    CACHE_SIZE = 1 << 16

    def __init__(self, hasher: Hasher) -> None:
        self.hasher = hasher
        self.entries: dict[bytes, list[_Entry]] = {}
        self.max_units = 1
        self.budget = HASH_BUDGET_BASE
        self._cache: dict[str, bytes] = {}

    def add(self, term: Term, hashed: Hashed) -> None:
        self.entries.setdefault(hashed.digest, []).append(_Entry(term, "", "", hashed.max_units))
        self.max_units = max(self.max_units, hashed.max_units + MAX_EXTRA_UNITS)

    def get(self, candidate: str) -> list[_Entry] | None:
        digest = self._cache.get(candidate)
        if digest is None:
            self.budget -= 1
            if self.budget < 0:
                raise HashBudgetError(
                    "the draft has too many obfuscated or run-together words to check hashed terms "
                    "in reasonable time; split it or remove the obfuscation"
                )
            if len(self._cache) >= self.CACHE_SIZE:
                self._cache.clear()
            digest = self._cache[candidate] = self.hasher.digest(candidate)
        return self.entries.get(digest)


@dataclass(frozen=True, slots=True)
class _Variants:
    """The spelling variants of a rule's ``variants: true`` terms: each slip that is no word
    (``spellings``), and what may follow a glued intensifier: such a term, or a slip of it
    (``glued``)."""

    spellings: dict[str, _Entry]
    glued: dict[str, _Entry]


_NO_VARIANTS = _Variants({}, {})


class TermIndex:
    """All terms of one rule, compiled once into hash lookups (linear in the document's length)."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self._by_key: dict[str, list[_Entry]] = {}
        self._prefixes: set[str] = set()
        self._heads: dict[str, list[_Entry]] = {}
        self._tails: dict[str, list[_Entry]] = {}
        self._by_length: dict[int, list[_Entry]] = {}
        self._inflectable: set[str] = set()
        self._word_prefixes: set[str] = set()  # prefixes that end where one of a term's words ends
        self._forms: dict[tuple[str, ...], set[str]] = {}
        self._compound_cache: dict[tuple[str, ...], tuple[set[str], set[str]]] = {}
        self._continued_cache: dict[tuple[str, ...], set[str]] = {}
        self._max_units = 1
        self._variable: list[_Entry] = []  # one-word terms with ``variants: true``
        self._variants: _Variants | None = None  # made on first use
        #: Symbols a term has before and after its words, which the text must have too (and the
        #: key of its words, shared with the terms that have other symbols or none: "C", "C++").
        self._edges: dict[Term, tuple[str, str, str]] = {}
        hashed: dict[Hasher, _HashedKeys] = {}
        for term in terms:
            if term.hashed is not None:
                store = hashed.setdefault(term.hashed.hasher, _HashedKeys(term.hashed.hasher))
                store.add(term, term.hashed)
                continue
            units = word_units(term.text)
            if not units:
                continue
            surface = "".join(u.surface for u in units)
            entry = _Entry(term, term_key(units), surface, len(units), min(len(u.key) for u in units))
            lead = term.text[: units[0].start].strip().lstrip(OPTIONAL_LEAD)
            trail = term.text[units[-1].end :].strip().rstrip(OPTIONAL_TRAIL)
            if lead or trail:
                self._edges[term] = (lead, trail, entry.key)
            self._by_key.setdefault(entry.key, []).append(entry)
            self._prefixes.update(entry.key[:i] for i in range(1, len(entry.key) + 1))
            glued = ""
            for unit in units:
                glued += unit.key
                self._word_prefixes.add(glued)
            self._max_units = max(self._max_units, len(units) + MAX_EXTRA_UNITS)
            if len(units) == 1:
                self._by_length.setdefault(len(entry.key), []).append(entry)
                if term.variants and not term.case_exact and entry.key.isalpha():
                    self._variable.append(entry)
            if term.inflect and len(entry.key) >= MIN_INFLECTED_TERM:
                self._inflectable.add(entry.key)
            if term.compound in ("head", "any"):
                self._heads.setdefault(entry.key, []).append(entry)
            if term.compound in ("tail", "any"):
                self._tails.setdefault(entry.key, []).append(entry)
        self._head_lengths = sorted({len(k) for k in self._heads})
        self._tail_lengths = sorted({len(k) for k in self._tails})
        self._hashed = tuple(hashed.values())
        self._hashed_units = max((store.max_units for store in self._hashed), default=0)
        self._max_units = max(self._max_units, self._hashed_units)

    def __bool__(self) -> bool:
        return bool(self._by_key) or bool(self._hashed)

    def _lookup(self, candidate: str) -> Sequence[_Entry]:
        """Terms whose key is ``candidate``: in clear, or by the candidate's hash."""
        found: Sequence[_Entry] = self._by_key.get(candidate, ())
        for store in self._hashed:
            entries = store.get(candidate)
            if entries:
                found = [*found, *entries]
        return found

    def _grows(self, candidate: str, units: int) -> bool:
        """May a longer phrase starting with ``candidate`` (``units`` long) still be a term?"""
        return candidate in self._prefixes or units < self._hashed_units

    def find(
        self, units: Sequence[Unit], language: str, index: UnitIndex | None = None, text: str = ""
    ) -> list[Match]:
        """Leftmost-longest matches of any term in ``units``.

        ``index`` (the document's :class:`UnitIndex`, shared by all rules) lets the search start
        only at units that can begin a term, so a rule costs little on a long document.
        ``text`` (the document's view, which the units' offsets index) is where the symbols
        around a term's words are checked: "C++" is not any "C".
        """
        index = index or UnitIndex(units, language)
        suffixes = index.suffixes
        variants = self._spelling_variants()
        for store in self._hashed:
            store.budget = HASH_BUDGET_BASE + HASH_BUDGET_PER_UNIT * len(units)
        matches: list[Match] = []
        next_free = 0
        for i in self._candidate_starts(index, variants):
            if i < next_free:
                continue
            best = (
                self._longest_at(units, i, suffixes, variants, language)
                or self._inside_word(units[i], i, suffixes)
                or self._glued(units[i], i, variants, language)
            )
            if best is not None and self._edges:
                best = self._with_edges(best, text)
            if best is not None:
                matches.append(best)
                next_free = best.last_unit + 1
        return matches

    def _with_edges(self, match: Match, text: str) -> Match | None:
        """``match`` grown over the symbols its term has before or after its words ("C++",
        ".NET", "C#"), or None when the text has them for no term with the same words."""
        if match.term not in self._edges:
            return match
        for entry in self._by_key.get(self._edges[match.term][2], ()):
            lead, trail, _ = self._edges.get(entry.term, ("", "", ""))
            start, end = match.start - len(lead), match.end + len(trail)
            if start >= 0 and text[start : match.start] == lead and text[match.end : end] == trail:
                return Match(start, end, entry.term, match.first_unit, match.last_unit)
        return None

    def _spelling_variants(self) -> _Variants:
        """The spelling variants of the ``variants: true`` terms, made once per index (not per
        draft): every slip of each term of :data:`MIN_VARIANT_TERM` letters or more that is
        neither a listed term nor a word (see :data:`VARIANT_WORD_ZIPF`)."""
        if not self._variable:
            return _NO_VARIANTS
        found = self._variants
        if found is None:
            slips: dict[str, _Entry] = {}
            for entry in self._variable:
                if len(entry.key) >= MIN_VARIANT_TERM:
                    for slip in sorted(one_edit_spellings(entry.key)):
                        if slip not in self._by_key:
                            slips.setdefault(slip, entry)
            asked = [*slips, *(e.key for e in self._variable)]
            for language in SUFFIXES:
                words = known_words(language, asked) if slips else {}
                slips = {
                    slip: entry
                    for slip, entry in slips.items()
                    if words.get(slip, 0.0) < max(VARIANT_WORD_ZIPF, words.get(entry.key, 0.0) - TYPO_GAP)
                }
            glued = {e.key: e for e in self._variable if len(e.key) >= MIN_INFLECTED_TERM}
            found = self._variants = _Variants(slips, {**slips, **glued})
        return found

    def _candidate_starts(self, index: UnitIndex, variants: _Variants = _NO_VARIANTS) -> list[int]:
        """Units where a match can begin: a reading that is a term, an inflection or a slip of
        one, a reading that starts a term and goes on into the next unit, a masked reading, a
        compound with a term as part, a term glued to an intensifier, or a hashtag that may hide one."""
        if self._hashed:  # hashed terms have no prefixes to start from: any unit may begin one
            return list(range(len(index.units)))
        readings = index.positions.keys()
        whole = readings & self._by_key.keys()
        if variants.spellings:
            whole |= readings & variants.spellings.keys()
        if variants.glued:
            for head in GLUED_INTENSIFIERS.get(index.language, ()):
                for reading in index.with_part(head, at_end=False):
                    if reading[len(head) :] in variants.glued:
                        whole.add(reading)
        if self._inflectable:
            whole |= readings & self._inflected_forms(index.suffixes)
        if self._by_length:
            whole.update(index.masked)
        heads, tails = self._compound_forms(index.suffixes)
        for head in heads:
            whole.update(index.with_part(head, at_end=False))
        for tail in tails:
            whole.update(index.with_part(tail, at_end=True))
        starts = set(index.tagged)
        for reading in whole:
            starts.update(index.positions[reading])
        # A reading that only begins a term ("the" of "the boss") is a start only where the
        # next unit continues it; a short one ("as", "in") only where a term's own word ends
        # after it, while longer ones may begin a term the draft splits differently (Polar-stjerne).
        continued = self._continued(index.suffixes)
        units, last = index.units, len(index.units) - 1
        for reading in readings & self._prefixes:
            if reading in whole or (len(reading) <= 2 and reading not in self._word_prefixes):
                continue
            for i in index.positions[reading]:
                if (
                    i < last
                    and units[i + 1].joined
                    and any(reading + r in continued for r in units[i + 1].readings)
                ):
                    starts.add(i)
        # A one-letter word kept apart from the spaced-out word after it ("a s s h o l e") may
        # begin a term with it, however short.
        for i in index.before_spelled:
            reading = units[i].key
            if reading in self._prefixes and any(reading + r in continued for r in units[i + 1].readings):
                starts.add(i)
        return sorted(starts)

    def _continued(self, suffixes: tuple[str, ...]) -> set[str]:
        """What two glued readings must be for a phrase to go on: a term's beginning or an
        inflected form of a term."""
        found = self._continued_cache.get(suffixes)
        if found is None:
            found = self._continued_cache[suffixes] = self._prefixes | self._inflected_forms(suffixes)
        return found

    def _compound_forms(self, suffixes: tuple[str, ...]) -> tuple[set[str], set[str]]:
        """Compound heads, and tails with their inflected forms: what a reading must start or
        end with to hold a compound part."""
        forms = self._compound_cache.get(suffixes)
        if forms is None:
            tails: set[str] = set()
            for tail, entries in self._tails.items():
                tails.add(tail)
                if entries[0].term.inflect:
                    tails.update(tail + s for s in suffixes)
            forms = self._compound_cache[suffixes] = (set(self._heads), tails)
        return forms

    def _inflected_forms(self, suffixes: tuple[str, ...]) -> set[str]:
        """Every inflected form of the inflectable terms (made once per language): the inverse
        of what ``_inflected`` strips, so candidates come from one set intersection."""
        forms = self._forms.get(suffixes)
        if forms is None:
            forms = set()
            for key in self._inflectable:
                stems = {key, key + key[-1]} | ({key[:-1]} if key.endswith("e") else set())
                forms.update(stem + suffix for stem in stems for suffix in suffixes if len(stem) >= 2)
            self._forms[suffixes] = forms
        return forms

    def _longest_at(
        self,
        units: Sequence[Unit],
        i: int,
        suffixes: tuple[str, ...],
        variants: _Variants = _NO_VARIANTS,
        language: str = "",
    ) -> Match | None:
        best: Match | None = None
        states = [""]
        for j in range(i, min(len(units), i + self._max_units)):
            unit = units[j]
            if j > i and not unit.joined:
                break
            grown: list[str] = []
            for state in states:
                for reading in unit.readings:
                    candidate = state + reading
                    entry = self._accept(candidate, units, i, j, inflected=False)
                    if entry is None and suffixes:
                        entry = self._inflected(state, reading, units, i, j, suffixes, language)
                    if entry is None and j == i:
                        if "*" in reading:
                            entry = self._masked(reading)
                        elif variants.spellings:
                            entry = variants.spellings.get(reading)
                    if entry is not None:
                        best = Match(units[i].start, unit.end, entry.term, i, j)
                    if self._grows(candidate, j - i + 1):
                        grown.append(candidate)
            if not grown:
                break
            states = grown[:MAX_STATES]
        return best

    def _accept(
        self, candidate: str, units: Sequence[Unit], i: int, j: int, inflected: bool
    ) -> _Entry | None:
        if inflected and len(candidate) < MIN_INFLECTED_TERM:
            return None
        for entry in self._lookup(candidate):
            if inflected and not entry.term.inflect:
                continue
            if inflected and j - i + 1 < entry.units and entry.shortest_word < MIN_GLUED_INFLECTED_WORD:
                continue  # "Boris" is not "bor i" + s: a one-letter word glued on is a guess too far
            if entry.term.case_exact and not _case_agrees(entry.surface, units, i, j):
                continue
            return entry
        return None

    def _inflected(
        self,
        state: str,
        reading: str,
        units: Sequence[Unit],
        i: int,
        j: int,
        suffixes: tuple[str, ...],
        language: str = "",
    ) -> _Entry | None:
        form = state + reading
        if not self._hashed and form not in self._inflected_forms(suffixes):  # a fast exit
            return None
        for suffix in suffixes:
            if len(reading) - len(suffix) < 2 or not reading.endswith(suffix):
                continue
            stem = state + reading[: -len(suffix)]
            for candidate in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else None):
                if candidate:
                    entry = self._accept(candidate, units, i, j, inflected=True)
                    if entry is not None and not _another_word(form, candidate, language):
                        return entry
        return None

    def _masked(self, reading: str) -> _Entry | None:
        """``f*ck``, ``sh**``: a masked letter stands for any letter, if most letters show."""
        if reading[0] == "*" or reading.count("*") * 2 > len(reading):
            return None
        for entry in self._by_length.get(len(reading), ()):
            if all(r == "*" or r == k for r, k in zip(reading, entry.key, strict=True)):
                return entry
        return None

    def _inside_word(self, unit: Unit, i: int, suffixes: tuple[str, ...]) -> Match | None:
        """Compound parts (``drittjobb``) and terms run together in a hashtag (``#projectkestrel``)."""
        key = unit.key
        entry = self._compound_part(key, suffixes)
        if entry is not None:
            return Match(unit.start, unit.end, entry.term, i, i)
        if unit.tag and len(key) > MIN_INFLECTED_TERM:
            for start in range(1, len(key) - MIN_INFLECTED_TERM + 1):
                end = start
                while end < len(key) and (
                    key[start : end + 1] in self._prefixes
                    or (self._hashed and end - start < MAX_HASHTAG_PART)
                ):
                    end += 1
                    if end - start < MIN_INFLECTED_TERM:
                        continue
                    entries = self._lookup(key[start:end])
                    if entries and not entries[0].term.case_exact:
                        return Match(unit.start, unit.end, entries[0].term, i, i)
        return None

    def _glued(self, unit: Unit, i: int, variants: _Variants, language: str) -> Match | None:
        """A ``variants: true`` term (or a slip of it) glued to a profanity or an intensifier in
        front ("fuckingidiot"), found as the term over the whole word, as a compound part is (and
        so not hidden by a finding of the intensifier): a few prefix checks per unit."""
        if not variants.glued:
            return None
        for reading in unit.readings:
            for head in GLUED_INTENSIFIERS.get(language, ()):
                if len(reading) - len(head) < MIN_COMPOUND_REST or not reading.startswith(head):
                    continue
                entry = variants.glued.get(reading[len(head) :])
                if entry is not None:
                    return Match(unit.start, unit.end, entry.term, i, i)
        return None

    def _compound_part(self, key: str, suffixes: tuple[str, ...]) -> _Entry | None:
        """A term declared as a compound head or tail inside ``key``; a tail may be inflected
        (``trafikkidiotene``: tail ``idiot`` + ``ene``)."""
        for length in self._head_lengths:
            if len(key) - length < MIN_COMPOUND_REST:
                break
            if key[:length] in self._heads:
                return self._heads[key[:length]][0]
        if self._tails and len(key) >= self._tail_lengths[0] + MIN_COMPOUND_REST:
            stems = [(key, False), *((key[: -len(s)], True) for s in suffixes if key.endswith(s))]
            for stem, inflected in stems:
                for length in self._tail_lengths:
                    if len(stem) - length < MIN_COMPOUND_REST:
                        break
                    entries = self._tails.get(stem[-length:])
                    if entries and (not inflected or entries[0].term.inflect):
                        return entries[0]
        return None


def _another_word(form: str, stem: str, language: str) -> bool:
    """Is ``form`` (a term's ``stem`` with an ending) an ordinary word of its own: common in
    ``language`` (:data:`ORDINARY_FORM_ZIPF`) and more common than the stem ("puls", "pule")?"""
    if language not in SUFFIXES:
        return False
    common = zipf(language)
    frequency = common.get(form, 0.0)
    return frequency >= ORDINARY_FORM_ZIPF and frequency > common.get(stem, 0.0)


def _case_agrees(term_surface: str, units: Sequence[Unit], i: int, j: int) -> bool:
    """``case: exact``: every capital in the term is a capital (or a digit) in the draft."""
    draft = "".join(u.surface for u in units[i : j + 1])
    aligned = len(draft) >= len(term_surface)
    for idx, ch in enumerate(term_surface):
        if not ch.isupper():
            continue
        if idx >= len(draft) or (idx > 0 and not aligned):
            break
        found = draft[idx]
        if found.isalpha() and not found.isupper():
            return False
    return True
