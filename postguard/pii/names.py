"""Person names without a model: name lists, capitalisation, titles and context.

Official spaCy pipelines are not on the package index and there is none for Norwegian, so
the default recogniser needs no model. Its evidence, per run of capitalised words:

* first names and surnames from Faker's person providers (a maintained package that ships
  its name lists) for the languages whose names turn up in English and Norwegian posts,
  English nicknames from the nicknames package, and given names common in Norway that those
  lack (``data/first_names_nb.txt``);
* how common each word is as an ordinary word, from wordfreq's word lists (``en``/``nb``),
  so "Will" or "Bill" at a sentence start is a verb or noun, "Tackett" after "Ram" a name;
* titles before the run ("Dr.", "Mrs", "fru", "statsminister") and words that call for a
  person after it ("said", "sa", "'s");
* the shape of the text around it: a greeting or a signature, a role in apposition, a clause's
  subject that a pronoun refers back to, and the evidence against a person (places, routes,
  organisations, addresses, products, ordinary nouns that start a sentence).

The name lists are cached as one small file in the user's cache folder, so a process loads
them in a few milliseconds after the first run.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import importlib
import itertools
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING

from postguard.pii import Detection

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from postguard.analysis import Analysis

CACHE_VERSION = 8
#: Faker locales whose Latin-script names are read (first names, surnames).
NAME_LOCALES = (
    "en_US",
    "en_GB",
    "en_IE",
    "en_IN",
    "en_PK",
    "en_NG",
    "no_NO",
    "sv_SE",
    "da_DK",
    "fi_FI",
    "is_IS",
    "de_DE",
    "nl_NL",
    "fr_FR",
    "es_ES",
    "it_IT",
    "pl_PL",
    "pt_BR",
    "tr_TR",
    "id_ID",
)
#: Shorter nicknames are mostly words too ("Mac", "Kit", "Len", "Fox").
NICKNAME_MIN_LENGTH = 4
#: A nickname or a name from our own list this common as a word ("Rich", "Liv") is not trusted
#: as a first name by itself.
TRUSTED_NAME_ZIPF = 4.6
#: Locales whose common first names are trusted even when they are frequent words elsewhere.
HOME_LOCALES = frozenset({"en_US", "en_GB", "en_IE", "no_NO", "sv_SE", "da_DK"})
_NAME_RE = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿA-ZÀ-ÖØ-Þ'’-]*$")

TITLES = {
    "en": {
        "sen",
        "rep",
        "gov",
        "capt",
        "detective",
        "inspector",
        "pastor",
        "bishop",
        "archbishop",
        "pope",
        "chancellor",
        "ambassador",
        "commissioner",
        "sheriff",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lady",
        "lord",
        "president",
        "senator",
        "governor",
        "justice",
        "judge",
        "minister",
        "mayor",
        "king",
        "queen",
        "prince",
        "princess",
        "rev",
        "father",
        "sister",
        "brother",
        "uncle",
        "aunt",
        "colleague",
        "friend",
        "wife",
        "husband",
        "son",
        "daughter",
        "boyfriend",
        "girlfriend",
        "cousin",
        "neighbour",
        "neighbor",
        "boss",
        "mom",
        "mum",
        "dad",
        "grandma",
        "grandpa",
        "nephew",
        "niece",
        "nurse",
        "lawyer",
        "attorney",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "secretary",
        "chairman",
        "chairwoman",
        "singer",
        "actor",
        "actress",
        "teammate",
        "classmate",
        "roommate",
        "ceo",
        "cto",
        "cfo",
        "coach",
        "captain",
        "officer",
        "sgt",
        "gen",
        "col",
        "lt",
    },
    "nb": {
        "herr",
        "fru",
        "frøken",
        "dr",
        "prof",
        "professor",
        "statsminister",
        "minister",
        "ordfører",
        "kong",
        "kongen",
        "kronprins",
        "kronprinsesse",
        "forfatter",
        "forfatteren",
        "statsråd",
        "stortingsrepresentant",
        "partileder",
        "trener",
        "treneren",
        "dronning",
        "prins",
        "prinsesse",
        "kollega",
        "kollegaen",
        "sjef",
        "sjefen",
        "daglig",
        "leder",
        "direktør",
        "konsernsjef",
        "onkel",
        "tante",
        "bror",
        "søster",
        "pastor",
        "biskop",
        "venn",
        "vennen",
        "venninne",
        "venninnen",
        "kone",
        "kona",
        "samboer",
        "samboeren",
        "sønn",
        "sønnen",
        "datter",
        "datteren",
        "nabo",
        "naboen",
        "mamma",
        "pappa",
        "bestefar",
        "bestemor",
        "farfar",
        "farmor",
        "morfar",
        "mormor",
        "lege",
        "legen",
        "sykepleier",
        "sykepleieren",
        "advokat",
        "advokaten",
        "forsvarer",
        "forsvareren",
        "aktor",
        "journalist",
        "journalisten",
        "redaktør",
        "redaktøren",
        "forsker",
        "forskeren",
        "økonom",
        "økonomen",
        "sanger",
        "sangeren",
        "artist",
        "artisten",
        "skuespiller",
        "skuespilleren",
        "gründer",
        "gründeren",
        "politiker",
        "politikeren",
    },
}
#: Norwegian compounds that end like a title are titles too: "helseminister", "landslagssjef",
#: "partileder" (the bare words "leder" and "trener" are also verbs, so they need a first part).
TITLE_ENDINGS = {
    "en": (),
    "nb": (
        "minister",
        "sjef",
        "leder",
        "direktør",
        "sekretær",
        "representant",
        "ordfører",
        "redaktør",
        "rådgiver",
        "dommer",
        "advokat",
        "trener",
        "professor",
        "forsker",
        "økonom",
        "journalist",
        "spiller",
        "sanger",
    ),
}
#: Faker's lorem word lists: the commonest words of a language.
LOREM_LOCALES = {"en": ("en_US",), "nb": ("da_DK", "en_US")}
#: Everyday words that name lists also hold, beyond the lorem lists.
HOMOGRAPHS = {
    "en": (
        "mark",
        "grace",
        "rose",
        "joy",
        "max",
        "page",
        "sky",
        "summer",
        "june",
        "april",
        "august",
        "dawn",
        "faith",
        "glen",
        "iris",
        "ivy",
        "jack",
        "jay",
        "lane",
        "lily",
        "miles",
        "norm",
        "pat",
        "penny",
        "rich",
        "rob",
        "ray",
        "sandy",
        "skip",
        "sue",
        "frank",
        "hunter",
        "major",
        "king",
        "long",
        "black",
        "brown",
        "gray",
        "grey",
        "bell",
        "hill",
        "wood",
        "cook",
        "baker",
        "mason",
        "park",
        "rice",
        "stone",
        "ward",
        "west",
        "hall",
        "case",
        "chase",
        "cliff",
        "dale",
        "drew",
        "earl",
        "gene",
        "christian",
        "will",
        "may",
        "bill",
        "hope",
        "art",
        "guy",
        "young",
        "white",
        "green",
        "price",
        "love",
        "little",
        "church",
        "english",
        "french",
        "german",
        "early",
        "north",
        "south",
        "east",
        "golden",
        "silver",
        "wolf",
        "fox",
        "hart",
        "corona",
        "ralph",
        "bose",
        "apple",
        "amazon",
        "ford",
        "tesla",
        "jordan",
        "china",
        "georgia",
        "florida",
        "virginia",
        "washington",
        "lincoln",
        "houston",
        "austin",
        "dallas",
        "denver",
        "paris",
        "london",
        "sydney",
        "kingston",
        "victoria",
        "chelsea",
        "orlando",
        "phoenix",
        "savannah",
        "aurora",
        "oslo",
        "bergen",
        "trondheim",
        "stavanger",
        "tromsø",
        "norway",
    ),
    "nb": (
        "per",
        "bo",
        "liv",
        "dag",
        "sol",
        "tor",
        "vår",
        "siv",
        "stig",
        "eli",
        "mai",
        "hagen",
        "bakken",
        "berg",
        "dal",
        "strand",
        "vik",
        "mo",
        "haug",
        "nes",
        "sand",
        "lund",
        "holm",
        "eng",
        "lie",
        "li",
        "fjeld",
        "skog",
        "foss",
        "bjørk",
        "storm",
        "vinter",
        "sommer",
        "høst",
        "april",
        "juni",
        "august",
        "norge",
        "oslo",
        "bergen",
        "aurora",
        "nordic",
    ),
}
#: Words right after a run that make it a person: "Ola said", "Kari sa", "Ola's".
AFTER_CUES = {
    "en": {
        "said",
        "says",
        "told",
        "tells",
        "asked",
        "asks",
        "wrote",
        "writes",
        "explained",
        "added",
        "replied",
        "thinks",
        "thought",
        "believes",
        "believed",
        "knew",
        "wants",
        "wanted",
        "feels",
        "felt",
        "hopes",
        "hoped",
        "lied",
        "admitted",
        "insisted",
        "promised",
        "agreed",
        "argued",
        "died",
        "married",
        "smiled",
        "laughed",
        "who",
        "himself",
        "herself",
    },
    "nb": {
        "sa",
        "sier",
        "forteller",
        "fortalte",
        "skrev",
        "skriver",
        "spurte",
        "spør",
        "mener",
        "mente",
        "tror",
        "trodde",
        "synes",
        "syntes",
        "håper",
        "håpet",
        "innrømmer",
        "innrømmet",
        "understreker",
        "understreket",
        "døde",
        "giftet",
        "smilte",
        "som",
        "selv",
    },
}
#: Pronouns that refer back to a person: "Bush and his administration", "Kari og hennes".
PERSON_PRONOUNS = {"his", "her", "hans", "hennes"}
#: Pronouns that refer back to the nearest person before them in a sentence.
PRONOUNS = {"en": {"he", "she", "his", "her", "himself", "herself"}, "nb": {"han", "hun", "hans", "hennes"}}
#: A pronoun that is the object of the verb right after a run is someone else: "Acme hired her".
OBJECT_PRONOUNS = {"her"}
_CLAUSE_MARKS = {",", ";", ":", "-", "–", "—", "(", '"'}
#: Words (and marks) after which a clause starts: a run after them may be its subject.
CLAUSE_STARTS = {
    "en": _CLAUSE_MARKS
    | {"“"}
    | set(
        "since because when while if although though as so and but that after before until unless once then".split()
    ),
    "nb": _CLAUSE_MARKS
    | {"«"}
    | set("at og men fordi da når mens hvis om etter før så siden selv enda".split()),
}
#: How many words after a run a pronoun may come and still refer back to it.
PRONOUN_WINDOW = 12
#: Two words that introduce a person: "my name is Dolores", "call me Csanád", "navnet er Siv".
INTRODUCTIONS = {
    "en": {("name", "is"), ("call", "me"), ("i", "'m"), ("i", "’m"), ("i", "am")},
    "nb": {("navnet", "er"), ("navn", "er"), ("jeg", "heter")},
}
#: Verbs after a rare word that starts a sentence that make it the subject, and a person: "Darnell
#: fixed the tap" would also fit a product ("Gofmt fixed"), "Chiamaka went home" would not.
SUBJECT_VERBS = {
    "en": set(
        "went came told gave took got met married thanked hugged visited smiled laughed cried lives lived".split()
    ),
    "nb": set("gikk kom fortalte ga tok fikk møtte giftet takket besøkte smilte lo gråt bor bodde".split()),
}
#: Articles before a role in apposition: "Kari, a nurse".
ARTICLES = {"en": {"a", "an", "the"}, "nb": {"en", "ei", "et"}}
#: Norwegian finite verbs that make a sentence-initial proper noun the subject (besides the
#: endings that :meth:`NameFinder._norwegian_finite_verb` reads).
NB_FINITE_VERBS = set(
    "er var har hadde ble blir kan kunne vil ville skal skulle må vant trakk tapte sa".split()
)
#: Endings of Norwegian definite and plural nouns, and of verbal nouns: "-en", "-ene", "-ing".
NB_NOUN_ENDINGS = ("en", "et", "ene", "erne", "er", "ere", "ing", "ens", "ets", "logi")
#: A known word this common at the end of a longer Norwegian word makes it a compound.
COMPOUND_PART_ZIPF = 3.5
#: "from X to Y": a route between places (or a move between tools), not people.
ROUTES = {"en": ("from", "to"), "nb": ("fra", "til")}
#: Words that close a message: a line after them that holds only a capitalised run signs it.
SIGN_OFFS = {
    "en": {
        "thanks",
        "thx",
        "regards",
        "cheers",
        "best",
        "sincerely",
        "yours",
        "love",
        "cordially",
        "respectfully",
    },
    "nb": {"hilsen", "mvh", "takk", "klem", "helsing"},
}
#: Marks after a name that address its person: "Mulva, can you", "Katya - can you", "Jacqueline -".
ADDRESS_MARKS = {",", "-", "–", "—"}
#: Words after "Name," at a sentence start that make the name the person addressed: "Mulva, can you".
ADDRESS_FOLLOWERS = {
    "en": set("i i'm you we please can could would will thanks thank hope sorry".split()),
    "nb": set("jeg du vi kan kunne vil takk husk håper beklager".split()),
}
#: Words for a person: a capitalised word right after one is a name ("my son Agi", "naboen Eli"),
#: and so may be a first name in lower case in informal text ("that girl paige").
PERSON_NOUNS = {
    "en": set(
        (
            "girl boy guy man woman lady friend buddy pal bro brother sister cousin wife husband "
            "boyfriend girlfriend son daughter mom dad uncle aunt kid child colleague coworker boss "
            "manager teacher doctor neighbor neighbour grandma grandpa mother father nephew niece partner"
        ).split()
    ),
    "nb": set(
        (
            "venn vennen venninne venninna venninnen kjæresten kjæreste broren bror søsteren søster "
            "gutten jenta kona mannen sønnen datteren naboen kollega kollegaen sjefen sønn datter moren "
            "faren onkel tante læreren legen"
        ).split()
    ),
}
#: Where a first name in lower case may follow: after a word for a person, or "me and jay".
LOWER_CASE_CUES = {"en": PERSON_NOUNS["en"] | {"and"}, "nb": PERSON_NOUNS["nb"] | {"og"}}
#: Cue words that count only after another word: "me and jay", "jeg og sindre".
LOWER_CASE_PAIRS = {"en": {"and": {"me"}}, "nb": {"og": {"jeg", "meg"}}}
#: Lower-case name particles kept inside a name: "Magali Van Belle", "Osama bin Laden".
PARTICLES = {
    "van",
    "von",
    "de",
    "der",
    "den",
    "da",
    "di",
    "du",
    "del",
    "la",
    "le",
    "bin",
    "ibn",
    "al",
    "el",
    "abu",
    "ter",
    "ten",
    "af",
}
#: Particles that begin a name in lower case, with no capitalised word before them: "bin Laden".
LEADING_PARTICLES = {"bin", "ibn", "van", "von"}
#: Abbreviated titles that are a title only when capitalised: "Gen. Petraeus", not "gen AI".
SHORT_TITLES = {
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "gov",
    "sen",
    "rep",
    "prof",
    "rev",
    "dr",
    "mr",
    "mrs",
    "ms",
    "mx",
}
#: Words right before a lone capitalised word that make it a person: "with Mulva", "told Clinton".
BEFORE_CUES = {
    "en": {
        "with",
        "by",
        "to",
        "told",
        "asked",
        "thank",
        "thanks",
        "dear",
        "hi",
        "hey",
        "cc",
        "under",
        "against",
        "met",
        "called",
        "named",
        "said",
        "says",
        "asks",
        "wrote",
    },
    "nb": {
        "med",
        "ifølge",
        "følge",
        "forteller",
        "fortalte",
        "av",
        "hilsen",
        "sa",
        "sier",
        "spør",
        "skriver",
        "hei",
        "kjære",
        "takk",
        "heter",
        "kalt",
        "møtte",
    },
}
#: Words that join names in a list: "Cheney, Rumsfeld, or Wolfowitz", "Aksel og Maja".
CONJUNCTIONS = {",", "and", "or", "&", "og", "eller"}
#: Words before "from" that make what follows a place of origin: "originally from Dolores".
ORIGIN_WORDS = {"originally", "hails", "hail", "comes", "come", "came", "kommer", "kom", "opprinnelig"}
#: How many words before "to" a word of travel may come: "drove up the coast to Mendocino".
MOTION_WINDOW = 4
#: Words right before a lone capitalised word that make it a place: "in Indiana", "i Bergen".
PLACE_CUES = {
    "en": {"in", "at", "near", "around", "across", "visit", "visiting"},
    "nb": {"i", "på", "ved", "rundt", "besøke"},
}
#: Words for going somewhere: "moved to Charlotte", "flyttet til Bodø".
MOTION = {
    "going",
    "came",
    "coming",
    "headed",
    "heading",
    "walked",
    "rode",
    "sailed",
    "ticket",
    "tickets",
    "flights",
    "moved",
    "move",
    "moving",
    "flew",
    "fly",
    "flying",
    "flight",
    "drove",
    "drive",
    "went",
    "travel",
    "travelled",
    "traveled",
    "trip",
    "returned",
    "relocated",
    "welcome",
    "flyttet",
    "flytter",
    "dro",
    "drar",
    "reiste",
    "reiser",
    "kjørte",
    "tur",
    "turen",
    "velkommen",
}
#: Words after a run that make it a place or an organisation instead.
ORG_WORDS = {
    "room",
    "hall",
    "lounge",
    "grill",
    "bistro",
    "diner",
    "bakery",
    "salon",
    "spa",
    "inn",
    "motel",
    "resort",
    "gallery",
    "cathedral",
    "chapel",
    "pub",
    "club",
    "tavern",
    "brewery",
    "pizzeria",
    "deli",
    "pharmacy",
    "dental",
    "motors",
    "inc",
    "ltd",
    "llc",
    "corp",
    "co",
    "as",
    "asa",
    "gmbh",
    "ab",
    "plc",
    "group",
    "university",
    "universitet",
    "college",
    "school",
    "street",
    "road",
    "lane",
    "avenue",
    "gate",
    "vei",
    "veien",
    "gata",
    "hotel",
    "airport",
    "bank",
    "church",
    "kirke",
    "park",
    "center",
    "centre",
    "senter",
    "institute",
    "foundation",
    "technologies",
    "systems",
    "county",
    "kommune",
    "fylke",
    "river",
    "island",
    "mountain",
    "lake",
    "bay",
    "beach",
    "valley",
    "glacier",
    "bridge",
    "square",
    "station",
    "museum",
    "library",
    "hospital",
    "clinic",
    "restaurant",
    "cafe",
    "market",
    "mall",
    "stadium",
    "arena",
    "theatre",
    "theater",
    "festival",
    "orchestra",
    "band",
    "council",
    "committee",
    "party",
    "agency",
    "association",
    "society",
    "academy",
    "investments",
    "capital",
    "partners",
    "holdings",
    "associates",
    "consulting",
    "solutions",
    "services",
    "records",
    "studios",
    "sykehus",
    "sjukehus",
    "skole",
    "stadion",
    "museet",
    "bibliotek",
    "forbund",
    "forening",
    "partiet",
    "plass",
    "torg",
    "brygge",
    "allé",
    "avis",
    "avisa",
}
#: Norwegian compounds that end like these name an organisation or a place: "Miljøpartiet",
#: "Aftenposten", "Stortinget", "Arbeiderblad", "Sparebanken".
ORG_ENDINGS = {
    "en": (),
    "nb": (
        "partiet",
        "forbundet",
        "foreningen",
        "kommune",
        "banken",
        "avis",
        "avisa",
        "tidende",
        "posten",
        "bladet",
        "blad",
        "tinget",
        "rådet",
        "direktoratet",
        "departementet",
        "tilsynet",
        "verket",
        "senteret",
        "universitetet",
        "sykehuset",
        "sjukehuset",
        "skolen",
        "klubben",
        "laget",
    ),
}
#: Faker locales whose street suffixes are read.
STREET_LOCALES = {"en": ("en_US", "en_AU"), "nb": ("no_NO", "en_US")}
#: Words that begin a street name: "Rue de Virton", "Via Roma", "ul. Biskupa".
STREET_HEADS = {
    "rue",
    "via",
    "viale",
    "avenida",
    "rua",
    "calle",
    "ul",
    "strada",
    "piazza",
    "plaza",
    "praça",
    "chemin",
    "route",
    "boulevard",
    "cite",
    "cité",
}
#: Words that begin a place name whose next word may be a first name: "Santa Monica", "St. Louis",
#: "Mount Vernon", "Ytre Arna".
PLACE_HEADS = {
    "san",
    "santa",
    "santo",
    "são",
    "st",
    "saint",
    "sankt",
    "fort",
    "ft",
    "mount",
    "mt",
    "lake",
    "port",
    "cape",
    "los",
    "las",
    "ytre",
    "indre",
    "øvre",
    "nedre",
}
#: Companies and shops named after people, as often written in mail and reviews.
EPONYMOUS = {
    ("arthur", "andersen"),
    ("morgan", "stanley"),
    ("merrill", "lynch"),
    ("dean", "witter"),
    ("charles", "schwab"),
    ("goldman", "sachs"),
    ("wells", "fargo"),
    ("kaiser", "permanente"),
    ("dow", "jones"),
    ("ernst", "young"),
    ("price", "waterhouse"),
    ("hewlett", "packard"),
    ("rolls", "royce"),
    ("harley", "davidson"),
    ("john", "deere"),
    ("calvin", "klein"),
    ("ralph", "lauren"),
    ("tommy", "hilfiger"),
    ("louis", "vuitton"),
    ("estee", "lauder"),
    ("helly", "hansen"),
    ("wendy", "'s"),
    ("macy", "'s"),
    ("lowe", "'s"),
    ("kohl", "'s"),
    ("denny", "'s"),
    ("dillard", "'s"),
    ("joe", "'s"),
    ("sainsbury", "'s"),
    ("lloyd", "'s"),
    ("mcdonald", "'s"),
}
#: Endings of derived ordinary words ("Cryptographic", "Reshaping", "Invisibility") that no list knows.
DERIVED_ENDINGS = {
    "en": (
        "tion",
        "sion",
        "ness",
        "ment",
        "ology",
        "ical",
        "ic",
        "ive",
        "able",
        "ible",
        "ous",
        "ism",
        "ity",
        "ware",
        "ly",
        "ish",
        "ese",
    ),
    "nb": ("sjon", "het", "else", "isk", "lig", "ende", "ning"),
}
#: Longer endings that need a longer word: "Reshaping", "Embedded" (not "Ahmed").
LONG_DERIVED_ENDINGS = {"en": ("ing", "ed"), "nb": ()}
#: "Mc", "Mac", "Le", "De"... before an inner capital are part of a surname; other inner capitals
#: ("PubGrub", "JetBrains") mark a product or a company.
INNER_CAPITAL_PREFIXES = {"mc", "mac", "fitz", "van", "von", "della", "dell", "o'", "o’"}
#: A mention of an account, which names a person as surely as their name: "@kari_n".
_HANDLE_RE = re.compile(r"^@[A-Za-z0-9_][A-Za-z0-9_.]{0,28}[A-Za-z0-9_]$")
#: "@" before an English word this common is code or a version ("@media", "@latest"), not an account.
HANDLE_WORD_ZIPF = 4.0
_VERSION_RE = re.compile(r"^v?\d[\d.,]*$")
#: A word this rare (or absent from the word list) that is capitalised mid-sentence may be a surname.
RARE_ZIPF = 3.3
#: Words up to this frequency that no list knows are often names too (wordfreq counts names).
UNKNOWN_ZIPF = 4.0
#: A plural this common as a word after "the" is a team or a group, not a family: "the Rangers".
FAMILY_MAX_ZIPF = 3.6
#: A word no list knows whose singular is this common is an ordinary plural: "Respondents said".
PLURAL_BASE_ZIPF = 3.0
#: A surname this common as an ordinary word ("Post", "Master") needs a cue besides its capital.
COMMON_SURNAME_ZIPF = 4.8


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A person name found in a Doc: character offsets, a score and why it was taken."""

    start: int
    end: int
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Name lists and ordinary-word frequencies for one language."""

    first: frozenset[str]
    last: frozenset[str]
    home: frozenset[str]
    ordinary: frozenset[str]
    zipf: dict[str, float]
    #: The last words of street names ("Lane", "Summit", "gata"): after a house number, an address.
    street_ends: frozenset[str]

    def commonness(self, word: str) -> float:
        return self.zipf.get(word.casefold(), 0.0)


# --- loading ---------------------------------------------------------------------------------


def _cache_file() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    try:
        versions = "-".join(
            f"{package}{metadata.version(package)}" for package in ("faker", "wordfreq", "nicknames")
        )
    except metadata.PackageNotFoundError:
        return None
    return Path(base) / "postguard" / f"names-v{CACHE_VERSION}-{versions}.json"


def _faker_names() -> tuple[list[str], list[str], list[str]]:
    """First names, surnames, and the first names of the home locales (English and Nordic)."""
    first: set[str] = set()
    last: set[str] = set()
    home: set[str] = set()
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr, target in (
            ("first_names", first),
            ("first_names_male", first),
            ("first_names_female", first),
            ("last_names", last),
        ):
            names = provider.__dict__.get(attr)
            if isinstance(names, dict | tuple | list):
                target.update(n for n in names if isinstance(n, str) and _NAME_RE.match(n))
                if locale in HOME_LOCALES and target is first:
                    home.update(n for n in names if isinstance(n, str) and _NAME_RE.match(n))
    return sorted(first), sorted(last), sorted(home)


def _wordfreq_zipf(language: str) -> dict[str, float]:
    """wordfreq's small list (``cBpack``: buckets of words by centibel frequency) as word -> Zipf."""
    import msgpack

    data = resources.files("wordfreq") / "data" / f"small_{language}.msgpack.gz"
    with data.open("rb") as raw, gzip.open(raw) as handle:
        pack = msgpack.load(handle, raw=False)
    if not isinstance(pack[0], dict) or pack[0].get("format") != "cB":
        raise ValueError("unexpected wordfreq data format")
    zipf: dict[str, float] = {}
    for index, bucket in enumerate(pack[1:]):
        value = round((-index / 100) + 9, 2)
        for word in bucket:
            zipf.setdefault(word, value)
    return zipf


