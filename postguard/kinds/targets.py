"""Who a model's finding is about: the sentences of a draft that name one of a rule's
targets (a listed competitor or customer, a role, someone by name), or that point back to one
named the sentence before. The ``classifier`` kind asks it for ``targets`` and ``yields-to``."""

from __future__ import annotations

import re

from postguard.analysis import Analysis
from postguard.analysis.wordfreq import zipf
from postguard.classify.words import WRITER_I_RE, word_classes
from postguard.kinds.terms import unit_index
from postguard.matching import TermIndex

#: Words that point back to someone the sentence before named: "Vendrix calls it a platform. I
#: call it a circus tent." runs Vendrix down in its second sentence. Not "that" and "det": most
#: often a conjunction or an empty subject ("so precise that", "at det skjer så mye").
REFERRING_WORDS = {
    "en": frozenset(
        {"they", "them", "their", "theirs", "it", "its", "he", "him", "his", "she", "her", "these", "those"}
    ),
    "nb": frozenset(
        {"de", "dem", "deres", "den", "det", "dette", "han", "ham", "hans", "hun", "henne", "hennes"}
    ),
}
#: Days and months, capitalised in English but never anyone: "Who says releasing on Friday is a
#: bad idea?" names no one.
CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)
#: A blank line: a paragraph ends there.
PARAGRAPH_BREAK_RE = re.compile(r"\n[^\S\n]*\n")
#: A word as code writes it ("go", "rustup", "fmt.Println").
_CODE_WORD_RE = re.compile(r"[^\W\d_]+")


def sentences_targeted(
    analysis: Analysis, targets: TermIndex, names: bool, classes: frozenset[str], wanted: set[int]
) -> set[int]:
    """The sentences of ``wanted`` that name one of ``targets``, someone by name (``names``) or
    a word of the lexicon ``classes``, or that point back with a pronoun to such a target the
    sentence before named, in the same paragraph. A given name that the cheap test takes for a
    word ("Henrik chews like...") is looked up in the name lists, for the few sentences still in
    doubt."""
    named = sentences_naming(analysis, targets)
    if names:
        named |= analysis.memo("targets:named-sentences", lambda: _named(analysis))
    if classes:
        named |= _in_classes(analysis, classes)
    doubtful = wanted - named
    if names and doubtful:
        named |= _person_named(analysis, doubtful | {sentence - 1 for sentence in doubtful if sentence})
    return {
        sentence
        for sentence in wanted
        if sentence in named or (sentence - 1 in named and _refers_back(analysis, sentence))
    }


def _refers_back(analysis: Analysis, sentence: int) -> bool:
    """Whether a sentence has a word that points back (:data:`REFERRING_WORDS`) and follows the
    sentence before it in the same paragraph."""
    starts = analysis.sentences
    between = analysis.document.view[starts[sentence - 1] : starts[sentence]]
    if PARAGRAPH_BREAK_RE.search(between):
        return False
    pointers = REFERRING_WORDS.get(analysis.language, frozenset())
    units = analysis.units
    return any(units[token.unit].key in pointers for token in analysis.context.tokens(sentence))


def _person_named(analysis: Analysis, sentences: set[int]) -> set[int]:
    """Those of ``sentences`` that start with a given name of the home countries ("Henrik",
    "Karin"): a known word to the cheap test, a name to the person-name finder's lists."""
    from postguard.pii.names import lexicon

    given = lexicon(analysis.language).home
    found = set()
    for sentence in sentences:
        tokens = analysis.context.tokens(sentence)
        first = analysis.units[tokens[0].unit] if tokens else None
        if first is not None and first.surface[:1].isupper() and first.key in given:
            found.add(sentence)
    return found


def sentences_naming(analysis: Analysis, terms: TermIndex) -> set[int]:
    """The sentences in which one of ``terms`` occurs."""
    found = terms.find(analysis.units, analysis.language, unit_index(analysis), analysis.document.view)
    return {analysis.sentence_of(match.start) for match in found}


def _named(analysis: Analysis) -> frozenset[int]:
    """The sentences that name someone: a capitalised word that is not the sentence's first
    ("Brightwave's support", "tilbudet fra Vesteng Bygg"), or a first word that is no word of
    the language ("Meridex is to software what..."; "Circus of a company" names no one). "I"
    and its contractions name no one, nor do days and months, nor does a handle
    ("@RylannWilliams ok chill": a reply's address, whose words the model misread as an insult
    on Davidson's tuning half), nor a word the document also writes as code: "Go" beside `go
    get` is a tool, not a company or a colleague. Worked out once per document, for every rule
    that counts names."""
    in_code = _code_words(analysis)
    named = set()
    previous = -1
    for unit in analysis.units:
        first = unit.sentence != previous
        previous = unit.sentence
        capitalised = (
            unit.surface[:1].isupper() and unit.surface[:1].isalpha() and not WRITER_I_RE.match(unit.surface)
        )
        if (
            capitalised
            and not unit.tag
            and unit.key not in CALENDAR_WORDS
            and unit.key not in in_code
            and (not first or unit.key.replace("’", "'") not in zipf(analysis.language))
        ):
            named.add(unit.sentence)
    return frozenset(named)


def _in_classes(analysis: Analysis, wanted: frozenset[str]) -> set[int]:
    """The sentences with a word of one of the ``wanted`` lexicon classes ("our receptionist",
    "leietakerne")."""
    classes = word_classes(analysis.language)
    return {unit.sentence for unit in analysis.units if classes.get(unit.surface.lower()) in wanted}


def _code_words(analysis: Analysis) -> frozenset[str]:
    """The words, lower-cased, that the document writes in code: inline code and code blocks."""
    document = analysis.document
    return frozenset(
        word.lower()
        for segment in document.segments
        if segment.scope == "code"
        for word in _CODE_WORD_RE.findall(document.text, segment.start, segment.end)
    )
