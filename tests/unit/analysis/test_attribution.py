"""Who says what a sentence says: the writer, someone they know, their organisation's own
papers, or a source the sentence reports."""

from __future__ import annotations

import pytest

from postguard.analysis import Analysis
from postguard.analysis.attribution import reports
from postguard.parsers import parse


def reported(text: str, lang: str) -> bool:
    """Whether the first sentence of ``text`` attributes what it says to others."""
    analysis = Analysis(parse(text, "text", None), lang)
    tokens = analysis.context.tokens(0)
    return reports(tokens, [token.text for token in tokens], analysis.units)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Fewer students use cocaine, a new survey shows.", "en"),
        ("Police seized two kilos of cocaine in the port.", "en"),
        ("We removed comments calling them parasites.", "en"),
        ("SSB-tall viser at færre røyker hasj.", "nb"),
        ("Politiet beslagla kokain i Oslo havn.", "nb"),
        ("Ifølge rapporten er løsningen feilfri.", "nb"),
        ("Bloomberg has a piece on the rumoured merger of two banks.", "en"),
        # a report or the news reports when it tells something or is named
        ("The report shows that fewer teenagers use cocaine.", "en"),
        ("Ny rapport fra Rusmiddeletaten: færre unge bruker kokain.", "nb"),
        # what a source says, not someone the writer knows
        ("Competitor X says they're the cheapest in Norway.", "en"),
        ("The minister says cocaine use is rising.", "en"),
        ("Nabofirmaet sier de er billigst i landet.", "nb"),
        # what others claim
        ("Be wary of any vendor claiming to be the only secure cloud.", "en"),
        ("Leverandøren hevder at systemet aldri feiler.", "nb"),
        # what people in general say, and what others promise
        ("People say our salmon is the best in the world.", "en"),
        ("Many suppliers promise 100% uptime to anyone who asks.", "en"),
        ("Mange leverandører lover 100 % oppetid.", "nb"),
    ],
)
def test_reported_sentences_attribute_what_they_say_to_others(text, lang):
    assert reported(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vi sier det rett ut: ingen lager bedre boller enn oss.", "nb"),
        ("I have always said our backups never fail.", "en"),
        # a bare "say" after anyone but others in general is the writer's own
        ("Can't say much yet, but we are about to buy a rival.", "en"),
        ("Let's just say the launch went better than the forecast.", "en"),
        # promises of the writer's side are theirs
        ("We promise 100% uptime, every day of the year.", "en"),
        ("Our new app promises zero downtime.", "en"),
        ("Appen vår lover null nedetid.", "nb"),
    ],
)
def test_the_writers_own_saying_is_not_reported(text, lang):
    assert not reported(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # passed on from someone the writer knows: a name that goes on as "he" or "she"
        ("Also, Olli says he'll bring his weed brownies to the town hall.", "en"),
        ("My colleague says the merger is signed on Friday.", "en"),
        ("I'm going to make him bleed for what he said.", "en"),
        ("Sjefen sa at oppkjøpet er klart.", "nb"),
        ("Også Kari sier hun tok en pille på festivalen.", "nb"),
    ],
)
def test_what_someone_the_writer_knows_says_is_passed_on_not_reported(text, lang):
    assert not reported(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "said_by_others"),
    [
        ("The internal memo from finance says the Oslo office closes in May.", "en", False),
        ("Utkastet fra styremøtet sier at vi kjøper opp Nordlaks.", "nb", False),
        # a source outside says it: reported
        ("The Financial Times says the Oslo office closes in May.", "en", True),
        ("Politiet sier at de beslagla to kilo kokain.", "nb", True),
    ],
)
def test_what_the_organisations_own_papers_say_is_passed_on(text, lang, said_by_others):
    assert reported(text, lang) is said_by_others
