"""The context layer: negation, quotation, reporting, questions and conditions, in en and nb."""

from __future__ import annotations

import pytest

from postguard.analysis import Analysis
from postguard.parsers import parse


def contexts(text: str, target: str, lang: str) -> frozenset[str]:
    analysis = Analysis(parse(text, "text", None), lang)
    start = text.index(target)
    return analysis.context.of(start, start + len(target))


@pytest.mark.parametrize(
    ("text", "target", "lang"),
    [
        ("No system is 100% secure.", "100% secure", "en"),
        ("I would never call anyone an idiot.", "idiot", "en"),
        ("Our customers are not idiots.", "idiots", "en"),
        ("They aren't clowns, they are busy.", "clowns", "en"),
        ("There is no such thing as a risk-free investment.", "risk-free", "en"),
        ("Det finnes ikke null risiko.", "null risiko", "nb"),
        ("Null risiko finnes ikke.", "Null risiko", "nb"),
        ("Kundene våre er ikke idioter.", "idioter", "nb"),
        ("Æ ville aldri kalt nån en idiot.", "idiot", "nb"),
        ("Det e ikkje 100 % trygt.", "100 % trygt", "nb"),
        # through a verb of calling, however long the person named
        ("I won't be calling that difficult guest an idiot.", "idiot", "en"),
        ("Jeg kommer aldri til å kalle den nye kollegaen en idiot.", "idiot", "nb"),
    ],
)
def test_negation_before_the_hit_or_closing_its_clause(text, target, lang):
    assert "negated" in contexts(text, target, lang)


@pytest.mark.parametrize(
    ("text", "target", "lang"),
    [
        ("Our platform is 100% secure.", "100% secure", "en"),
        ("It is not only fast, it is the fastest.", "the fastest", "en"),
        ("Not a single bug, and it never fails.", "never fails", "en"),
        ("Ikke bare rask: den er verdens raskeste.", "verdens raskeste", "nb"),
        ("Jeg er ikke sikker, men dere er idioter.", "idioter", "nb"),
        ("No worries. You are an idiot.", "idiot", "en"),
    ],
)
def test_negation_does_not_reach_past_its_clause_or_sentence(text, target, lang):
    assert "negated" not in contexts(text, target, lang)


@pytest.mark.parametrize(
    ("text", "target", "lang"),
    [
        ("Not gonna lie, we took molly at the afterparty.", "took molly", "en"),
        ("I can't believe we did lines in the bathroom.", "did lines", "en"),
        ("No regrets, we took molly at the festival.", "took molly", "en"),
        ("Nobody noticed I was stoned during the pitch.", "stoned during", "en"),
        ("Ikke for å skryte, men vi tok MDMA på nachet.", "tok MDMA", "nb"),
        ("Kan ikke tro at vi sniffa kola på julebordet.", "sniffa kola", "nb"),
        ("Not to be rude, but you are an idiot.", "idiot", "en"),
        ("No offence, but the new guy is a clown.", "clown", "en"),
        ("Det er ikke at du er dum, men du hører ikke etter.", "dum", "nb"),
        ("Ikke at jeg bryr meg, men du er en tosk.", "tosk", "nb"),
        ("Ikke vondt ment, men du er en tosk.", "tosk", "nb"),
    ],
)
def test_set_phrases_with_a_negator_deny_nothing(text, target, lang):
    assert "negated" not in contexts(text, target, lang)


def test_a_real_denial_after_such_a_phrase_still_negates() -> None:
    assert "negated" in contexts("Not gonna lie, I have never taken molly.", "taken molly", "en")


def test_ikke_at_after_a_verb_other_than_er_denies() -> None:
    text = "Det betyr ikke at den er umulig å dirke."
    assert "negated" in contexts(text, "umulig å dirke", "nb")


@pytest.mark.parametrize(
    ("text", "target", "lang"),
    [
        ("We deleted replies calling our support staff “clowns”.", "clowns", "en"),
        ("Someone wrote 'they are idiots' under our post.", "idiots", "en"),
        ('He said "it never fails" and laughed.', "never fails", "en"),
        ("Noen skrev «dere er idioter» i kommentarfeltet.", "idioter", "nb"),
    ],
)
def test_quotation_marks_make_a_hit_quoted(text, target, lang):
    assert "quoted" in contexts(text, target, lang)


