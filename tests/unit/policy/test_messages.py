"""A rule's message and guidance in each language: a draft's findings speak the draft's language."""

from __future__ import annotations

import pytest
from conftest import linter_from

from postguard import PolicyError, load_policy_text

BILINGUAL = """
rules:
  - id: t.codename
    kind: terms
    terms: [Kestrel]
    category: confidential
    message: {en: '"{match}" is a codename.', nb: '"{match}" er et kodenavn.'}
    guidance: {en: Leave it out., nb: La det være.}
  - id: t.english-only
    kind: terms
    terms: [Osprey]
    category: confidential
    message: '"{match}" is a codename too.'
"""


@pytest.mark.parametrize(
    ("lang", "message", "guidance"),
    [
        ("en", '"Kestrel" is a codename.', "Leave it out."),
        ("nb", '"Kestrel" er et kodenavn.', "La det være."),
    ],
)
def test_findings_speak_the_drafts_language(lang, message, guidance) -> None:
    [finding] = linter_from(BILINGUAL).check("Kestrel", lang=lang).findings
    assert (finding.message, finding.guidance) == (message, guidance)


def test_a_rule_with_one_text_uses_it_in_every_language() -> None:
    [finding] = linter_from(BILINGUAL).check("Osprey", lang="nb").findings
    assert finding.message == '"Osprey" is a codename too.'


def test_the_english_text_is_the_rules_own_and_the_others_are_translations() -> None:
    rule = load_policy_text(BILINGUAL).rule("t.codename")
    assert rule.message == '"{match}" is a codename.'
    assert rule.texts("nb") == ('"{match}" er et kodenavn.', "La det være.")


@pytest.mark.parametrize(
    ("message", "says"),
    [
        ("{en: ok, de: falsch}", "message in unsupported language 'de'"),
        ("{en: ok, nb: ''}", "message in 'nb' must be text"),
        ("{}", "needs 'message'"),
        ("{en: '{matchh}'}", "unknown placeholder {matchh}"),
    ],
)
def test_bad_translations_are_refused_at_load(message, says) -> None:
    text = f"rules:\n  - id: t.x\n    kind: terms\n    terms: [x]\n    category: c\n    message: {message}\n"
    with pytest.raises(PolicyError, match=says.replace("{", r"\{").replace("}", r"\}")):
        load_policy_text(text)


def test_guidance_in_a_language_without_a_message_is_refused() -> None:
    text = (
        "rules:\n  - id: t.x\n    kind: terms\n    terms: [x]\n    category: c\n    message: m\n"
        "    guidance: {nb: veiledning}\n"
    )
    with pytest.raises(PolicyError, match="guidance in 'nb' but no message in it"):
        load_policy_text(text)
