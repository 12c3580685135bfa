"""Person names in a spaCy Doc, without a model: runs of capitalised words judged by cues.

Each run is trimmed to the words that may be a name, then judged by an ordered table of cues
(:data:`ANY_RUN`, then :data:`FULL_NAME` or :data:`ONE_WORD`): the first cue that holds decides,
with its score and its reason, or says that the run is no person. A run left undecided may still
be a name by an earlier mention ("Bush did not") or by a list it stands in ("Cheney, Rumsfeld,
or Wolfowitz"); lower-case first names and social-media handles are found beside the runs.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from postguard.pii.names.cues import Cues
from postguard.pii.names.gazetteer import GENITIVE, known
from postguard.pii.names.namelists import Lexicon, lexicon
from postguard.pii.names.shapes import CAP, NAME_PARTS, PARTICLE, Shapes, has_at, runs, stem
from postguard.pii.names.vocabulary import RARE_ZIPF, Kind, Vocabulary
from postguard.pii.names.words import (
    BEFORE_CUES,
    CONJUNCTIONS,
    EPONYMOUS,
    NB_SPEECH_VERBS,
    ORG_ENDINGS,
    ORG_WORDS,
    PERSON_NOUNS,
    SHORT_TITLES,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: A mention of an account, which names a person as surely as their name: "@kari_n".
HANDLE_RE = re.compile(r"^@[A-Za-z0-9_][A-Za-z0-9_.]{0,28}[A-Za-z0-9_]$")
#: "@" before an English word this common is code or a version ("@media", "@latest"), not an account.
HANDLE_WORD_ZIPF = 4.0
#: The shortest Norwegian genitive read as a name's: "Lies" is too short to tell.
GENITIVE_STEM_MIN = 4
#: A surname this common as an ordinary word ("Post", "Master") needs a cue besides its capital.
COMMON_SURNAME_ZIPF = 4.8
#: Cue words that count only after another word: "me and jay", "jeg og sindre".
LOWER_CASE_PAIRS = {"en": {"and": frozenset({"me"})}, "nb": {"og": frozenset({"jeg", "meg"})}}
#: Where a first name in lower case may follow: after a word for a person, or "me and jay".
LOWER_CASE_CUES = {
    language: PERSON_NOUNS[language] | set(pairs) for language, pairs in LOWER_CASE_PAIRS.items()
}

#: Scores of the names found beside the table's verdicts.
HANDLE_SCORE = 0.5
LOWER_CASE_SCORE = 0.5
LISTED_SCORE = 0.6
#: A name found with at least this score names the person again wherever one of its words recurs.
MENTION_SCORE = 0.7

# Groups of token kinds the judge and the cues read.
NAME_KINDS = frozenset({Kind.FIRST, Kind.LAST, Kind.RARE})
NAME_OR_UNKNOWN = NAME_KINDS | {Kind.UNKNOWN}
MAYBE_SURNAME = frozenset({Kind.LAST, Kind.RARE, Kind.UNKNOWN, Kind.WORDLIKE})
MAYBE_NAME = MAYBE_SURNAME | {Kind.AMBIGUOUS}
LISTABLE = MAYBE_SURNAME | {Kind.FIRST, Kind.CAPS}
NOT_A_MENTION = frozenset({Kind.FUNCTION, Kind.TITLE})
LEADING_WORDS = frozenset(
    {Kind.FUNCTION, Kind.COMMON, Kind.AMBIGUOUS, Kind.WORDLIKE, Kind.TITLE, Kind.INITIAL, Kind.CAPS}
)
WORDS_THAT_MAY_START_A_NAME = frozenset({Kind.AMBIGUOUS, Kind.WORDLIKE})
TRAILING_WORDS = frozenset({Kind.FUNCTION, Kind.TITLE, Kind.PARTICLE})
NOT_CORE = frozenset({Kind.PARTICLE, Kind.INITIAL})


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A person name found in a Doc: character offsets, a score and why it was taken."""

    start: int
    end: int
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class Run:
    """A run of capitalised words trimmed to the ones that may be a name, and what is around it."""

    doc: Doc
    shapes: Shapes
    #: The run's first token before trimming.
    i: int
    tokens: list[Token]
    kinds: list[Kind]
    #: The kinds without particles and initials.
    core: list[Kind]
    titled: bool
    #: The word before the name, lower-cased ("" at a sentence start).
    prev: str
    nxt: Token | None
    nxt2: Token | None
    #: Words after the run call for a person ("said", ", who", a mail address).
    after: bool

    @property
    def kind(self) -> Kind:
        """The kind of a one-word name."""
        return self.core[0]

    @property
    def at_start(self) -> bool:
        return bool(self.tokens[0].is_sent_start) or self.tokens[0].i == 0

    @property
    def possessive(self) -> bool:
        return self.nxt is not None and self.nxt.lower_ in {"'s", "’s"}

    @property
    def end(self) -> int:
        """The token after the name."""
        return self.tokens[-1].i + 1

    @property
    def text(self) -> str:
        """The name as written."""
        last = self.tokens[-1]
        return self.doc.text[self.tokens[0].idx : last.idx + len(last)]

    def addressed(self, cues: Cues) -> bool:
        return cues.addressed(self.doc, self.tokens[0].i, self.end, self.nxt, self.nxt2)

    def pronoun_follows(self, cues: Cues) -> bool:
        return cues.pronoun_follows(self.doc, self.shapes, self.tokens[0].i, self.end)


