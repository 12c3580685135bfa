"""``classifier``: the abuse model per prose sentence, with thresholds, targets and context."""

from __future__ import annotations

import json

import pytest
from conftest import linter_from

from postguard import PolicyError, load_policy_text
from postguard.classify import ABUSE_LABELS, classify, prepare

POLICY = """
lists:
  rivals:
    terms: [our competitors, konkurrentene]
rules:
  - id: t.threat
    kind: classifier
    model: abuse
    label: threat
    category: offensive
    message: m
    unless: [quoted, negated, reported]
  - id: t.disparaging
    kind: classifier
    model: abuse
    label: disparaging
    threshold: 0.75
    targets: {lists: [rivals]}
    category: disparaging
    message: m
"""


def test_a_threat_is_reported_on_its_sentence_with_a_score() -> None:
    text = "Great demo today. I will find you and hurt you."
    findings = linter_from(POLICY).check(text, lang="en").findings
    assert [(f.rule, f.text) for f in findings] == [("t.threat", "I will find you and hurt you.")]
    assert findings[0].score is not None and 0.5 <= findings[0].score <= 1


def test_quoting_a_threat_is_not_making_one() -> None:
    text = "Someone wrote “say that again and I will break your legs” under our post."
    assert linter_from(POLICY).check(text, lang="en").findings == ()


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "A troll wrote “I will find you and hurt you” under our launch post."),
        ("en", "“I will find you and hurt you,” he wrote."),
    ],
)
def test_a_threat_quoted_inside_a_longer_sentence_rests_on_its_quote(lang, sentence) -> None:
    """The model reads the whole sentence as a threat; without its quotation it reads none, so the
    finding rests on the quote and ``unless: [quoted]`` cancels it."""
    assert classify(f"abuse-{lang}", [sentence])[0]["threat"] >= 0.5
    assert linter_from(POLICY).check(sentence, lang=lang).findings == ()
    unquoted = POLICY.replace("unless: [quoted, negated, reported]", "unless: [negated]", 1)
    assert [f.rule for f in linter_from(unquoted).check(sentence, lang=lang).findings] == ["t.threat"]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Someone left the comment “I know where you live” under our post, and we reported it."),
        ("nb", "Noen skrev «jeg vet hvor du bor» til kundeservice, og vi anmeldte det."),
    ],
)
def test_the_model_reads_a_reported_threat_as_a_report(lang, sentence) -> None:
    """Our data teaches reporting as a hard negative: with no context rule at all, the model
    alone passes a sentence that tells of a threat someone else wrote."""
    assert classify(f"abuse-{lang}", [sentence])[0]["threat"] < 0.5
    unguarded = POLICY.replace("unless: [quoted, negated, reported]", "unless: []", 1)
    assert linter_from(unguarded).check(sentence, lang=lang).findings == ()


HATE = """
rules:
  - id: t.hate
    kind: classifier
    model: abuse
    label: hate
    threshold: 0.7
    category: offensive
    message: m
    unless: [negated]
"""


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [("nb", "Innvandrere er ikke kriminelle."), ("nb", "Muslimer er ikke terrorister.")],
)
def test_a_denial_passes(lang, sentence) -> None:
    assert linter_from(HATE).check(sentence, lang=lang).findings == ()


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [("nb", "Innvandrere er ikke parasitter."), ("nb", "Muslimer er ikke rotter.")],
)
def test_a_denied_verdict_is_negated(lang, sentence) -> None:
    """The model learned most denials from its data, but it reads words, not negation, and still
    scores these as hate. The verdict word lies in what the negation reaches, and without the
    negator the sentence reads at least as surely: the finding is negated, and
    ``unless: [negated]`` drops it."""
    assert classify(f"abuse-{lang}", [sentence])[0]["hate"] >= 0.7
    assert linter_from(HATE).check(sentence, lang=lang).findings == ()
    unguarded = HATE.replace("unless: [negated]", "unless: []")
    assert [f.rule for f in linter_from(unguarded).check(sentence, lang=lang).findings] == ["t.hate"]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [("en", "Muslims are never honest."), ("nb", "Muslimer er aldri ærlige.")],
)
def test_negated_praise_is_no_denial(lang, sentence) -> None:
    """Without its "never" the sentence reads milder: the negation is the put-down."""
    assert [f.rule for f in linter_from(HATE).check(sentence, lang=lang).findings] == ["t.hate"]