def test_an_apostrophe_is_not_a_quotation_mark() -> None:
    assert "quoted" not in contexts("We're sure it's the fastest, isn't it's", "the fastest", "en")


@pytest.mark.parametrize(
    ("text", "target", "lang"),
    [
        ("We smoked weed after the offsite.", "smoked weed", "en"),
        ("Vi røykte hasj på hytta.", "røykte hasj", "nb"),
    ],
)
def test_the_writers_own_story_is_not_reported(text, target, lang):
    assert contexts(text, target, lang) == frozenset()


@pytest.mark.parametrize(
    ("text", "target", "lang"),
    [
        ("Revenue beat the forecast, and the report is out next week.", "beat the forecast", "en"),
        ("Q4 ble 312 millioner, rapporten kommer 12. februar.", "312 millioner", "nb"),
        ("Good news: we are buying a Swedish solar firm.", "buying", "en"),
    ],
)
def test_the_companys_own_report_or_news_is_not_reported(text, target, lang):
    """A leak does not become news by naming the document it comes from."""
    assert contexts(text, target, lang) == frozenset()


@pytest.mark.parametrize(
    ("text", "target", "lang", "context"),
    [
        ("Is it really 100% secure?", "100% secure", "en", "question"),
        ("Er den virkelig feilfri?", "feilfri", "nb", "question"),
        # a question reported: a word of asking before "whether", "if" or "om"
        ("We get asked a lot whether our password manager is 'unhackable'.", "unhackable", "en", "question"),
        ("Kundene lurer på om prisene våre er de laveste.", "laveste", "nb", "question"),
        ("If it breaks, the fix is guaranteed.", "guaranteed", "en", "hypothetical"),
        ("Hvis du tar kokain, mister du jobben.", "kokain", "nb", "hypothetical"),
    ],
)
def test_questions_and_conditions(text, target, lang, context):
    assert context in contexts(text, target, lang)


@pytest.mark.parametrize(
    ("text", "target", "lang", "asks"),
    [
        ("Did you know our heat pumps are the only ones that never break?", "never break", "en", False),
        ("Visste du at vi er de eneste med null nedetid?", "null nedetid", "nb", False),
        ("Hvorfor velge noen andre når vi er billigst i landet?", "billigst", "nb", False),
        ("Who else but us can give you the fastest delivery in Norway?", "fastest", "en", False),
        ("Hvem andre enn oss har byens beste utsikt?", "beste", "nb", False),
        ("Who else is coming to the fastest team lunch in Norway?", "fastest", "en", True),
        # a question that asks
        ("Do you know whether the heat pumps ever break?", "ever break", "en", True),
        ("Vet du om vi er billigst i landet?", "billigst", "nb", True),
    ],
)
def test_a_question_that_states_something_does_not_ask(text, target, lang, asks):
    assert ("question" in contexts(text, target, lang)) is asks


def test_whether_alone_asks_nothing() -> None:
    assert "question" not in contexts(
        "Whether you are at home or away, our app is 100% secure.", "100% secure", "en"
    )


def test_a_condition_ends_with_its_sentence_and_an_emoji_can_end_one() -> None:
    text = "Hvis det regner i morgen blir grillfesten avlyst 😅 Vi kjøper Kvant neste uke."
    assert "hypothetical" in contexts(text, "grillfesten avlyst", "nb")
    assert "hypothetical" not in contexts(text, "kjøper Kvant", "nb")


def test_a_condition_after_the_hit_does_not_make_it_hypothetical() -> None:
    assert "hypothetical" not in contexts("We took cocaine, if you must know.", "took cocaine", "en")


