"""``pii``: private data found by Presidio on the shared Doc (see :mod:`postguard.pii`).

Every ``pii`` rule reads Presidio's shared results for the entities it names and keeps
those at or above its ``min-score``. A cheap screen (:mod:`postguard.pii.screen`) first
drops the entities the draft holds no evidence for, so most drafts never import Presidio
or spaCy; a name rule with ``near`` looks for names only when a private matter occurs, and
reports the name together with the matter ("Kari Hansen ble oppsagt"): the name alone is fine,
the two together are the problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from postguard.analysis import Analysis
from postguard.kinds import Hit
from postguard.kinds.terms import rule_terms, unit_index
from postguard.matching import Term, TermIndex
from postguard.model import LANGUAGES
from postguard.policy import Policy, Rule

if TYPE_CHECKING:
    from postguard.pii import Detection
    from postguard.pii.private import Matter

DEFAULT_MIN_SCORE = 0.5


@dataclass(frozen=True, slots=True)
class PiiOptions:
    """What a ``pii`` rule looks for and how sure it must be."""

    entities: frozenset[str]
    min_score: float
    context: dict[str, tuple[str, ...]]
    near: dict[str | None, tuple[Term, ...]] | None  # private-matter terms by language (None: any)
    ner: str | None
    #: Built-in private matters with a shape (:data:`postguard.pii.private.MATTERS`).
    matters: tuple[str, ...] = ()


_NEAR_KEYS = frozenset({"lists", "terms", "matters", "case", "inflect", "compound", "variants"})


def _matters(rule: Rule, near: object) -> tuple[str, ...]:
    from postguard.pii.private import MATTERS

    if not isinstance(near, dict) or "matters" not in near:
        return ()
    names = near["matters"]
    if not isinstance(names, list) or not names or any(name not in MATTERS for name in names):
        raise rule.error(f"'near.matters' lists built-in private matters: {', '.join(MATTERS)}", "near")
    return tuple(names)


def _near(rule: Rule, near: object, policy: Policy) -> dict[str | None, tuple[Term, ...]] | None:
    """The private-matter terms by language (``None``: every language). ``lists`` may map
    a language to its lists, so an English post is not read with Norwegian words."""
    if near is None:
        return None
    if not isinstance(near, dict) or set(near) - _NEAR_KEYS:
        raise rule.error(
            "'near' takes 'lists', 'terms' (words that must share the sentence) and 'matters'", "near"
        )
    words = {k: v for k, v in near.items() if k != "matters"}
    if "lists" not in words and "terms" not in words:
        return {None: ()}
    lists = near.get("lists")
    if not isinstance(lists, dict):
        return {None: tuple(rule_terms(rule, policy, words, where="near."))}
    if not lists or set(lists) - set(LANGUAGES):
        raise rule.error(
            f"'near.lists' maps a language ({', '.join(LANGUAGES)}) to the names of its lists", "near"
        )
    return {
        lang: tuple(rule_terms(rule, policy, {**words, "lists": names}, where="near."))
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
    language to its lists; ``matters`` names built-in matters with a shape, ``home-address``
    and ``pay``); ``ner`` (a spaCy
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
            _matters(rule, rule.options.get("near")),
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
        self.matters = options.matters

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        from postguard.pii import (
            CONTEXT_AFTER,
            CONTEXT_BEFORE,
            ENTITIES,
            PRIVATE_MATTER,
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
        hits: list[Hit] = []
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
            if private is None:
                yield Hit(d.start, d.end, values)
                continue
            matter = _matter_of(d, private.get(analysis.sentence_of(d.start), ()))
            if matter is not None:
                values["near"] = self._label(matter, analysis.language)
                values["entity"] = PRIVATE_MATTER
                hits.append(
                    Hit(
                        min(d.start, matter.start),
                        max(d.end, matter.end),
                        values,
                        focus=(matter.start, matter.end),
                    )
                )
        if private is not None:
            if "PERSON" in self.entities:
                hits += list(self._personal_matters(analysis, private, hits))
                if self.ner is None:
                    hits += list(self._first_names_before(analysis, private, hits))
            yield from _merged(analysis, hits)

    def _label(self, matter: Matter, language: str) -> str:
        """What a message calls the matter: the word as written, or a built-in matter's name."""
        from postguard.pii.private import MATTERS

        names = MATTERS.get(matter.label)
        return names.get(language, names["en"]) if names else matter.label

    def _personal_matters(
        self, analysis: Analysis, private: dict[int, list[Matter]], hits: list[Hit]
    ) -> Iterator[Hit]:
        """Matters whose own words point at a person ("she lives at ...", "lønna hans er ..."),
        where no name is reported with them."""
        from postguard.pii import PRIVATE_MATTER
        from postguard.pii.private import PERSONAL

        for m in _unclaimed(private, hits):
            if m.needs == PERSONAL:
                label = self._label(m, analysis.language)
                yield Hit(m.start, m.end, {"entity": PRIVATE_MATTER, "term": label, "near": label})

    def _first_names_before(
        self, analysis: Analysis, private: dict[int, list[Matter]], hits: list[Hit]
    ) -> Iterator[Hit]:
        """A capitalised first name right before a matter no name was found for: the recogniser
        reads "Per" in "Per earns 1.2M" as the English word, but nothing else earns or is let go."""
        from postguard.pii import ENTITIES, PRIVATE_MATTER
        from postguard.pii.names import lexicon

        first = lexicon(analysis.language).first
        view = analysis.document.view
        for m in _unclaimed(private, hits):
            before = _NAME_BEFORE_RE.search(view, max(0, m.start - NAME_REACH), m.start)
            if before and before.group(1).casefold() in first:
                values = {"entity": PRIVATE_MATTER, "term": ENTITIES["PERSON"]}
                near = self._label(m, analysis.language)
                yield Hit(before.start(), m.end, {**values, "near": near}, focus=(m.start, m.end))

    def _detections(
        self, analysis: Analysis, entities: list[str], private: dict[int, list[Matter]] | None
    ) -> list:
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

    def _private_matters(self, analysis: Analysis) -> dict[int, list[Matter]]:
        """The private matters in each sentence that has one: the rule's terms, as written,
        and its built-in matters with a shape."""
        assert self.near is not None
        from postguard.pii import private

        index = self.near.get(analysis.language, self.near.get(None))
        found: dict[int, list[Matter]] = {}
        if index is not None:
            for match in index.find(
                analysis.units, analysis.language, unit_index(analysis), analysis.document.view
            ):
                matter = private.Matter(match.start, match.end, analysis.text[match.start : match.end])
                found.setdefault(analysis.sentence_of(match.start), []).append(matter)
        if self.matters:
            for matter in private.find(analysis.document.view, self.matters):
                found.setdefault(analysis.sentence_of(matter.start), []).append(matter)
        return found