def test_a_negation_past_what_the_model_reads_denies_nothing() -> None:
    """The model reads a sentence's first thousand characters: a "not" beyond them changes
    nothing it reads, so it cannot be what the verdict rests on."""
    sentence = "Muslimer er terrorister, " * 50 + "og de er ikke kriminelle."
    assert [f.rule for f in linter_from(HATE).check(sentence, lang="nb").findings] == ["t.hate"]


def test_code_is_never_read_by_the_model() -> None:
    text = "Notes:\n\n```\nI will find you and hurt you.\n```\n"
    assert linter_from(POLICY).check(text, lang="en", format="markdown").findings == ()


@pytest.mark.parametrize(
    ("text", "lang", "flagged"),
    [
        ("Our competitors' engineers are hopeless amateurs.", "en", True),
        ("Their engineers are hopeless amateurs.", "en", False),  # no target named
        ("Konkurrentene er et sirkus av et selskap.", "nb", True),
    ],
)
def test_disparagement_needs_a_target_in_its_sentence(text, lang, flagged):
    rules = [f.rule for f in linter_from(POLICY).check(text, lang=lang).findings]
    assert (rules == ["t.disparaging"]) is flagged


@pytest.mark.parametrize(
    ("option", "text", "lang"),
    [
        ("names: true", "Everyone knows the engineers at Brightwave are hopeless amateurs.", "en"),
        ("names: true", "Alle vet at utviklerne i Vesteng Bygg er et sirkus av amatører.", "nb"),
        # a first word that is no word of the language is a name too
        ("names: true", "Meridex is to software what a wet paper bag is to luggage.", "en"),
        ("classes: [person]", "Honestly the tenants in block B are a bunch of hopeless parasites.", "en"),
        ("classes: [person]", "Ærlig talt er leietakerne i blokk B en gjeng håpløse snyltere.", "nb"),
    ],
)
def test_a_name_or_a_person_in_a_role_is_a_target_when_the_rule_says_so(option, text, lang):
    widened = POLICY.replace("targets: {lists: [rivals]}", f"targets: {{lists: [rivals], {option}}}")
    assert linter_from(POLICY).check(text, lang=lang).findings == ()
    assert [f.rule for f in linter_from(widened).check(text, lang=lang).findings] == ["t.disparaging"]


#: POLICY with any name counting as a target of disparagement.
NAMED = POLICY.replace("targets: {lists: [rivals]}", "targets: {lists: [rivals], names: true}")


@pytest.mark.parametrize(
    "text",
    [
        "Circus of a company, I swear.",  # a sentence's first word, and "I"
        "Circus of a company, I've said it before.",  # a contraction of "I"
        "Who says releasing on Friday is a bad idea?",  # a day (or a month)
    ],
)
def test_words_that_name_no_one(text):
    assert classify("abuse-en", [text])[0]["disparaging"] >= 0.5  # the model alone would report it
    assert linter_from(NAMED).check(text, lang="en").findings == ()


@pytest.mark.parametrize(
    ("text", "lang", "flagged"),
    [
        ("Our competitors ship a new release. Their engineers are hopeless amateurs.", "en", True),
        ("Konkurrentene lanserte noe nytt i dag. De er et sirkus av et selskap.", "nb", True),
        # Norwegian "det" points back as English "it" does
        ("Konkurrentene lanserte noe nytt i dag. Det er et sirkus av et selskap.", "nb", True),
        ("Konkurrentene lanserte noe nytt i dag.\n\nDet er et sirkus av et selskap.", "nb", False),
        # a new paragraph starts a new subject
        ("Our competitors ship a new release.\n\nTheir engineers are hopeless amateurs.", "en", False),
        # nothing points back to the sentence before
        ("Our competitors ship a new release. Engineers are hopeless amateurs.", "en", False),
    ],
)
def test_a_pronoun_carries_the_target_named_in_the_sentence_before(text, lang, flagged):
    rules = [f.rule for f in linter_from(POLICY).check(text, lang=lang, format="markdown").findings]
    assert (rules == ["t.disparaging"]) is flagged


