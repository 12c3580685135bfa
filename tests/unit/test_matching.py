"""The term matcher: every variant a policy term must catch, and the words it must leave alone."""

from __future__ import annotations

import pytest

from postguard.analysis import Analysis, word_units
from postguard.matching import Term, TermIndex
from postguard.parsers import parse


def find(terms: list[Term], text: str, lang: str = "en") -> list[str]:
    analysis = Analysis(parse(text, "text"), lang)
    matches = TermIndex(terms).find(analysis.units, lang)
    return [text[m.start : m.end] for m in matches]


CODENAMES = [Term("Kestrel", case_exact=True), Term("Project Kestrel"), Term("Silver Tide")]
CUSTOMERS = [Term("Halvorsen Maritime"), Term("Polar Freight AS"), Term("Blue Harbor"), Term("Polarstjerne")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Sneak peek: Project Kestrel goes to beta.", "en", ["Project Kestrel"]),
        ("Kestrel is the most fun I have had.", "en", ["Kestrel"]),
        ("KESTREL launches soon", "en", ["KESTREL"]),
        ("Kestrel's first customer", "en", ["Kestrel"]),
        ("Kestrel’s first customer", "en", ["Kestrel"]),
        ("Kestrels første kunde er på plass.", "nb", ["Kestrels"]),
        ("Late night with the #Kestrel squad", "en", ["Kestrel"]),
        ("Follow #ProjectKestrel for news", "en", ["ProjectKestrel"]),
        ("Follow #projectkestrel for news", "en", ["projectkestrel"]),
        ("thanks @Kestrel_team", "en", ["Kestrel"]),
        ("K3strel benchmarks are insane", "en", ["K3strel"]),
        ("K.e.s.t.r.e.l is coming", "en", ["K.e.s.t.r.e.l"]),
        ("K e s t r e l is coming", "en", ["K e s t r e l"]),
        ("K. E. S. T. R. E. L. is coming", "en", ["K. E. S. T. R. E. L"]),
        ("Kes\u200btrel is coming", "en", ["Kes\u200btrel"]),
        ("Kestr\u0435l is coming", "en", ["Kestr\u0435l"]),  # Cyrillic е
        ("The Silver Tide rollout", "en", ["Silver Tide"]),
        ("The silver-tide rollout", "en", ["silver-tide"]),
        ("The SilverTide rollout", "en", ["SilverTide"]),
        ("Prosjekt Kestrel-teamet vokser", "nb", ["Kestrel"]),
    ],
)
def test_codename_variants_are_found(text: str, lang: str, expected: list[str]) -> None:
    assert find(CODENAMES, text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A kestrel hovered over the parking lot.",
        "The tide was silver under the moon.",
        "Kestrels" + "trel",  # not a word boundary
        "Mkestrel and Kestrelbird are other words",
        "Silver. Tide pools are lovely.",  # sentence boundary between the words
        "silver, tide",  # punctuation breaks a phrase
    ],
)
def test_codename_near_misses_are_left_alone(text: str) -> None:
    assert find(CODENAMES, text) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Signed a deal with Halvorsen Maritime today", "en", ["Halvorsen Maritime"]),
        ("Halvorsen Maritimes nye flåte", "nb", ["Halvorsen Maritimes"]),
        ("Halvorsen Maritime's fleet", "en", ["Halvorsen Maritime"]),
        ("halvorsen maritime is a customer", "en", ["halvorsen maritime"]),
        ("HalvorsenMaritime and #HalvorsenMaritime", "en", ["HalvorsenMaritime", "HalvorsenMaritime"]),
        ("Polar Freight AS is moving", "en", ["Polar Freight AS"]),
        (
            "blue-harbor, Blue Harbor, BlueHarbor, blue_harbor",
            "en",
            ["blue-harbor", "Blue Harbor", "BlueHarbor", "blue_harbor"],
        ),
        (
            "Polarstjerna og Polarstjernen og Polarstjernes",
            "nb",
            ["Polarstjerna", "Polarstjernen", "Polarstjernes"],
        ),
        ("Halvorsen\nMaritime across a soft line break", "en", ["Halvorsen\nMaritime"]),
    ],
)
def test_customer_variants_are_found(text: str, lang: str, expected: list[str]) -> None:
    assert find(CUSTOMERS, text, lang) == expected


