"""``pii``: private data found by Presidio on the shared Doc (see :mod:`postguard.pii`).

Every ``pii`` rule reads Presidio's shared results for the entities it names and keeps
those at or above its ``min-score``. A cheap screen (:mod:`postguard.pii.screen`) first
drops the entities the draft holds no evidence for, so most drafts never import Presidio
or spaCy; a name rule with ``near`` looks for names only when a private matter occurs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from postguard.analysis import Analysis
from postguard.kinds import Hit
from postguard.kinds.terms import rule_terms, unit_index
from postguard.matching import Term, TermIndex
from postguard.model import LANGUAGES
from postguard.policy import Policy, Rule

DEFAULT_MIN_SCORE = 0.5


@dataclass(frozen=True, slots=True)
class PiiOptions:
    """What a ``pii`` rule looks for and how sure it must be."""

    entities: frozenset[str]
    min_score: float
    context: dict[str, tuple[str, ...]]
    near: dict[str | None, tuple[Term, ...]] | None  # private-matter terms by language (None: any)
    ner: str | None


def _near(rule: Rule, near: object, policy: Policy) -> dict[str | None, tuple[Term, ...]] | None:
    """The private-matter terms by language (``None``: every language). ``lists`` may map
    a language to its lists, so an English post is not read with Norwegian words."""
    if near is None:
        return None
    if not isinstance(near, dict) or set(near) - {
        "lists",
        "terms",
        "case",
        "inflect",
        "compound",
        "variants",
    }:
        raise rule.error("'near' takes 'lists' and/or 'terms' (words that must share the sentence)", "near")
    lists = near.get("lists")
    if not isinstance(lists, dict):
        return {None: tuple(rule_terms(rule, policy, dict(near), where="near."))}
    if not lists or set(lists) - set(LANGUAGES):
        raise rule.error(
            f"'near.lists' maps a language ({', '.join(LANGUAGES)}) to the names of its lists", "near"
        )
    return {
        lang: tuple(rule_terms(rule, policy, {**near, "lists": names}, where="near."))
        for lang, names in lists.items()
    }


def _context(rule: Rule, value: object) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or not all(
        lang in LANGUAGES and isinstance(words, list) and all(isinstance(w, str) for w in words)
        for lang, words in value.items()
    ):
        raise rule.error(f"'context' maps a language ({', '.join(LANGUAGES)}) to a list of words", "context")
    return {lang: tuple(w.casefold() for w in words) for lang, words in value.items()}


class PiiCheck:
    """Finds the rule's ``entities`` (default: all but ``URL`` and ``PERSON``).

    Options: ``entities``; ``min-score`` (0-1, default 0.5); ``context`` (extra context
    words per language, ``{en: [...], nb: [...]}``); ``near`` (``lists``/``terms`` that must
    occur in the same sentence, e.g. a name next to a private matter; ``lists`` may map a
    language to its lists); ``ner`` (a spaCy
    pipeline, installed package or path, that finds ``PERSON`` instead of the built-in
    recogniser).
    """

    OPTIONS = frozenset({"entities", "min-score", "context", "near", "ner"})

    @classmethod
    def parse(cls, rule: Rule, policy: Policy) -> PiiOptions:
        from postguard.pii import ENTITIES

        entities = rule.options.get("entities", [e for e in ENTITIES if e not in {"URL", "PERSON"}])
        if isinstance(entities, str):
            entities = [entities]
        if not isinstance(entities, list) or not entities:
            raise rule.error("'entities' must be a list of entity names", "entities")
        for entity in entities:
            if entity not in ENTITIES:
                raise rule.error(
                    f"unknown entity {entity!r}; known entities: {', '.join(ENTITIES)}", "entities"
                )
        score = rule.options.get("min-score", DEFAULT_MIN_SCORE)
        if not isinstance(score, int | float) or isinstance(score, bool) or not 0 <= score <= 1:
            raise rule.error("'min-score' must be a number from 0 to 1", "min-score")
        ner = rule.options.get("ner")
        if ner is not None and (not isinstance(ner, str) or not ner.strip()):
            raise rule.error("'ner' must name an installed spaCy pipeline or a path to one", "ner")
        if ner is not None and "PERSON" not in entities:
            raise rule.error("'ner' finds PERSON: add PERSON to 'entities'", "ner")
        return PiiOptions(
            frozenset(entities),
            float(score),
            _context(rule, rule.options.get("context", {})),
            _near(rule, rule.options.get("near"), policy),
            ner,
        )

    def __init__(self, rule: Rule, options: PiiOptions) -> None:
        from postguard.pii import CONTEXT_REQUIRED

        self.rule = rule
        self.entities = options.entities
        self.need_context = self.entities & CONTEXT_REQUIRED
        self.min_score = options.min_score
        self.context = options.context
        self.near = (
            None if options.near is None else {lang: TermIndex(terms) for lang, terms in options.near.items()}
        )
        self.ner = options.ner

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        from postguard.pii import (
            CONTEXT_AFTER,
            CONTEXT_BEFORE,
            ENTITIES,
            screen,
            with_context,
        )

        extra = self.context.get(analysis.language, ())
        private = self._private_matters(analysis) if self.near is not None else None
        if private == {}:
            return  # nothing private in the draft: no finding can be near one
        entities = [e for e in self.entities if screen.may_report(analysis, e, self.min_score, extra)]
        if not entities:
            return
        for d in self._detections(analysis, entities, private):
            word = d.context_word
            score = d.score
            if not word and extra:
                from postguard.pii import presidio

                word = presidio.nearby_context(analysis, d.start, d.end, extra, CONTEXT_BEFORE, CONTEXT_AFTER)
                if word:
                    score = with_context(score)
            if score < self.min_score or (d.entity in self.need_context and not word):
                continue
            values = {"entity": d.entity, "term": ENTITIES[d.entity], "near": word}
            if private is not None:
                matter = private.get(analysis.sentence_of(d.start))
                if matter is None:
                    continue
                values["near"] = matter
            yield Hit(d.start, d.end, values)

    def _detections(self, analysis: Analysis, entities: list[str], private: dict[int, str] | None) -> list:
        """Presidio's results for the entities, and person names from the built-in recogniser
        (only in the sentences with a private matter, when the rule needs one) or from the
        rule's NER pipeline."""
        found = []
        others = [e for e in entities if e != "PERSON"]
        if others:
            from postguard.pii import presidio

            found += presidio.run(analysis, others)
        if "PERSON" in entities:
            from postguard.pii import names, ner

            found += ner.run(analysis, self.ner) if self.ner else names.run(analysis, private)
        return found

    def _private_matters(self, analysis: Analysis) -> dict[int, str]:
        """The first private-matter term in each sentence that has one."""
        assert self.near is not None
        index = self.near.get(analysis.language, self.near.get(None))
        found: dict[int, str] = {}
        if index is None:
            return found
        for match in index.find(
            analysis.units, analysis.language, unit_index(analysis), analysis.document.view
        ):
            found.setdefault(analysis.sentence_of(match.start), analysis.text[match.start : match.end])
        return found