#: POLICY with two neighbouring sentences also read together, and a Norwegian threshold the
#: Norwegian model's reading of the pair below reaches.
PAIRS = POLICY.replace("threshold: 0.75\n", "threshold: {en: 0.75, nb: 0.6}\n    pairs: true\n")


def test_words_quoted_to_mock_someone_leave_the_put_down_to_the_writer():
    """Without its quotation the sentence reads clean, but the quoted slogan alone is harmless
    too: the sneer is the writer's own, and ``unless: [quoted]`` does not cancel it."""
    text = "Konkurrentene sier de setter «kunden alltid først»."
    whole, without, quoted = classify(
        "abuse-nb", [text, "Konkurrentene sier de setter .", "kunden alltid først"]
    )
    assert whole["disparaging"] >= 0.75 > without["disparaging"]
    assert quoted["disparaging"] < 0.5 * 0.75
    guarded = POLICY.replace("threshold: 0.75\n", "threshold: 0.75\n    unless: [quoted]\n")
    assert [f.text for f in linter_from(guarded).check(text, lang="nb").findings] == [text]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Our competitors launched their portal today. Useless clowns, all of them.", "en"),
        ("Konkurrentene lanserte en ny app i dag. Ubrukelige klovner, alle sammen.", "nb"),
    ],
)
def test_a_verdict_spread_over_two_sentences_is_read_as_one(text, lang):
    """Neither sentence alone reaches the threshold (the second names no target, and reads as
    half insult, half disparagement); together they run the competitors down."""
    first, second = (sentence + "." for sentence in text.rstrip(".").split(". "))
    threshold = 0.75 if lang == "en" else 0.6
    assert all(s["disparaging"] < threshold for s in classify(f"abuse-{lang}", [first, second]))
    assert linter_from(POLICY).check(text, lang=lang).findings == ()
    findings = linter_from(PAIRS).check(text, lang=lang).findings
    assert [(f.rule, f.text) for f in findings] == [("t.disparaging", text)]
    assert findings[0].score is not None and findings[0].score >= threshold


def test_sentences_of_two_paragraphs_are_not_read_together():
    text = "Our competitors launched their portal today.\n\nUseless clowns, all of them."
    assert linter_from(PAIRS).check(text, lang="en", format="markdown").findings == ()


def test_a_sentence_reported_alone_is_not_reported_again_with_its_neighbour():
    text = "Our competitors are hopeless amateurs. Useless clowns, all of them."
    findings = linter_from(PAIRS).check(text, lang="en").findings
    assert [f.text for f in findings] == ["Our competitors are hopeless amateurs."]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Henrik chews like a cement mixer and thinks with about the same precision.", "en"),
        ("Karin i økonomi har like mye empati som en parkeringsautomat.", "nb"),
    ],
)
def test_a_first_name_that_is_also_a_word_is_a_name_to_the_name_finder(text, lang):
    """The cheap test takes a known word as the first word of a sentence for no name; the
    person-name finder knows "Henrik" and "Karin" are given names."""
    assert [f.rule for f in linter_from(NAMED).check(text, lang=lang).findings] == ["t.disparaging"]


def test_a_name_where_a_day_stood_is_a_target():
    text = "Who says releasing with Vendrix is a bad idea?"
    assert [f.rule for f in linter_from(NAMED).check(text, lang="en").findings] == ["t.disparaging"]


