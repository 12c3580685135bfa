"""The built-in rule packs: every rule's examples, obfuscations, inflections, compounds, near
misses (the Scunthorpe problem), severities, and English/Norwegian isolation."""

from __future__ import annotations

import pytest
from conftest import ACME_POLICY, linter_from

from postguard import Linter, Severity, load_policy
from postguard.analysis import word_units
from postguard.matching import Term, TermIndex
from postguard.policy import packs_dir

PACKS = ("offensive", "disparaging", "drugs", "claims", "confidential")
DEFAULT = load_policy(None)


def test_default_policy_extends_every_pack() -> None:
    sources = {s.removeprefix("<builtin ").removesuffix(">") for s in DEFAULT.sources}
    assert set(PACKS) <= sources
    for pack in PACKS:
        assert (packs_dir() / f"{pack}.yml").is_file()


def test_offensive_word_lists_are_limited_to_one_language() -> None:
    """A word list is one language's; the abuse model has one pipeline per language instead."""
    for rule in DEFAULT.rules:
        if rule.category == "offensive" and rule.kind != "classifier":
            assert rule.languages is not None and len(rule.languages) == 1, rule.id
            assert rule.id.endswith("." + next(iter(rule.languages))), rule.id


def found(linter: Linter, text: str, lang: str, fmt: str = "text") -> list[tuple[str, str, str]]:
    return [(f.rule, f.text, f.severity.label) for f in linter.check(text, lang=lang, format=fmt).findings]


def rules_of(linter: Linter, text: str, lang: str) -> set[str]:
    return {rule for rule, _, _ in found(linter, text, lang)}


# --- obfuscation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule", "word"),
    [
        ("What the f*ck was that?", "offensive.profanity.en", "f*ck"),
        ("f**k this migration", "offensive.profanity.en", "f**k"),
        ("f*cking flaky tests", "offensive.profanity.en", "f*cking"),
        ("f u c k this", "offensive.profanity.en", "f u c k"),
        ("Fuuuuuck, it broke", "offensive.profanity.en", "Fuuuuuck"),
        ("What the fuсk", "offensive.profanity.en", "fuсk"),  # Cyrillic "с"
        ("He is a total b!tch", "offensive.insult.en", "b!tch"),
        ("He is a total b1tch", "offensive.insult.en", "b1tch"),
        ("Such an a$$hole move", "offensive.insult.en", "a$$hole"),
        ("sh1t happens", "offensive.mild.en", "sh1t"),
        ("#fuckmondays", "offensive.profanity.en", "fuckmondays"),
        ("f a e n, nå er jeg lei", "offensive.profanity.nb", "f a e n"),
        ("Faaaaen, for en dag", "offensive.profanity.nb", "Faaaaen"),
        ("For en j@vla dag", "offensive.profanity.nb", "j@vla"),
        ("For en jaevla dag", "offensive.profanity.nb", "jaevla"),
    ],
)
def test_obfuscated_spellings(default_linter: Linter, text: str, rule: str, word: str) -> None:
    lang = rule.rsplit(".", 1)[1]
    assert (rule, word) in [(r, w) for r, w, _ in found(default_linter, text, lang)]


# --- inflections and compounds -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "rule", "word"),
    [
        ("These bitches never reply", "en", "offensive.insult.en", "bitches"),
        ("What a fucking mess", "en", "offensive.profanity.en", "fucking"),
        ("We got fucked by the update", "en", "offensive.profanity.en", "fucked"),
        ("Those dumbasses again", "en", "offensive.insult.en", "dumbasses"),
        ("A motherfucking outage", "en", "offensive.profanity.en", "motherfucking"),
        ("What a clusterfuck", "en", "offensive.profanity.en", "clusterfuck"),
        ("For noen idioter", "nb", "offensive.name-calling.nb", "idioter"),
        ("Idiotene i nabolaget", "nb", "offensive.name-calling.nb", "Idiotene"),
        ("Trafikkidiotene var ute", "nb", "offensive.name-calling.nb", "Trafikkidiotene"),
        ("Drittsekkene ringte", "nb", "offensive.insult.nb", "Drittsekkene"),
        ("Faens greier", "nb", "offensive.profanity.nb", "Faens"),
        ("Et helvetes kjør", "nb", "offensive.profanity.nb", "helvetes"),
        ("For en jævla dritt-lansering", "nb", "offensive.profanity.nb", "jævla"),
        ("Drittjobb i dag", "nb", "offensive.mild.nb", "Drittjobb"),
        ("For et drittsystem", "nb", "offensive.mild.nb", "drittsystem"),
        ("Møkkavær på Voss", "nb", "offensive.mild.nb", "Møkkavær"),
    ],
)
def test_inflections_and_compounds(default_linter: Linter, text, lang, rule, word) -> None:
    assert (rule, word) in [(r, w) for r, w, _ in found(default_linter, text, lang)]


