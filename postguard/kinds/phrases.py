"""``phrases``: word patterns that match how a thing is said, not one fixed wording.

A pattern is a line of words and a few signs (see :data:`SYNTAX`)::

    smoke~ [some|a] [really] (fat|good) joint          # smoked a really fat joint
    {use-verbs} ~3 {street-drugs}                       # popped a couple of molly
    (close to|about to) (sign|signing) ~6 keep it quiet

Patterns run over the words of each sentence with contractions spelt out ("isn't" is
"is not"), so one pattern covers "is not public" and "isn't public". A pattern starts and
ends with a word (not a gap or an optional part): the engine looks patterns up by their first
word, so a draft costs one dictionary look-up per word and pattern start.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from postguard.analysis import Analysis
from postguard.analysis.context import NEGATORS
from postguard.analysis.contractions import SAME_WORD, spelt_out
from postguard.analysis.tokens import Token
from postguard.analysis.units import word_units
from postguard.kinds import Hit
from postguard.kinds.terms import unit_index
from postguard.matching import MIN_COMPOUND_REST
from postguard.policy import Policy, Rule

if TYPE_CHECKING:
    from postguard.matching import Term

#: The pattern language, as ``postguard explain`` and the README show it.
SYNTAX = (
    ("word", "that word, in any case and in disguised spellings (k0ke)"),
    ("word~", "the word and its inflections (smoke~: smokes, smoked, smoking; røyke~: røyker, røykte)"),
    ("word*", "any word that starts so (microdos*: microdosing, microdosed)"),
    ("a|b", "one of these words"),
    ("(a b|c)", "one of these word sequences"),
    ("[a b|c]", "optionally one of these word sequences"),
    ("{list}", "any term of the policy's list (its phrases, inflections and compound tails)"),
    ("~N", "up to N other words (within the sentence)"),
    ("!a", "not followed here by this word, choice or list (it takes no word): best !(quarter|year)"),
)
#: Endings ``word~`` adds, per language, to the word and to its stem without a final "e".
INFLECTIONS = {
    "en": ("s", "es", "ed", "d", "ing", "er", "ers"),
    "nb": ("e", "er", "et", "en", "a", "te", "t", "ene", "ne", "es", "r", "n"),
}
MIN_PREFIX = 3
#: Words and inflections remembered while patterns are read: the packs repeat the same few
#: hundred ("(was|were|is)", "{street-drugs}" in twenty patterns), and each was worked out anew.
WORDS_KEPT = 8192
MAX_GAP = 12
_PART_RE = re.compile(r"\s*(\(|\)|\[|\]|\||!|\{[^{}\s]+\}|~\d+|[^\s()\[\]|{}~*!]+[~*]?)")


def ends_with_tail(word: str, tails: tuple[str, ...]) -> bool:
    """Whether ``word`` is a compound that ends with one of ``tails``: at least
    :data:`MIN_COMPOUND_REST` letters of another word before it."""
    return word.endswith(tails) and any(
        word.endswith(tail) and len(word) - len(tail) >= MIN_COMPOUND_REST for tail in tails
    )


@dataclass(frozen=True, slots=True)
class Words:
    """One word: any of ``forms``, any word starting with one of ``prefixes``, or any word
    ending with one of ``tails`` after at least :data:`MIN_COMPOUND_REST` letters (a list's
    compound tails: "regionsjef" for ``{term: sjef, compound: tail}``)."""

    forms: frozenset[str]
    prefixes: tuple[str, ...] = ()
    tails: tuple[str, ...] = ()

    def takes(self, token: Token) -> bool:
        if not self.forms.isdisjoint(token.readings):
            return True
        if self.prefixes and any(r.startswith(self.prefixes) for r in token.readings):
            return True
        return bool(self.tails) and any(ends_with_tail(r, self.tails) for r in token.readings)

    def advance(self, tokens: list[Token], at: set[int]) -> set[int]:
        return {p + 1 for p in at if p < len(tokens) and self.takes(tokens[p])}


@dataclass(frozen=True, slots=True)
class Choice:
    """One of several word sequences; with ``optional``, none of them either."""

    options: tuple[tuple[Element, ...], ...]
    optional: bool = False

    def advance(self, tokens: list[Token], at: set[int]) -> set[int]:
        reached = set(at) if self.optional else set()
        for sequence in self.options:
            reached |= advance(sequence, tokens, at)
        return reached


@dataclass(frozen=True, slots=True)
class Gap:
    """Up to ``most`` other words, never a negation: "smoke~ ~3 {street-drugs}" must not read
    "røykte ikke hasj" or "did not smoke weed" as the story it tells."""

    most: int

    def advance(self, tokens: list[Token], at: set[int]) -> set[int]:
        reached = set(at)
        for p in at:
            for k in range(p, min(p + self.most, len(tokens))):
                if tokens[k].text in NEGATORS:
                    break
                reached.add(k + 1)
        return reached


@dataclass(frozen=True, slots=True)
class Not:
    """A place where ``element`` does not begin, taking no word: "{superlatives} !{periods} ~4
    {everywhere}" reads "the fastest router in the world" but not "our best quarter ever", a
    record of the company's own, not a claim about what it sells."""

    element: Words | Choice

    def advance(self, tokens: list[Token], at: set[int]) -> set[int]:
        return {p for p in at if not self.element.advance(tokens, {p})}  # nothing left: nothing follows