@dataclass(frozen=True, slots=True)
class Cue:
    """One line of the verdict table: when ``holds``, the run is a name with ``score`` (or, when
    ``score`` is None, no person), for ``reason``."""

    holds: Callable[[NameFinder, Run], bool]
    score: float | None
    reason: str


def _listed_thing(f: NameFinder, r: Run) -> bool:
    """A listed place or organisation that is no name on the name lists: "Burkina Faso",
    "Equinor", "Olav Thon Gruppen" (a run of several words is taken whole)."""
    if not known(r.text, f.language):
        return False
    word = r.tokens[0].lower_.removesuffix(GENITIVE) if f.language == "nb" else r.tokens[0].lower_
    return len(r.tokens) > 1 or (word not in f.lex.first and word not in f.lex.last)


#: Cues read first, for a run of any length.
ANY_RUN = (
    Cue(
        lambda f, r: not r.titled and _listed_thing(f, r),
        None,
        'a place or an organisation on the lists: "Jan Mayen", "Equinor"',
    ),
    Cue(
        lambda f, r: (
            r.possessive
            and r.nxt2 is not None
            and r.shapes[r.nxt2.i] is CAP
            and not (len(r.kinds) >= 2 and r.kinds[0] is Kind.FIRST)
        ),
        None,
        'a shop: "Ralph\'s Market" (but "Alice Goldberg\'s Cautionary Tales" is a person\'s work)',
    ),
    Cue(
        lambda f, r: (
            r.kinds[0] is Kind.PARTICLE
            and len(r.kinds) >= 2
            and r.kinds[1] is not Kind.FUNCTION
            and bool(r.tokens[0].whitespace_)
        ),
        0.7,
        "name particle before a capitalised word",
    ),
)
#: Cues for a run of two or more name words.
FULL_NAME = (
    Cue(
        lambda f, r: (
            Kind.FUNCTION in r.core
            or (r.prev in f.cues.places and not r.titled and r.core[0] is not Kind.FIRST)
        ),
        None,
        "an ordinary word inside, or a place word before it",
    ),
    Cue(
        lambda f, r: (
            r.core[0] in {Kind.FIRST, Kind.AMBIGUOUS}
            or (any(k in NAME_KINDS for k in r.core) and all(k in NAME_OR_UNKNOWN for k in r.core))
        ),
        0.85,
        "first name and surname",
    ),
    Cue(  # a first name that is also a word before a rare surname: "Stan Pilarski"
        lambda f, r: (
            r.core[0] is Kind.WORDLIKE
            and r.tokens[0].lower_ in f.lex.first
            and all(k in {Kind.RARE, Kind.LAST} for k in r.core[1:])
        ),
        0.8,
        "first name and surname",
    ),
    Cue(
        lambda f, r: (
            r.core[0] in NAME_OR_UNKNOWN and r.tokens[-1].lower_ in f.lex.last and r.core[-1] is not Kind.CAPS
        ),
        0.8,
        "name and a surname that is also a word",
    ),
    Cue(lambda f, r: r.titled or r.after, 0.8, "title or context"),
    Cue(
        lambda f, r: Kind.COMMON not in r.core and r.addressed(f.cues),
        0.7,
        "the person addressed or signing",
    ),
    Cue(
        lambda f, r: Kind.COMMON not in r.core and r.pronoun_follows(f.cues),
        0.7,
        "a pronoun refers back to it",
    ),
    # Norwegian capitalises every word of a person's name but only the first of most other
    # names ("Statens vegvesen"), and its word list counts names: "Hadia Tajik".
    Cue(
        lambda f, r: all(k is Kind.RARE or (k is Kind.UNKNOWN and f.language == "nb") for k in r.core),
        0.5,
        "two unknown capitalised words",
    ),
)
#: Cues for a run of one name word (and titles, particles or initials).
ONE_WORD = (
    Cue(lambda f, r: not r.core, None, "no name word left"),
    Cue(lambda f, r: r.prev == "the" and f.words.family(r.tokens[-1].lower_), 0.6, "a family: the Smiths"),
    Cue(
        lambda f, r: (
            r.kind is Kind.FUNCTION
            or (
                not r.titled
                and (
                    r.prev in f.cues.places
                    or f.cues.after_place(r.doc, r.shapes, r.i, reach=r.kind is not Kind.FIRST)
                )
            )
        ),
        None,
        'an ordinary word, or a place: "in Indiana", "i Bergen"',
    ),
    Cue(lambda f, r: r.titled, 0.85, "title before a name"),
    Cue(
        lambda f, r: (
            known(r.text, f.language) and not (r.after or r.prev in f.before or r.prev in NB_SPEECH_VERBS)
        ),
        None,
        'a name that is also a listed place or organisation, with no cue for a person: "fra Tine"',
    ),
    Cue(lambda f, r: r.kind is Kind.CAPS, None, "an all-capitals word with no other cue"),
    Cue(
        lambda f, r: (
            r.kind is Kind.FIRST
            or (r.kind is Kind.LAST and (not r.at_start or (r.nxt is not None and r.nxt.is_lower)))
        ),
        0.7,
        "known name",
    ),
    Cue(
        lambda f, r: (
            f.language == "nb"
            and r.kind is Kind.WORDLIKE
            and r.nxt is not None
            and r.nxt.is_lower
            and (not r.at_start or f.words.norwegian_finite_verb(r.nxt))  # not "Ring meg": an imperative
            and stem(r.tokens[-1].lower_, f.language, f.lex) in f.lex.last
            and f.lex.commonness(r.tokens[-1].lower_) < COMMON_SURNAME_ZIPF
        ),
        0.6,
        "known surname before a lower-case word",
    ),
    Cue(lambda f, r: r.after and r.kind in MAYBE_NAME, 0.7, "name before words that call for a person"),
    Cue(
        lambda f, r: (
            r.kind in MAYBE_SURNAME and r.at_start and r.nxt is not None and f.words.subject_of(r.kind, r.nxt)
        ),
        0.6,
        "a rare word as the subject of a verb a person does",
    ),
    Cue(lambda f, r: r.kind in MAYBE_SURNAME and r.addressed(f.cues), 0.6, "the person addressed or signing"),
    Cue(
        lambda f, r: r.possessive and not r.at_start and r.kind in MAYBE_SURNAME,
        0.6,
        "possessive of a capitalised word",
    ),
    # Not after an ordinary capitalised word trimmed off the run: "Green Tea" is Title Case.
    Cue(
        lambda f, r: (
            r.kind is Kind.WORDLIKE
            and not r.at_start
            and r.tokens[0].i == r.i
            and f.lex.commonness(r.tokens[-1].lower_) < COMMON_SURNAME_ZIPF
        ),
        0.6,
        "capitalised surname",
    ),
    Cue(
        lambda f, r: (
            r.kind in MAYBE_SURNAME
            and (
                r.prev in f.before
                or f.cues.introduced(r.doc, r.tokens[0].i)
                or f.cues.after_person_word(r.doc, r.tokens[0].i)
            )
        ),
        0.6,
        "capitalised word where a person is expected",
    ),
    Cue(lambda f, r: r.kind in MAYBE_NAME and r.pronoun_follows(f.cues), 0.6, "a pronoun refers back to it"),
    Cue(
        lambda f, r: (
            f.language == "nb"
            and r.kind in MAYBE_SURNAME
            and r.tokens[-1].lower_.endswith(GENITIVE)
            and len(r.tokens[-1]) > GENITIVE_STEM_MIN
            and f.lex.commonness(r.tokens[-1].lower_) < RARE_ZIPF  # not "Hentes", "Statens"
            and r.nxt is not None
            and r.nxt.is_lower
            and r.nxt.is_alpha
        ),
        0.6,
        'a rare name in the genitive before a noun: "Vedums forslag", "Nesbøs nye bok"',
    ),
    Cue(
        lambda f, r: (
            f.language == "nb"
            and r.kind in MAYBE_NAME
            and not r.at_start
            and r.prev in NB_SPEECH_VERBS
            and (r.tokens[-1].lower_ in f.lex.last or not f.words.norwegian_noun(r.tokens[-1].lower_))
        ),
        0.6,
        'the speaker, right after a verb of saying: "forteller Strand"',
    ),
)
#: The whole table for each length of run, in the order it is read.
FULL_NAME_TABLE = ANY_RUN + FULL_NAME
ONE_WORD_TABLE = ANY_RUN + ONE_WORD