def test_short_terms_do_not_inflect() -> None:
    """ "AS" must not turn into "ass" or "asa" by inflection."""
    assert find([Term("AS")], "a pain in the ass, Acme ASA, as we know") == ["as"]


def test_whole_words_only_scunthorpe() -> None:
    assert find([Term("cunt")], "I passed the assessment in Scunthorpe last year.") == []


def test_obfuscations_of_words() -> None:
    words = [Term("fuck"), Term("shit"), Term("bitch")]
    text = "f*ck, fuuuuck, fucking, f u c k, sh1t, b!tch, $hit"
    assert find(words, text) == ["f*ck", "fuuuuck", "fucking", "f u c k", "sh1t", "b!tch", "$hit"]


def test_masked_letters_need_most_letters_visible() -> None:
    assert find([Term("fuck")], "f*** and **** and f*ck") == ["f*ck"]


def test_compound_parts_match_only_when_declared() -> None:
    plain = [Term("dritt")]
    head = [Term("dritt", compound="head")]
    assert find(plain, "for en drittjobb", "nb") == []
    assert find(head, "for en drittjobb", "nb") == ["drittjobb"]
    assert find(head, "drittsekker", "nb") == ["drittsekker"]
    assert find([Term("sekk", compound="tail")], "drittsekk", "nb") == ["drittsekk"]


def test_inflection_can_be_switched_off() -> None:
    assert find([Term("Kestrel", inflect=False)], "Kestrels og Kestrel", "nb") == ["Kestrel"]


def test_case_exact_accepts_capitals_and_digits_only() -> None:
    terms = [Term("Kestrel", case_exact=True)]
    assert find(terms, "kestrel k3strel kESTREL") == []
    assert find(terms, "Kestrel K3strel KESTREL") == ["Kestrel", "K3strel", "KESTREL"]


def test_longest_match_wins() -> None:
    terms = [Term("Polar Freight"), Term("Polar Freight AS")]
    assert find(terms, "Polar Freight AS moved") == ["Polar Freight AS"]


def test_a_possessive_continues_the_phrase() -> None:
    """The possessive "'s" is trimmed from its word and does not break a phrase, so a listed
    "mum's the word" finds itself, and "Kestrel's launch" is the phrase "Kestrel launch"."""
    terms = [Term("mum's the word"), Term("Kestrel launch")]
    assert find(terms, "So mum's the word, and Kestrel’s launch is set.") == [
        "mum's the word",
        "Kestrel’s launch",
    ]
    assert find(terms, "Ask mum. The word is out") == []


def test_camel_case_compounds_contain_the_term() -> None:
    """``KestrelDB`` leaks the codename as much as ``Kestrel DB`` does."""
    assert find(CODENAMES, "KestrelDB is fast") == ["Kestrel"]


def test_units_keep_original_offsets() -> None:
    text = "Hi *Kestrel*'s f*ck (Silver-Tide) $100"
    assert [text[u.start : u.end] for u in word_units(text)] == [
        "Hi",
        "Kestrel",
        "f*ck",
        "Silver",
        "Tide",
        "100",
    ]


def test_initials_do_not_end_a_sentence() -> None:
    analysis = Analysis(parse("Thanks to J. K. Rowling. She spoke. Plan B! Then lunch.", "text"), "en")
    text = analysis.text
    assert [text[i : i + 4] for i in analysis.sentences] == ["Than", "She ", "Plan", "Then"]


def test_units_carry_their_sentence_and_do_not_join_across_one() -> None:
    analysis = Analysis(parse("Blue. Harbor is here! Silver Tide", "text"), "en")
    assert [(u.surface, u.sentence, u.joined) for u in analysis.units] == [
        ("Blue", 0, False),
        ("Harbor", 1, False),
        ("is", 1, True),
        ("here", 1, True),
        ("Silver", 2, False),
        ("Tide", 2, True),
    ]
    assert find(CUSTOMERS, "Blue. Harbor is here") == []


def test_a_short_word_glued_into_an_inflected_word_is_not_the_phrase() -> None:
    assert find([Term("bor i")], "Boris Johnson bor i London.", "nb") == ["bor i"]
    assert find([Term("Blue Harbor")], "blueharbors are here") == ["blueharbors"]


OFFENSIVE = [Term("bastard"), Term("idiot")]