@pytest.mark.parametrize(
    ("text", "target", "lang"),
    [
        ("I wasn't born yesterday and I know these idiots.", "idiots", "en"),
        ("Not once did I sleep, the whole team was idiots.", "idiots", "en"),
        ("Jeg var ikke der, men dere er idioter.", "idioter", "nb"),
        ("No, we never launched, then some ten other dumb people came.", "dumb", "en"),
        # a verb of calling after a new statement does not carry the negation
        ("I never said much, but I called the new guy an idiot.", "idiot", "en"),
    ],
)
def test_negation_stops_at_a_new_statement_and_after_five_words(text, target, lang):
    assert "negated" not in contexts(text, target, lang)


def test_negation_reaches_into_a_that_clause() -> None:
    assert "negated" in contexts("Vi kan ikke love at tjenesten aldri går ned.", "aldri går ned", "nb")


def negated_words(text: str, lang: str) -> list[tuple[str, list[str]]]:
    analysis = Analysis(parse(text, "text"), lang)
    tokens = analysis.context.tokens(0)
    return [
        (tokens[negator].text, [token.text for token in tokens[negator + 1 : last + 1]])
        for negator, last in analysis.context.negations(0)
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Nobody here is lazy or stupid.", "en", [("nobody", ["here", "is", "lazy", "or", "stupid"])]),
        ("They aren't thieves, they are neighbours.", "en", [("not", ["thieves"])]),
        ("Romfolk er ikke tyver og ikke late.", "nb", [("ikke", ["tyver"]), ("ikke", ["late"])]),
        # "that" does not end a negation's reach ("can't promise that it never fails").
        (
            "Never trust a vendor that never answers the phone.",
            "en",
            [
                ("never", ["trust", "a", "vendor", "that", "never"]),
                ("never", ["answers", "the", "phone"]),
            ],
        ),
        ("Not only fast, but cheap.", "en", []),
        ("Not to be rude, but they are idiots.", "en", []),
        ("The answer is no.", "en", []),
    ],
)
def test_negations_list_each_negator_and_the_words_it_reaches(text, lang, expected):
    assert negated_words(text, lang) == expected


def test_a_sentence_without_words_has_no_tokens_and_no_negations() -> None:
    analysis = Analysis(parse("Do we love these?\n\n😂 😂 😂😂😂\n😂😂 😂", "text"), "en")
    emoji = analysis.sentence_of(len(analysis.document.view) - 1)
    assert emoji > 0 and analysis.context.tokens(emoji) == []
    assert analysis.context.negations(emoji) == []


def test_quotes_in_lists_the_quotations_inside_a_stretch() -> None:
    text = 'He said "no" and «nei», then “yes” later.'
    context = Analysis(parse(text, "text"), "en").context
    assert [text[a:b] for a, b in context.quotes_in(0, len(text))] == ['"no"', "«nei»", "“yes”"]
    assert [text[a:b] for a, b in context.quotes_in(text.index("«"), text.index("then"))] == ["«nei»"]
    assert context.quotes_in(text.index("yes"), len(text)) == []  # it starts inside one


@pytest.mark.parametrize(
    ("text", "target", "lang", "said_of_self"),
    [
        ("I'm such an idiot, I forgot my badge.", "idiot", "en", True),
        ("What an idiot I am.", "idiot", "en", True),
        ("jeg er dust", "dust", "nb", True),
        ("Jeg føler meg som en tosk i dag.", "tosk", "nb", True),
        ("For en tosk jeg er.", "tosk", "nb", True),
        ("You are an idiot.", "idiot", "en", False),
        ("I think he is an idiot.", "idiot", "en", False),
        ("Jeg er sikker på at du er en idiot.", "idiot", "nb", False),
        ("Jeg er lei. Du er en tosk.", "tosk", "nb", False),
    ],
)
def test_self_is_what_the_writer_says_of_themselves(text, target, lang, said_of_self) -> None:
    assert ("self" in contexts(text, target, lang)) is said_of_self


@pytest.mark.parametrize(
    ("text", "target", "lang"),
    [
        ("Listening to 'Cocaine' by Eric Clapton while I clean my inbox.", "Cocaine", "en"),
        ("We watched the film 'Blow' at the team night.", "Blow", "en"),
        ("Fredagslista i dag: «Cocaine» med Eric Clapton og litt Kaizers.", "i dag: «Cocaine", "nb"),
        ("Hele teamet så filmen «Blow» i går.", "Blow", "nb"),
    ],
)
def test_a_quoted_title_with_its_maker_or_a_word_for_a_work_is_a_title(text, target, lang):
    assert "title" in contexts(text, target, lang)


