"""Presidio's AnalyzerEngine on postguard's own spaCy pipeline and Doc, strictly offline.

Presidio normally builds its own spaCy engine (and downloads a model for it). Here the
engine wraps the blank pipelines from :func:`postguard.analysis.pipeline` and every call
passes precomputed :class:`NlpArtifacts` made from ``analysis.doc``, so a draft is
tokenised once for all rules. Presidio analyses each entity at most once per document, and
only the entities that :mod:`postguard.pii.screen` found evidence for; the results are
shared by every ``pii`` rule through ``analysis.memo``.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine

from postguard.analysis import LANGUAGES, Analysis, pipeline
from postguard.parsers.document import Spans
from postguard.pii import (
    CONTEXT,
    CONTEXT_AFTER,
    CONTEXT_BEFORE,
    CONTEXT_BOOST,
    CONTEXT_FLOOR,
    SUFFIXES,
    Detection,
    recognizers,
)
from postguard.pii.screen import not_a_phone, web_addresses

MEMO_KEY = "pii.presidio"


def context_match(token: str, word: str) -> bool:
    """Whole-word match of a context word, allowing inflection endings ("kontonummeret", "cards")."""
    return token.startswith(word) and token[len(word) :] in SUFFIXES


class SharedDocEngine(NlpEngine):
    """An NlpEngine that never tokenises: postguard hands Presidio the artifacts it already has."""

    def __init__(self) -> None:
        self._context_words = frozenset(
            w for entity in CONTEXT.values() for words in entity.values() for w in words
        )

    def load(self) -> None:
        """Nothing to load: the pipelines are the shared blank ones."""

    def is_loaded(self) -> bool:
        return True

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        raise RuntimeError("postguard passes Presidio precomputed NlpArtifacts; it never tokenises twice")

    def process_batch(self, texts, language, batch_size=1, n_process=1, **kwargs):
        raise RuntimeError("postguard passes Presidio precomputed NlpArtifacts; it never tokenises twice")

    def is_stopword(self, word: str, language: str) -> bool:
        return word not in self._context_words and pipeline(language).vocab[word].is_stop

    def is_punct(self, word: str, language: str) -> bool:
        return pipeline(language).vocab[word].is_punct

    def get_supported_entities(self) -> list[str]:
        return []

    def get_supported_languages(self) -> list[str]:
        return list(LANGUAGES)


class WholeWordEnhancer(LemmaContextAwareEnhancer):
    """Presidio's context enhancer with whole-word matching that knows en/nb inflections."""

    def __init__(self) -> None:
        super().__init__(
            context_similarity_factor=CONTEXT_BOOST,
            min_score_with_context_similarity=CONTEXT_FLOOR,
            context_prefix_count=CONTEXT_BEFORE,
            context_suffix_count=CONTEXT_AFTER,
            context_matching_mode="whole_word",
        )

    def _extract_surrounding_words(self, nlp_artifacts: NlpArtifacts, word: str, start: int) -> list[str]:
        """Up to 5 keywords before the match and 2 after it, found by bisecting (Presidio scans)."""
        indices = nlp_artifacts.tokens_indices
        first = max(0, bisect.bisect_right(indices, start) - 1)
        last = max(first, bisect.bisect_left(indices, start + len(word)) - 1)
        return _keywords(nlp_artifacts, first, -1, self.context_prefix_count + 1) + _keywords(
            nlp_artifacts, last, 1, self.context_suffix_count + 1
        )

    @staticmethod
    def _find_supportive_word_in_context(context_list, recognizer_context_list, matching_mode=""):
        for word in recognizer_context_list or ():
            if any(context_match(token, word.lower()) for token in context_list or ()):
                return word
        return ""


def _keywords(artifacts: NlpArtifacts, index: int, step: int, count: int) -> list[str]:
    """Lower-case lemmas from ``index`` on (the match's own token included), skipping stop words."""
    engine_ = artifacts.nlp_engine
    lemmas, language = artifacts.lemmas, artifacts.tokens.lang_
    found: list[str] = []
    while 0 <= index < len(lemmas) and len(found) < count:
        lemma = lemmas[index].lower()
        if not engine_.is_stopword(lemma, language) and not engine_.is_punct(lemma, language):
            found.append(lemma)
        index += step
    return found


@functools.cache
def engine() -> AnalyzerEngine:
    """The analyzer for every supported language, built once per process."""
    registry = RecognizerRegistry(supported_languages=list(LANGUAGES))
    for language in LANGUAGES:
        for recognizer in recognizers.build(language):
            registry.add_recognizer(recognizer)
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=SharedDocEngine(),
        supported_languages=list(LANGUAGES),
        context_aware_enhancer=WholeWordEnhancer(),
    )


class _Lemmas(Sequence[str]):
    """The tokens' lemmas, read on demand: the context enhancer looks at a few tokens per result.
    The blank pipelines have none, so the lower-case form stands in (context words then match)."""

    def __init__(self, doc) -> None:
        self._doc = doc

    def __len__(self) -> int:
        return len(self._doc)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        token = self._doc[index]
        return token.lemma_ or token.lower_