Element = Words | Choice | Gap | Not


def choice(options: Sequence[tuple[Element, ...]], optional: bool = False) -> Choice:
    """A choice whose one-word options are merged into one :class:`Words` (a list of a hundred
    words is then one set look-up per position, not a hundred)."""
    single = [option[0] for option in options if len(option) == 1 and isinstance(option[0], Words)]
    if len(single) < 2:
        return Choice(tuple(options), optional)
    merged = Words(
        frozenset().union(*(w.forms for w in single)),
        tuple(prefix for w in single for prefix in w.prefixes),
        tuple(tail for w in single for tail in w.tails),
    )
    rest = [option for option in options if not (len(option) == 1 and isinstance(option[0], Words))]
    return Choice(((merged,), *rest), optional)


def advance(sequence: Iterable[Element], tokens: list[Token], at: set[int]) -> set[int]:
    """The token positions a sequence can end at when it starts at any of ``at``."""
    for element in sequence:
        at = element.advance(tokens, at)
        if not at:
            break
    return at


@functools.lru_cache(maxsize=WORDS_KEPT)
def inflections(
    word: str, language_endings: tuple[str, ...] = (*INFLECTIONS["en"], *INFLECTIONS["nb"])
) -> frozenset[str]:
    """A word and its inflected forms, in both languages (over-generating is harmless: a form
    only matters when a draft has it next to the pattern's other words)."""
    stem = word[:-1] if word.endswith("e") and len(word) > 3 else word
    forms = {word}
    for ending in language_endings:
        forms.add(word + ending)
        forms.add(stem + ending)
    if len(word) >= 3 and word[-1] not in "aeiouyæøåwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms.update({word + word[-1] + "ed", word + word[-1] + "ing", word + word[-1] + "er"})  # pop: popped
    if word.endswith("y"):
        forms.update({word[:-1] + "ied", word[:-1] + "ies"})
    return frozenset(forms)


class PatternError(ValueError):
    """A pattern that does not parse; the message says where."""