def _ordinary_words(language: str) -> list[str]:
    """Everyday words that are also given names or surnames ("will", "bill", "per", "dag")."""
    words = set(HOMOGRAPHS[language])
    for locale in LOREM_LOCALES[language]:
        provider = importlib.import_module(f"faker.providers.lorem.{locale}").Provider
        words.update(w.casefold() for w in provider.word_list if " " not in w)
    return sorted(words)


def _street_ends(language: str) -> list[str]:
    """Faker's street suffixes for the language's addresses (and English ones, common in both)."""
    words: set[str] = set()
    for locale in STREET_LOCALES[language]:
        provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
        words.update(w.casefold() for w in provider.street_suffixes if " " not in w)
    return sorted(words)


def _nicknames() -> list[str]:
    """English nicknames ("Phil", "Doug", "Walt") from the nicknames package's hand-curated list,
    which Faker's lists of full first names lack."""
    import nicknames
    from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
    from spacy.lang.nb.stop_words import STOP_WORDS as NB_STOP

    names = {
        t.name2.capitalize()
        for t in nicknames.name_triplets()
        if t.name2.isalpha() and len(t.name2) >= NICKNAME_MIN_LENGTH and t.name2 not in EN_STOP | NB_STOP
    }
    return sorted(names)


def _our_first_names() -> list[str]:
    """Given names common in Norway that Faker's Nordic lists lack (``data/first_names_nb.txt``)."""
    text = (resources.files(__package__) / "data" / "first_names_nb.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _trusted(names: list[str], *zipfs: dict[str, float]) -> list[str]:
    """The names trusted as first names even though they are words, as the home locales' names
    are: those rarer than :data:`TRUSTED_NAME_ZIPF` as a word in each of ``zipfs``."""
    return [n for n in names if max(z.get(n.casefold(), 0.0) for z in zipfs) < TRUSTED_NAME_ZIPF]


def _build() -> dict:
    first, last, home = _faker_names()
    zipf = {lang: _wordfreq_zipf(lang) for lang in ("en", "nb")}
    nicknames, ours = _nicknames(), _our_first_names()
    return {
        "first": sorted({*first, *nicknames, *ours}),
        "last": last,
        "home": sorted({*home, *_trusted(nicknames, zipf["en"]), *_trusted(ours, *zipf.values())}),
        "ordinary": {lang: _ordinary_words(lang) for lang in ("en", "nb")},
        "zipf": zipf,
        "street_ends": {lang: _street_ends(lang) for lang in ("en", "nb")},
    }


@functools.cache
def _data() -> dict:
    path = _cache_file()
    if path is not None:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    data = _build()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass
    return data


@functools.cache
def lexicon(language: str) -> Lexicon:
    """The name lists and word frequencies for ``en`` or ``nb`` (loaded once per process)."""
    data = _data()
    return Lexicon(
        first=frozenset(n.casefold() for n in data["first"]),
        last=frozenset(n.casefold() for n in data["last"]),
        home=frozenset(n.casefold() for n in data["home"]),
        ordinary=frozenset(data["ordinary"][language]),
        zipf=data["zipf"][language],
        street_ends=frozenset(data["street_ends"][language]),
    )


# --- recognition -----------------------------------------------------------------------------


def _shape(token: Token) -> str:
    """``cap`` (Ola, OLA), ``initial`` (E.), ``particle`` (van), ``hyphen`` or ``other``."""
    text = token.text
    if not text[:1].isupper():
        if text in PARTICLES:
            return "particle"
        return "hyphen" if text in {"-", "‐"} and not token.whitespace_ else "other"
    if len(text) == 2 and text[1] == ".":
        return "initial"
    if len(text) > 1 and text.replace("'", "").replace("’", "").replace("-", "").isalpha():
        return "cap"
    return "other"


def _stem(word: str, language: str, lex: Lexicon) -> str:
    """The name in a Norwegian genitive that the lists know only without its -s: "Ibsens" -> "ibsen"."""
    if language != "nb" or len(word) < 4 or not word.endswith("s") or word in lex.first or word in lex.last:
        return word
    stem = word[:-1]
    return stem if stem in lex.first or stem in lex.last else word


def _derived(word: str, language: str) -> bool:
    """Whether a word no list knows ends like a derived ordinary word: "Cryptographic", "Reshaping"."""
    if len(word) < 6 or word.endswith(("vic", "ić")):
        return False
    return word.endswith(DERIVED_ENDINGS[language]) or (
        len(word) >= 8 and word.endswith(LONG_DERIVED_ENDINGS[language])
    )


def _inner_capital(word: str) -> bool:
    """A capital inside a word that is not "McKay", "DeShawn" or "Bakke-Jensen": "PubGrub", "JetBrains"."""
    if word[1:].islower() or word.isupper():
        return False
    for k in range(3, len(word)):
        if word[k].isupper() and word[k - 1].islower():
            return word[:k].casefold() not in INNER_CAPITAL_PREFIXES and word[k - 1] not in "-'’"
    return False


class _Shapes:
    """Token shapes, computed on first use: a rule may look at a few sentences of a long draft."""

    def __init__(self, doc: Doc, cues: frozenset[int] = frozenset()) -> None:
        self.doc = doc
        self.known: dict[int, str] = {}
        self.cues = cues
        #: Tokens seen so far whose lower-case form's hash is in ``cues`` (the scan for runs sees every token).
        self.cue_hits: list[int] = []

    def __getitem__(self, i: int) -> str:
        shape = self.known.get(i)
        if shape is None:
            token = self.doc[i]
            shape = self.known[i] = _shape(token)
            if shape == "other" and token.lower in self.cues:
                self.cue_hits.append(i)
        return shape

    def __len__(self) -> int:
        return len(self.doc)


def _runs(doc: Doc, shapes: _Shapes, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, int]]:
    """Token ranges [i, j) of capitalised words, joined by initials, particles and hyphens,
    from token ``start`` (one that a scan from the first token visits) while runs begin
    before token ``stop``."""
    i, n = start, len(shapes)
    end = n if stop is None else stop
    while i < end:
        shape = shapes[i]
        if shape != "cap" and not (shape == "particle" and _leading_particle(doc, shapes, i)):
            i += 1
            continue
        j = i + 1
        while j < n:
            shape = shapes[j]
            if shape in {"cap", "initial"}:
                # A sentence splitter's break after an initial ("K. Suchdev") does not end a name.
                if doc[j].is_sent_start and shapes[j - 1] != "initial":
                    break
                j += 1
            elif shape == "particle" and j + 2 < n and shapes[j + 1] == "hyphen" and shapes[j + 2] == "cap":
                if doc[j].is_sent_start:
                    break
                j += 3  # "Moqtada al-Sadr"
            elif shape in {"particle", "hyphen"} and j + 1 < n and shapes[j + 1] == "cap":
                if doc[j].is_sent_start:
                    break
                j += 2 if shape == "hyphen" or not doc[j + 1].is_sent_start else 1
            else:
                break
        yield i, j
        i = j