# --- near misses: words that contain or resemble a listed word ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I passed the assessment in Scunthorpe last year.",
        "Sussex, Middlesex and Essex share a cumulative analysis.",
        "The class used a compass; the bassist played a classic.",
        "Cocktails at the Dickens pub, then a shiitake risotto.",
        "Spiced rum and a grape tart at the arsenal museum.",
        "The therapist said hello to the assassin in the play.",
        "Damning evidence was found at the dammed river.",
        "Flame retardant panels and a hoedown in Penistone.",
        "Winners and losers of the election were announced.",
        "It would be perfectly safe to call them in either order.",
        "Molly from accounting popped by with cake.",
        "We took the weekend off and smoked some salmon.",
        "The joint venture closed, and we took a crack at the hash function.",
        "Drug discovery and prescription drugs are our business.",
        "Iteration order is not guaranteed, and the compiler guarantees memory safety.",
        "Confidential computing keeps your data encrypted.",
        "Our customers asked for a dark mode, and stupid mistakes happen.",
    ],
)
def test_english_near_misses_are_quiet(default_linter: Linter, text: str) -> None:
    assert found(default_linter, text, "en") == []


@pytest.mark.parametrize(
    "text",
    [
        "Vi må negere utsagnet, og han negerer det.",
        "Han spilte pikkolo, hadde helvetesild, og systemet er idiotsikkert.",
        "Jeg bare kødder med deg.",
        "Fanen med innstillinger ligger øverst.",
        "Driften av tjenesten går fint, og vi hører på podkasten.",
        "Politiet beslagla kokain? Nei, de fant ingenting.",
        "Garantien gjelder i to år, og jeg er helt sikker på det.",
        "100 % av de ansatte deltok, og det er helt trygt å oppgradere.",
        "Kundeservice fikk gode tilbakemeldinger, og sjefen min anbefalte boka.",
    ],
)
def test_norwegian_near_misses_are_quiet(default_linter: Linter, text: str) -> None:
    warnings = [f for f in found(default_linter, text, "nb") if f[2] != "info"]
    assert warnings == []


# --- language isolation --------------------------------------------------------------------


@pytest.mark.parametrize("word", ["slutt", "teste", "god", "fart", "hun", "snakker", "kuk-e-lure"])
def test_english_lists_never_see_norwegian_words(default_linter: Linter, word: str) -> None:
    text = f"Det var {word} i dag, sa hun."
    for lang in ("nb", "en"):
        assert [f for f in found(default_linter, text, lang) if f[0].endswith(".en")] == []


def test_norwegian_lists_do_not_run_on_english(default_linter: Linter) -> None:
    text = "Faen, helvete, dritt and jævla are Norwegian words."
    assert [f for f in found(default_linter, text, "en") if f[0].startswith("offensive")] == []
    assert {"offensive.profanity.nb", "offensive.mild.nb"} <= rules_of(default_linter, text, "nb")


def test_english_loanwords_in_norwegian_use_the_norwegian_rule(default_linter: Linter) -> None:
    hits = found(default_linter, "Fuck dette, for en bitch.", "nb")
    assert ("offensive.profanity.nb", "Fuck", "warning") in hits
    assert ("offensive.insult.nb", "bitch", "error") in hits
    assert not [h for h in hits if h[0].endswith(".en")]


# --- severity: graded by how sure a word is offensive -----------------------------------------


def test_severity_is_graded(default_linter: Linter) -> None:
    assert found(default_linter, "Oh shit, I forgot my badge.", "en") == [
        ("offensive.mild.en", "shit", "info")
    ]
    assert ("offensive.profanity.en", "fuck", "warning") in found(default_linter, "What the fuck.", "en")
    assert ("offensive.slur.en", "faggot", "error") in found(default_linter, "He called him a faggot.", "en")
    assert ("offensive.mild.nb", "dritt", "info") in found(default_linter, "Det var litt dritt.", "nb")