class _Parser:
    """Reads one pattern line into elements (a small recursive descent over its parts)."""

    def __init__(self, text: str, lists: dict[str, tuple[Term, ...]]) -> None:
        self.text = text
        self.lists = lists
        self.parts = self._split(text)
        self.at = 0

    def _split(self, text: str) -> list[str]:
        parts, position = [], 0
        while position < len(text):
            m = _PART_RE.match(text, position)
            if m is None:
                if text[position:].strip():
                    raise PatternError(f"cannot read {text[position:].strip()!r}")
                break
            parts.append(m.group(1))
            position = m.end()
        return parts

    def parse(self) -> tuple[Element, ...]:
        sequence = self._sequence(closing=None)
        if not sequence:
            raise PatternError("is empty")
        for end, element in (("start", sequence[0]), ("end", sequence[-1])):
            if isinstance(element, Gap | Not) or (isinstance(element, Choice) and element.optional):
                raise PatternError(f"must {end} with a word, not a gap, an optional part or a '!'")
        return tuple(sequence)

    def _sequence(self, closing: str | None) -> list[Element]:
        sequence: list[Element] = []
        while self.at < len(self.parts):
            part = self.parts[self.at]
            if part in (")", "]", "|"):
                if closing is None:
                    raise PatternError(f"has {part!r} without an opening bracket")
                return sequence
            self.at += 1
            if part == "!":
                sequence.append(self._not())
            elif part in ("(", "["):
                sequence.append(self._group(")" if part == "(" else "]"))
            elif part.startswith("{"):
                sequence.append(self._list(part[1:-1]))
            elif part.startswith("~"):
                most = int(part[1:])
                if not 1 <= most <= MAX_GAP:
                    raise PatternError(f"has a gap {part!r}; a gap is ~1 to ~{MAX_GAP}")
                sequence.append(Gap(most))
            else:
                sequence.append(self._words(part, in_group=closing is not None))
        if closing is not None:
            raise PatternError(f"opens a bracket it never closes (expected {closing!r})")
        return sequence

    def _not(self) -> Not:
        """``!`` and the word, choice in round brackets or list it rules out next."""
        part = self.parts[self.at] if self.at < len(self.parts) else ""
        if not part or part in (")", "[", "]", "|", "!") or part.startswith("~"):
            raise PatternError("has '!' without a word, a choice in round brackets or a {list} after it")
        self.at += 1
        if part == "(":
            return Not(self._group(")"))
        if part.startswith("{"):
            return Not(self._list(part[1:-1]))
        return Not(self._words(part, in_group=False))

    def _group(self, closing: str) -> Choice:
        options = []
        while True:
            sequence = self._sequence(closing)
            if not sequence:
                raise PatternError("has an empty choice")
            options.append(tuple(sequence))
            part = self.parts[self.at]
            self.at += 1
            if part == closing:
                return choice(options, optional=closing == "]")
            if part != "|":
                raise PatternError(f"has {part!r} where {closing!r} was expected")

    def _words(self, part: str, in_group: bool) -> Words | Choice:
        alternatives = [part]
        while not in_group and self.at + 1 < len(self.parts) and self.parts[self.at] == "|":
            alternatives.append(self.parts[self.at + 1])
            self.at += 2
        forms: set[str] = set()
        prefixes: list[str] = []
        for alternative in alternatives:
            words = words_of(alternative.rstrip("~*"))
            if len(words) > 1:
                if len(alternatives) > 1 or alternative[-1] in "~*":
                    raise PatternError(
                        f"has {alternative!r}, which is several words: write ({' '.join(words)})"
                    )
                return Choice(((*(Words(frozenset({w})) for w in words),),))
            if not words:
                raise PatternError(f"has no word in {alternative!r}")
            (word,) = words
            if alternative.endswith("*"):
                if len(word) < MIN_PREFIX:
                    raise PatternError(f"has a prefix {alternative!r} shorter than {MIN_PREFIX} letters")
                prefixes.append(word)
            elif alternative.endswith("~"):
                forms |= inflections(word)
            else:
                forms.add(word)
        return Words(frozenset(forms), tuple(prefixes))

    def _list(self, name: str) -> Choice:
        terms = self.lists.get(name)
        if terms is None:
            raise PatternError(f"names the list {{{name}}}, which the policy does not have")
        options = []
        for term in terms:
            words = words_of(term.text)
            if not words:
                continue
            last = inflections(words[-1]) if term.inflect and len(words[-1]) >= 4 else {words[-1]}
            tails = tuple(sorted(last)) if len(words) == 1 and term.compound in ("tail", "any") else ()
            options.append((*(Words(frozenset({w})) for w in words[:-1]), Words(frozenset(last), (), tails)))
        if not options:
            raise PatternError(f"names the list {{{name}}}, which has no plain terms")
        return choice(options)


@functools.lru_cache(maxsize=WORDS_KEPT)
def words_of(text: str) -> tuple[str, ...]:
    """The words a pattern part or a list term stands for, as tokens have them (keys of its word
    units, contractions spelt out: ``isn't`` is ``is not``, ``100%`` is ``100``)."""
    return tuple(word for unit in word_units(text) for word in spelt_out(unit.key.replace("’", "'")))


def edge_words(
    element: Element, at: int = 0
) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]] | None:
    """The words a match of ``element`` can begin with (``at=0``) or end with (``at=-1``), as
    (forms, prefixes, compound tails), or None for any word."""
    if isinstance(element, Words):
        return element.forms, element.prefixes, element.tails
    if isinstance(element, Choice) and not element.optional:
        forms: set[str] = set()
        prefixes: list[str] = []
        tails: list[str] = []
        for sequence in element.options:
            edge = edge_words(sequence[at], at)
            if edge is None:
                return None
            forms |= edge[0]
            prefixes.extend(edge[1])
            tails.extend(edge[2])
        return frozenset(forms), tuple(prefixes), tuple(tails)
    return None


