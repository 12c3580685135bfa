"""``classifier``: a trained model reads each prose sentence and scores what it says.

Word lists find the words; the abuse model (:mod:`postguard.classify`) finds put-downs,
threats and hate written without them ("their engineers couldn't assemble a paper plane"), and
the meaning model drugs, claims and confidential news in phrasings no pattern foresaw.
Each rule takes one class of the model and a threshold; the sentences of a draft are scored
once per model and shared by every rule that asks. ``targets`` (lists or terms) limits a rule to
sentences that name someone it protects: disparagement needs a competitor, a customer, a
colleague, a manager or the employer in the sentence.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from postguard.analysis import Analysis
from postguard.analysis.wordfreq import zipf
from postguard.classify import ABUSE_LABELS, CLEAN, MEANING_LABELS, JoinedReading, Reading
from postguard.classify.words import CLASS_MARK, LEXICON_CLASSES, MAX_CHARS, word_classes
from postguard.kinds import Hit
from postguard.kinds.targets import PARAGRAPH_BREAK_RE, sentences_naming, sentences_targeted
from postguard.kinds.terms import rule_terms
from postguard.matching import TermIndex
from postguard.model import LANGUAGES
from postguard.policy import Policy, Rule
from postguard.policy.schema import threshold_by_language

#: Models a rule may name, and the classes each one has.
MODELS = {"abuse": ABUSE_LABELS, "meaning": MEANING_LABELS}
#: Scopes whose sentences the model reads (code, links and markup are never prose).
READ_SCOPES = frozenset({"prose", "front-matter", "comments"})
DEFAULT_THRESHOLD = 0.5
#: A sentence a model reads has at least this many different words: fewer is no sentence to
#: judge (a bag-of-words model scores "word word word ..." by its one word, very surely). What
#: the meaning model looks for takes a whole clause to say, and a fragment such as "Nothing at
#: the moment." is only its few common words to it.
MIN_DISTINCT_WORDS = {"abuse": 3, "meaning": 5}
#: A quotation has at least this many words; fewer in quotation marks are scare quotes.
QUOTED_WORDS = 3
#: A finding rests on a quotation only if the quoted words alone reach this share of the
#: threshold: words quoted to mock someone ("says he “trusts the crew”") are harmless alone.
QUOTE_SHARE = 0.5
#: Lexicon classes whose words are a verdict on someone: a negation of one denies the verdict.
VERDICT_CLASSES = frozenset(CLASS_MARK + name for name in ("negtrait", "derog", "harm"))
#: At most this many words are named as what weighed most in a model's verdict (``{cues}``)...
CUE_WORDS = 3
#: ... each weighing at least this share of the heaviest ...
CUE_SHARE = 0.3
#: ... and none this common (wordfreq's Zipf scale) while rarer words weigh: "a", "it" and
#: "det" weigh through the word pairs they make, and tell a person nothing.
CUE_MAX_ZIPF = 6.0
#: A word is weighed on this many words either side of it: its word pairs reach one word, a
#: negation before it three.
CUE_CONTEXT = 4
#: The keys of an option that names terms (``targets``, ``yields-to``).
TERM_KEYS = frozenset({"lists", "terms"})
#: Negators that deny an action, never a verdict: "can't copy a file without breaking something".
NOT_DENYING = frozenset({"without", "uten"})


class ProseSentence(NamedTuple):
    """A prose sentence some model reads: its number (as :attr:`Analysis.sentences` counts),
    where it is, how many different words it has (each model has its minimum), and its text."""

    number: int
    start: int
    end: int
    distinct_words: int
    text: str


class SentencePair(NamedTuple):
    """Two sentences of one paragraph read together: the first one's number, and where each
    is."""

    first: int
    start: int
    first_end: int
    second_start: int
    end: int


@dataclass(frozen=True, slots=True)
class ClassifierOptions:
    """The model, the class this rule reports, how sure the model must be, and the targets."""

    model: str
    label: str
    #: How sure the model must be, per language: the models are calibrated apart.
    thresholds: dict[str, float]
    targets: TermIndex | None
    #: Whether a name (a capitalised word inside the sentence) is a target too.
    names: bool = False
    #: Classes of the model's lexicon whose words are targets too (``person``: "receptionist",
    #: "leietakerne"; ``group``: "immigrants", "muslimer").
    classes: frozenset[str] = frozenset()
    #: Terms whose sentences the rule leaves to the rules that find them (``yields-to``): "Signed
    #: a deal with <a listed customer>" is the customer rule's finding, which names the word to
    #: take out, not a second, vaguer one about confidential news.
    yields_to: TermIndex | None = None
    #: Classes whose scores count with this one's (``shares``): "I will kill every immigrant I
    #: see" is hate 0.56 and threat 0.43, hateful beyond doubt but sure of neither class alone.
    #: The rule reports only where its own class leads them, so two rules that share with each
    #: other never both report a sentence.
    shares: tuple[str, ...] = ()
    #: Whether two neighbouring sentences of a paragraph are also read together (``pairs``).
    pairs: bool = False

    def threshold(self, language: str) -> float:
        """How sure the model must be in a draft of ``language``."""
        return self.thresholds[language]

    def score(self, scores: dict[str, float]) -> float:
        """This rule's score from a reading's scores: its class's, with the classes it shares."""
        return scores.get(self.label, 0.0) + sum(scores.get(label, 0.0) for label in self.shares)

    def leads(self, scores: dict[str, float]) -> bool:
        """Whether this rule's class leads the classes it shares with (a tie goes to the first
        in alphabetical order, so exactly one of two sharing rules reports)."""
        own = scores.get(self.label, 0.0)
        for other in self.shares:
            theirs = scores.get(other, 0.0)
            if own < theirs or (own == theirs and other < self.label):
                return False
        return True