@pytest.mark.parametrize(
    ("terms", "text", "expected"),
    [
        (CODENAMES, "We love K e s t r e l a lot", ["K e s t r e l"]),  # one-letter word after
        (CODENAMES, "We love a K e s t r e l", ["K e s t r e l"]),  # one-letter word before
        (CODENAMES, "Is it a K e s t r e l a day", ["K e s t r e l"]),  # and both
        (CODENAMES, "I K e s t r e l", ["K e s t r e l"]),
        (OFFENSIVE, "a b a s t a r d", ["b a s t a r d"]),
        (OFFENSIVE, "you are a b a s t a r d", ["b a s t a r d"]),
        (OFFENSIVE, "what an i d i o t", ["i d i o t"]),  # a word that begins with the letter
        (OFFENSIVE, "i d i o t a", ["i d i o t"]),
        ([Term("asshole")], "a s s h o l e s", ["a s s h o l e s"]),
        (CUSTOMERS, "P o l a r s t j e r n a lyser", ["P o l a r s t j e r n a"]),  # nb: "a" is an ending
    ],
)
def test_spaced_letters_beside_a_one_letter_word(terms: list[Term], text: str, expected: list[str]) -> None:
    assert find(terms, text, "nb" if "lyser" in text else "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We love \u202eKestrel\u202c today", "Kestrel"),  # right-to-left override around it
        ("We love Kes\u202etrel today", "Kes\u202etrel"),  # and inside it
        ("We love K\u202ae\u202bs\u202ctr\u202del today", "K\u202ae\u202bs\u202ctr\u202del"),  # embeddings
        ("We love \u2066Kes\u2067tr\u2068el\u2069 today", "Kes\u2067tr\u2068el"),  # isolates
        ("We love KestreI today", "KestreI"),  # capital I for l
        ("We love Ⓚⓔⓢⓣⓡⓔⓛ today", "Ⓚⓔⓢⓣⓡⓔⓛ"),  # circled letters
        ("We love 🅚🅔🅢🅣🅡🅔🅛 today", "🅚🅔🅢🅣🅡🅔🅛"),  # negative circled letters
        ("We love 🄺🄴🅂🅃🅁🄴🄻 today", "🄺🄴🅂🅃🅁🄴🄻"),  # squared letters
        ("We love Ｋｅｓｔｒｅｌ today", "Ｋｅｓｔｒｅｌ"),  # full-width letters
    ],
)
def test_disguised_letters_are_found_where_they_stand(text: str, expected: str) -> None:
    analysis = Analysis(parse(text, "text"), "en")
    (match,) = TermIndex(CODENAMES).find(analysis.units, "en")
    assert (match.start, match.end) == (text.index(expected), text.index(expected) + len(expected))


@pytest.mark.parametrize(
    "text",
    [
        "I a m here",  # ordinary spaced text
        "I am here. A I is fine",
        "a b c d e f",
        "In the AI era, Ireland and LinkedIn",  # capital I stays I
        "AIl hands",
        "KESTREI",  # in capitals an I does not pass for an l
        "Ⓐ Ⓑ Ⓒ",
    ],
)
def test_ordinary_text_with_the_same_shapes_finds_nothing(text: str) -> None:
    terms = [*CODENAMES, *OFFENSIVE, Term("ail"), Term("lreland")]
    assert find(terms, text) == []


def test_capital_i_reads_as_l_only_after_a_small_letter() -> None:
    readings = [(u.surface, u.readings) for u in word_units("KestreI LinkedIn AI In Ireland")]
    assert readings == [
        ("Kestre", ("kestre",)),
        ("I", ("i", "l")),
        ("Linked", ("linked",)),
        ("In", ("in", "ln")),  # an extra reading, found only where it makes a listed term
        ("AI", ("ai",)),
        ("In", ("in",)),
        ("Ireland", ("ireland",)),
    ]


SYMBOL_TERMS = [Term("C++"), Term("C#"), Term(".NET")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We use C++ here.", ["C++"]),
        ("C# and .NET, not NET", ["C#", ".NET"]),
        ("ASP.NET Core", [".NET"]),
        ("We use C for this.", []),
        ("A C grade, a C-section", []),
    ],
)
def test_a_term_with_symbols_needs_them_in_the_text(text, expected) -> None:
    """A term like "C++" was found in every lone "C": the symbols around its words must be there."""
    index = TermIndex(SYMBOL_TERMS)
    found = [text[m.start : m.end] for m in index.find(word_units(text), "en", text=text)]
    assert found == expected