def test_a_handle_is_an_address_not_a_name():
    insult = POLICY.replace("label: threat", "label: insult\n    targets: {terms: [you], names: true}")
    text = "@RylannWilliams ok chill lovebird lol"
    assert classify("abuse-en", [text])[0]["insult"] >= 0.5  # the model misreads it
    assert linter_from(insult).check(text, lang="en").findings == ()
    addressed = "@RylannWilliams you are a spineless useless clown"
    assert [f.rule for f in linter_from(insult).check(addressed, lang="en").findings] == ["t.threat"]


def test_the_json_report_carries_the_score_for_model_findings_only() -> None:
    from postguard.report.json import finding

    linter = linter_from(POLICY + "\n  - {id: t.word, kind: terms, terms: [demo], category: c, message: m}\n")
    result = linter.check("Great demo today. I will find you and hurt you.", lang="en")
    shown = {f.rule: finding(f) for f in result.findings}
    assert "score" not in shown["t.word"]
    assert 0.5 <= shown["t.threat"]["score"] <= 1
    json.dumps(shown)


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ("model: gossip\n    label: threat", "'model' must be one of: abuse"),
        ("model: abuse\n    label: rude", "'label' must be one of the abuse model's classes"),
        (
            "model: abuse\n    label: threat\n    threshold: 1.5",
            "'threshold' must be a number between 0 and 1",
        ),
        (
            "model: abuse\n    label: threat\n    threshold: {en: 0.7}",
            "with every language: en, nb",
        ),
        (
            "model: abuse\n    label: threat\n    threshold: {en: 0.7, nb: yes}",
            "'threshold' must be a number between 0 and 1, or one per language",
        ),
        (
            "model: abuse\n    label: threat\n    targets: [boss]",
            "'targets' must have 'lists' and/or 'terms'",
        ),
        (
            "model: abuse\n    label: threat\n    targets: {terms: [boss], names: yes please}",
            "'targets.names' must be true or false",
        ),
        (
            "model: abuse\n    label: threat\n    targets: {classes: [robots]}",
            "'targets.classes' must be a list of the lexicon's classes",
        ),
        (
            "model: abuse\n    label: threat\n    targets: {lists: [rival]}",
            "unknown list 'rival' in 'targets.lists'",
        ),
        (
            "model: meaning\n    label: confidential\n    yields-to: [customers]",
            "'yields-to' must have 'lists' and/or 'terms'",
        ),
        (
            "model: abuse\n    label: hate\n    shares: [threats]",
            "'shares' must be a list of the model's other classes",
        ),
        (
            "model: abuse\n    label: hate\n    shares: [clean]",
            "'shares' must be a list of the model's other classes",
        ),
        (
            "model: abuse\n    label: hate\n    shares: threat",
            "'shares' must be a list of the model's other classes",
        ),
        ("model: abuse\n    label: hate\n    pairs: yes please", "'pairs' must be true or false"),
    ],
)
def test_bad_options_fail_at_load(options, problem):
    policy = f"rules:\n  - id: t.bad\n    kind: classifier\n    {options}\n    category: c\n    message: m\n"
    with pytest.raises(PolicyError, match="t.bad") as error:
        load_policy_text(policy)
    assert problem in str(error.value)


def test_scores_are_a_distribution_over_the_classes() -> None:
    for lang in ("en", "nb"):
        (scores,) = classify(f"abuse-{lang}", ["hello"])
        assert set(scores) == {*ABUSE_LABELS, "clean"}
        assert abs(sum(scores.values()) - 1) < 1e-4


def test_prepare_reads_disguises_and_drops_links_and_mentions() -> None:
    assert prepare("@bob  U R an 1d10t!!! https://x.io/a #LOSER") == "@user u r an idiot!!! url loser"


def test_a_policy_sets_a_built_in_model_rules_threshold() -> None:
    threat = "Keep talking and see what happens."
    default = linter_from("extends: [offensive]\n")
    assert [f.rule for f in default.check(threat, lang="en").findings] == ["offensive.model.threat"]
    linter = linter_from("extends: [offensive]\nthreshold: {offensive.model.threat: 0.999}\n")
    assert linter.policy.rule("offensive.model.threat").options["threshold"] == 0.999
    assert [f.rule for f in linter.check(threat, lang="en").findings] == []


