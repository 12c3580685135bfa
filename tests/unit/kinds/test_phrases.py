"""``phrases``: word patterns with inflections, choices, optional words, gaps and lists."""

from __future__ import annotations

import pytest
from conftest import linter_from

from postguard import PolicyError, load_policy_text
from postguard.kinds.phrases import inflections

POLICY = """
lists:
  drugs:
    terms: [molly, cocaine, hasj, magic mushrooms]
rules:
  - id: t.use
    kind: phrases
    category: drugs
    message: m
    match:
      - "smoke~ [some|a] [really] (fat|good) joint"
      - "(on|high on) {drugs}"
      - "røyke~ ~2 {drugs}"
      - "microdos*"
      - "merger is not public"
"""


@pytest.mark.parametrize(
    ("text", "found", "lang"),
    [
        ("We smoked a really fat joint.", "smoked a really fat joint", "en"),
        ("Smoking good joint", "Smoking good joint", "en"),
        ("the whole team was on molly", "on molly", "en"),
        ("she was high on magic mushrooms all day", "high on magic mushrooms", "en"),
        ("microdosing on mondays", "microdosing", "en"),
        ("Vi røyka litt god hasj", "røyka litt god hasj", "nb"),
        ("The merger isn't public yet", "merger isn't public", "en"),
        ("The merger is not public yet", "merger is not public", "en"),
        ("He was on c0caine", "on c0caine", "en"),
    ],
)
def test_patterns_find_the_longest_stretch(text, found, lang):
    findings = linter_from(POLICY).check(text, lang=lang).findings
    assert [f.text for f in findings] == [found]


@pytest.mark.parametrize(
    "text",
    [
        "We smoked a salmon joint venture",  # "salmon" is not one of the pattern's words
        "We smoked. A good joint venture",  # never across a sentence end
        "Vi røyka laks og kjøpte litt mer hasj",  # more words between than the gap allows
        "Mi cro dosing",  # a prefix needs the word to start with it
    ],
)
def test_patterns_do_not_stretch_beyond_what_they_say(text):
    assert linter_from(POLICY).check(text, lang="en").findings == ()


def test_a_gap_never_skips_a_negation():
    linter = linter_from(POLICY)
    assert [f.text for f in linter.check("Vi røykte litt hasj", lang="nb").findings] == ["røykte litt hasj"]
    assert linter.check("Vi røykte ikke hasj", lang="nb").findings == ()
    assert linter.check("Vi røykte aldri hasj", lang="nb").findings == ()


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("~2 joint", "must start with a word"),
        ("smoke [joint]", "must end with a word"),
        ("(smoke joint", "never closes"),
        ("smoke) joint", "without an opening bracket"),
        ("smoke ~40 joint", "a gap is ~1 to ~12"),
        ("{nope} joint", "does not have"),
        ("mi* joint", "shorter than 3 letters"),
        ("!smoke joint", "must start with a word"),
        ("smoke !joint", "must end with a word"),
        ("smoke ! ~2 joint", "without a word"),
    ],
)
def test_bad_patterns_fail_at_load_with_the_rule_and_line(pattern, problem):
    policy = f"""
rules:
  - id: t.bad
    kind: phrases
    category: drugs
    message: m
    match: ["{pattern}"]
"""
    with pytest.raises(PolicyError) as error:
        load_policy_text(policy)
    assert problem in str(error.value) and "t.bad" in str(error.value) and ":7" in str(error.value)


NOT_POLICY = """
lists:
  periods:
    terms: [quarter, kvartal]
rules:
  - id: t.claim
    kind: phrases
    category: claims
    message: m
    match:
      - "best !{periods} ~3 ever"
      - "fastest !(of the) ~2 world"
"""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Our best router ever.", ["best router ever"]),
        ("Our best ever.", ["best ever"]),  # nothing follows to rule out: the "!" takes no word
        ("Our best quarter ever.", []),  # ruled out right after "best"...
        ("Our best sales quarter ever.", ["best sales quarter ever"]),  # ...only there
        ("The fastest in the world.", ["fastest in the world"]),
        ("The fastest of the world.", []),  # a choice of word sequences rules out the sequence
    ],
)
def test_a_bang_rules_out_what_may_follow_without_taking_a_word(text, found) -> None:
    assert [f.text for f in linter_from(NOT_POLICY).check(text, lang="en").findings] == found


def test_inflections_cover_both_languages() -> None:
    assert {"smokes", "smoked", "smoking"} <= inflections("smoke")
    assert {"popped", "popping"} <= inflections("pop")
    assert {"røyker", "røykte", "røyka", "røykt"} <= inflections("røyke")


def test_required_words_are_every_element_a_match_cannot_skip() -> None:
    from postguard.kinds.phrases import PhrasesCheck, required_words

    policy = load_policy_text(
        "rules:\n  - id: t.r\n    kind: phrases\n    category: c\n    message: m\n"
        '    match: ["(took|had) [a] ~3 (pill|bump) microdos* tonight", "(off the record|can\'t say more)"]\n'
    )
    rule = policy.rule("t.r")
    options = PhrasesCheck.parse(rule, policy)
    assert [required_words(elements) for _, elements in options.patterns] == [
        [frozenset({"took", "had"}), frozenset({"pill", "bump"}), frozenset({"tonight"})],
        # a choice of word sequences needs one of its first and one of its last words
        [frozenset({"off", "can"}), frozenset({"record", "more"})],
    ]
    # tried fewest forms first: an absent rare word rules a sentence out soonest
    assert PhrasesCheck(rule, options).required[0][0] == frozenset({"tonight"})


COMPOUND_POLICY = """
lists:
  bosses:
    terms: [{term: sjef, compound: tail}, {term: sjefen, compound: tail}, leder]
rules:
  - id: t.verdict
    kind: phrases
    category: disparaging
    message: m
    match:
      - "{bosses} er udugelig"
"""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Sjefen er udugelig.", "Sjefen er udugelig"),
        ("Regionsjefen er udugelig.", "Regionsjefen er udugelig"),  # a compound with the tail
        ("Leder er udugelig.", "Leder er udugelig"),
    ],
)
def test_a_lists_compound_tail_matches_at_a_words_end(text, found) -> None:
    findings = linter_from(COMPOUND_POLICY).check(text, lang="nb").findings
    assert [f.text for f in findings] == [found]


@pytest.mark.parametrize(
    "text",
    [
        "Avdelingsleder er udugelig.",  # "leder" is no compound tail in this list
        "Ksjef er udugelig.",  # a tail needs a real word's worth of letters before it
        "Sjefene er flinke.",
    ],
)
def test_only_declared_tails_match_inside_a_word(text) -> None:
    assert linter_from(COMPOUND_POLICY).check(text, lang="nb").findings == ()