def required_words(elements: Sequence[Element]) -> list[frozenset[str]]:
    """For each element a match cannot skip (not a gap, not optional, no prefix), the words one
    of which it must begin with, and those one of which it must end with (for a choice of word
    sequences, "(off the record|can't say more)", the last words are the rarer)."""
    needs: list[frozenset[str]] = []
    for element in elements:
        for at in (0, -1):
            edge = edge_words(element, at)
            if edge is not None and not edge[1] and not edge[2] and edge[0] not in needs:
                needs.append(edge[0])
    return needs


class WordSentences:
    """Which sentences have each word, made once per draft on demand and shared by every phrases
    rule: a pattern is tried only in the sentences that have one of each of its required words.

    Sets of sentences are bit masks (bit ``n`` is sentence ``n``): a union or intersection of
    two is one integer operation, which matters as a policy asks a draft about hundreds of sets
    of words. Masks are made and read a byte at a time, so their cost grows with the draft, not
    with its square (setting bits one by one copies the whole mask each time). A word counts for
    a sentence when one of its units reads as it or spells it out (``not`` in "isn't"): at least
    every word its tokens have, so no sentence a pattern can match is left out.
    """

    def __init__(self, analysis: Analysis) -> None:
        units = self.units = analysis.units
        self.positions = unit_index(analysis).positions
        self.mask_bytes = units[-1].sentence // 8 + 1 if units else 1
        spelt: dict[str, list[int]] = defaultdict(list)
        for unit in units:
            key = unit.key
            if "'" in key or "’" in key or key in SAME_WORD:
                for word in spelt_out(key.replace("’", "'")):
                    spelt[word].append(unit.sentence)
        self.spelt = {word: self._mask(sentences) for word, sentences in spelt.items()}
        self.vocabulary = self.positions.keys() | self.spelt.keys()
        self._of_word: dict[str, int] = {}
        self._of_forms: dict[frozenset[str], int] = {}

    def _mask(self, sentences: Iterable[int]) -> int:
        bits = bytearray(self.mask_bytes)
        for sentence in sentences:
            bits[sentence >> 3] |= 1 << (sentence & 7)
        return int.from_bytes(bits, "little")

    def having(self, word: str) -> int:
        """The sentences with ``word`` (remembered: common words are in many patterns)."""
        found = self._of_word.get(word)
        if found is None:
            units = self.units
            found = self._mask(units[unit].sentence for unit in self.positions.get(word, ()))
            found = self._of_word[word] = found | self.spelt.get(word, 0)
        return found

    def having_one_of(self, forms: frozenset[str]) -> int:
        """The sentences with any of ``forms`` (remembered per set of forms: rules share lists)."""
        found = self._of_forms.get(forms)
        if found is None:
            found = 0
            for word in forms & self.vocabulary:
                found |= self.having(word)
            self._of_forms[forms] = found
        return found

    def having_all(self, needs: Sequence[frozenset[str]]) -> int | None:
        """The sentences with one word of each of ``needs`` (smallest first, so an absent rare
        word ends the search early), or None when nothing is needed (every sentence may match)."""
        found: int | None = None
        for forms in needs:
            having = self.having_one_of(forms)
            found = having if found is None else found & having
            if not found:
                break
        return found


_SET_BYTE_RE = re.compile(rb"[^\x00]")


def sentence_numbers(mask: int) -> Iterator[int]:
    """The sentences of a bit mask, lowest first (the bytes that have a bit found by a regex)."""
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    for m in _SET_BYTE_RE.finditer(data):
        byte, first = data[m.start()], m.start() * 8
        for bit in range(8):
            if byte >> bit & 1:
                yield first + bit


@dataclass(frozen=True, slots=True)
class PhrasesOptions:
    """The rule's patterns, parsed, with their source lines."""

    patterns: tuple[tuple[str, tuple[Element, ...]], ...]


