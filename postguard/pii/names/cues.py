"""The words around a run that say whether it names a person, or a place, a firm or a product.

Each cue reads the Doc around a run of capitalised words: a greeting or a signature, a role in
apposition, a clause's subject that a pronoun refers back to, a place word before it, and the
evidence against a person (organisations, addresses, routes, products).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from postguard.pii.names.shapes import CAP, OTHER, Shapes, inner_capital
from postguard.pii.names.vocabulary import Vocabulary
from postguard.pii.names.words import (
    ADDRESS_FOLLOWERS,
    ADDRESS_MARKS,
    AFTER_CUES,
    ARTICLES,
    CLAUSE_STARTS,
    CONJUNCTIONS,
    EPONYMOUS,
    INTRODUCTIONS,
    MOTION,
    OBJECT_PRONOUNS,
    ORG_ENDINGS,
    ORG_WORDS,
    ORIGIN_WORDS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PLACE_CUES,
    PLACE_HEADS,
    PRONOUNS,
    SIGN_OFFS,
    STREET_HEADS,
    THING_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: "from X to Y": a route between places (or a move between tools), not people.
ROUTES = {"en": ("from", "to"), "nb": ("fra", "til")}
#: How many words after a run a pronoun may come and still refer back to it.
PRONOUN_WINDOW = 12
#: How many words before "to" a word of travel may come: "drove up the coast to Mendocino".
MOTION_WINDOW = 4
#: A number after a run makes it a product or a street: "Rust 1.53", "Via Roma 131".
VERSION_RE = re.compile(r"^v?\d[\d.,]*$")
#: Marks that open a quoted name: Redningsskøyta «Kristian Gerhard Jebsen».
OPENING_QUOTES = frozenset({"«", '"', "“", "'"})
#: The shortest first part of a Norwegian compound that ends in a thing noun ("Redningsskøyta").
COMPOUND_HEAD_MIN = 3
#: A name joined by a hyphen to a lower-case noun names a thing: "Sverdrup-feltet", "League-stevnet".
COMPOUND_TAIL_RE = re.compile(r"^\w+(?:-\w+)*-[^\W\d_]{3,}$")


class Cues:
    """The context cues of one language, read around a run of tokens."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.language = vocabulary.language
        self.lex = vocabulary.lex
        self.after = AFTER_CUES[self.language]
        self.places = PLACE_CUES[self.language]

    def after_place(self, doc: Doc, shapes: Shapes, i: int, reach: bool = True) -> bool:
        """Whether token ``i`` follows a place word ("in", "i", "moved to", "flyttet til"), perhaps via
        a list ("i Lofoten og Senja") when ``reach``."""
        k = i - 1
        while k >= 0 and not doc[k + 1].is_sent_start and (reach or k == i - 1):
            word = doc[k].lower_
            if word in self.places:
                return True
            if word in {"to", "til"} and self.motion_before(doc, k):
                return True
            if word in {"from", "fra"} and k > 0 and doc[k - 1].lower_ in ORIGIN_WORDS:
                return True  # "originally from Dolores", "kommer fra Molde"
            if word in CONJUNCTIONS or shapes[k] is CAP:
                k -= 1
                continue
            return False
        return False

    @staticmethod
    def motion_before(doc: Doc, k: int) -> bool:
        """Whether a word of travel comes shortly before "to" at token ``k``, in the same sentence:
        "going to Cancun", "drove up the coast to Mendocino" (not "sent it to Mulva")."""
        for m in range(k - 1, max(k - 1 - MOTION_WINDOW, -1), -1):
            if doc[m].lower_ in MOTION:
                return True
            if doc[m].is_sent_start or doc[m].lower_ in {"to", "til"}:
                break  # "going to talk to Mulva": the travel is someone else's
        return False

    def addressed(self, doc: Doc, i: int, k: int, nxt: Token | None, nxt2: Token | None) -> bool:
        """Whether tokens [i, k) address someone ("Mulva, can you", "Kari, husk") or sign a message
        on a line of their own after a closing word ("Best regards,\nMulva")."""
        if (doc[i].is_sent_start or i == 0) and nxt is not None and nxt.text in ADDRESS_MARKS:
            if nxt2 is None or "\n" in nxt2.text:
                return i == 0 or "\n\n" in doc[i - 1].text  # a greeting that opens a message: "Jacqueline -"
            if nxt2.lower_ in ADDRESS_FOLLOWERS[self.language]:
                return True
        if k < len(doc) and "\n" not in doc[k].text:
            return False
        b = i - 1
        if b < 1 or "\n" not in doc[b].text:
            return False
        if k == len(doc) and "\n\n" in doc[b].text:
            return True  # the last line of a message, after a blank line: a signature
        b -= 1
        if doc[b].text == "," and b > 0:
            b -= 1
        return doc[b].lower_ in SIGN_OFFS[self.language]

    def after_person_word(self, doc: Doc, i: int) -> bool:
        """Whether a word for a person comes right before token ``i``, perhaps with a comma between:
        "my mother-in-law, Rosalind", "my brother-in-law Rashad"."""
        b = i - 1
        if b > 0 and doc[b].text == ",":
            b -= 1
        if b < 0 or (doc[b].is_sent_start and b != i - 1):
            return False
        word = doc[b].lower_
        if word == "law" and b >= 2 and doc[b - 2].lower_ == "in":
            return True
        return b < i - 1 and word in PERSON_NOUNS[self.language]

    def introduced(self, doc: Doc, i: int) -> bool:
        """Whether the two words before token ``i`` introduce a person: "my name is", "call me", "I'm"."""
        if i < 2 or doc[i].is_sent_start or doc[i - 1].is_sent_start:
            return False
        return (doc[i - 2].lower_, doc[i - 1].lower_) in INTRODUCTIONS[self.language]

    def pronoun_follows(self, doc: Doc, shapes: Shapes, i: int, k: int) -> bool:
        """Whether a run that starts a clause at token ``i`` is the subject a personal pronoun after it
        refers to, with no other capitalised word between: "since Chonawee has a background in
        optimisation, he", "Bush did not have his eye on the ball", "Hansen sier at han"."""
        if not (doc[i].is_sent_start or i == 0 or doc[i - 1].lower_ in CLAUSE_STARTS[self.language]):
            return False
        b = i - 1
        while b >= 0 and doc[b].lower_ in CONJUNCTIONS:
            b -= 1
        if 0 <= b < i - 1 and shapes[b] is not OTHER:
            return False  # the last of a list: "Go, Java, and Scala tools he used"
        pronouns = PRONOUNS[self.language]
        for m in range(k, min(k + PRONOUN_WINDOW, len(doc))):
            if (m > k and doc[m].is_sent_start) or shapes[m] is not OTHER:
                return False
            # Norwegian puts the subject right after the verb when something else comes first:
            # in "Bunnsjiktet deler han med andre" the pronoun is the subject, not the run.
            if doc[m].lower_ in pronouns and not (
                m == k + 1 and (self.language == "nb" or doc[m].lower_ in OBJECT_PRONOUNS)
            ):
                return True
        return False

    def not_a_person(self, doc: Doc, tokens: list[Token], nxt: Token | None, nxt2: Token | None) -> bool:
        """Whether the words around a run make it an organisation, a place, an address or a product."""
        if nxt is not None:
            word = nxt.lower_.rstrip(".")
            # "Acme AS", "Linux systems"; not "Ola as a child".
            if word in ORG_WORDS and (nxt.text != "as" or self.language == "nb"):
                return True
            if nxt.text == "," and nxt2 is not None and nxt2.is_upper and len(nxt2) == 2:
                return True  # "Raleigh, NC": a town and its state
            if VERSION_RE.match(nxt.text) and not (nxt2 is not None and nxt2.text[:1].isdigit()):
                return (
                    True  # "Rust 1.53", "Via Roma 131": a product or a street; not "Al Arfsten 713 965 2158"
                )
        endings = ORG_ENDINGS[self.language]
        if endings and any(t.lower_.endswith(endings) for t in tokens):
            return True
        first = tokens[0]
        b = first.i - 1
        if b > 0 and doc[b].text == ".":
            b -= 1  # "ul. Biskupa", split by the tokenizer
        before = doc[b].lower_.rstrip(".") if b >= 0 else ""
        head = first.lower_.rstrip(".")
        if tokens[-1].lower_ in self.lex.street_ends and b >= 0 and doc[b].like_num:
            return True  # "41 Popović Dam", "17611 Loring Lane": an address
        if head in STREET_HEADS or before in STREET_HEADS or head in PLACE_HEADS:
            return True
        # A name in quotes after the word for it: skøyta «Kristian Gerhard Jebsen».
        noun = doc[b - 1].lower_ if b > 0 and before in OPENING_QUOTES else before
        if self.names_a_thing(noun) or compound_tail(tokens[-1].text):
            return True
        if before in PLACE_HEADS and doc[b].text[:1].isupper():
            return True
        if (first.lower_, tokens[1].lower_ if len(tokens) > 1 else "") in EPONYMOUS:
            return True
        if nxt is not None and (tokens[-1].lower_, nxt.lower_.replace("’", "'")) in EPONYMOUS:
            return True  # "Wendy's"
        if self.firm_partner(doc, b, nxt, nxt2) or self.route(doc, b, nxt, nxt2):
            return True
        return any(inner_capital(t.text) for t in tokens)

    def names_a_thing(self, before: str) -> bool:
        """Whether the word before a run says it names a storm, a ship, a firm or a work:
        "the storm Ingunn", "Ekstremværet Hans", "Tannbørsteprodusenten Jordan"."""
        nouns = THING_NOUNS[self.language]
        if before in nouns:
            return True
        return self.language == "nb" and any(
            before.endswith(noun) and len(before) >= len(noun) + COMPOUND_HEAD_MIN for noun in nouns
        )

    @staticmethod
    def firm_partner(doc: Doc, b: int, nxt: Token | None, nxt2: Token | None) -> bool:
        """Whether a run is joined to a capitalised word by "&": a firm, "Ernst & Young"."""
        if nxt is not None and nxt.text == "&" and nxt2 is not None and nxt2.text[:1].isupper():
            return True
        return b > 0 and doc[b].text == "&" and doc[b - 1].text[:1].isupper()

    def route(self, doc: Doc, b: int, nxt: Token | None, nxt2: Token | None) -> bool:
        """Whether a run (token ``b`` before it) is an end of "from X to Y": places, or tools one moves between."""
        start, end = ROUTES[self.language]
        if b < 0:
            return False
        if doc[b].lower_ == start:
            return nxt is not None and nxt.lower_ == end and nxt2 is not None and nxt2.text[:1].isupper()
        if doc[b].lower_ != end:
            return False
        k = b - 1
        while k >= 0 and doc[k].text[:1].isupper() and not doc[k].is_sent_start:
            k -= 1
        return 0 <= k < b - 1 and doc[k].lower_ == start

    def person_follows(self, doc: Doc, k: int) -> bool:
        """Whether the words from ``k`` on call for a person: "said", ", who", "initially lied", "and his"."""
        word = doc[k].lower_
        if word in self.after:
            return True
        if k + 1 >= len(doc) or doc[k + 1].is_sent_start:
            return False
        nxt = doc[k + 1].lower_
        if word == ",":
            return nxt in {"who", "som"} or self.role(doc, k + 1)
        if word == "(":
            # An age in brackets, as news write it: "Kari Nordmann (34)".
            return doc[k + 1].is_digit and len(nxt) <= 2 and k + 2 < len(doc) and doc[k + 2].text == ")"
        if word in {"and", "og"}:
            return nxt in PERSON_PRONOUNS
        return word.endswith("ly") and nxt in self.after and self.language == "en"

    def role(self, doc: Doc, k: int) -> bool:
        """Whether token ``k`` starts a role in apposition: ", CEO of Acme", ", a spokesman for"."""
        word = doc[k].lower_.rstrip(".")
        if word in ARTICLES[self.language] and k + 1 < len(doc):
            word = doc[k + 1].lower_.rstrip(".")
        return self.vocabulary.is_title(word) or word in PERSON_NOUNS[self.language]


def compound_tail(word: str) -> bool:
    """Whether a word is a name joined to a lower-case noun: "Sverdrup-feltet" (not "Bakke-Jensen")."""
    return COMPOUND_TAIL_RE.match(word) is not None and word.rsplit("-", 1)[1].islower()