def test_a_threshold_can_differ_per_language() -> None:
    """The models are calibrated apart: a rule may ask each to be as sure as its own figures say."""
    threat = "Keep talking and see what happens."
    linter = linter_from("extends: [offensive]\nthreshold: {offensive.model.threat: {en: 0.999, nb: 0.5}}\n")
    assert linter.policy.rule("offensive.model.threat").options["threshold"] == {"en": 0.999, "nb": 0.5}
    assert linter.check(threat, lang="en").findings == ()
    norwegian = "Fortsett sånn, så får du se hva som skjer med bilen din."
    (scores,) = classify("abuse-nb", [norwegian])
    above, below = (scores["threat"] + 1) / 2, scores["threat"] / 2
    rule = "  - {id: t.threat, kind: classifier, model: abuse, label: threat, category: c, message: m,"
    strict_nb = linter_from(f"rules:\n{rule} threshold: {{en: 0.5, nb: {above}}}}}\n")
    lenient_nb = linter_from(f"rules:\n{rule} threshold: {{en: 0.999, nb: {below}}}}}\n")
    assert [f.rule for f in strict_nb.check(threat, lang="en").findings] == ["t.threat"]
    assert strict_nb.check(norwegian, lang="nb").findings == ()
    assert [f.rule for f in lenient_nb.check(norwegian, lang="nb").findings] == ["t.threat"]


@pytest.mark.parametrize(
    ("setting", "problem"),
    [
        ("{offensive.model.threat: 2}", "must be a number between 0 and 1"),
        ("{offensive.model.threat: {en: 0.7}}", "or one per language (en, nb)"),
        ("{offensive.model.thraet: 0.7}", "unknown rule id 'offensive.model.thraet' in 'threshold'"),
        ("{offensive.insult.en: 0.7}", "has no threshold: only model rules"),
    ],
)
def test_bad_thresholds_fail_at_load(setting, problem):
    with pytest.raises(PolicyError) as error:
        load_policy_text(f"extends: [offensive]\nthreshold: {setting}\n")
    assert problem in str(error.value)


MEANING = """
rules:
  - {id: t.drugs, kind: classifier, model: meaning, label: drugs, category: drugs, message: m}
"""


def test_the_meaning_model_reads_what_a_sentence_tells_in_either_language() -> None:
    linter = linter_from(MEANING)
    told = "Half the dev team was rolling at the launch party, what a night."
    assert [f.rule for f in linter.check(told, lang="en").findings] == ["t.drugs"]
    assert linter.check("A new report says teenage cannabis use has dropped again.", lang="en").findings == ()
    scores = classify("meaning-nb", ["Vi halverer strømregningen til alle kunder, garantert og uten unntak."])
    assert max(scores[0], key=scores[0].__getitem__) == "claims"


def test_the_meaning_model_does_not_judge_a_fragment_of_few_words() -> None:
    # "Nothing at the moment." is only its common words to the model; it needs a clause.
    linter = linter_from(MEANING.replace("category: drugs", "threshold: 0.01, category: drugs"))
    assert linter.check("Rolling at the party.", lang="en").findings == ()
    assert linter.check("We were rolling at the party all night.", lang="en").findings != ()


def test_a_model_rule_names_a_class_of_its_own_model() -> None:
    with pytest.raises(PolicyError, match="meaning model's classes"):
        load_policy_text(MEANING.replace("label: drugs", "label: hate"))


YIELDING = """
lists:
  customers: [Halvorsen Maritime]
rules:
  - id: t.confidential
    kind: classifier
    model: meaning
    label: confidential
    threshold: 0.8
    yields-to: {lists: [customers]}
    category: confidential
    message: m
"""