def _leading_particle(doc: Doc, shapes: _Shapes, i: int) -> bool:
    """Whether token ``i`` is a lower-case particle that begins a name: "bin Laden", "van Gogh"."""
    return (
        doc[i].text in LEADING_PARTICLES
        and i + 1 < len(doc)
        and shapes[i + 1] == "cap"
        and not doc[i + 1].is_sent_start
        and (i == 0 or shapes[i - 1] == "other")
    )


def _has_at(doc: Doc) -> bool:
    """Whether the Doc's text has an "@" at all (asked once per Doc: most drafts mention no account)."""
    found = doc.user_data.get("postguard.has-at")
    if found is None:
        found = doc.user_data["postguard.has-at"] = "@" in doc.text
    return found


class NameFinder:
    """Finds person names in a spaCy Doc using :class:`Lexicon` cues (see the module doc)."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.lex = lexicon(language)
        self.titles = TITLES[language] | TITLES["en"]
        self.after = AFTER_CUES[language]
        # A word for a person right before a capitalised word introduces it: "my son Agi", "naboen Eli".
        self.before = BEFORE_CUES[language] | PERSON_NOUNS[language]
        self.places = PLACE_CUES[language]
        self.stop_words = importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS
        from spacy.strings import hash_string

        self.lower_cues = frozenset(hash_string(word) for word in LOWER_CASE_CUES[language])

    def find(self, doc: Doc, start: int = 0, stop: int | None = None) -> list[NameSpan]:
        """Names in the runs that begin in tokens [start, stop) (``start``: see :func:`_runs`)."""
        shapes = _Shapes(doc, self.lower_cues)
        runs = list(_runs(doc, shapes, start, stop))
        judged = [self._judge(doc, shapes, i, j) for i, j in runs]
        if any(judged):
            self._by_earlier_mention(doc, shapes, runs, judged)
            self._by_list(doc, shapes, runs, judged)
        found = [span for span in judged if span is not None]
        lower = self._lower_case(doc, [p for p in shapes.cue_hits if stop is None or p < stop])
        handles = self._handles(doc, start, stop) if _has_at(doc) else []
        if lower or handles:
            return sorted([*found, *lower, *handles], key=lambda span: span.start)
        return found

    def _handles(self, doc: Doc, start: int, stop: int | None) -> list[NameSpan]:
        """Accounts mentioned in tokens [start, stop) ("@kari_n"), but not an ordinary word after an
        "@", as code and versions write them ("@media", "@latest")."""
        return [
            NameSpan(t.idx, t.idx + len(t), 0.5, "a social-media handle")
            for t in doc[start:stop]
            if t.text[:1] == "@"
            and _HANDLE_RE.match(t.text)
            and lexicon("en").commonness(t.text[1:]) < HANDLE_WORD_ZIPF
        ]

    def _lower_case(self, doc: Doc, cues: list[int]) -> list[NameSpan]:
        """First names written in lower case right after a word for a person (tokens ``cues``):
        "that girl paige", "jeg og sindre" (not "my friend will": an ordinary word)."""
        lex, found = self.lex, []
        for p in cues:
            if p + 1 >= len(doc) or doc[p + 1].is_sent_start:
                continue
            pair = LOWER_CASE_PAIRS[self.language].get(doc[p].lower_)
            if pair is not None and (p == 0 or doc[p - 1].lower_ not in pair):
                continue
            name = doc[p + 1]
            word = name.text
            if (
                word.isalpha()
                and word.islower()
                and word in lex.home
                and word not in lex.ordinary
                and word not in self.stop_words
            ):
                found.append(
                    NameSpan(name.idx, name.idx + len(word), 0.5, "lower-case first name after a person")
                )
        return found

    def _by_earlier_mention(
        self, doc: Doc, shapes: _Shapes, runs: list[tuple[int, int]], judged: list
    ) -> None:
        """A word of a name found elsewhere in the text names the person again ("Bush did not")."""
        known = {
            t.lower_
            for span in judged
            if span is not None and span.score >= 0.7
            for t in doc.char_span(span.start, span.end) or ()
            if shapes[t.i] == "cap" and (t.is_title or t.is_upper)
        }
        for n, (i, j) in enumerate(runs):
            if (
                judged[n] is None
                and j - i == 1
                and doc[i].lower_ in known
                and not self._after_place(doc, shapes, i)
                and self._kind(doc[i], shapes) not in {"function", "title"}
            ):
                judged[n] = NameSpan(doc[i].idx, doc[i].idx + len(doc[i]), 0.7, "named elsewhere in the text")

    def _by_list(self, doc: Doc, shapes: _Shapes, runs: list[tuple[int, int]], judged: list) -> None:
        """A lone capitalised word listed with a name is one too: "Cheney, Rumsfeld, or Wolfowitz"."""
        changed = True
        while changed:
            changed = False
            for n, (i, j) in enumerate(runs):
                if judged[n] is not None or j - i != 1 or self._after_place(doc, shapes, i):
                    continue
                kind = self._kind(doc[i], shapes)
                if kind not in {"rare", "unknown", "last", "first", "wordlike", "caps"} and not (
                    kind == "ambiguous" and doc[i].lower_ in self.lex.first
                ):
                    continue
                for m in (n - 1, n + 1):
                    if not 0 <= m < len(runs) or judged[m] is None:
                        continue
                    lo, hi = (runs[m][1], i) if m < n else (j, runs[m][0])
                    gap = doc[lo:hi]
                    if 0 < len(gap) <= 2 and all(t.lower_ in CONJUNCTIONS for t in gap):
                        judged[n] = NameSpan(doc[i].idx, doc[i].idx + len(doc[i]), 0.6, "listed with a name")
                        changed = True
                        break

    def _after_place(self, doc: Doc, shapes: _Shapes, i: int, reach: bool = True) -> bool:
        """Whether token ``i`` follows a place word ("in", "i", "moved to", "flyttet til"), perhaps via
        a list ("i Lofoten og Senja") when ``reach``."""
        k = i - 1
        while k >= 0 and not doc[k + 1].is_sent_start and (reach or k == i - 1):
            word = doc[k].lower_
            if word in self.places:
                return True
            if word in {"to", "til"} and self._motion_before(doc, k):
                return True
            if word in {"from", "fra"} and k > 0 and doc[k - 1].lower_ in ORIGIN_WORDS:
                return True  # "originally from Dolores", "kommer fra Molde"
            if word in CONJUNCTIONS or shapes[k] == "cap":
                k -= 1
                continue
            return False
        return False

    @staticmethod
    def _motion_before(doc: Doc, k: int) -> bool:
        """Whether a word of travel comes shortly before "to" at token ``k``, in the same sentence:
        "going to Cancun", "drove up the coast to Mendocino" (not "sent it to Mulva")."""
        for m in range(k - 1, max(k - 1 - MOTION_WINDOW, -1), -1):
            if doc[m].lower_ in MOTION:
                return True
            if doc[m].is_sent_start or doc[m].lower_ in {"to", "til"}:
                break  # "going to talk to Mulva": the travel is someone else's
        return False

    def _judge(self, doc: Doc, shapes: _Shapes, i: int, j: int) -> NameSpan | None:
        if j - i == 1:  # the commonest case, an ordinary word at a sentence start: decide it fast
            tokens = [doc[i]]
            kinds = [self._kind(tokens[0], shapes)]
            if kinds[0] == "function":
                return None
        else:
            tokens = [
                t
                for t in doc[i:j]
                if shapes[t.i] in {"cap", "initial"} or (t.i == i and shapes[i] == "particle")
            ]
            kinds = [self._kind(t, shapes) for t in tokens]
        before = doc[i - 1] if i > 0 else None
        title = before.lower_.rstrip(".") if before is not None else ""
        titled = self._is_title(title) and not (title in SHORT_TITLES and before.text[:1].islower())
        if kinds == ["common"] and not titled and not (before is not None and before.lower_ == "the"):
            return None
        prev = before.lower_ if before is not None and not doc[i].is_sent_start else ""
        # A Norwegian first name that is also a small word starts a name before a surname: "Jo Nesbø".
        if (
            self.language == "nb"
            and len(kinds) > 1
            and kinds[0] == "function"
            and kinds[1] in {"last", "rare"}
            and tokens[0].lower_ in self.lex.first
        ):
            kinds[0] = "first"
        # A run that begins with an organisation is its name: "Miljøpartiet De Grønne".
        if ORG_ENDINGS[self.language] and tokens[0].lower_.endswith(ORG_ENDINGS[self.language]):
            return None
        # Leading titles and ordinary words ("President", "Thanks", "Dear") are not the name.
        while (
            len(tokens) > 1
            and (kinds[0] in {"function", "common", "ambiguous", "wordlike", "title", "initial", "caps"})
            and not (kinds[0] in {"ambiguous", "wordlike"} and kinds[1] in {"first", "last", "rare"})
        ):
            titled = titled or kinds[0] == "title"
            prev = tokens[0].lower_
            tokens, kinds = tokens[1:], kinds[1:]
        # A title after the name starts a job line, not more name: "Vijay K. Suchdev Vice President".
        for k in range(1, len(kinds)):
            if kinds[k] == "title" or (
                kinds[k] == "common" and k + 1 < len(kinds) and kinds[k + 1] == "title"
            ):
                tokens, kinds = tokens[:k], kinds[:k]
                break
        while len(tokens) > 1 and kinds[-1] in {"function", "title", "particle"}:
            tokens, kinds = tokens[:-1], kinds[:-1]
        # An organisation word inside the run ends a company's name; a full name may come before it:
        # "Sara Shackleton Enron Wholesale Services", but not "Golden Helix Orchestra".
        inside = next((k for k in range(1, len(tokens)) if tokens[k].lower_ in ORG_WORDS), None)
        if inside is not None:
            if inside < 3 or kinds[0] != "first":
                return None
            tokens, kinds = tokens[: inside - 1], kinds[: inside - 1]
        # So does a company named after people: "Hilary E. Ackermann Goldman Sachs".
        pairs = list(itertools.pairwise(t.lower_ for t in tokens))
        firm = next((k for k in range(2, len(pairs)) if pairs[k] in EPONYMOUS), None)
        if firm is not None:
            tokens, kinds = tokens[:firm], kinds[:firm]
        if not tokens or kinds[0] == "title":
            return None
        last = tokens[-1]
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) and not doc[last.i + 1].is_sent_start else None
        nxt2 = doc[last.i + 2] if nxt is not None and last.i + 2 < len(doc) else None
        span = self._verdict(doc, shapes, i, tokens, kinds, titled, prev, nxt, nxt2)
        # The evidence against a person is looked at last: most runs are no name anyway.
        return None if span is None or self._not_a_person(doc, tokens, nxt, nxt2) else span

    def _verdict(
        self,
        doc: Doc,
        shapes: _Shapes,
        i: int,
        tokens: list[Token],
        kinds: list[str],
        titled: bool,
        prev: str,
        nxt: Token | None,
        nxt2: Token | None,
    ) -> NameSpan | None:
        """The cues for a person in a run trimmed to ``tokens`` (see :meth:`_judge`)."""
        last = tokens[-1]
        possessive = nxt is not None and nxt.lower_ in {"'s", "’s"}
        full_name = len(kinds) >= 2 and kinds[0] == "first"
        if possessive and nxt2 is not None and shapes[nxt2.i] == "cap" and not full_name:
            return None  # "Ralph's Market": a shop; but "Alice Goldberg's Cautionary Tales" is a person's
        after = self._person_follows(doc, last.i + 1) if nxt is not None else False
        if nxt is not None and nxt.text == "<" and nxt2 is not None and "@" in nxt2.text:
            after = True  # "Kari Nordmann <kari@example.no>": a mail header or a signature
        at_start = tokens[0].is_sent_start or tokens[0].i == 0
        start, end = tokens[0].idx, last.idx + len(last)
        core = [k for k in kinds if k not in {"particle", "initial"}]
        if kinds[0] == "particle" and len(kinds) >= 2 and kinds[1] != "function" and tokens[0].whitespace_:
            return NameSpan(start, end, 0.7, "name particle before a capitalised word")
        if len(core) >= 2:
            if "function" in core or (prev in self.places and not titled and core[0] != "first"):
                return None
            if core[0] in {"first", "ambiguous"} or (
                any(k in {"first", "last", "rare"} for k in core)
                and all(k in {"first", "last", "rare", "unknown"} for k in core)
            ):
                return NameSpan(start, end, 0.85, "first name and surname")
            # A first name that is also a word before a rare surname: "Stan Pilarski".
            if (
                core[0] == "wordlike"
                and tokens[0].lower_ in self.lex.first
                and all(k in {"rare", "last"} for k in core[1:])
            ):
                return NameSpan(start, end, 0.8, "first name and surname")
            if (
                core[0] in {"first", "rare", "last", "unknown"}
                and tokens[-1].lower_ in self.lex.last
                and core[-1] != "caps"
            ):
                return NameSpan(start, end, 0.8, "name and a surname that is also a word")
            if titled or after:
                return NameSpan(start, end, 0.8, "title or context")
            if "common" not in core and self._addressed(doc, tokens[0].i, last.i + 1, nxt, nxt2):
                return NameSpan(start, end, 0.7, "the person addressed or signing")
            if "common" not in core and self._pronoun_follows(doc, shapes, tokens[0].i, last.i + 1):
                return NameSpan(start, end, 0.7, "a pronoun refers back to it")
            # Norwegian capitalises every word of a person's name but only the first of most other
            # names ("Statens vegvesen"), and its word list counts names: "Hadia Tajik".
            if all(k == "rare" or (k == "unknown" and self.language == "nb") for k in core):
                return NameSpan(start, end, 0.5, "two unknown capitalised words")
            return None
        if not core:
            return None
        kind = core[0]
        if prev == "the" and self._family(last.lower_):
            return NameSpan(start, end, 0.6, "a family: the Smiths")
        if kind == "function" or (
            not titled and (prev in self.places or self._after_place(doc, shapes, i, reach=kind != "first"))
        ):
            return None
        if titled:
            return NameSpan(start, end, 0.85, "title before a name")
        if kind == "caps":
            return None
        if kind == "first" or (kind == "last" and (not at_start or (nxt is not None and nxt.is_lower))):
            return NameSpan(start, end, 0.7, "known name")
        if (
            self.language == "nb"
            and kind == "wordlike"
            and nxt is not None
            and nxt.is_lower
            and (not at_start or self._norwegian_finite_verb(nxt))  # not "Ring meg": an imperative
            and _stem(last.lower_, self.language, self.lex) in self.lex.last
            and self.lex.commonness(last.lower_) < COMMON_SURNAME_ZIPF
        ):
            return NameSpan(start, end, 0.6, "known surname before a lower-case word")
        if after and kind in {"ambiguous", "last", "rare", "unknown", "wordlike"}:
            return NameSpan(start, end, 0.7, "name before words that call for a person")
        if (
            kind in {"rare", "unknown", "last", "wordlike"}
            and at_start
            and nxt is not None
            and self._subject_of(kind, nxt)
        ):
            return NameSpan(start, end, 0.6, "a rare word as the subject of a verb a person does")
        if kind in {"last", "rare", "unknown", "wordlike"} and self._addressed(
            doc, tokens[0].i, last.i + 1, nxt, nxt2
        ):
            return NameSpan(start, end, 0.6, "the person addressed or signing")
        if possessive and not at_start and kind in {"last", "rare", "unknown", "wordlike"}:
            return NameSpan(start, end, 0.6, "possessive of a capitalised word")
        # Not after an ordinary capitalised word trimmed off the run: "Green Tea" is Title Case.
        if (
            kind == "wordlike"
            and not at_start
            and tokens[0].i == i
            and self.lex.commonness(last.lower_) < COMMON_SURNAME_ZIPF
        ):
            return NameSpan(start, end, 0.6, "capitalised surname")
        if kind in {"rare", "last", "wordlike", "unknown"} and (
            prev in self.before
            or self._introduced(doc, tokens[0].i)
            or self._after_person_word(doc, tokens[0].i)
        ):
            return NameSpan(start, end, 0.6, "capitalised word where a person is expected")
        if kind in {"rare", "last", "wordlike", "unknown", "ambiguous"} and self._pronoun_follows(
            doc, shapes, tokens[0].i, last.i + 1
        ):
            return NameSpan(start, end, 0.6, "a pronoun refers back to it")
        return None

    def _family(self, word: str) -> bool:
        """Whether an English word after "the" names a family: "the Smiths", "the Gateses" (not
        "the Rangers": a plural that is common as a word)."""
        if self.language != "en" or not word.endswith("s") or self.lex.commonness(word) >= FAMILY_MAX_ZIPF:
            return False
        name = word[:-2] if word.endswith(("ses", "shes", "ches", "xes", "zes")) else word[:-1]
        return (name in self.lex.last or name in self.lex.first) and name not in self.lex.ordinary

    def _plural(self, word: str) -> bool:
        """Whether an English word no list knows is the plural of a known word: "Respondents", "Panics"."""
        if self.language != "en" or len(word) < 5 or not word.endswith("s") or word.endswith("ss"):
            return False
        singulars = (word[:-1], word[:-2], word[:-3] + "y") if word.endswith("es") else (word[:-1],)
        return any(self.lex.commonness(w) >= PLURAL_BASE_ZIPF for w in singulars)

    def _subject_of(self, kind: str, verb: Token) -> bool:
        """Whether a sentence-initial word of ``kind`` is the subject of ``verb``, and so a person.
        In Norwegian only proper nouns are capitalised there besides ordinary words, so any finite
        verb will do ("Willoch var", "Haaland scoret"); in English only a verb a person does."""
        if verb.lower_ in SUBJECT_VERBS[self.language]:
            return kind in {"rare", "unknown"}
        return self._norwegian_finite_verb(verb)

    def _norwegian_finite_verb(self, verb: Token) -> bool:
        """Whether ``verb`` is a Norwegian finite verb: "var", "har", "ble", "scoret", "tapte"."""
        word = verb.lower_
        if self.language != "nb":
            return False
        if word in NB_FINITE_VERBS:
            return True
        # Past tenses ("scoret", "tapte") and presents ("ber", "mener"): right after the subject in
        # a Norwegian main clause, a word with these endings is its verb.
        return verb.is_lower and (
            (len(word) > 4 and word.endswith(("et", "te", "de"))) or (len(word) > 2 and word.endswith("er"))
        )

    def _patronymic(self, word: str) -> bool:
        """Whether a word is a Nordic surname made of a first name and -sen or -son: "Kristiansen"."""
        if self.lex.commonness(word) >= UNKNOWN_ZIPF:
            return False  # "Pressen": the press
        return any(
            word.endswith(end) and word[: -len(end)] in self.lex.first
            for end in ("sen", "ssen", "son", "sson")
        )

    def _norwegian_noun(self, word: str) -> bool:
        """Whether a Norwegian word no list knows is an ordinary noun: a definite or plural form
        ("Forventningen", "Journalistene") or a compound of a known word ("Anmodningsvedtak")."""
        if word.endswith(NB_NOUN_ENDINGS):
            return True
        return any(self.lex.commonness(word[k:]) >= COMPOUND_PART_ZIPF for k in range(3, len(word) - 4))

    def _is_title(self, word: str) -> bool:
        if word in self.titles:
            return True
        endings = TITLE_ENDINGS[self.language]
        return word.endswith(endings) and any(word.endswith(e) and len(word) >= len(e) + 3 for e in endings)

    def _addressed(self, doc: Doc, i: int, k: int, nxt: Token | None, nxt2: Token | None) -> bool:
        """Whether tokens [i, k) address someone ("Mulva, can you", "Kari, husk") or sign a message
        on a line of their own after a closing word ("Best regards,\nMulva")."""
        if (doc[i].is_sent_start or i == 0) and nxt is not None and nxt.text in ADDRESS_MARKS:
            if nxt2 is None or "\n" in nxt2.text:
                return i == 0 or "\n\n" in doc[i - 1].text  # a greeting that opens a message: "Jacqueline -"
            if nxt2.lower_ in ADDRESS_FOLLOWERS[self.language]:
                return True
        if k < len(doc) and "\n" not in doc[k].text:
            return False
        b = i - 1
        if b < 1 or "\n" not in doc[b].text:
            return False
        if k == len(doc) and "\n\n" in doc[b].text:
            return True  # the last line of a message, after a blank line: a signature
        b -= 1
        if doc[b].text == "," and b > 0:
            b -= 1
        return doc[b].lower_ in SIGN_OFFS[self.language]

    def _after_person_word(self, doc: Doc, i: int) -> bool:
        """Whether a word for a person comes right before token ``i``, perhaps with a comma between:
        "my mother-in-law, Rosalind", "my brother-in-law Rashad"."""
        b = i - 1
        if b > 0 and doc[b].text == ",":
            b -= 1
        if b < 0 or (doc[b].is_sent_start and b != i - 1):
            return False
        word = doc[b].lower_
        if word == "law" and b >= 2 and doc[b - 2].lower_ == "in":
            return True
        return b < i - 1 and word in PERSON_NOUNS[self.language]

    def _introduced(self, doc: Doc, i: int) -> bool:
        """Whether the two words before token ``i`` introduce a person: "my name is", "call me", "I'm"."""
        if i < 2 or doc[i].is_sent_start or doc[i - 1].is_sent_start:
            return False
        return (doc[i - 2].lower_, doc[i - 1].lower_) in INTRODUCTIONS[self.language]

    def _pronoun_follows(self, doc: Doc, shapes: _Shapes, i: int, k: int) -> bool:
        """Whether a run that starts a clause at token ``i`` is the subject a personal pronoun after it
        refers to, with no other capitalised word between: "since Chonawee has a background in
        optimisation, he", "Bush did not have his eye on the ball", "Hansen sier at han"."""
        if not (doc[i].is_sent_start or i == 0 or doc[i - 1].lower_ in CLAUSE_STARTS[self.language]):
            return False
        b = i - 1
        while b >= 0 and doc[b].lower_ in CONJUNCTIONS:
            b -= 1
        if 0 <= b < i - 1 and shapes[b] != "other":
            return False  # the last of a list: "Go, Java, and Scala tools he used"
        pronouns = PRONOUNS[self.language]
        for m in range(k, min(k + PRONOUN_WINDOW, len(doc))):
            if (m > k and doc[m].is_sent_start) or shapes[m] != "other":
                return False
            # Norwegian puts the subject right after the verb when something else comes first:
            # in "Bunnsjiktet deler han med andre" the pronoun is the subject, not the run.
            if doc[m].lower_ in pronouns and not (
                m == k + 1 and (self.language == "nb" or doc[m].lower_ in OBJECT_PRONOUNS)
            ):
                return True
        return False

    def _not_a_person(self, doc: Doc, tokens: list[Token], nxt: Token | None, nxt2: Token | None) -> bool:
        """Whether the words around a run make it an organisation, a place, an address or a product."""
        if nxt is not None:
            word = nxt.lower_.rstrip(".")
            # "Acme AS", "Linux systems"; not "Ola as a child".
            if word in ORG_WORDS and (nxt.text != "as" or self.language == "nb"):
                return True
            if nxt.text == "," and nxt2 is not None and nxt2.is_upper and len(nxt2) == 2:
                return True  # "Raleigh, NC": a town and its state
            if _VERSION_RE.match(nxt.text) and not (nxt2 is not None and nxt2.text[:1].isdigit()):
                return (
                    True  # "Rust 1.53", "Via Roma 131": a product or a street; not "Al Arfsten 713 965 2158"
                )
        endings = ORG_ENDINGS[self.language]
        if endings and any(t.lower_.endswith(endings) for t in tokens):
            return True
        first = tokens[0]
        b = first.i - 1
        if b > 0 and doc[b].text == ".":
            b -= 1  # "ul. Biskupa", split by the tokenizer
        before = doc[b].lower_.rstrip(".") if b >= 0 else ""
        head = first.lower_.rstrip(".")
        if tokens[-1].lower_ in self.lex.street_ends and b >= 0 and doc[b].like_num:
            return True  # "41 Popović Dam", "17611 Loring Lane": an address
        if head in STREET_HEADS or before in STREET_HEADS or head in PLACE_HEADS:
            return True
        if before in PLACE_HEADS and doc[b].text[:1].isupper():
            return True
        if (first.lower_, tokens[1].lower_ if len(tokens) > 1 else "") in EPONYMOUS:
            return True
        if nxt is not None and (tokens[-1].lower_, nxt.lower_.replace("’", "'")) in EPONYMOUS:
            return True  # "Wendy's"
        if self._firm_partner(doc, b, nxt, nxt2) or self._route(doc, b, nxt, nxt2):
            return True
        return any(_inner_capital(t.text) for t in tokens)

    @staticmethod
    def _firm_partner(doc: Doc, b: int, nxt: Token | None, nxt2: Token | None) -> bool:
        """Whether a run is joined to a capitalised word by "&": a firm, "Ernst & Young"."""
        if nxt is not None and nxt.text == "&" and nxt2 is not None and nxt2.text[:1].isupper():
            return True
        return b > 0 and doc[b].text == "&" and doc[b - 1].text[:1].isupper()

    def _route(self, doc: Doc, b: int, nxt: Token | None, nxt2: Token | None) -> bool:
        """Whether a run (token ``b`` before it) is an end of "from X to Y": places, or tools one moves between."""
        start, end = ROUTES[self.language]
        if b < 0:
            return False
        if doc[b].lower_ == start:
            return nxt is not None and nxt.lower_ == end and nxt2 is not None and nxt2.text[:1].isupper()
        if doc[b].lower_ != end:
            return False
        k = b - 1
        while k >= 0 and doc[k].text[:1].isupper() and not doc[k].is_sent_start:
            k -= 1
        return 0 <= k < b - 1 and doc[k].lower_ == start

    def _person_follows(self, doc: Doc, k: int) -> bool:
        """Whether the words from ``k`` on call for a person: "said", ", who", "initially lied", "and his"."""
        word = doc[k].lower_
        if word in self.after:
            return True
        if k + 1 >= len(doc) or doc[k + 1].is_sent_start:
            return False
        nxt = doc[k + 1].lower_
        if word == ",":
            return nxt in {"who", "som"} or self._role(doc, k + 1)
        if word == "(":
            # An age in brackets, as news write it: "Kari Nordmann (34)".
            return doc[k + 1].is_digit and len(nxt) <= 2 and k + 2 < len(doc) and doc[k + 2].text == ")"
        if word in {"and", "og"}:
            return nxt in PERSON_PRONOUNS
        return word.endswith("ly") and nxt in self.after and self.language == "en"

    def _role(self, doc: Doc, k: int) -> bool:
        """Whether token ``k`` starts a role in apposition: ", CEO of Acme", ", a spokesman for"."""
        word = doc[k].lower_.rstrip(".")
        if word in ARTICLES[self.language] and k + 1 < len(doc):
            word = doc[k + 1].lower_.rstrip(".")
        return self._is_title(word) or word in PERSON_NOUNS[self.language]

    def _kind(self, token: Token, shapes: _Shapes) -> str:
        """``function``, ``title``, ``first``, ``last``, ``ambiguous``, ``wordlike``, ``common``, ``rare``,
        ``unknown`` or ``caps`` (an all-capitals word no list knows: a name only with more evidence)."""
        word = token.lower_.rstrip(".")
        lex = self.lex
        if shapes[token.i] == "initial":
            return "initial"
        if word in PARTICLES and len(token.text) > 1:
            return "particle"
        if (token.is_upper and len(word) <= 3) or word in SIGN_OFFS[self.language]:
            return "common"  # "SAS", "NAV"; "Mvh", "Hilsen" before a signature
        mid = not token.is_sent_start and token.i > 0 and not token.is_upper
        if token.is_stop or lex.commonness(word) >= 6.0:
            # Mid-sentence capitals mark a proper noun in Norwegian: "Forfatteren Jo Nesbø".
            if self.language == "nb" and mid and word in lex.first:
                return "first"
            return "function"
        if self._is_title(word):
            return "title"
        if token.is_upper and word not in lex.first and word not in lex.last:
            return "caps" if len(word) >= 4 and lex.commonness(word) < RARE_ZIPF else "common"
        word = _stem(word, self.language, lex)
        if word in lex.first or word in lex.last:
            if word in lex.ordinary:
                return "ambiguous"
            if word in lex.first and (word in lex.home or lex.commonness(word) < 4.0):
                return "first"
            return "wordlike" if lex.commonness(word) >= 4.0 else "last"
        if "-" in word:
            parts = [p for p in word.split("-") if p]
            if parts and all(p in lex.first for p in parts):
                return "first"
            if parts and all(p in lex.first or p in lex.last for p in parts):
                return "last"
        if _derived(word, self.language) or self._plural(word):
            return "common"
        if self._patronymic(word):
            return "last"  # "Kristiansen", "Pedersen": a first name and -sen
        # A capital that starts a Norwegian sentence says nothing: "Podkasten", "Regjeringspartiene".
        if self.language == "nb" and not mid and self._norwegian_noun(word):
            return "common"
        zipf = lex.commonness(word)
        if zipf < RARE_ZIPF:
            return "rare"
        if self.language == "nb" and mid and zipf < 5.0 and word not in lex.ordinary:
            return "unknown"
        return "unknown" if zipf < UNKNOWN_ZIPF and word not in lex.ordinary else "common"