def prose_sentences(analysis: Analysis) -> list[ProseSentence]:
    """The prose sentences of the draft that some model reads, made once per draft and shared by
    every model."""

    def read() -> list[ProseSentence]:
        view, document = analysis.document.view, analysis.document
        bounds = [*analysis.sentences, len(view)]
        found = []
        for number, (start, end) in enumerate(itertools.pairwise(bounds)):
            text = view[start:end]
            stripped = text.strip()
            if not stripped:
                continue
            at = start + len(text) - len(text.lstrip())
            if document.scope_at(at) in READ_SCOPES:
                distinct = len(set(stripped.lower().split()))
                found.append(ProseSentence(number, at, at + len(stripped), distinct, stripped))
        return found

    return analysis.memo("classifier:sentences", read)


#: A span a model reads: its index in the model's reading, and where it is in the draft.
ReadSpan = tuple[int, int, int]


def neighbours(analysis: Analysis) -> list[tuple[int, int]]:
    """The prose sentences (as positions in :func:`prose_sentences`) that follow each other in
    one paragraph, two by two: what a rule with ``pairs`` reads together."""

    def find() -> list[tuple[int, int]]:
        view = analysis.document.view
        return [
            (index, index + 1)
            for index, (one, two) in enumerate(itertools.pairwise(prose_sentences(analysis)))
            if two.number == one.number + 1 and not PARAGRAPH_BREAK_RE.search(view, one.end, two.start)
        ]

    return analysis.memo("classifier:neighbours", find)


def sentence_reading(analysis: Analysis, model: str) -> tuple[list[ReadSpan], Reading, dict[int, int]]:
    """``model``'s reading of the prose sentences it judges alone (those with enough different
    words) and of the shorter ones that have a neighbour to be read with; the spans it judges;
    and where each sentence read (by position in :func:`prose_sentences`) is in the reading.
    Made once per model and shared by every rule that asks it."""

    def read() -> tuple[list[ReadSpan], Reading, dict[int, int]]:
        fewest = MIN_DISTINCT_WORDS[model]
        sentences = prose_sentences(analysis)
        paired = {position for pair in neighbours(analysis) for position in pair}
        chosen = [
            position
            for position, sentence in enumerate(sentences)
            if sentence.distinct_words >= fewest or position in paired
        ]
        reading = Reading.of(
            f"{model}-{analysis.language}", [sentences[position].text for position in chosen]
        )
        at = {position: index for index, position in enumerate(chosen)}
        judged = [
            (at[position], sentences[position].start, sentences[position].end)
            for position in chosen
            if sentences[position].distinct_words >= fewest
        ]
        return judged, reading, at

    return analysis.memo(f"classifier:{model}", read)


def pair_reading(analysis: Analysis, model: str) -> tuple[list[SentencePair], JoinedReading]:
    """Each two neighbouring prose sentences of a paragraph, read together by ``model`` (from
    its reading of each: :meth:`Reading.joined`): a verdict is often spread over two ("Our new
    manager has ideas. None of them good."), and the models learned from posts, not single
    sentences. Made once per model, shared by every rule that asks."""

    def read() -> tuple[list[SentencePair], JoinedReading]:
        view, fewest = analysis.document.view, MIN_DISTINCT_WORDS[model]
        sentences = prose_sentences(analysis)
        _, reading, at = sentence_reading(analysis, model)
        pairs, indices = [], []
        for first, second in neighbours(analysis):
            one, two = sentences[first], sentences[second]
            if len(set(view[one.start : two.end].lower().split())) >= fewest:
                pairs.append(SentencePair(one.number, one.start, one.end, two.start, two.end))
                indices.append((at[first], at[second]))
        return pairs, reading.joined(indices)

    return analysis.memo(f"classifier:{model}:pairs", read)