# --- spelling variants (``variants: true``) and ordinary words that look like forms -------------

INSULTS = [Term("bastard", variants=True), Term("idiot", variants=True), Term("cunt", variants=True)]
NB_INSULTS = [Term("idiot", variants=True), Term("pule"), Term("puler"), Term("pulet")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("you are a bsatard", ["bsatard"]),  # swapped letters
        ("you are an idoit", ["idoit"]),
        ("you are a bastad", ["bastad"]),  # a dropped letter
        ("you are a baastard", ["baastard"]),  # a doubled letter
        ("what an iddiot", ["iddiot"]),
        ("you are a b4stad", ["b4stad"]),  # a slip in leet
        ("you are a bsaaaatard", ["bsaaaatard"]),  # a slip, stretched
        ("you are a fuckingidiot", ["fuckingidiot"]),  # glued to profanity
        ("a totalbsatard", ["totalbsatard"]),  # glued, and a slip
        ("stupidcunt", ["stupidcunt"]),  # glued: four letters will do when written right
    ],
)
def test_spelling_variants_are_found(text: str, expected: list[str]) -> None:
    assert find(INSULTS, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("du er en idot", ["idot"]),
        ("du er en jævlaidiot", ["jævlaidiot"]),
        ("for en jævlaidoit", ["jævlaidoit"]),
    ],
)
def test_spelling_variants_are_found_in_norwegian(text: str, expected: list[str]) -> None:
    assert find(NB_INSULTS, text, "nb") == expected


@pytest.mark.parametrize(
    "text",
    [
        "The turkey was basted twice.",  # one letter from "bastard", but a word
        "An idiom is a fixed phrase.",  # one letter from "idiot"
        "Idioms and basting tips",
        "the cnut saga",  # four letters: too short for slips
        "you are a dbastard",  # not one slip away at the start
        "an idiotbastard",  # a term inside a longer word, not after an intensifier
        "the fuckingidiom",
        "stupidity",
    ],
)
def test_spelling_variants_leave_words_alone(text: str) -> None:
    assert find(INSULTS, text) == []


def test_variants_are_opt_in() -> None:
    assert (
        find([Term("bastard"), Term("Bluefin"), Term("Halvorsen")], "bsatard Bluefni Halvorsn Halvvorsen")
        == []
    )
    assert find([Term("Bluefin", variants=True)], "Bluefni launches") == ["Bluefni"]


def test_variants_of_case_exact_terms_are_not_made() -> None:
    assert find([Term("Kestrel", case_exact=True, variants=True)], "Ketsrel is out") == []


def test_variants_are_made_once_per_index() -> None:
    index = TermIndex(INSULTS)
    analysis = Analysis(parse("you bsatard", "text"), "en")
    assert [m.term.text for m in index.find(analysis.units, "en")] == ["bastard"]
    made = index._spelling_variants()
    index.find(Analysis(parse("an idoit", "text"), "en").units, "en")
    assert index._spelling_variants() is made


@pytest.mark.parametrize("text", ["PULS nyhetsbrev", "Abonner på PULS", "pulsen steg", "Pulsen steg i går"])
def test_an_inflected_form_that_is_a_common_word_of_its_own_does_not_match(text: str) -> None:
    assert find(NB_INSULTS, text, "nb") == []


def test_inflected_forms_that_are_forms_still_match() -> None:
    assert find(NB_INSULTS, "han puler", "nb") == ["puler"]
    assert find(NB_INSULTS, "noen idioter", "nb") == ["idioter"]
    assert find([Term("pule")], "de pules", "nb") == ["pules"]


@pytest.mark.parametrize(
    ("text", "tagged"),
    [
        ("@RylannWilliams ok", [("Rylann", "@"), ("Williams", "@"), ("ok", "")]),
        ("#launch day", [("launch", "#"), ("day", "")]),
        ("(@bob) hi", [("bob", "@"), ("hi", "")]),
        ("hi @bob", [("hi", ""), ("bob", "@")]),
    ],
)
def test_a_mention_or_hashtag_is_tagged_at_the_start_of_a_text_too(text, tagged) -> None:
    assert [(unit.surface, unit.tag) for unit in word_units(text)] == tagged