def test_vulgar_verdict_is_a_warning_even_for_mild_words(default_linter: Linter) -> None:
    hits = found(default_linter, "This build system is absolute shit.", "en")
    assert hits == [("offensive.verdict.en", "absolute shit", "warning")]  # no extra "mild" note inside
    assert ("offensive.verdict.nb", "helt dritt", "warning") in found(
        default_linter, "Byggesystemet er helt dritt.", "nb"
    )


def test_company_can_raise_mild_swearing_and_disable_rules(tmp_path) -> None:
    linter = linter_from(
        """
        extends: [default]
        severity:
          offensive.mild.en: warning
        disable: [offensive.name-calling.en]
        """
    )
    assert found(linter, "Oh shit, I forgot.", "en") == [("offensive.mild.en", "shit", "warning")]
    assert found(linter, "Only an idiot would do that.", "en") == []
    assert linter.check("Oh shit.", lang="en").failed(Severity.WARNING)


# --- disparaging -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def acme_linter() -> Linter:
    return Linter.from_file(ACME_POLICY)


def test_named_competitor_needs_a_demeaning_word(acme_linter: Linter) -> None:
    assert "disparaging.competitor" in rules_of(acme_linter, "Nordic Cloud Co. sells overpriced junk.", "en")
    assert "disparaging.competitor" in rules_of(
        acme_linter, "Nordic Cloud Co. er en gjeng med svindlere.", "nb"
    )
    assert (
        rules_of(acme_linter, "Congrats to our friends at Nordic Cloud Co. on their launch!", "en") == set()
    )
    assert rules_of(acme_linter, "Overpriced junk is everywhere these days.", "en") == set()


def test_competitors_list_is_empty_until_a_policy_fills_it(default_linter: Linter) -> None:
    assert DEFAULT.lists["competitors"].terms == ()
    # the word-list rule needs the list; the model's rule reads any name as someone (targets.names)
    named_only = "Everyone knows Nordic Cloud Co. is a circus run by amateurs."
    assert rules_of(default_linter, named_only, "en") == {"disparaging.model"}
    linter = linter_from(
        """
        extends: [default]
        lists:
          competitors: [Blue Harbor]
          customers: [Fjordline]
        """
    )
    assert "disparaging.competitor" in rules_of(linter, "BlueHarbor is a scam.", "en")
    assert "disparaging.customer" in rules_of(linter, "Fjordline are clueless.", "en")


@pytest.mark.parametrize(
    ("text", "other", "lang"),
    [
        (
            "Getting a decision out of this municipality is like waiting for a glacier to retreat.",
            "Getting a decision out of this bakery is like waiting for a glacier to retreat.",
            "en",
        ),
        (
            "Å få svar fra hovedkontoret er som å rope inn i en tom tunnel.",
            "Å få svar fra fjellet er som å rope inn i en tom tunnel.",
            "nb",
        ),
        (
            "Vi har en storkunde som tror «i går» er en realistisk frist for alt.",
            "Vi har en katt som tror «i går» er en realistisk frist for alt.",
            "nb",
        ),
    ],
)
def test_the_writers_organisation_named_by_what_it_is_is_a_target(
    default_linter: Linter, text: str, other: str, lang: str
) -> None:
    """A put-down of "this municipality", "hovedkontoret" or a "storkunde" is aimed at the
    employer or a customer; the same sentence about a bakery, a mountain or a cat is not."""
    assert rules_of(default_linter, text, lang) == {"disparaging.model"}
    assert rules_of(default_linter, other, lang) == set()


@pytest.mark.parametrize(
    ("text", "lang", "rule"),
    [
        ("Our clients are idiots who never read release notes.", "en", "disparaging.customer"),
        ("Kundene våre er dumme.", "nb", "disparaging.customer"),
        ("My manager is a moron.", "en", "disparaging.colleague"),
        ("Sjefen min er helt udugelig.", "nb", "disparaging.colleague"),
        ("This company is a joke.", "en", "disparaging.employer"),
    ],
)
def test_target_and_demeaning_word(default_linter: Linter, text, lang, rule) -> None:
    assert rule in rules_of(default_linter, text, lang)


def test_target_far_from_the_demeaning_word_is_not_disparaging(default_linter: Linter) -> None:
    text = "Our customers asked us for exports last spring, and honestly the old export code was useless."
    assert "disparaging.customer" not in rules_of(default_linter, text, "en")