class SharedArtifacts(NlpArtifacts):
    """Presidio's view of the shared Doc: tokens, their offsets and (lazily) their lemmas.

    Presidio's own keyword list (a stop-word lookup for every token) is made only if something
    reads it: postguard's enhancer never does, Presidio's stock one does.
    """

    def __init__(self, doc) -> None:
        from spacy.attrs import IDX

        super().__init__(
            entities=[],
            tokens=doc,
            tokens_indices=doc.to_array(IDX).tolist() if len(doc) else [],
            # Presidio annotates List[str] but only indexes, slices and iterates the lemmas
            lemmas=_Lemmas(doc),  # type: ignore[arg-type]
            nlp_engine=None,
            language=doc.lang_,
        )
        del self.keywords
        self.nlp_engine = engine().nlp_engine

    # Presidio sets ``keywords`` as a plain attribute; a cached_property still accepts that
    # assignment (its value goes in the instance dict), which mypy does not model.
    @functools.cached_property
    def keywords(self) -> list[str]:  # type: ignore[override]
        return self.set_keywords(self.nlp_engine, self.lemmas, self.tokens.lang_)


def artifacts(analysis: Analysis) -> NlpArtifacts:
    """The shared Doc as Presidio's NlpArtifacts, made once per document."""
    return analysis.memo("pii.artifacts", lambda: SharedArtifacts(analysis.doc))


def nearby_context(
    analysis: Analysis, start: int, end: int, words: Sequence[str], before: int, after: int
) -> str:
    """The first of ``words`` among the ``before`` keywords ahead of a span or ``after`` behind it."""
    found = artifacts(analysis)
    first = max(0, bisect.bisect_right(found.tokens_indices, start) - 1)
    last = max(first, bisect.bisect_left(found.tokens_indices, end) - 1)
    near = _keywords(found, first - 1, -1, before) + _keywords(found, last + 1, 1, after)
    for word in words:
        if any(context_match(token, word) for token in near):
            return word
    return ""


def run(analysis: Analysis, entities: Iterable[str]) -> list[Detection]:
    """Every result (any score) for ``entities`` (not ``PERSON``: see :mod:`.names`) in the
    draft; each entity is analysed once per document, with the entities that may hide it
    (see :data:`SHADOWS`)."""
    done: dict[str, list[Detection]] = analysis.memo(MEMO_KEY, dict)
    wanted = set(entities)
    missing = {e for e in wanted if e not in done}
    if missing:
        missing |= {outer for hiders, inner in SHADOWS if inner in missing for outer in hiders}
        found = _analyze(analysis, sorted(missing))
        for entity in missing:
            done.setdefault(entity, [d for d in found if d.entity == entity])
    return sorted((d for e in wanted for d in done[e]), key=lambda d: (d.start, d.end, d.entity))


def _analyze(analysis: Analysis, entities: list[str]) -> list[Detection]:
    if not analysis.document.view.strip():
        return []
    results: Sequence[RecognizerResult] = engine().analyze(
        text=analysis.document.view,
        language=analysis.language,
        entities=entities,
        nlp_artifacts=artifacts(analysis),
        score_threshold=0.0,
        return_decision_process=True,
    )
    return _drop_noise([_detection(r) for r in results], analysis)


def _detection(result: RecognizerResult) -> Detection:
    explanation = result.analysis_explanation
    word = explanation.supportive_context_word if explanation is not None else ""
    return Detection(result.entity_type, result.start, result.end, result.score, word or "")


#: Entities that shadow another kind of hit inside them: (outer entities, inner entity).
SHADOWS = (
    (frozenset({"EMAIL_ADDRESS"}), "URL"),  # the domain of an e-mail address
    (
        frozenset({"NO_FODSELSNUMMER", "NO_BANK_ACCOUNT", "NO_ORG_NUMBER", "CREDIT_CARD", "IBAN_CODE"}),
        "PHONE_NUMBER",
    ),
)


def _drop_noise(found: list[Detection], analysis: Analysis) -> list[Detection]:
    """A URL inside an e-mail address, a "phone number" that is a date, an issue or order number,
    part of a web address or a checksummed ID. The hiders are looked up by position (comparing every result with every
    other was quadratic: 8,000 phone numbers took minutes)."""
    text = analysis.document.view
    hiders: dict[str, list[tuple[int, int]]] = {}
    for outer, inner in SHADOWS:
        hiders.setdefault(inner, []).extend((o.start, o.end) for o in found if o.entity in outer)
    hidden_in = {inner: Spans(spans) for inner, spans in hiders.items()}

    def shadowed(d: Detection) -> bool:
        if d.entity == "PHONE_NUMBER" and (
            not_a_phone(text, d.start, d.end) or web_addresses(analysis).covers(d.start)
        ):
            return True
        return d.entity in hidden_in and hidden_in[d.entity].covers(d.start, d.end)

    return sorted((d for d in found if not shadowed(d)), key=lambda d: (d.start, d.end, d.entity))
