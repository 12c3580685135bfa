"""The default policy on abuse and its hard negatives: what must be flagged (written in ordinary
words, found by the model or the lists) and what must not be (counter-speech, reporting,
negation, identity statements, fair criticism, frustration at things, self-deprecation,
homonyms), in English and Norwegian."""

from __future__ import annotations

import pytest

from postguard import Linter, Severity

ABUSE = frozenset({"offensive", "disparaging"})


def abuse_found(linter: Linter, text: str, lang: str) -> list[str]:
    result = linter.check(text, lang=lang)
    return [f.rule for f in result.findings if f.category in ABUSE and f.severity >= Severity.WARNING]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # counter-speech and reporting
        ("We deleted replies calling our support staff “clowns”.", "en"),
        ("Calling immigrants parasites is disgusting, and we won't host it here.", "en"),
        ("Vi slettet kommentarer som kalte kundeservice «klovner».", "nb"),
        ("Noen skrev «jeg vet hvor du bor, og jeg kommer» til kundeservice.", "nb"),
        # negation
        ("Our customers are not idiots, they just need a better manual.", "en"),
        ("I would never call anyone that.", "en"),
        ("Kundene våre er ikke dumme.", "nb"),
        ("Innvandrere er ikke kriminelle.", "nb"),
        ("Nobody here is lazy or stupid.", "en"),
        # neutral and positive identity statements
        ("I'm proud to be a gay engineer.", "en"),
        ("Our Muslim colleagues organised the Eid lunch for everyone.", "en"),
        ("Jeg er stolt av å være skeiv utvikler.", "nb"),
        # fair, specific criticism
        ("The competitor's app is better than ours right now.", "en"),
        ("Jeg er uenig i ledelsens prioriteringer.", "nb"),
        # frustration at things, self-deprecation
        ("Bygget feilet igjen, for et mareritt.", "nb"),
        ("I'm such a klutz, I pushed straight to main.", "en"),
        # technical words
        ("We kill the process and restart the worker.", "en"),
        ("Vi drepte prosessen og startet tjenesten på nytt.", "nb"),
        ("The threat model covers brute force attacks on the login.", "en"),
    ],
)
def test_hard_negatives_pass(text, lang, default_linter):
    assert abuse_found(default_linter, text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("I will find you and hurt you.", "en"),
        ("Honestly, immigrants are a plague on this town.", "en"),
        ("Our competitors' engineers are hopeless amateurs.", "en"),
        ("Du er dummere enn en dørstokk.", "nb"),
        ("Konkurrenten vår er et sirkus av et selskap.", "nb"),
        ("Kundene våre klarer ikke engang å lese en bruksanvisning.", "nb"),
        # the workplace itself is a target
        ("Our workplace is a circus with no ringmaster.", "en"),
        ("Arbeidsplassen min er en barnehage uten voksne.", "nb"),
        # "report" here tells what the bugs are, not whose words the sentence is: the model rules
        # do not heed the word lists' reading of it as reported speech
        ("Our customers are dumber than the bugs they report.", "en"),
    ],
)
def test_abuse_in_ordinary_words_is_flagged(text, lang, default_linter):
    assert abuse_found(default_linter, text, lang) != []
