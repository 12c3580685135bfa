"""Who says what a sentence says: the writer, someone the writer knows, the organisation's own
papers, or a source the sentence reports ("police said", "a new survey shows", "NRK sier").
Passing on what the writer's own side says publishes it; what a source says is news. The
context layer (:mod:`postguard.analysis.context`) asks :func:`reports` once per sentence."""

from __future__ import annotations

from collections.abc import Sequence

from postguard.analysis.tokens import Token
from postguard.analysis.units import Unit

#: Words that attribute a sentence to others, or report taking down what others wrote.
REPORTING_WORDS = frozenset(
    {
        # en: attribution, research, the law
        "say", "said", "says", "according", "reported", "reports", "reportedly", "survey", "surveys",
        "study", "studies", "research", "researchers", "statistics", "poll", "article",
        "documentary", "police", "seized", "seizure", "seizures", "court", "charged", "arrested",
        "convicted", "ministry", "agency", "authorities", "journalist", "headline",
        # what others claim or promise: "a vendor claiming to be the only secure cloud", "many
        # suppliers promise 100% uptime"
        "claiming", "claimed", "promise", "promises", "promised",
        # news outlets and agencies, named as the source: "Read the Reuters piece on the merger"
        "reuters", "bloomberg", "ntb", "nrk", "e24",
        # en: moderation of what others wrote
        "deleted", "removed", "blocked", "banned", "moderated", "flagged",
        # nb
        "sa", "sier", "ifølge", "melder", "meldte", "undersøkelse", "undersøkelsen", "studie",
        "studien", "forskning", "forskere", "forskerne", "statistikk", "statistikken", "ssb",
        "artikkel", "artikkelen", "dokumentar", "dokumentaren", "politiet", "beslag", "beslagla",
        "beslaglagt", "beslaget", "dømt", "siktet", "tiltalt", "departementet", "myndighetene",
        "journalisten", "slettet", "fjernet", "blokkerte", "anmeldte", "rapporterte", "modererte",
        "hevder", "hevdet", "påstår", "påsto", "lover", "lovet", "lovte",
    }
)  # fmt: skip
#: Sources that report only when they tell something ("the report shows", "nyheten viser") or
#: are named ("rapporten fra Deloitte"): alone they are as likely the company's own ("the report
#: is out next week", "rapporten publiseres fredag", "good news: we signed"), and a leak does not
#: become news by naming its document.
SOURCE_WORDS = frozenset({"report", "news", "rapport", "rapporten", "rapporter", "nyheter", "nyheten"})
#: The words that name who made a source: "a study by Oxford researchers", "rapporten fra SSB".
SOURCE_MAKERS = frozenset({"by", "from", "av", "fra"})
#: Words of saying that report only what others say: "I'll say it straight", "jeg sier det som
#: det er", "vi sier det rett ut" are the writer's own words, and "we promise" is a promise.
SAYING_WORDS = frozenset(
    {"say", "said", "says", "sa", "sier", "promise", "promises", "promised", "lover", "lovet", "lovte"}
)
#: Who says, before a bare "say": others in general ("people say", "experts say"). After anyone
#: else "say" is the writer's own ("I'd say", "let's just say", "can't say much yet").
GENERIC_SAYERS = frozenset(
    {
        "people", "they", "many", "some", "others", "experts", "critics", "folks", "everyone",
        "everybody", "analysts", "scientists", "doctors", "researchers", "users", "customers",
        "reviewers", "rumours", "rumors",
    }
)  # fmt: skip
#: "He" and "she": a person, not a company or a source.
PERSONAL_PRONOUNS = frozenset({"he", "she", "han", "hun", "hen"})
#: People the writer knows, whose words a post passes on rather than reports.
PEOPLE_KNOWN = PERSONAL_PRONOUNS | {"colleague", "coworker", "kollega", "kollegaen", "boss", "sjefen"}
#: How many words before a word of saying its subject may be ("we have always said").
SAYER_REACH = 3
#: The organisation's own papers: what they say is passed on, not reported ("the internal memo
#: from the CFO says...", "det interne veikartet sier at vi dropper appen").
OWN_PAPERS = frozenset(
    {
        "internal", "memo", "minutes", "draft", "slide", "slides", "deck", "roadmap",
        "intern", "interne", "internt", "notat", "notatet", "utkast", "utkastet", "referat",
        "referatet", "veikart", "veikartet", "lysark", "lysarket",
    }
)  # fmt: skip
#: What a source does when it reports: it shows, finds or says.
TELLING_WORDS = frozenset(
    {
        "show", "shows", "showed", "shown", "find", "finds", "found", "say", "suggest",
        "suggests", "suggested", "indicate", "indicates", "indicated", "reveal", "reveals",
        "revealed", "conclude", "concludes", "concluded", "estimate", "estimates", "estimated",
        "claim", "claims", "confirm", "confirms", "confirmed", "warn", "warns", "warned",
        "viser", "viste", "fant", "finner", "tyder", "avslører", "avslørte", "konkluderer",
        "konkluderte", "anslår", "anslo", "bekrefter", "bekreftet", "advarer", "hevder", "mener",
    }
)  # fmt: skip
#: The writer, as the subject of what the hit calls someone.
SELF_SUBJECTS = frozenset({"i", "jeg", "eg", "æ"})
#: The writer as the one who says something: themselves or their company ("we say", "vi sier"),
#: or what is theirs ("our CEO says", "our app promises", "appen vår lover").
WRITER_SUBJECTS = SELF_SUBJECTS | frozenset(
    {"we", "vi", "me", "us", "oss", "our", "my", "vår", "vårt", "våre", "min", "mitt"}
)