def test_a_sentence_naming_a_listed_customer_is_left_to_the_customer_rule() -> None:
    """The meaning model reads a signed deal as company news; where the sentence names a listed
    customer, the customer rule's finding names the word to take out, and this rule yields."""
    named = "Halvorsen Maritime is signing a five-year deal with us next week!"
    unnamed = "A new customer is signing a five-year deal with us next week!"
    assert classify("meaning-en", [named])[0]["confidential"] >= 0.8
    assert linter_from(YIELDING).check(named, lang="en").findings == ()
    assert [f.rule for f in linter_from(YIELDING).check(unnamed, lang="en").findings] == ["t.confidential"]
    unyielding = YIELDING.replace("    yields-to: {lists: [customers]}\n", "")
    assert [f.rule for f in linter_from(unyielding).check(named, lang="en").findings] == ["t.confidential"]


SHARING = """
rules:
  - id: t.hate
    kind: classifier
    model: abuse
    label: hate
    threshold: 0.75
    shares: [threat]
    category: offensive
    message: m
  - id: t.threat
    kind: classifier
    model: abuse
    label: threat
    threshold: 0.75
    shares: [hate]
    category: offensive
    message: m
"""


def test_classes_that_share_report_together_once() -> None:
    """A threat against a group splits the model between hate and threat; neither alone reaches
    the threshold, together they do, and only the leading class reports."""
    text = "I will kill every immigrant I see."
    (scores,) = classify("abuse-en", [text])
    assert scores["hate"] < 0.75 and scores["threat"] < 0.75 <= scores["hate"] + scores["threat"]
    unshared = SHARING.replace("    shares: [threat]\n", "").replace("    shares: [hate]\n", "")
    assert linter_from(unshared).check(text, lang="en").findings == ()
    (finding,) = linter_from(SHARING).check(text, lang="en").findings
    leader = "t.hate" if scores["hate"] >= scores["threat"] else "t.threat"
    assert finding.rule == leader
    assert finding.score == pytest.approx(scores["hate"] + scores["threat"], abs=1e-6)


CUES = """
rules:
  - {id: t.threat, kind: classifier, model: abuse, label: threat, category: offensive,
     message: 'reads as a threat: "{cues}"'}
  - {id: t.drugs, kind: classifier, model: meaning, label: drugs, category: drugs,
     message: 'reads as drug use: "{cues}"'}
"""


@pytest.mark.parametrize(
    ("lang", "rule", "sentence", "cue"),
    [
        ("en", "t.drugs", "The whole team was on molly at the afterparty.", "molly"),
        ("en", "t.threat", "I will find you and hurt you.", "hurt"),
        ("nb", "t.drugs", "Hele avdelingen var høye på kokain på julebordet i går.", "kokain"),
    ],
)
def test_a_model_finding_names_the_words_that_weighed_most(lang, rule, sentence, cue) -> None:
    """A person told only "this reads as a threat" has to guess what to change: ``{cues}`` names
    the words without which the model reads the sentence least as its class."""
    (finding,) = [f for f in linter_from(CUES).check(sentence, lang=lang).findings if f.rule == rule]
    cues = finding.message.split('"')[1]
    assert cue in cues.replace(" … ", " ").split()


def test_cues_leave_out_common_words_and_join_neighbours_in_sentence_order() -> None:
    sentence = "Kari called the new hire a useless clown."
    policy = CUES.replace("label: threat", "label: disparaging")
    (finding,) = linter_from(policy).check(sentence, lang="en").findings
    cues = finding.message.split('"')[1]
    stretches = cues.split(" … ")
    assert "useless clown" in stretches  # two neighbours, one stretch
    assert [sentence.index(s) for s in stretches] == sorted(sentence.index(s) for s in stretches)
    assert not {"the", "a"} & set(cues.split())


def test_leaving_out_the_word_that_weighed_most_lowers_the_models_reading() -> None:
    from postguard.classify import load

    model = load("meaning-en")
    sentence = "The whole team was on molly at the afterparty."
    assert model.lead(sentence, "drugs") > model.lead(sentence.replace("molly", ""), "drugs")