@pytest.mark.parametrize(
    ("text", "target", "lang"),
    [
        ("We did 'cocaine' at the party.", "cocaine", "en"),  # a winking quote, not a title
        ("Had some 'Cocaine' at the party.", "Cocaine", "en"),  # no maker, no work
        ("Snorted coke all night, then played 'Cocaine' by Eric Clapton.", "Snorted coke", "en"),
    ],
)
def test_a_winking_quote_or_a_stretch_outside_the_title_is_no_title(text, target, lang):
    assert "title" not in contexts(text, target, lang)


@pytest.mark.parametrize(
    ("text", "target", "lang", "context", "holds"),
    [
        # news said to be out, in the sentence or beside it in its paragraph
        (
            "Mark your calendars: launch day is June 5. We announced it at the conference.",
            "June 5",
            "en",
            "announced",
            True,
        ),
        (
            "Beate blir ny daglig leder fra 1. september. Vi offentliggjorde det i går.",
            "daglig leder",
            "nb",
            "announced",
            True,
        ),
        (
            "The roadmap is out. Dark mode is coming next quarter, share away!",
            "Dark mode",
            "en",
            "announced",
            True,
        ),
        # ... not when negated, still to come, or in another paragraph
        ("Launch day is June 5. It has not been publicly announced yet.", "June 5", "en", "announced", False),
        ("Launch day is June 5, to be announced next week.", "June 5", "en", "announced", False),
        ("We announced the offsite.\n\nThe merger closes on Friday.", "merger", "en", "announced", False),
        # taking down what others wrote
        (
            "Flagged a thread claiming Muslims shouldn't be allowed to teach.",
            "Muslims",
            "en",
            "moderated",
            True,
        ),
        (
            "We removed two of the comments calling our support staff clowns.",
            "clowns",
            "en",
            "moderated",
            True,
        ),
        ("Vi slettet en kommentar som kalte innvandrere parasitter.", "parasitter", "nb", "moderated", True),
        # ... being done, or a rule to do it
        ("Hiding replies that call our nurses lazy.", "lazy", "en", "moderated", True),
        ("Vi sletter kommentarer som kaller kundene idioter.", "idioter", "nb", "moderated", True),
        # ... a ban or a comment alone is no moderation
        ("Immigrants should be banned from this town.", "Immigrants", "en", "moderated", False),
        ("Kommentarene hans er dumme.", "dumme", "nb", "moderated", False),
        # a view marked as the writer's own
        ("Best office view in the country, if you ask me.", "Best", "en", "opinion", True),
        ("IMHO the best coffee in town.", "best", "en", "opinion", True),
        ("Verdens beste kollegaer? Ja, jeg er partisk.", "beste", "nb", "opinion", True),
        ("Etter min mening lager vi Norges beste boller.", "beste", "nb", "opinion", True),
        # ... beside it in the paragraph, not in another paragraph
        ("The best team in Norway. I'm biased, of course.", "best", "en", "opinion", True),
        ("The best team in Norway.\n\nI'm biased, of course.", "best", "en", "opinion", False),
        # ... asking someone's opinion marks nothing
        ("We are the best in the country. Ask me anything.", "best", "en", "opinion", False),
        ("Spør meg om de beste prisene i landet.", "beste", "nb", "opinion", False),
    ],
)
def test_news_out_moderation_and_the_writers_opinion(text, target, lang, context, holds):
    """Contexts that the sentence, or for news and opinions one beside it, lends a finding."""
    assert (context in contexts(text, target, lang)) is holds


def test_a_sentence_of_emoji_beside_a_finding_is_read_without_error() -> None:
    # "🎉." is a sentence without a word: looking beside the finding must not trip on it
    assert contexts("Takk for i dag. 🎉. Kollegaene mine er idioter.", "idioter", "nb") == frozenset()
