"""The context of a stretch of text: what changes the meaning of the words found in it.

"Our platform is 100% secure" is a claim; "no platform is 100% secure" is not. "We smoked
weed" is a post about drug use; "police seized weed, a report says" is news. A rule names the
contexts that cancel it (``unless: [negated, reported]``) and the engine drops its hits there.
Each context is decided from the words of the hit's own sentence, computed once per sentence:

- ``negated``: a negation before the hit in its clause ("not", "never", "no", "ikke", "aldri",
  "ingen"...), or one that closes the clause after it ("... finnes ikke", "... does not exist");
- ``quoted``: the hit lies inside quotation marks (reporting someone else's words);
- ``title``: the quotation names a work: a song, film or book by someone ("'Cocaine' by Eric
  Clapton", «Cocaine» med Eric Clapton), or after a word for one ("the film 'Blow'");
- ``reported``: the sentence attributes what it says to others (a study, the police, the news,
  statistics, someone who "said" it) or reports removing what others wrote;
- ``question``: the sentence asks, or reports a question ("asked whether");
- ``hypothetical``: a condition before the hit ("if", "imagine", "hvis", "dersom");
- ``self``: the writer says it of themselves ("I'm such an idiot", "jeg er dust", "for en tosk
  jeg er"): self-deprecation calls no one a name;
- ``announced``: the sentence, or one beside it in its paragraph, says the news is out ("we
  announced it at the conference", "vi offentliggjorde i går", "share away"), not negated;
- ``moderated``: the sentence reports taking down what others wrote: a word of moderation near
  a word for a post ("we removed comments calling...", "slettet en kommentar som...");
- ``opinion``: the sentence, or one beside it in its paragraph, marks what it says as the
  writer's own view ("if you ask me", "I'm biased", "etter min mening", "jeg er partisk").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Literal, NamedTuple

from postguard.analysis.attribution import SELF_SUBJECTS, reports
from postguard.analysis.tokens import Token, sentence_tokens
from postguard.analysis.units import Unit

#: Each context a rule may name in ``unless``, with what it means in words.
CONTEXT_MEANINGS = {
    "negated": "the sentence negates it",
    "quoted": "it is inside quotation marks",
    "title": "it is inside the quoted title of a song, film or book",
    "reported": "the sentence reports what others said, found or wrote",
    "question": 'the sentence asks, or reports a question ("customers ask whether...")',
    "hypothetical": "it follows a condition (if, hvis)",
    "self": 'the writer says it of themselves ("I\'m such an idiot", "jeg er dust")',
    "announced": 'the sentence or one beside it says the news is out ("we announced it", "vi offentliggjorde")',
    "moderated": 'the sentence reports taking down what others wrote ("we removed comments calling...")',
    "opinion": 'the sentence or one beside it marks it as the writer\'s own view ("if you ask me", "jeg er partisk")',
}
CONTEXTS = tuple(CONTEXT_MEANINGS)

#: Words that negate what follows them in their clause.
NEGATORS = frozenset(
    {
        # en
        "not", "never", "no", "nothing", "nobody", "none", "neither", "nor", "without", "hardly",
        "cannot", "nowhere",
        # nb
        "ikke", "aldri", "ingen", "intet", "ingenting", "verken", "uten", "neppe",
        "hverken", "ingensteds",
    }
)  # fmt: skip
#: A negator followed by one of these does not negate ("not only", "ikke bare", "no doubt").
NOT_NEGATING_AFTER = frozenset({"only", "just", "least", "doubt", "wonder", "bare", "kun", "minst", "tvil"})
#: Set phrases that start with a negator and deny nothing: "not gonna lie, we were rolling",
#: "no regrets", "can't believe we did", "nobody noticed", "ikke for å skryte", "kan ikke tro";
#: and the disclaimers before a put-down: "not to be rude, but", "no offence", "det er ikke at
#: du er dum, men...", "ikke vondt ment".
#: Each is matched from the word before the negator (``None``: any word; ``""``: the negator
#: starts the sentence). "ikke at" is a disclaimer only after "er"/"var" or first ("Ikke at jeg
#: bryr meg, men..."): "det betyr ikke at den er umulig å dirke" denies.
NOT_NEGATING_PHRASES: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    (None, ("not", "gonna", "lie")),
    (None, ("not", "going", "to", "lie")),
    (None, ("not", "to", "lie")),
    (None, ("not", "kidding")),
    (None, ("not", "to", "be")),
    (None, ("no", "offense")),
    (None, ("no", "offence")),
    (None, ("no", "regrets")),
    (None, ("no", "shame")),
    (None, ("no", "joke")),
    (None, ("no", "cap")),
    (None, ("no", "lie")),
    (None, ("nobody", "noticed")),
    (None, ("nobody", "knew")),
    ("can", ("not", "believe")),
    ("could", ("not", "believe")),
    (None, ("cannot", "believe")),
    (None, ("ikke", "for", "å", "lyve")),
    (None, ("ikke", "for", "å", "skryte")),
    (None, ("ikke", "for", "å", "overdrive")),
    (None, ("ikke", "for", "å", "være")),
    ("", ("ikke", "at")),
    ("er", ("ikke", "at")),
    ("var", ("ikke", "at")),
    (None, ("ikke", "vondt", "ment")),
    (None, ("ingen", "anger")),
    (None, ("ingen", "merket")),
    (None, ("ingen", "la", "merke")),
    ("kan", ("ikke", "tro")),
)
#: Word sequences that negate the clause before them ("null risiko finnes ikke").
NEGATING_ENDINGS: tuple[tuple[str, ...], ...] = (
    ("finnes", "ikke"),
    ("eksisterer", "ikke"),
    ("does", "not", "exist"),
    ("do", "not", "exist"),
    ("is", "a", "myth"),
    ("er", "en", "myte"),
)
#: How many words before a hit a negation reaches ("no such thing as a risk-free...": five).
NEGATION_REACH = 5
#: Words that start a new statement inside a clause: a negation before them does not reach past
#: them ("I wasn't born yesterday and I know these idiots").
#: "that"/"at" do not: "we can't promise that it never goes down" negates what follows.
SCOPE_BREAKERS = frozenset({"and", "but", "because", "which", "who", "so", "og", "men", "fordi", "som", "så"})
#: Verbs of calling someone something: a negation before one reaches the name it gives, however
#: long the person named ("I won't be calling that guest an idiot", "jeg kommer aldri til å
#: kalle den nye kollegaen en idiot").
CALLING_VERBS = frozenset({"call", "calls", "calling", "called", "kalle", "kaller", "kalte", "kalt", "kalla"})
#: How far a negation reaches through a verb of calling.
CALLING_REACH = 10
#: Words of asking and wondering, and what opens the question they report ("asked whether").
ASKING_WORDS = frozenset(
    {
        "ask", "asks", "asked", "asking", "wonder", "wonders", "wondered", "wondering", "unsure",
        "spør", "spurte", "spørsmål", "lurer", "lurte", "usikker", "usikre",
    }
)  # fmt: skip
INDIRECT_QUESTIONS = frozenset({"whether", "if", "om"})
#: How questions that state something open: with "did you know", or asking why anyone would go
#: elsewhere or who else could. Such a sentence asserts what it asks about, so the ``question`` context does not hold.
RHETORICAL_OPENINGS = (
    ("did", "you", "know"), ("do", "you", "know", "that"), ("visste", "du"), ("vet", "du", "at"),
    ("why", "choose"), ("why", "settle"), ("why", "pay", "more"), ("why", "go", "anywhere"),
    ("why", "look", "elsewhere"), ("hvorfor", "velge"), ("hvorfor", "nøye", "seg"),
    ("hvorfor", "betale", "mer"), ("hvorfor", "gå", "andre"), ("who", "else", "but"),
    ("who", "else", "can"), ("who", "else", "could"), ("where", "else", "can"),
    ("where", "else", "could"), ("hvem", "andre", "enn"), ("hvem", "andre", "kan"),
    ("hvem", "ellers", "kan"), ("hvor", "ellers", "kan"),
)  # fmt: skip
#: How a writer marks a sentence as their own view, not a fact about the product: a superlative
#: beside one is taste ("Best office view in the country, if you ask me").
HEDGES = (
    ("if", "you", "ask", "me"), ("in", "my", "opinion"), ("in", "my", "humble", "opinion"),
    ("in", "my", "honest", "opinion"), ("imho",), ("imo",), ("i", "am", "biased"),
    ("i", "may", "be", "biased"), ("i", "might", "be", "biased"), ("i", "am", "a", "bit", "biased"),
    ("spør", "du", "meg"), ("etter", "min", "mening"), ("jeg", "er", "partisk"),
    ("jeg", "er", "inhabil"), ("jeg", "er", "litt", "partisk"), ("jeg", "er", "kanskje", "partisk"),
    ("jeg", "er", "kanskje", "inhabil"), ("jeg", "er", "nok", "inhabil"), ("jeg", "er", "nok", "partisk"),
)  # fmt: skip
_HEDGE_FIRST = frozenset(words[0] for words in HEDGES)
#: Words that say the news is out, as the tokens read them (a contraction spelt out). Each is
#: what was done, not what will be ("to be announced", "announced next week" are not here).
ANNOUNCING = (
    ("we", "announced"), ("we", "have", "announced"), ("was", "announced"), ("were", "announced"),
    ("publicly", "announced"), ("officially", "announced"), ("announced", "today"),
    ("announced", "yesterday"), ("public", "roadmap"), ("share", "away"), ("now", "public"),
    ("it", "is", "official"), ("vi", "offentliggjorde"), ("offentliggjorde",), ("kunngjorde",),
    ("ble", "offentliggjort"), ("er", "offentliggjort"), ("ble", "kunngjort"), ("er", "kunngjort"),
    ("nå", "offentlig"), ("del", "gjerne"), ("det", "er", "offisielt"),
)  # fmt: skip
_ANNOUNCING_FIRST = frozenset(words[0] for words in ANNOUNCING)
#: How many words before an announcing phrase a negation cancels it ("has not been officially").
ANNOUNCING_NEGATION_REACH = 3
#: Taking down what others wrote, and what was taken down: near each other, the sentence reports
#: moderation ("flagged a thread claiming...", "fjernet kommentarer som kalte..."). Done, not to
#: be done: "delete that post or else" is no report.
MODERATING = frozenset(
    {
        "deleted", "removed", "blocked", "banned", "moderated", "flagged", "hid", "hidden",
        "reported", "slettet", "fjernet", "blokkerte", "blokkert", "rapporterte", "rapportert",
        "skjulte", "skjult", "modererte", "moderert",
        # the same, being done or to do: "Hiding comments that call...", "vi sletter innlegg som..."
        "deleting", "removing", "blocking", "banning", "moderating", "flagging", "hiding",
        "sletter", "fjerner", "blokkerer", "skjuler", "modererer",
    }
)  # fmt: skip
POSTS = frozenset(
    {
        "comment", "comments", "post", "posts", "thread", "threads", "reply", "replies", "tweet",
        "tweets", "message", "messages", "review", "reviews", "kommentar", "kommentaren",
        "kommentarer", "kommentarene", "innlegg", "innlegget", "innleggene", "tråd", "tråden",
        "svar", "svaret", "svarene", "melding", "meldingen", "meldinger", "anmeldelse",
        "anmeldelsen", "anmeldelser",
    }
)  # fmt: skip
#: How far apart a word of moderation and a word for a post may be ("removed two of the comments").
MODERATION_REACH = 4
#: How many words before "whether" a word of asking may stand ("asked a lot whether", "lurer på om").
ASKING_REACH = 3
#: Words that make what follows them a condition, not a statement.
CONDITION_WORDS = frozenset(
    {"if", "imagine", "suppose", "supposing", "hypothetically", "hvis", "dersom", "tenk"}
)
#: Verbs that join the writer to what they call themselves ("I am", "jeg føler meg som").
SELF_LINKS = frozenset({"am", "was", "feel", "felt", "er", "var", "blir", "ble", "føler", "følte"})
#: Words that may stand between the link and the hit ("I'm such a complete idiot", "jeg er
#: litt dust", "jeg føler meg som en tosk").
SELF_FILLERS = frozenset(
    {
        "a", "an", "such", "so", "total", "complete", "real", "bit", "little", "like", "just",
        "en", "ei", "et", "så", "litt", "skikkelig", "helt", "jo", "bare", "meg", "som", "noen",
    }
)  # fmt: skip
#: How many filler words may stand between the link and the hit.
SELF_REACH = 3
#: After a quoted title: who made the work ("'Cocaine' by Eric Clapton", «Snø» av Kari Bremnes).
_TITLE_AFTER_RE = re.compile(r"[,:]?\s+(?:by|med|av|from|fra)\s+[^\W\d_]")
#: Before a quoted title: a word for a work ("the song 'Cocaine'", "filmen «Blow»"), up to two
#: words back.
_TITLE_BEFORE_RE = re.compile(
    r"\b(?:songs?|tracks?|albums?|singles?|films?|movies?|books?|novels?|series|shows?|podcasts?|plays?|"
    r"sang(?:en)?|låt(?:en)?|album(?:et)?|singelen|film(?:en)?|bok(?:a|en)?|roman(?:en)?|serien|"
    r"podkasten|podcasten|stykket|forestillingen)\b(?:\s+\S+){0,2}\s*$",
    re.IGNORECASE,
)
#: How far before a quotation the words for a work are looked for.
TITLE_LOOKBACK = 40
#: Pairs of quotation marks, on one line, of a sensible length.
QUOTE_RE = re.compile(
    r"“[^”\n]{1,400}”|„[^“”\n]{1,400}[“”]|«[^»\n]{1,400}»|\"[^\"\n]{1,400}\""
    r"|(?<![^\W_])‘[^‘’\n]{1,300}’(?![^\W_])|(?<![^\W_])'[^'\n]{1,300}'(?![^\W_])"
)


class _Sentence(NamedTuple):
    """What one sentence says about every stretch of it, computed once: its tokens, where each
    starts (for bisection), whether it reports or asks, where its first condition word is, and
    where a clause-closing negation ("finnes ikke") starts. A draft of one endless sentence with
    thousands of hits asks about it thousands of times."""

    tokens: list[Token]
    starts: list[int]
    reported: bool
    asks: bool
    first_condition: int
    negating_endings: list[int]
    announces: bool
    moderates: bool
    hedges: bool


class Context:
    """The contexts of any stretch of one document, from its words and sentences."""

    def __init__(self, view: str, units: Sequence[Unit], sentences: Sequence[int]) -> None:
        self.view = view
        self.units = units
        self.sentences = sentences
        self._unit_starts = [unit.start for unit in units]
        self._tokens: dict[int, list[Token]] = {}
        self._sentences: dict[int, _Sentence] = {}
        self._quotes: list[tuple[int, int]] | None = None
        self._near: dict[tuple[str, int], bool] = {}

    def of(self, start: int, end: int) -> frozenset[str]:
        """The contexts that hold for the text from ``start`` to ``end``."""
        first = bisect.bisect_left(self._unit_starts, start)
        if first >= len(self.units) or self.units[first].start >= end:
            return frozenset(("quoted",)) if self._quoted(start, end) else frozenset()
        sentence = self._sentence(self.units[first].sentence)
        at = bisect.bisect_left(sentence.starts, start)
        until = bisect.bisect_left(sentence.starts, end) - 1
        found = set()
        if self._negated(sentence, at, until):
            found.add("negated")
        if self._quoted(start, end):
            found.add("quoted")
        if self._titled(start, end):
            found.add("title")
        if sentence.reported:
            found.add("reported")
        if sentence.asks:
            found.add("question")
        if sentence.first_condition < at:
            found.add("hypothetical")
        if _said_of_self(sentence.tokens, at, until):
            found.add("self")
        if self._near_holds("announces", self.units[first].sentence):
            found.add("announced")
        if sentence.moderates:
            found.add("moderated")
        if self._near_holds("hedges", self.units[first].sentence):
            found.add("opinion")
        return frozenset(found)

    def _near_holds(self, fact: Literal["announces", "hedges"], sentence: int) -> bool:
        """Whether sentence number ``sentence``, or one beside it in the same paragraph, has
        ``fact`` (a field of its facts: it ``announces`` the news is out, it ``hedges``);
        worked out once per sentence."""
        found = self._near.get((fact, sentence))
        if found is None:
            found = self._near[(fact, sentence)] = any(
                0 <= other < len(self.sentences)
                and self._same_paragraph(sentence, other)
                and getattr(self._sentence(other), fact)
                for other in (sentence, sentence - 1, sentence + 1)
            )
        return found

    def _same_paragraph(self, one: int, other: int) -> bool:
        """Whether no blank line lies between the starts of two sentences."""
        low, high = sorted((one, other))
        return "\n\n" not in self.view[self.sentences[low] : self.sentences[high]]

    def tokens(self, sentence: int) -> list[Token]:
        """The tokens of sentence number ``sentence`` (as numbered on the units), made once."""
        cached = self._tokens.get(sentence)
        if cached is None:
            first = self._first_unit(sentence)
            last = first - 1  # a sentence of emoji or punctuation alone has no units, no tokens
            while last + 1 < len(self.units) and self.units[last + 1].sentence == sentence:
                last += 1
            cached = self._tokens[sentence] = sentence_tokens(self.units, first, last)
        return cached

    def _sentence(self, sentence: int) -> _Sentence:
        """The sentence's facts, made on the first question about a stretch of it (a rule that only
        matches words, such as ``phrases``, asks for the tokens alone)."""
        cached = self._sentences.get(sentence)
        if cached is None:
            tokens = self.tokens(sentence)
            texts = [token.text for token in tokens]
            conditions = [i for i, text in enumerate(texts) if text in CONDITION_WORDS]
            cached = self._sentences[sentence] = _Sentence(
                tokens,
                [self.units[token.unit].start for token in tokens],
                reports(tokens, texts, self.units),
                (self._asks(tokens) and not _rhetorical(texts)) or _asks_indirectly(texts),
                conditions[0] if conditions else len(tokens),
                _negating_endings(tokens),
                _announces(tokens, texts),
                _moderates(texts),
                _hedges(texts),
            )
        return cached

    def _first_unit(self, sentence: int) -> int:
        lo, hi = 0, len(self.units)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.units[mid].sentence < sentence:
                lo = mid + 1
            else:
                hi = mid
        return lo

    @staticmethod
    def _negated(sentence: _Sentence, at: int, until: int) -> bool:
        tokens = sentence.tokens
        clause = tokens[at].clause
        calling = False
        for i in range(at - 1, max(0, at - CALLING_REACH) - 1, -1):
            token = tokens[i]
            if token.clause != clause or token.text in SCOPE_BREAKERS:
                break
            calling = calling or token.text in CALLING_VERBS
            if (calling or at - i <= NEGATION_REACH) and _negates(tokens, i):
                return True
        # A clause-closing negation after the hit, in the clause the hit ends in.
        after = bisect.bisect_right(sentence.negating_endings, until)
        return after < len(sentence.negating_endings) and (
            tokens[sentence.negating_endings[after]].clause == tokens[until].clause
        )

    def negations(self, sentence: int) -> list[tuple[int, int]]:
        """Each negation of sentence number ``sentence`` as (negator, last word it denies), token
        indexes into :meth:`tokens`: the words after the negator, up to :data:`NEGATION_REACH`,
        in its clause and before a :data:`SCOPE_BREAKERS` word. A model that reads a whole
        sentence asks with them whether a negation denies what it found."""
        tokens = self.tokens(sentence)
        found = []
        for i, token in enumerate(tokens):
            if not _negates(tokens, i):
                continue
            last = i
            while (
                last + 1 < len(tokens)
                and last + 1 - i <= NEGATION_REACH
                and tokens[last + 1].clause == token.clause
                and tokens[last + 1].text not in SCOPE_BREAKERS
            ):
                last += 1
            if last > i:
                found.append((i, last))
        return found

    def _asks(self, tokens: list[Token]) -> bool:
        if not tokens:  # a sentence of emoji or punctuation alone
            return False
        last = self.units[tokens[-1].unit]
        tail = self.view[last.end : last.end + 4]
        return "?" in tail.split("\n", 1)[0]

    def quotes_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """The quotations (with their marks) that lie within ``start``..``end``."""
        quotes = self._all_quotes()
        found = []
        for quote in quotes[bisect.bisect_left(quotes, (start, start)) :]:
            if quote[0] >= end:
                break
            if quote[1] <= end:
                found.append(quote)
        return found

    def _all_quotes(self) -> list[tuple[int, int]]:
        if self._quotes is None:
            self._quotes = [m.span() for m in QUOTE_RE.finditer(self.view)]
        return self._quotes

    def _quoted(self, start: int, end: int) -> bool:
        quotes = self._all_quotes()
        at = bisect.bisect_right(quotes, (start, len(self.view) + 1)) - 1
        return at >= 0 and quotes[at][0] < start and end <= quotes[at][1]

    def _titled(self, start: int, end: int) -> bool:
        """Whether the stretch reaches into the quoted title of a work: a capitalised quotation
        with its maker after it or a word for a work before it."""
        quotes = self._all_quotes()
        at = max(0, bisect.bisect_right(quotes, (start, len(self.view) + 1)) - 1)
        for opening, closing in quotes[at:]:
            if opening >= end:
                break
            if closing <= start or not self.view[opening + 1 : closing - 1].lstrip()[:1].isupper():
                continue
            if _TITLE_AFTER_RE.match(self.view, closing) or _TITLE_BEFORE_RE.search(
                self.view[max(0, opening - TITLE_LOOKBACK) : opening]
            ):
                return True
        return False


def _said_of_self(tokens: list[Token], at: int, until: int) -> bool:
    """Whether the writer is the one the hit calls something: "I am (such a) X" before it, or
    "X I am" / "X jeg er" right after it ("what an idiot I am", "for en tosk jeg er")."""
    i = at - 1
    while i >= 0 and at - 1 - i < SELF_REACH and tokens[i].text in SELF_FILLERS:
        i -= 1
    if i >= 1 and tokens[i].text in SELF_LINKS and tokens[i - 1].text in SELF_SUBJECTS:
        return tokens[i - 1].clause == tokens[at].clause
    after = [token.text for token in tokens[until + 1 : until + 3] if token.clause == tokens[until].clause]
    return len(after) == 2 and after[0] in SELF_SUBJECTS and after[1] in SELF_LINKS


def _negating_endings(tokens: list[Token]) -> list[int]:
    """Where each of :data:`NEGATING_ENDINGS` starts, whole within one clause."""
    texts = [token.text for token in tokens]
    return [
        i
        for i in range(len(tokens))
        if any(
            tuple(texts[i : i + len(ending)]) == ending
            and tokens[i + len(ending) - 1].clause == tokens[i].clause
            for ending in NEGATING_ENDINGS
        )
    ]


def _negates(tokens: list[Token], i: int) -> bool:
    """Whether the word at ``i`` is a negator that negates what follows it ("not", but not "not
    only" or "not gonna lie")."""
    if tokens[i].text not in NEGATORS:
        return False
    following = tokens[i + 1].text if i + 1 < len(tokens) else ""
    return following not in NOT_NEGATING_AFTER and not _set_phrase(tokens, i)


def _set_phrase(tokens: list[Token], i: int) -> bool:
    """Whether the negator at ``i`` starts one of :data:`NOT_NEGATING_PHRASES`."""
    for before, words in NOT_NEGATING_PHRASES:
        if before is not None and (tokens[i - 1].text if i else "") != before:
            continue
        if tuple(t.text for t in tokens[i : i + len(words)]) == words:
            return True
    return False


def _announces(tokens: list[Token], texts: list[str]) -> bool:
    """Whether the sentence says the news is out: one of :data:`ANNOUNCING`, whole, with no
    negation in the words just before it ("it has not been officially announced")."""
    if _ANNOUNCING_FIRST.isdisjoint(texts):
        return False
    for i in range(len(texts)):
        for words in ANNOUNCING:
            if tuple(texts[i : i + len(words)]) == words and not any(
                _negates(tokens, j) for j in range(max(0, i - ANNOUNCING_NEGATION_REACH), i)
            ):
                return True
    return False


def _moderates(texts: list[str]) -> bool:
    """Whether the sentence reports taking down what others wrote: a word of :data:`MODERATING`
    within :data:`MODERATION_REACH` words of a word for a post (:data:`POSTS`)."""
    return _near(texts, MODERATING, POSTS, MODERATION_REACH, before_only=False)


def _hedges(texts: list[str]) -> bool:
    """Whether the sentence marks what it says as the writer's own view (:data:`HEDGES`)."""
    if _HEDGE_FIRST.isdisjoint(texts):
        return False
    return any(tuple(texts[i : i + len(hedge)]) == hedge for i in range(len(texts)) for hedge in HEDGES)


def _rhetorical(texts: list[str]) -> bool:
    """Whether a question only dresses up a statement: "Did you know ours are the only windows
    that never leak?", "Hvorfor velge noen andre når vi er billigst?" (:data:`RHETORICAL_OPENINGS`)."""
    return any(tuple(texts[: len(opening)]) == opening for opening in RHETORICAL_OPENINGS)


def _asks_indirectly(texts: list[str]) -> bool:
    """Whether the sentence reports a question: a word of asking or wondering shortly before
    "whether", "if" or "om" ("we get asked whether our app is unhackable", "kunder spør om
    prisene er de laveste"). "Whether you are at home or away" alone asks nothing."""
    return _near(texts, ASKING_WORDS, INDIRECT_QUESTIONS, ASKING_REACH, before_only=True)


def _near(
    texts: list[str], words: frozenset[str], anchors: frozenset[str], reach: int, before_only: bool
) -> bool:
    """Whether one of ``words`` stands within ``reach`` words of one of ``anchors`` (with
    ``before_only``, before it)."""
    if words.isdisjoint(texts) or anchors.isdisjoint(texts):
        return False
    places = [i for i, text in enumerate(texts) if text in words]
    return any(
        text in anchors
        and any(0 < i - place <= reach or (not before_only and 0 < place - i <= reach) for place in places)
        for i, text in enumerate(texts)
    )