class ClassifierCheck:
    """Reports each sentence the model puts in the rule's class with at least its threshold."""

    OPTIONS = frozenset({"model", "label", "threshold", "targets", "yields-to", "shares", "pairs"})

    @classmethod
    def parse(cls, rule: Rule, policy: Policy) -> ClassifierOptions:
        model = rule.options.get("model")
        if model not in MODELS:
            raise rule.error(f"'model' must be one of: {', '.join(MODELS)}; got {model!r}", "model")
        label = rule.options.get("label")
        if label not in MODELS[model]:
            raise rule.error(
                f"'label' must be one of the {model} model's classes: {', '.join(MODELS[model])}", "label"
            )
        value = rule.options.get("threshold", DEFAULT_THRESHOLD)
        thresholds = threshold_by_language(value)
        if thresholds is None:
            raise rule.error(
                "'threshold' must be a number between 0 and 1, or one per language ({en: 0.75, nb: 0.7}) "
                f"with every language: {', '.join(LANGUAGES)}; got {value!r}",
                "threshold",
            )
        targets = rule.options.get("targets")
        index = None
        names = False
        classes: frozenset[str] = frozenset()
        if targets is not None:
            if not isinstance(targets, dict) or not set(targets) <= TERM_KEYS | {"names", "classes"}:
                raise rule.error(
                    "'targets' must have 'lists' and/or 'terms', and may have 'names' and 'classes'",
                    "targets",
                )
            names = targets.get("names", False)
            if not isinstance(names, bool):
                raise rule.error(f"'targets.names' must be true or false, got {names!r}", "targets")
            chosen = targets.get("classes", [])
            if not isinstance(chosen, list) or not set(chosen) <= set(LEXICON_CLASSES):
                raise rule.error(
                    f"'targets.classes' must be a list of the lexicon's classes: {', '.join(LEXICON_CLASSES)}",
                    "targets",
                )
            classes = frozenset(CLASS_MARK + name for name in chosen)
            index = _term_index(rule, policy, targets, "targets")
        yields_to = rule.options.get("yields-to")
        if yields_to is not None:
            if not isinstance(yields_to, dict) or not set(yields_to) <= TERM_KEYS:
                raise rule.error("'yields-to' must have 'lists' and/or 'terms'", "yields-to")
            yields_to = _term_index(rule, policy, yields_to, "yields-to")
        shares = rule.options.get("shares", [])
        others = [name for name in MODELS[model] if name not in (label, CLEAN)]
        if not isinstance(shares, list) or not set(shares) <= set(others):
            raise rule.error(
                f"'shares' must be a list of the model's other classes: {', '.join(others)}", "shares"
            )
        pairs = rule.options.get("pairs", False)
        if not isinstance(pairs, bool):
            raise rule.error(f"'pairs' must be true or false, got {pairs!r}", "pairs")
        return ClassifierOptions(
            model, label, thresholds, index, names, classes, yields_to, tuple(dict.fromkeys(shares)), pairs
        )

    def __init__(self, rule: Rule, options: ClassifierOptions) -> None:
        self.rule = rule
        self.options = options

    def run(self, analysis: Analysis) -> Iterator[Hit]:
        options = self.options
        spans, reading, _ = sentence_reading(analysis, options.model)
        sure = self._kept(
            analysis,
            [(hit, (analysis.sentence_of(hit.start),)) for hit in self._sure(analysis, reading, spans)],
        )
        if options.pairs:
            sure += self._pair_hits(analysis, {analysis.sentence_of(hit.start) for hit in sure})
        for hit in sorted(sure, key=lambda hit: hit.start):
            yield dataclasses.replace(hit, cues=self._cues(analysis, reading, hit.start, hit.end))

    def _sure(self, analysis: Analysis, reading: Reading, spans: list[ReadSpan]) -> list[Hit]:
        """A hit for each span of ``reading`` that the model puts in the rule's class."""
        options = self.options
        threshold = options.threshold(analysis.language)
        # Shared classes reach the threshold together only if one of them reaches this alone.
        floor = threshold / (1 + len(options.shares))
        sure = []
        for index, start, end in spans:
            scores = reading.scores(index, floor)
            if scores is None or not options.leads(scores):
                continue
            score = options.score(scores)
            if score >= threshold:
                focus = self._quoted_focus(analysis, reading, start, end) or self._denied_focus(
                    analysis, reading, start, end, score
                )
                sure.append(Hit(start, end, score=score, focus=focus))
        return sure

    def _kept(self, analysis: Analysis, found: list[tuple[Hit, tuple[int, ...]]]) -> list[Hit]:
        """The hits (each with the numbers of its sentences) that name one of the rule's
        targets and none of the terms it yields to."""
        options = self.options
        if found and options.targets is not None:
            # Looked for only when the model is sure of a sentence: most drafts have none.
            assert options.targets is not None
            targeted = sentences_targeted(
                analysis,
                options.targets,
                options.names,
                options.classes,
                {number for _, numbers in found for number in numbers},
            )
            found = [(hit, numbers) for hit, numbers in found if not targeted.isdisjoint(numbers)]
        if found and options.yields_to is not None:
            left = sentences_naming(analysis, options.yields_to)
            found = [(hit, numbers) for hit, numbers in found if left.isdisjoint(numbers)]
        return [hit for hit, _ in found]

    def _pair_hits(self, analysis: Analysis, reported: set[int]) -> list[Hit]:
        """Hits on two sentences read together that neither reaches alone, apart from the
        sentences already reported, the surest first where two overlap. A pair's context is
        that of the sentence that weighs more alone (its ``focus``)."""
        pairs, reading = pair_reading(analysis, self.options.model)
        by_start = {pair.start: (index, pair) for index, pair in enumerate(pairs)}
        found = self._sure(
            analysis,
            reading,
            [
                (index, pair.start, pair.end)
                for index, pair in enumerate(pairs)
                if pair.first not in reported and pair.first + 1 not in reported
            ],
        )
        kept = self._kept(
            analysis,
            [(hit, (by_start[hit.start][1].first, by_start[hit.start][1].first + 1)) for hit in found],
        )
        chosen: list[Hit] = []
        taken: set[int] = set()
        for hit in sorted(kept, key=lambda hit: -(hit.score or 0.0)):
            index, pair = by_start[hit.start]
            if pair.first in taken or pair.first + 1 in taken:
                continue
            taken |= {pair.first, pair.first + 1}
            focus = hit.focus or self._heavier(reading, index, pair)
            chosen.append(dataclasses.replace(hit, focus=focus))
        return chosen

    def _heavier(self, reading: JoinedReading, index: int, pair: SentencePair) -> tuple[int, int]:
        """The sentence of pair ``index`` that the model puts further in the rule's class alone,
        from the reading of each that scored the pair."""
        first, second = reading.pairs[index]
        model, texts, score = reading.model, reading.texts, self.options.score
        if score(model.scores_of_logits(texts.logits(first))) >= score(
            model.scores_of_logits(texts.logits(second))
        ):
            return pair.start, pair.first_end
        return pair.second_start, pair.end

    def _cues(
        self, analysis: Analysis, reading: Reading, start: int, end: int
    ) -> tuple[tuple[int, int], ...]:
        """The words of a sentence that weighed most in the model's verdict, for the message: a
        person told only "this sentence reads as a threat" has to guess what to change. A word
        weighs what leaving it out takes from the model's lead of the rule's class over
        ``clean``, measured on the :data:`CUE_CONTEXT` words either side of it (every feature the
        word is part of lies there), so a long sentence costs no more per word. At most
        :data:`CUE_WORDS` words, each weighing at least :data:`CUE_SHARE` of the heaviest, common
        words aside (:data:`CUE_MAX_ZIPF`) unless nothing else weighs, and one word even when no
        word alone raises the verdict (the message always names one); a word is weighed once,
        where it first occurs; neighbours make one stretch."""
        view, units, model, label = analysis.document.view, analysis.units, reading.model, self.options.label
        first = bisect.bisect_left(units, start, key=lambda unit: unit.start)
        last = bisect.bisect_left(units, min(end, start + MAX_CHARS), key=lambda unit: unit.start) - 1
        common = zipf(analysis.language)
        weighed = []  # (weight, common, unit index)
        seen = set()
        for index in range(first, last + 1):
            unit = units[index]
            if unit.key in seen:
                continue
            seen.add(unit.key)
            left = units[max(first, index - CUE_CONTEXT)].start
            right = units[min(last, index + CUE_CONTEXT)].end
            without = view[left : unit.start] + view[unit.end : right]
            weight = model.lead(view[left:right], label) - model.lead(without, label)
            weighed.append((weight, common.get(unit.key, 0.0) >= CUE_MAX_ZIPF, index))
        if not weighed:
            return ()
        weighed.sort(reverse=True)
        telling = [e for e in weighed if e[0] > 0 and not e[1]] or [e for e in weighed if e[0] > 0]
        if not telling:  # no word raises the verdict alone: name the one that lowers it least
            unit = units[weighed[0][2]]
            return ((unit.start, unit.end),)
        heaviest = telling[0][0]
        chosen = sorted(index for weight, _, index in telling[:CUE_WORDS] if weight >= CUE_SHARE * heaviest)
        stretches: list[tuple[int, int]] = []
        for at, index in enumerate(chosen):
            if at and index == chosen[at - 1] + 1:
                stretches[-1] = (stretches[-1][0], units[index].end)
            else:
                stretches.append((units[index].start, units[index].end))
        return tuple(stretches)

    def _quoted_focus(
        self, analysis: Analysis, reading: Reading, start: int, end: int
    ) -> tuple[int, int] | None:
        """The quotation a finding rests on, when the sentence without its quotations is not in
        the rule's class and the quoted words alone lean to it (:data:`QUOTE_SHARE`): "Someone
        wrote “I will break your legs” under our post" reports a threat (and ``unless: [quoted]``
        cancels it), it does not make one. None otherwise. Scare quotes are words, not
        quotations: "their “engineers”" is the writer's own put-down; and words quoted to mock
        them are harmless alone ("The fleet manager says he “trusts the crew”. Convenient, since
        he has never met them."): the put-down is the writer's."""
        view = analysis.document.view
        quotes = [
            q
            for q in analysis.context.quotes_in(start, end)
            if len(view[q[0] : q[1]].split()) >= QUOTED_WORDS
        ]
        if not quotes:
            return None
        outside, at = [], start
        for quote_start, quote_end in quotes:
            outside.append(view[at:quote_start])
            at = quote_end
        outside.append(view[at:end])
        threshold = self.options.threshold(analysis.language)
        without, quoted = reading.model.scores(
            [" ".join(outside), " ".join(view[q[0] + 1 : q[1] - 1] for q in quotes)]
        )
        if self.options.score(without) >= threshold or self.options.score(quoted) < QUOTE_SHARE * threshold:
            return None
        return quotes[0][0] + 1, quotes[0][1] - 1

    def _denied_focus(
        self, analysis: Analysis, reading: Reading, start: int, end: int, score: float
    ) -> tuple[int, int] | None:
        """The first word a negation denies, when the sentence denies a verdict: "Romfolk er ikke
        tyver", "nobody here is lazy or stupid". The model reads words, not negation, so a denial
        needs two things: a verdict word of the lexicon (a bad trait, a demeaning noun, harm)
        among the words the negation reaches, and a reading at least as sure without the
        negator (the "not" adds nothing to the verdict). Negated praise and litotes fail the
        second test: "they are never honest" and "not the sharpest tool" read milder without
        their negator. The context layer then sees the negation before that word, and a rule
        with ``unless: [negated]`` drops the finding. None when no negation denies a verdict."""
        context, units, view = analysis.context, analysis.units, analysis.document.view
        sentence = analysis.sentence_of(start)
        tokens = context.tokens(sentence)
        classes = word_classes(analysis.language)
        for negator, last in context.negations(sentence):
            negator_unit = units[tokens[negator].unit]
            if units[tokens[last].unit].end - start > MAX_CHARS:
                break  # past what the model reads: without the negator it would read the same
            if (
                negator_unit.start < start
                or tokens[negator].text in NOT_DENYING
                or not any(
                    classes.get(token.text) in VERDICT_CLASSES for token in tokens[negator + 1 : last + 1]
                )
            ):
                continue
            # A contraction keeps its other word: "aren't" -> "are".
            kept = " ".join(
                token.text
                for i, token in enumerate(tokens)
                if token.unit == tokens[negator].unit and i != negator
            )
            without_negator = view[start : negator_unit.start] + kept + view[negator_unit.end : end]
            if self.options.score(reading.model.scores([without_negator])[0]) >= score:
                denied = units[tokens[negator + 1].unit]
                return denied.start, denied.end
        return None


def _term_index(rule: Rule, policy: Policy, option: dict[str, Any], key: str) -> TermIndex:
    """The terms an option names by its ``lists`` and ``terms`` (``targets``, ``yields-to``)."""
    named = {name: value for name, value in option.items() if name in TERM_KEYS}
    return TermIndex(rule_terms(rule, policy, named, where=f"{key}."))