# --- drugs and claims ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "rule"),
    [
        ("Popped some molly before the team party.", "en", "drugs.use"),
        # the wider own-story finding ("We ... weed") shadows the use finding inside it
        ("We smoked weed after the offsite.", "en", "drugs.use|drugs.own-story"),
        ("Vi tok litt kokain etter julebordet.", "nb", "drugs.use"),
        ("Han røykte hasj på hytta.", "nb", "drugs.use"),
        ("Aurora Cloud is 100% unhackable.", "en", "claims.safety"),
        ("Løsningen er 100 % trygg.", "nb", "claims.safety"),
        ("Our backups never fail.", "en", "claims.never-fails"),
        ("Garantert suksess med plattformen!", "nb", "claims.guarantee"),
        ("Preliminary revenue is 40% above plan.", "en", "confidential.financials"),
        ("[CONFIDENTIAL] Roadmap draft", "en", "confidential.label"),
    ],
)
def test_drugs_claims_confidential(default_linter: Linter, text, lang, rule) -> None:
    assert set(rule.split("|")) & set(rules_of(default_linter, text, lang))


def test_drug_names_alone_are_only_a_note(default_linter: Linter) -> None:
    hits = found(default_linter, "The documentary is about cocaine smuggling.", "en")
    assert hits == [("drugs.mention", "cocaine", "info")]


def test_packs_skip_urls_and_code(default_linter: Linter) -> None:
    text = "See [the post](https://example.com/hey-ho-fuck.html).\n\n```\nhash: COck+e2F\n```\n"
    assert [f for f in found(default_linter, text, "en", "markdown") if f[0].startswith("offensive")] == []


# --- matcher details the packs rely on -------------------------------------------------------


def test_inflected_compound_tail() -> None:
    index = TermIndex([Term("idiot", compound="tail")])
    units = word_units("trafikkidiotene")
    assert [m.term.text for m in index.find(units, "nb")] == ["idiot"]
    assert index.find(word_units("idiotsikkert"), "nb") == []
    frozen = TermIndex([Term("idiot", compound="tail", inflect=False)])
    assert frozen.find(units, "nb") == []


def test_listed_plural_does_not_inflect_twice() -> None:
    assert TermIndex([Term("asses", inflect=False)]).find(word_units("assess"), "en") == []


def test_words_across_a_block_break_are_not_glued(default_linter: Linter) -> None:
    text = "It is the same as\n\n\tS := F\n"
    assert [f for f in found(default_linter, text, "en", "markdown") if f[0].startswith("offensive")] == []


def test_pack_stoplist_keeps_harmless_phrases_quiet(default_linter: Linter) -> None:
    text = "The pussy willows are out, blue tits sing, and I bought a new garden hoe."
    assert found(default_linter, text, "en") == []
    assert ("offensive.insult.en", "hoe", "error") in found(default_linter, "Shut up, hoe.", "en")


def test_a_less_severe_finding_inside_a_more_severe_one_is_dropped(default_linter: Linter) -> None:
    assert found(default_linter, "Drittsekkene ringte igjen.", "nb") == [
        ("offensive.insult.nb", "Drittsekkene", "error")
    ]
    both = found(default_linter, "Oh shit. This build is absolute shit.", "en")
    assert both == [
        ("offensive.mild.en", "shit", "info"),
        ("offensive.verdict.en", "absolute shit", "warning"),
    ]


@pytest.mark.parametrize("policy_path", [None, ACME_POLICY], ids=["default", "acme"])
def test_every_rule_that_runs_on_norwegian_drafts_speaks_norwegian(policy_path) -> None:
    """A Norwegian draft's findings are all in Norwegian, not some in English (issue #19)."""
    policy = load_policy(policy_path)
    for rule in policy.rules:
        if rule.languages is not None and "nb" not in rule.languages:
            continue
        norwegian_only = rule.languages == frozenset({"nb"})
        assert "nb" in rule.translations or norwegian_only, f"{rule.id} has no Norwegian message"


def test_a_norwegian_draft_gets_norwegian_messages_from_every_pack(acme) -> None:
    draft = (
        "Kari Nordmann er sykmeldt, ring henne på 412 34 567. Prosjekt Kestrel er ikke annonsert ennå. "
        "Vi er 100 % sikre, og Nordic Cloud Co. er noen idioter. Vi røykte hasj på festen."
    )
    findings = acme.check(draft, lang="nb").findings
    assert {f.category for f in findings} >= {
        "pii",
        "confidential",
        "claims",
        "disparaging",
        "offensive",
        "drugs",
    }
    for finding in findings:
        rule = acme.policy.rule(finding.rule)
        expected_start = rule.texts("nb")[0].split("{")[0]
        assert finding.message.startswith(expected_start), finding.rule