#: Verbs that may stand between a person and their private matter ("Per fikk sparken").
_AUXILIARIES = "is|was|has|had|got|gets|be|been|er|var|har|hadde|fikk|får|ble|blir|blitt|skal|vil"
#: A capitalised word, maybe a genitive, right before a private matter or before at most two such
#: verbs ("Per earns", "Kari's salary", "Per fikk sparken", "Ola har blitt oppsagt").
_NAME_BEFORE_RE = re.compile(
    rf"(?<![\w-])([A-ZÆØÅ][a-zæøåéü]+)(?:'s|’s)?\s+(?:(?:{_AUXILIARIES})\s+){{0,2}}$"
)
#: How far back that word is looked for (characters).
NAME_REACH = 30


def _unclaimed(private: dict[int, list[Matter]], hits: list[Hit]) -> Iterator[Matter]:
    """The private matters that no hit covers yet, sentence by sentence."""
    for matters in private.values():
        for m in matters:
            if not any(h.start < m.end and m.start < h.end for h in hits):
                yield m


def _matter_of(name: Detection, matters: Sequence[Matter]) -> Matter | None:
    """The private matter a name goes with: the nearest one in its sentence that needs a name
    (an ``adjacent`` one only right after it; of two as near, the longer: "salary is $95,000"
    over "salary"); none when the "name" is part of a matter (a capitalised "Lønna hans er ..."
    is no name)."""
    from postguard.pii.private import ADJACENT, ADJACENT_GAP

    if any(m.start < name.end and name.start < m.end for m in matters):
        return None
    usable = [m for m in matters if m.needs != ADJACENT or 0 <= m.start - name.end <= ADJACENT_GAP]
    return min(
        usable, key=lambda m: (max(m.start - name.end, name.start - m.end), m.start - m.end), default=None
    )


def _merged(analysis: Analysis, hits: list[Hit]) -> Iterator[Hit]:
    """Overlapping hits in one sentence as one ("Kari and Ola were let go"), in draft order."""
    hits = sorted(hits, key=lambda h: (h.start, h.end))
    current: Hit | None = None
    for hit in hits:
        if (
            current is not None
            and hit.start < current.end
            and analysis.sentence_of(hit.start) == analysis.sentence_of(current.start)
        ):
            current = Hit(current.start, max(current.end, hit.end), current.values, focus=current.focus)
            continue
        if current is not None:
            yield current
        current = hit
    if current is not None:
        yield current