@functools.cache
def finder(language: str) -> NameFinder:
    return NameFinder(language)


def find_names(doc: Doc, language: str) -> list[NameSpan]:
    """Person names in ``doc`` (a Doc from :func:`postguard.analysis.pipeline`)."""
    return finder(language).find(doc)


def run(analysis: Analysis, sentences: Iterable[int] | None = None) -> list[Detection]:
    """Person names in the draft's shared Doc, or only those that start in ``sentences``
    (indices into ``analysis.sentences``: a rule about names near private matters needs no
    others); each part is computed once per document."""
    done: dict[int | None, list[Detection]] = analysis.memo("pii.names", dict)
    if sentences is None:
        if None not in done:
            done[None] = [_detection(s) for s in find_names(analysis.doc, analysis.language)]
        return done[None]
    wanted = sorted(set(sentences))
    for sentence in wanted:
        if sentence not in done:
            done[sentence] = _in_sentence(analysis, sentence)
    return [d for sentence in wanted for d in done[sentence]]


def _in_sentence(analysis: Analysis, sentence: int) -> list[Detection]:
    """Names starting in one sentence: the scan starts at the last token before it that no run
    can contain (the scan over the whole Doc stops there too), so the runs are the same."""
    from spacy.attrs import IDX

    doc = analysis.doc
    starts = analysis.memo("pii.token-starts", lambda: doc.to_array(IDX).tolist() if len(doc) else [])
    lo = analysis.sentences[sentence]
    hi = analysis.sentences[sentence + 1] if sentence + 1 < len(analysis.sentences) else len(analysis.text)
    first, stop = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    begin = first
    while begin > 0 and _shape(doc[begin]) != "other":
        begin -= 1
    spans = finder(analysis.language).find(doc, begin, stop)
    return [_detection(s) for s in spans if lo <= s.start < hi]


def _detection(span: NameSpan) -> Detection:
    return Detection("PERSON", span.start, span.end, span.score)