class NameFinder:
    """Finds person names in a spaCy Doc of one language (see the module doc)."""

    # Declared here because the cue table above reads them before the class is defined.
    language: str
    words: Vocabulary
    cues: Cues
    lex: Lexicon
    before: frozenset[str]
    lower_cues: frozenset[int]

    def __init__(self, language: str) -> None:
        from spacy.strings import hash_string  # type: ignore[attr-defined]  # Cython, not in spaCy's stubs

        self.language = language
        self.words = Vocabulary(language)
        self.cues = Cues(self.words)
        self.lex = self.words.lex
        # A word for a person right before a capitalised word introduces it: "my son Agi", "naboen Eli".
        self.before = BEFORE_CUES[language] | PERSON_NOUNS[language]
        self.lower_cues = frozenset(hash_string(word) for word in LOWER_CASE_CUES[language])

    def find(self, doc: Doc, start: int = 0, stop: int | None = None) -> list[NameSpan]:
        """Names in the runs that begin in tokens [start, stop) (``start``: see :func:`.shapes.runs`)."""
        shapes = Shapes(doc, self.lower_cues)
        found_runs = list(runs(doc, shapes, start, stop))
        judged = [self._judge(doc, shapes, i, j) for i, j in found_runs]
        if any(judged):
            self._by_earlier_mention(doc, shapes, found_runs, judged)
            self._by_list(doc, shapes, found_runs, judged)
        found = [span for span in judged if span is not None]
        lower = self._lower_case(doc, [p for p in shapes.cue_hits if stop is None or p < stop])
        handles = self._handles(doc, start, stop) if has_at(doc) else []
        if lower or handles:
            return sorted([*found, *lower, *handles], key=lambda span: span.start)
        return found

    def _handles(self, doc: Doc, start: int, stop: int | None) -> list[NameSpan]:
        """Accounts mentioned in tokens [start, stop) ("@kari_n"), but not an ordinary word after an
        "@", as code and versions write them ("@media", "@latest")."""
        return [
            NameSpan(t.idx, t.idx + len(t), HANDLE_SCORE, "a social-media handle")
            for t in doc[start:stop]
            if t.text[:1] == "@"
            and HANDLE_RE.match(t.text)
            and lexicon("en").commonness(t.text[1:]) < HANDLE_WORD_ZIPF
        ]

    def _lower_case(self, doc: Doc, cues: list[int]) -> list[NameSpan]:
        """First names written in lower case right after a word for a person (tokens ``cues``):
        "that girl paige", "jeg og sindre" (not "my friend will": an ordinary word)."""
        lex, found = self.lex, []
        for p in cues:
            if p + 1 >= len(doc) or doc[p + 1].is_sent_start:
                continue
            pair = LOWER_CASE_PAIRS[self.language].get(doc[p].lower_)
            if pair is not None and (p == 0 or doc[p - 1].lower_ not in pair):
                continue
            name = doc[p + 1]
            word = name.text
            if (
                word.isalpha()
                and word.islower()
                and word in lex.home
                and word not in lex.ordinary
                and word not in self.words.stop_words
            ):
                found.append(
                    NameSpan(
                        name.idx,
                        name.idx + len(word),
                        LOWER_CASE_SCORE,
                        "lower-case first name after a person",
                    )
                )
        return found

    def _by_earlier_mention(
        self, doc: Doc, shapes: Shapes, found_runs: list[tuple[int, int]], judged: list[NameSpan | None]
    ) -> None:
        """A word of a name found elsewhere in the text names the person again ("Bush did not")."""
        known = {
            t.lower_
            for span in judged
            if span is not None and span.score >= MENTION_SCORE
            for t in doc.char_span(span.start, span.end) or ()
            if shapes[t.i] is CAP and (t.is_title or t.is_upper)
        }
        for n, (i, j) in enumerate(found_runs):
            if (
                judged[n] is None
                and j - i == 1
                and doc[i].lower_ in known
                and not self.cues.after_place(doc, shapes, i)
                and self.words.kind(doc[i], shapes) not in NOT_A_MENTION
            ):
                judged[n] = NameSpan(
                    doc[i].idx, doc[i].idx + len(doc[i]), MENTION_SCORE, "named elsewhere in the text"
                )

    def _by_list(
        self, doc: Doc, shapes: Shapes, found_runs: list[tuple[int, int]], judged: list[NameSpan | None]
    ) -> None:
        """A lone capitalised word listed with a name is one too: "Cheney, Rumsfeld, or Wolfowitz"."""
        changed = True
        while changed:
            changed = False
            for n, (i, j) in enumerate(found_runs):
                if judged[n] is not None or j - i != 1 or self.cues.after_place(doc, shapes, i):
                    continue
                kind = self.words.kind(doc[i], shapes)
                if kind not in LISTABLE and not (kind is Kind.AMBIGUOUS and doc[i].lower_ in self.lex.first):
                    continue
                for m in (n - 1, n + 1):
                    if not 0 <= m < len(found_runs) or judged[m] is None:
                        continue
                    lo, hi = (found_runs[m][1], i) if m < n else (j, found_runs[m][0])
                    gap = doc[lo:hi]
                    if 0 < len(gap) <= 2 and all(t.lower_ in CONJUNCTIONS for t in gap):
                        judged[n] = NameSpan(
                            doc[i].idx, doc[i].idx + len(doc[i]), LISTED_SCORE, "listed with a name"
                        )
                        changed = True
                        break

    def _judge(self, doc: Doc, shapes: Shapes, i: int, j: int) -> NameSpan | None:
        """Trim the run of tokens [i, j) to the words that may be a name, then read the table."""
        if j - i == 1:  # the commonest case, an ordinary word at a sentence start: decide it fast
            tokens = [doc[i]]
            kinds = [self.words.kind(tokens[0], shapes)]
            if kinds[0] is Kind.FUNCTION:
                return None
            if kinds[0] is Kind.COMMON and self.words.speaker_first(doc[i]):
                kinds[0] = Kind.UNKNOWN  # "Listhaug mener...": a name that news made common
        else:
            tokens = [
                t for t in doc[i:j] if shapes[t.i] in NAME_PARTS or (t.i == i and shapes[i] is PARTICLE)
            ]
            kinds = [self.words.kind(t, shapes) for t in tokens]
        before = doc[i - 1] if i > 0 else None
        title = before.lower_.rstrip(".") if before is not None else ""
        titled = self.words.is_title(title) and not (
            title in SHORT_TITLES and before is not None and before.text[:1].islower()
        )
        if kinds == [Kind.COMMON] and not titled and not (before is not None and before.lower_ == "the"):
            return None
        prev = before.lower_ if before is not None and not doc[i].is_sent_start else ""
        # A Norwegian first name that is also a small word starts a name before a surname: "Jo Nesbø".
        if (
            self.language == "nb"
            and len(kinds) > 1
            and kinds[0] is Kind.FUNCTION
            and kinds[1] in {Kind.LAST, Kind.RARE}
            and tokens[0].lower_ in self.lex.first
        ):
            kinds[0] = Kind.FIRST
        # A run that begins with an organisation is its name: "Miljøpartiet De Grønne".
        org_endings = ORG_ENDINGS[self.language]
        if org_endings and tokens[0].lower_.endswith(org_endings):
            return None
        # Leading titles and ordinary words ("President", "Thanks", "Dear") are not the name.
        while (
            len(tokens) > 1
            and kinds[0] in LEADING_WORDS
            and not (kinds[0] in WORDS_THAT_MAY_START_A_NAME and kinds[1] in NAME_KINDS)
        ):
            titled = titled or kinds[0] is Kind.TITLE
            prev = tokens[0].lower_
            tokens, kinds = tokens[1:], kinds[1:]
        # A title after the name starts a job line, not more name: "Vijay K. Suchdev Vice President".
        for k in range(1, len(kinds)):
            if kinds[k] is Kind.TITLE or (
                kinds[k] is Kind.COMMON and k + 1 < len(kinds) and kinds[k + 1] is Kind.TITLE
            ):
                tokens, kinds = tokens[:k], kinds[:k]
                break
        while len(tokens) > 1 and kinds[-1] in TRAILING_WORDS:
            tokens, kinds = tokens[:-1], kinds[:-1]
        # An organisation word inside the run ends a company's name; a full name may come before it:
        # "Sara Shackleton Enron Wholesale Services", but not "Golden Helix Orchestra".
        inside = next((k for k in range(1, len(tokens)) if tokens[k].lower_ in ORG_WORDS), None)
        if inside is not None:
            if inside < 3 or kinds[0] is not Kind.FIRST:
                return None
            tokens, kinds = tokens[: inside - 1], kinds[: inside - 1]
        # So does a company named after people: "Hilary E. Ackermann Goldman Sachs".
        pairs = list(itertools.pairwise(t.lower_ for t in tokens))
        firm = next((k for k in range(2, len(pairs)) if pairs[k] in EPONYMOUS), None)
        if firm is not None:
            tokens, kinds = tokens[:firm], kinds[:firm]
        if not tokens or kinds[0] is Kind.TITLE:
            return None
        last = tokens[-1]
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) and not doc[last.i + 1].is_sent_start else None
        nxt2 = doc[last.i + 2] if nxt is not None and last.i + 2 < len(doc) else None
        after = self.cues.person_follows(doc, last.i + 1) if nxt is not None else False
        if nxt is not None and nxt.text == "<" and nxt2 is not None and "@" in nxt2.text:
            after = True  # "Kari Nordmann <kari@example.no>": a mail header or a signature
        core = [k for k in kinds if k not in NOT_CORE]
        run = Run(doc, shapes, i, tokens, kinds, core, titled, prev, nxt, nxt2, after)
        span = self._verdict(run)
        # The evidence against a person is looked at last: most runs are no name anyway.
        return None if span is None or self.cues.not_a_person(doc, tokens, nxt, nxt2) else span

    def _verdict(self, run: Run) -> NameSpan | None:
        """The first cue of the table that holds for ``run`` decides."""
        for cue in FULL_NAME_TABLE if len(run.core) >= 2 else ONE_WORD_TABLE:
            if cue.holds(self, run):
                if cue.score is None:
                    return None
                return NameSpan(
                    run.tokens[0].idx, run.tokens[-1].idx + len(run.tokens[-1]), cue.score, cue.reason
                )
        return None


@functools.cache
def finder(language: str) -> NameFinder:
    """The one :class:`NameFinder` of ``language`` in this process."""
    return NameFinder(language)


def find_names(doc: Doc, language: str) -> list[NameSpan]:
    """Person names in ``doc`` (a Doc from :func:`postguard.analysis.pipeline`)."""
    return finder(language).find(doc)