class PhrasesCheck:
    """Finds the longest stretch of each sentence that one of the rule's patterns matches."""

    OPTIONS = frozenset({"match"})

    @classmethod
    def parse(cls, rule: Rule, policy: Policy) -> PhrasesOptions:
        lines = rule.options.get("match")
        if isinstance(lines, str):
            lines = [lines]
        if not isinstance(lines, list) or not lines or not all(isinstance(x, str) for x in lines):
            raise rule.error("needs 'match': a list of word patterns", "match")
        lists = {name: terms.terms for name, terms in policy.lists.items() if not terms.hashed}
        patterns = []
        for line in lines:
            try:
                patterns.append((line, _Parser(line, lists).parse()))
            except PatternError as exc:
                raise rule.error(f"the pattern {line!r} {exc}", "match") from None
        return PhrasesOptions(tuple(patterns))

    def __init__(self, rule: Rule, options: PhrasesOptions) -> None:
        self.rule = rule
        self.patterns = [elements for _, elements in options.patterns]
        self.by_word: dict[str, list[int]] = defaultdict(list)
        self.by_prefix: list[tuple[str, int]] = []
        self.by_tail: dict[str, list[int]] = defaultdict(list)
        self.anywhere: list[int] = []
        for number, elements in enumerate(self.patterns):
            first = edge_words(elements[0])
            if first is None:
                self.anywhere.append(number)
            else:
                for form in first[0]:
                    self.by_word[form].append(number)
                self.by_prefix.extend((prefix, number) for prefix in first[1])
                for tail in first[2]:
                    self.by_tail[tail].append(number)
        self.tails = tuple(self.by_tail)
        # Every word a match must contain, per pattern, fewest forms first: a sentence that lacks
        # one of them is not tried at all. Equal sets of words (a list or "(not|ikke)" in several
        # patterns) are made one object, which a draft's memory of each set finds by identity
        # instead of comparing hundreds of words.
        same: dict[frozenset[str], frozenset[str]] = {}
        self.required = [
            sorted((same.setdefault(forms, forms) for forms in required_words(elements)), key=len)
            for elements in self.patterns
        ]
        # The patterns by the words of their first required set: the words of a draft find the
        # few patterns it may match at all, instead of asking about every pattern of the rule.
        self.by_first_need: dict[str, list[int]] = defaultdict(list)
        self.needing_nothing: list[int] = []
        for number, needs in enumerate(self.required):
            if needs:
                for form in needs[0]:
                    self.by_first_need[form].append(number)
            else:
                self.needing_nothing.append(number)

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        units = analysis.units
        if not units:
            return
        context = analysis.context
        by_word = self.by_word
        anywhere = self.by_prefix or self.anywhere
        for sentence, active in self._sentences(analysis):
            tokens = context.tokens(sentence)
            position = 0
            while position < len(tokens):
                readings = tokens[position].readings
                if (
                    not anywhere
                    and by_word.keys().isdisjoint(readings)
                    and not (self.tails and any(ends_with_tail(r, self.tails) for r in readings))
                ):
                    position += 1
                    continue
                end = self._longest_at(tokens, position, active)
                if end is None:
                    position += 1
                    continue
                yield Hit(units[tokens[position].unit].start, units[tokens[end - 1].unit].end)
                position = end

    def _sentences(self, analysis: Analysis) -> list[tuple[int, set[int]]]:
        """The sentences that have every word one of the patterns needs, in order, each with
        those patterns: a rule reads no other sentence (most of a long post, for most rules)."""
        words = analysis.memo("phrases:word-sentences", lambda: WordSentences(analysis))
        every_sentence = range(analysis.units[-1].sentence + 1)
        possible = set(self.needing_nothing)
        for form in self.by_first_need.keys() & words.vocabulary:
            possible.update(self.by_first_need[form])
        patterns_in: dict[int, set[int]] = defaultdict(set)
        for number in sorted(possible):
            having = words.having_all(self.required[number])
            for sentence in every_sentence if having is None else sentence_numbers(having):
                patterns_in[sentence].add(number)
        return sorted(patterns_in.items())

    def _longest_at(self, tokens: list[Token], position: int, active: set[int]) -> int | None:
        token = tokens[position]
        by_word = self.by_word
        candidates = [p for r in token.readings if r in by_word for p in by_word[r] if p in active]
        if self.by_prefix:
            candidates += [
                p
                for prefix, p in self.by_prefix
                if p in active and any(r.startswith(prefix) for r in token.readings)
            ]
        candidates += [
            p
            for tail, numbers in self.by_tail.items()
            if any(ends_with_tail(r, (tail,)) for r in token.readings)
            for p in numbers
            if p in active
        ]
        candidates += [p for p in self.anywhere if p in active]
        best = None
        for number in candidates:
            ends = advance(self.patterns[number], tokens, {position})
            if ends and (best is None or max(ends) > best):
                best = max(ends)
        return best
