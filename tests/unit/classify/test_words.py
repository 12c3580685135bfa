"""How the models read a text: names masked, lexicon classes beside the words."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from postguard.classify import load
from postguard.classify.words import (
    NAME,
    TOPICS,
    Reader,
    bucket,
    features,
    lexicon_digest,
    lexicon_path,
    mask_names,
    negated_keys,
    prepare,
    proposed_repair,
    real_words,
    real_words_path,
    repaired,
    standard_nb,
    word_classes,
)


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Nordic Cloud Co. sells junk.", f"{NAME}. sells junk."),  # a run is one name
        ("Everyone knows the engineers at Brightwave.", f"Everyone knows the engineers at {NAME}."),
        ("Sarah from marketing is late.", "Sarah from marketing is late."),  # first word alone
        ("I'm sure Muslims and Jews agree.", "I'm sure Muslims and Jews agree."),  # lexicon groups
        ("The CEO said STOP, U R late.", "The CEO said STOP, U R late."),  # capitals
        ("Tilbudet fra Vesteng Bygg AS kom i dag.", f"Tilbudet fra {NAME} AS kom i dag."),
        # a name's abbreviation goes on it; any other full stop ends the name and its sentence
        ("Vi ringer Dr. Aas i morgen.", f"Vi ringer {NAME} i morgen."),
        ("Du er en slange, Merete. Alle vet det.", f"Du er en slange, {NAME}. Alle vet det."),
        (
            "It thinks Tromsø is in Sweden. Visionary stuff.",
            f"It thinks {NAME} is in {NAME}. Visionary stuff.",
        ),
    ],
)
def test_names_are_masked_and_who_someone_is_is_kept(text, masked):
    assert mask_names(text) == masked


def test_only_a_model_that_masks_names_reads_them_masked():
    text = "Congrats to our friends at Nordic Cloud Co."
    assert "nordic cloud co" in prepare(text)
    assert NAME in prepare(text, masks_names=True)
    assert load("abuse-en").reader.masks_names and not load("meaning-en").reader.masks_names


def test_a_lexicon_word_is_read_as_its_class_alone_and_in_pairs():
    assert word_classes("en")["clown"] == "§derog"
    keys = set(features("a useless clown", Reader("en")))
    assert {bucket("§negtrait"), bucket("§derog"), bucket("§negtrait §derog"), bucket("a §negtrait")} <= keys
    assert bucket("§derog") not in set(features("a useless plan", Reader("en")))


def test_the_topics_lexicon_comes_first_and_only_for_the_model_that_reads_it():
    # "oppkjøpet" and "fusjonen" are both company news: a model that learned one knows the other
    assert word_classes("nb", TOPICS)["oppkjøpet"] == word_classes("nb", TOPICS)["fusjonen"] == "§topic"
    assert word_classes("en", TOPICS)["cocaine"] == "§drug"
    assert "cocaine" not in word_classes("en")
    assert word_classes("en", TOPICS)["clown"] == "§derog"  # the language's own classes follow
    assert bucket("§drug") in features("we had cocaine", Reader("en", lexicon=TOPICS))
    assert bucket("§drug") not in features("we had cocaine", Reader("en"))


def test_the_words_a_negation_reaches_are_also_read_as_negated():
    # "not the only one" is no "only" claim: three words on, and no further than the clause
    assert negated_keys("det er ikke den eneste kilden til feil".split()) == [
        bucket("¬den"),
        bucket("¬eneste"),
        bucket("¬kilden"),
    ]
    assert negated_keys(["it", "isn't", "cheap", ",", "but", "good"]) == [bucket("¬cheap")]
    assert negated_keys(["ikkje", "bra"]) == [bucket("¬bra")]
    assert negated_keys("the only one".split()) == []
    plain = features("ikke den eneste", Reader("nb"))
    assert features("ikke den eneste", Reader("nb", negation=True)) == [
        *plain,
        bucket("¬den"),
        bucket("¬eneste"),
    ]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("eg veit ikkje kva dei vil", "jeg vet ikke hva de vil"),  # dialect and Nynorsk
        ("du e ein tosk", "du er en tosk"),
        ("jaevla idiot, gjoer det paa nytt", "jævla idiot, gjør det på nytt"),  # no æ, ø, å
        ("muslimane kjem", "muslimene kommer"),  # Nynorsk plurals
        ("dei e idiotar", "de er idioter"),
    ],
)
def test_norwegian_in_dialect_or_without_its_letters_reads_as_bokmal(written, read):
    for reader in (Reader("nb"), Reader("nb", masks_names=True), Reader("nb", lexicon=TOPICS, negation=True)):
        assert features(written, reader) == features(read, reader)


def test_only_norwegian_words_are_read_as_bokmal():
    # English is read as written, and a word that is common as written keeps its spelling.
    assert features("ho ho ho, eg", Reader("en")) != features("hun hun hun, jeg", Reader("en"))
    assert [standard_nb(word) for word in ("noen", "dem", "maaned", "aalesund", "afghanarane")] == [
        "noen",
        "dem",
        "måned",
        "aalesund",
        "afghanarane",
    ]


def test_an_unknown_language_has_no_classes():
    assert word_classes("sv") == {}
    assert features("a useless clown", Reader("sv")) == features("a useless clown", Reader("xx"))


def test_a_long_text_of_many_names_is_masked_whole():
    # A draft of one endless "sentence": every name is masked, once, and nothing else changes.
    text = "word Name " * 20_000
    assert mask_names(text) == f"word {NAME} " * 20_000


@pytest.mark.parametrize(
    ("word", "lang", "read_as"),
    [
        ("immgirants", "en", ("immigrants",)),  # two letters swapped
        ("idots", "en", ("idiots",)),  # a letter dropped
        ("idoter", "nb", ("idioter",)),
        ("tulinger", "nb", ("tullinger",)),
        # a dropped first or last letter is never repaired
        ("diots", "en", ("diots",)),
        ("idio", "en", ("idio",)),
        ("stuppid", "en", ("stupid",)),  # a letter doubled
        ("hateimmigrants", "en", ("hate", "immigrants")),  # two words run together
        ("innvnadrere", "nb", ("innvandrere",)),
        ("kundemøte", "nb", ("kundemøte",)),  # a Norwegian compound is one word
        ("immigrants", "en", ("immigrants",)),  # known words, short words, numbers stay
        ("colleagues", "en", ("colleagues",)),
        ("ido", "en", ("ido",)),  # shorter words are one letter from too many others
        # Words of wordfreq's large list are words, not misspellings.
        ("negere", "nb", ("negere",)),
        ("whitespace", "en", ("whitespace",)),
        ("troubleshooting", "en", ("troubleshooting",)),
        ("12345", "en", ("12345",)),
    ],
)
def test_a_misspelt_lexicon_word_is_read_as_the_word(word, lang, read_as):
    assert repaired(word, lang) == read_as


def test_only_a_model_that_masks_names_repairs_spelling():
    assert Reader("en", masks_names=True).read("they are stuppid parasites") == Reader(
        "en", masks_names=True
    ).read("they are stupid parasites")
    assert Reader("en", masks_names=False).read("they are stuppid parasites") != Reader(
        "en", masks_names=False
    ).read("they are stupid parasites")


@pytest.mark.parametrize("lang", ["en", "nb"])
def test_the_rare_words_list_was_built_from_the_current_lexicon(lang):
    header = real_words_path(lang).read_text(encoding="utf-8").splitlines()[:4]
    assert f"# lexicon sha256: {lexicon_digest(lang)}" in header, (
        f"lexicon/{lang}.tsv changed: run python training/real_words.py"
    )
    assert real_words(lang) and all(proposed_repair(word, lang) for word in sorted(real_words(lang))[:200])


def test_the_topics_lexicon_was_built_from_the_current_packs():
    """The meaning models read the single words of the packs' lists as topics; a list that grew
    without a rebuild of topics.tsv (and of the models) would leave its new words unread."""
    script = Path(__file__).resolve().parents[3] / "training" / "meaning" / "lexicon.py"
    spec = importlib.util.spec_from_file_location("topics_lexicon", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = [
        tuple(line.split("\t"))
        for line in lexicon_path(TOPICS).read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert shipped == module.build(), (
        "the packs' lists changed: run python training/meaning/lexicon.py, then training/meaning/train.py"
    )


@pytest.mark.parametrize(
    ("reader", "first", "second"),
    [
        (Reader("en", masks_names=True), "Vendrix launched a new app today.", "Useless clowns, all of them."),
        # a negation at the end of the first reaches into the second
        (Reader("en", lexicon=TOPICS, negation=True), "It is not", "the only cure, or the best one."),
        (Reader("nb", lexicon=TOPICS, negation=True), "Vi er ikke", "den eneste leverandøren, men ikke"),
        # a class word on either side of the seam, and a negator right after it
        (Reader("nb", masks_names=True), "Konkurrentene er idioter", "ikke noe mer å si om det"),
    ],
)
def test_two_texts_read_as_one_are_each_text_and_their_seam(reader, first, second):
    """A pair's features without reading it again: the words of each text read one after the
    other have exactly the two texts' features and the seam's."""
    first_words, first_keys = reader.words_and_features(first)
    second_words, second_keys = reader.words_and_features(second)
    as_one = features(" ".join(first_words + second_words), reader)
    assert sorted(as_one) == sorted(first_keys + second_keys + tuple(reader.seam(first_words, second_words)))
    assert reader.seam(first_words, ()) == reader.seam((), second_words) == []