def _said_by_someone_known(tokens: list[Token], texts: list[str], units: Sequence[Unit], at: int) -> bool:
    """Whether the word of saying at ``at`` has as its subject the writer ("we have always
    said"), someone the writer knows (a colleague, "he" or "she", or a name that goes on as
    "he" or "she": "Olli says he'll bring brownies"), or the organisation's own papers
    (:data:`OWN_PAPERS`, anywhere before it). Passing on what they say publishes it;
    what a source says is reported ("police said", "NRK sier", "Competitor X says they're the
    cheapest")."""
    before = range(max(0, at - SAYER_REACH), at)
    if any(texts[i] in WRITER_SUBJECTS or texts[i] in PEOPLE_KNOWN for i in before):
        return True
    if not OWN_PAPERS.isdisjoint(texts[:at]):
        return True
    named = at - 1
    return (
        named > 0
        and units[tokens[named].unit].surface[:1].isupper()
        and texts[named] not in REPORTING_WORDS
        and not PERSONAL_PRONOUNS.isdisjoint(texts[at + 1 : at + 1 + SAYER_REACH])
    )


def reports(tokens: list[Token], texts: list[str], units: Sequence[Unit]) -> bool:
    """Whether a sentence attributes what it says to others: a word of attribution (not the
    writer's own saying: "jeg sier det som det er"), or a source that tells ("a new survey
    shows") or is named ("en undersøkelse fra FHI: ..."). ``texts``: the tokens' texts."""
    words = set(texts)
    for word in words & REPORTING_WORDS:
        if word not in SAYING_WORDS:
            return True
        for i, text in enumerate(texts):
            if (
                text == word
                and (word != "say" or (i > 0 and texts[i - 1] in GENERIC_SAYERS))
                and not _said_by_someone_known(tokens, texts, units, i)
            ):
                return True
    if words.isdisjoint(SOURCE_WORDS):
        return False
    if not words.isdisjoint(TELLING_WORDS):
        return True
    return any(
        token.text in SOURCE_WORDS
        and tokens[i + 1].text in SOURCE_MAKERS
        and units[tokens[i + 2].unit].surface[:1].isupper()
        for i, token in enumerate(tokens[:-2])
    )
