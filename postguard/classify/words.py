"""How the models read a prepared text: its words, its word pairs, and the classes of its words,
as hashed bucket numbers.

A word of the hand-written lexicon (``lexicon/LANG.tsv``: people's roles, groups of people,
verdicts on a person, demeaning nouns, harm, praise, things) is also read as its class, alone
and paired with its neighbours: a model that learned "our receptionist is a useless clown" then
knows something of "the tenants are hopeless parasites", words it never saw in training. On the
validation quarter this raised the abuse model's average precision for hate from 0.72 to 0.79
(English) and 0.80 to 0.86 (Norwegian); a light stemmer, tried beside it, did not help.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import re
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

import regex

from postguard.analysis.context import NEGATORS
from postguard.analysis.contractions import SAME_WORD
from postguard.analysis.normalize import norwegian_letters
from postguard.analysis.wordfreq import zipf
from postguard.model import LANGUAGES

#: Hash buckets (rows of a model's weight matrix).
BUCKETS = 2**18
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s]")
LEXICON = Path(__file__).resolve().parent / "lexicon"
#: The lexicon's classes (see the header of each ``lexicon/LANG.tsv``).
LEXICON_CLASSES = ("person", "group", "negtrait", "derog", "harm", "praise", "thing")
#: A class is read as this mark and its name ("§derog"): no word of a text looks like it.
CLASS_MARK = "§"
#: Words whose buckets are remembered (words repeat, hashing them is half the features' cost);
#: the memory is forgotten when full, so an endless stream of new words cannot grow it.
WORDS_KEPT = 1 << 16
#: Prepared texts whose features are remembered: enough for every sentence of a long post.
FEATURES_KEPT = 4096
#: The shortest word read as a misspelling of a lexicon word ("idoits" for "idiots"): shorter
#: words are one letter from too many others.
REPAIR_MIN = 5
#: How common a word must be to count as one half of two words run together ("hateimmigrants").
JOINED_PART_ZIPF = 4.0
#: The shortest half of two words run together.
JOINED_PART_MIN = 3
#: Languages in which two words run together are split: Norwegian writes its compounds as one
#: word ("kundemøte"), and splitting those cost the validation quarter more than it found.
SPLITS_JOINED = frozenset({"en"})
#: The letters a dropped letter may be.
ALPHABETS = {"en": "abcdefghijklmnopqrstuvwxyz", "nb": "abcdefghijklmnopqrstuvwxyzæøå"}


def bucket(key: str) -> int:
    """The bucket of one feature key."""
    return zlib.crc32(key.encode()) % BUCKETS


def lexicon_path(name: str) -> Path:
    """The file of the lexicon ``name``: a language's own (``en``) or one read before it (``topics``)."""
    return LEXICON / f"{name}.tsv"


def lexicon_digest(language: str) -> str:
    """The sha256 of a language's lexicon file: :func:`real_words` was built from one."""
    path = lexicon_path(language)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def real_words_path(language: str) -> Path:
    """Where the rare words that look like misspellings of ``language`` are kept."""
    return LEXICON / f"{language}-words.txt"


@functools.cache
def real_words(language: str) -> frozenset[str]:
    """Rare words of wordfreq's large list that a spelling repair would read as a lexicon
    word ("negere", "whitespace"): words, not misspellings. Built by training/real_words.py."""
    path = real_words_path(language)
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@functools.cache
def word_classes(language: str, lexicon: str = "") -> dict[str, str]:
    """The lexicon of ``language``: each word's class (the first one the file gives it), as the
    key the models read. A language without a lexicon has no classes. With ``lexicon``, the words
    of ``lexicon/LEXICON.tsv`` (every language) come first (:data:`TOPICS`)."""
    classes: dict[str, str] = {}
    for path in (lexicon_path(name) for name in (lexicon, language) if name):
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                name, word = line.split("\t")
                classes.setdefault(word, CLASS_MARK + name)
    return classes


#: The lexicon the meaning models read before the language's own: the topics of the drugs,
#: claims and confidential packs' word lists (a drug, a dose, a secrecy cue, a superlative...),
#: so a model that learned "oppkjøpet + neste uke" knows something of "fusjonen + på mandag".
#: Built by training/meaning/lexicon.py.
TOPICS = "topics"


#: Classes whose words say who someone is or what they are called: never taken for a name.
WHO_CLASSES = frozenset(CLASS_MARK + name for name in ("person", "group", "derog", "negtrait"))


@functools.cache
def who_words() -> frozenset[str]:
    """The words of :data:`WHO_CLASSES` in every language's lexicon ("muslims", "ceo", "idiot")."""
    return frozenset(
        word for language in LANGUAGES for word, name in word_classes(language).items() if name in WHO_CLASSES
    )


#: Per language and lexicon, each word's bucket and class (see :func:`word_keys`).
_word_keys: dict[tuple[str, str], dict[str, tuple[int, str | None]]] = {}


def word_keys(word: str, language: str, lexicon: str = "") -> tuple[int, str | None]:
    """The bucket of a word, and its class in the language's lexicon (None if it has none)."""
    kept = _word_keys.setdefault((language, lexicon), {})
    keys = kept.get(word)
    if keys is None:
        if len(kept) >= WORDS_KEPT:
            kept.clear()
        keys = kept[word] = (bucket(word), word_classes(language, lexicon).get(word))
    return keys


#: Per language, each word's repair (see :func:`repaired`).
_repairs: dict[str, dict[str, tuple[str, ...]]] = {}


def repaired(word: str, language: str) -> tuple[str, ...]:
    """A misspelt word as the words it stands for. A word that no list knows and that is one
    swap, one dropped letter or one doubled letter away from a lexicon word is read as that
    word ("immgirants", "idots", "stuppid"), never one that takes out a letter that is not
    doubled; one made of a lexicon word and a common word run together is read as both
    ("hateimmigrants"). A word of wordfreq's large list is a word, not a misspelling: "negere"
    (to negate) is no misspelt slur, "whitespace" no "whites pace". Disguise and haste both hide
    the words the models read. Any other word is itself."""
    kept = _repairs.setdefault(language, {})
    found = kept.get(word)
    if found is None:
        if len(kept) >= WORDS_KEPT:
            kept.clear()
        found = kept[word] = _repair(word, language)
    return found


def _repair(word: str, language: str) -> tuple[str, ...]:
    found = proposed_repair(word, language)
    return (word,) if found is None or word in real_words(language) else found


def proposed_repair(word: str, language: str) -> tuple[str, ...] | None:
    """The lexicon word (or the two words) a word no small list knows may stand for, before
    asking whether it is a rare word after all (:func:`real_words`); None if none."""
    lexicon = word_classes(language)
    common = zipf(language)
    if len(word) < REPAIR_MIN - 1 or not word.isalpha() or word in lexicon or word in common:
        return None
    if len(word) >= REPAIR_MIN:
        swapped = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))
        # Only a doubled letter is taken out: "negere" (to negate) less any other letter is a slur.
        shortened = (word[:i] + word[i + 1 :] for i in range(len(word) - 1) if word[i] == word[i + 1])
        for candidate in itertools.chain(swapped, shortened):
            if candidate in lexicon:
                return (candidate,)
    dropped = _dropped_letters(language).get(word)
    if dropped is not None:
        return (dropped,)
    if language not in SPLITS_JOINED:
        return None
    for k in range(JOINED_PART_MIN, len(word) - JOINED_PART_MIN + 1):
        left, right = word[:k], word[k:]
        if (left in lexicon or right in lexicon) and all(
            part in lexicon or common.get(part, 0.0) >= JOINED_PART_ZIPF for part in (left, right)
        ):
            return (left, right)
    return None


@functools.cache
def _dropped_letters(language: str) -> dict[str, str]:
    """Each lexicon word with one letter dropped ("idot"), neither its first nor its last, and
    the word it came from: a word that is one dropped letter from a lexicon word is found by one
    lookup, not by trying every letter in every place. Where two lexicon words drop to the same
    spelling, the one whose letter comes first in the word, then in the alphabet, stands."""
    letters = ALPHABETS.get(language, ALPHABETS["en"])
    order = {letter: rank for rank, letter in enumerate(letters)}
    found: dict[str, tuple[int, int, str]] = {}
    for full in word_classes(language):
        for i in range(1, len(full) - 1):
            rank = order.get(full[i])
            if rank is None:
                continue
            short = full[:i] + full[i + 1 :]
            if short not in found or (i, rank) < found[short][:2]:
                found[short] = (i, rank, full)
    return {short: full for short, (_, _, full) in found.items()}


@dataclasses.dataclass(frozen=True, slots=True)
class Reader:
    """How a model reads text, recorded in its file: the same when training and when checking.

    ``masks_names``: names read as one placeholder (:func:`mask_names`) and misspelt words as
    the words they stand for (:func:`repaired`): the abuse models read words for what they mean,
    the meaning models read codenames and street names as written. ``lexicon``: one read before
    the language's own (:data:`TOPICS` for the meaning models). ``negation``: the words a negation
    reaches are also read as negated (:func:`negated_keys`)."""

    language: str
    masks_names: bool = False
    lexicon: str = ""
    negation: bool = False

    def read(self, text: str) -> tuple[int, ...]:
        """The :func:`features` of the text :func:`prepare` makes of a raw ``text``. Readers
        that read a sentence alike share its features: they are worked out once."""
        return _read(prepare(text, self.masks_names), self)[1]

    def words_and_features(self, text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """The words this reader reads in a raw ``text`` (in Bokmål, misspellings repaired), and
        their :meth:`read` features: the words let :meth:`seam` join two texts without reading
        either again."""
        return _read(prepare(text, self.masks_names), self)

    def seam(self, first: Sequence[str], second: Sequence[str]) -> list[int]:
        """The features that reading the words ``first`` then ``second`` as one text has beyond
        the features of each: the word pair across the seam, its class pair when one of the two
        words has a lexicon class, and a negation at the end of ``first`` reaching into
        ``second``. (Read as one list, a lone "§" would also count as a class mark in a text
        with no class word of its own: no model learned anything of that.)"""
        if not first or not second:
            return []
        last, next_ = first[-1], second[0]
        keys = [zlib.crc32(f"{last} {next_}".encode()) % BUCKETS]
        tag_last = word_keys(last, self.language, self.lexicon)[1] or last
        tag_next = word_keys(next_, self.language, self.lexicon)[1] or next_
        if tag_last[0] == CLASS_MARK or tag_next[0] == CLASS_MARK:
            keys.append(bucket(f"{tag_last} {tag_next}"))
        if self.negation:
            reach = 0  # what is left of a negation's reach at the end of ``first``
            for word in first[-NEGATION_REACH:]:
                if word in _NEGATION_ENDS:
                    reach = 0
                elif reach:
                    reach -= 1
                if _negates(word):
                    reach = NEGATION_REACH
            for word in second[:reach]:
                if word in _NEGATION_ENDS:
                    break
                keys.append(bucket(NEGATED_MARK + word))
                if _negates(word):
                    break  # from here on, ``second``'s own negation reaches as far
        return keys


def features_digest(reader: Reader, texts: Iterable[str]) -> str:
    """A fingerprint of how ``reader`` reads ``texts``: a model records it for our written
    training data, so a change to the reading (or to that data) that the model was not rebuilt
    for is caught by a test instead of silently skewing its scores."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(" ".join(map(str, reader.read(text))).encode() + b"\n")
    return digest.hexdigest()


def features(text: str, reader: Reader) -> list[int]:
    """Bucket numbers of a prepared text's words and word pairs ("a b"), and of its words'
    classes, alone and in pairs with the word or class beside them ("§negtrait §derog"), as
    ``reader`` reads them."""
    return list(_read(text, reader)[1])


#: Dialect and Nynorsk forms of common words, as Norwegian posts write them informally ("eg veit
#: ikkje kva dei vil"), read as the Bokmål word the models learned; with :data:`SAME_WORD`.
NB_DIALECT: dict[str, str] = {
    "eg": "jeg", "æ": "jeg", "jæ": "jeg", "e": "er", "ikkj": "ikke", "ittj": "ikke",
    "dei": "de", "deim": "dem", "dæm": "dem", "ho": "hun", "dykk": "dere",
    "kva": "hva", "ka": "hva", "korleis": "hvordan", "koss": "hvordan", "åssen": "hvordan",
    "ein": "en", "eit": "et", "noko": "noe", "nokon": "noen", "nokre": "noen", "mykje": "mye",
    "heile": "hele", "heilt": "helt", "berre": "bare", "bære": "bare", "sjølv": "selv", "sjøl": "selv",
    "kjem": "kommer", "veit": "vet", "vere": "være", "vera": "være", "gjere": "gjøre", "gjera": "gjøre",
    "seie": "si", "sei": "si", "tru": "tro", "heim": "hjem",
} | SAME_WORD  # fmt: skip
#: How much more common the word in Norwegian letters must be than the word as written.
_ASCII_ZIPF_GAIN = 1.5
#: Nynorsk and dialect endings and their Bokmål ones: definite and indefinite plurals
#: ("muslimane", "idiotar") and present tenses ("snakkar").
_NYNORSK_ENDINGS = (("ane", "ene"), ("ar", "er"))
#: Per word, how the Norwegian models read it (see :func:`standard_nb`).
_standard_nb: dict[str, str] = {}


def standard_nb(word: str) -> str:
    """A Norwegian word as the Bokmål word it stands for: a dialect or Nynorsk form of a common
    word (:data:`NB_DIALECT`), a word spelt with "aa", "ae" or "oe" for å, æ or ø when that
    spelling is a far more common word ("paa", "jaevla"), or a Nynorsk ending ("muslimane",
    "idiotar") whose Bokmål one ("-ene", "-er") makes a known word. The models learned Bokmål;
    people also write as they speak, and on keyboards without the Norwegian letters. Any other
    word is itself."""
    found = _standard_nb.get(word)
    if found is None:
        if len(_standard_nb) >= WORDS_KEPT:
            _standard_nb.clear()
        found = _standard_nb[word] = _standardised(word)
    return found


def _standardised(word: str) -> str:
    same = NB_DIALECT.get(word)
    if same is not None:
        return same
    common, lexicon = zipf("nb"), word_classes("nb")
    if word in lexicon:
        return word
    letters = norwegian_letters(word)
    if letters is not None and (
        letters in lexicon or common.get(letters, 0.0) >= common.get(word, 0.0) + _ASCII_ZIPF_GAIN
    ):
        return letters
    if word not in common:
        for ending, bokmål in _NYNORSK_ENDINGS:
            if word.endswith(ending):
                same = word[: -len(ending)] + bokmål
                if same in lexicon or same in common:
                    return same
    return word


def _standard(words: list[str], language: str) -> list[str]:
    """``words`` as the models of ``language`` read them: Norwegian ones in Bokmål (:func:`standard_nb`)."""
    if language != "nb":
        return words
    return [standard_nb(word) for word in words]


def _repaired(words: list[str], language: str) -> list[str]:
    kept = _repairs.get(language, {})
    return [part for word in words for part in kept.get(word) or repaired(word, language)]


def _keys(words: list[str], reader: Reader) -> list[int]:
    # the body of features(), written for speed: it runs on every sentence of every draft
    language, lexicon = reader.language, reader.lexicon
    kept = _word_keys.get((language, lexicon), {})
    looked_up = [kept.get(word) or word_keys(word, language, lexicon) for word in words]
    crc32 = zlib.crc32
    keys = [key for key, _ in looked_up]
    keys += [crc32(f"{a} {b}".encode()) % BUCKETS for a, b in itertools.pairwise(words)]
    if any(name for _, name in looked_up):
        tags = [name or word for word, (_, name) in zip(words, looked_up, strict=True)]
        keys += [bucket(tag) for tag in tags if tag[0] == CLASS_MARK]
        keys += [
            bucket(f"{a} {b}")
            for a, b in itertools.pairwise(tags)
            if a[0] == CLASS_MARK or b[0] == CLASS_MARK
        ]
    if reader.negation:
        keys += negated_keys(words)
    return keys


#: A word read as negated is read as this mark and the word ("¬eneste"): no word looks like it.
NEGATED_MARK = "¬"
#: How many words after a negation it reaches ("ikke den eneste", "not the only one").
NEGATION_REACH = 3
#: Words that end a negation's reach before that: punctuation and "but".
_NEGATION_ENDS = frozenset(".,;:!?") | {"but", "men"}


#: The words that negate as they are written: the context layer's negators and their other
#: spellings (:data:`SAME_WORD`); contractions ("isn't") negate too.
_NEGATING = NEGATORS | {word for word, same in SAME_WORD.items() if same in NEGATORS}
_CONTRACTED = ("n't", "n’t")


def negated_keys(words: list[str]) -> list[int]:
    """Buckets of the words a negation reaches, read as negated: "ikke den eneste" is read as
    "¬den ¬eneste" too, so a model can tell "not the only one" from "the only one". On the
    meaning models' validation quarter this raised claims recall at the shipped threshold by two
    points in both languages, with two false flags fewer in English."""
    if _NEGATING.isdisjoint(words):
        joined = " ".join(words)
        if not any(mark in joined for mark in _CONTRACTED):
            return []  # most sentences negate nothing
    keys = []
    reach = 0
    for word in words:
        if word in _NEGATION_ENDS:
            reach = 0
        elif reach:
            keys.append(bucket(NEGATED_MARK + word))
            reach -= 1
        if _negates(word):
            reach = NEGATION_REACH
    return keys


def _negates(word: str) -> bool:
    return word in _NEGATING or word.endswith(_CONTRACTED)


#: Sentences longer than this are cut for the model (a model reads a sentence, not a page).
MAX_CHARS = 1_000

_URL_RE = re.compile(r"https?://\S+|www\.\S+")
_MENTION_RE = re.compile(r"@\w+")
_REPEAT_RE = re.compile(r"([^\W\d_])\1{2,}")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s"})
_LEET_WORD_RE = re.compile(r"\b(?=\w*[^\W\d_])(?=\w*[013457@$])[\w@$]+\b")
# Cheap tests that tell most sentences need neither of the two costly substitutions above (a
# tenth of the model's reading): a character repeated three times, a digit that may be a letter.
_ANY_TRIPLE_RE = re.compile(r"(.)\1\1")
_LEET_CHAR_RE = re.compile(r"[013457@$]")


#: What a name reads as: the models learn nothing from which company or person a text names.
NAME = "xname"
#: Abbreviations that go on a name ("Nordic Cloud Co.", "Dr. Aas"): their full stop ends no
#: sentence. Any other capitalised word before a full stop ends one ("..., Merete. Alle vet").
NAME_ABBREVIATIONS = ("Co", "Corp", "Inc", "Ltd", "Dr", "Mr", "Mrs", "Ms", "St", "Jr", "Sr", "Prof")
# A capitalised word, with an abbreviation's full stop when a capitalised word follows.
_CAPITALISED_RE = regex.compile(
    r"(?<![\w'’-])(?=\p{Lu})(?:(?:"
    + "|".join(NAME_ABBREVIATIONS)
    + r")\.(?=\s+\p{Lu})|\p{Lu}[\p{L}\p{N}'’-]*)"
)
#: "I" and its contractions ("I'm", "I’ve"): the writer, never a name.
WRITER_I_RE = regex.compile(r"I(?:['’]\w+)?$")
#: What a sentence starts after (besides the text's start): a full stop, question or exclamation
#: mark, colon, semicolon, quote or opening bracket.
_SENTENCE_ENDS = frozenset('.!?:;«»“”"(\n')


def _starts_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` starts a sentence: only spaces between it and a sentence end
    (or the text's start). Looks back over the spaces alone, so a long text costs no more."""
    at -= 1
    while at >= 0 and text[at].isspace() and text[at] != "\n":
        at -= 1
    return at < 0 or text[at] in _SENTENCE_ENDS


def mask_names(text: str) -> str:
    """Names as one :data:`NAME` each: a run of two or more capitalised words ("Nordic Cloud
    Co."), and one alone inside a sentence ("at Brightwave"). Training data names invented
    companies and people, and a model that learned from them would judge a real company by
    whether its name looks like theirs. Never masked: "I" and its contractions, words in
    capitals ("STUPID", "CEO", "U R"), and the lexicon's words for who someone is ("Muslims",
    "Jews", "Idiot"); a sentence's first word is masked only in a run."""
    known = who_words()
    found = [
        match
        for match in _CAPITALISED_RE.finditer(text)
        if not (word := match.group().rstrip(".")).isupper()
        and not WRITER_I_RE.match(word)
        and word.lower() not in known
    ]
    pieces, done = [], 0  # the text rebuilt: what lies before each name, then the placeholder
    for index, match in enumerate(found):
        if index > 0 and not text[found[index - 1].end() : match.start()].strip():
            done = match.end()  # the run's name already stands for this word too
        elif (
            index + 1 < len(found) and not text[match.end() : found[index + 1].start()].strip()
        ) or not _starts_sentence(text, match.start()):
            pieces += [text[done : match.start()], NAME]
            done = match.end()
    return "".join(pieces) + text[done:] if pieces else text


def prepare(text: str, masks_names: bool = False) -> str:
    """Text as the models read it: lower case, links and mentions as placeholders, letters
    repeated for emphasis cut to two, digits that stand for letters in a word read as letters;
    with ``masks_names``, names masked (:func:`mask_names`)."""
    if "://" in text or "www." in text:
        text = _URL_RE.sub(" url ", text)
    if "@" in text:
        text = _MENTION_RE.sub("@user", text)
    if masks_names:
        text = mask_names(text)
    text = text.replace("#", " ").lower()
    if _ANY_TRIPLE_RE.search(text):
        text = _REPEAT_RE.sub(r"\1\1", text)
    if _LEET_CHAR_RE.search(text):
        text = _LEET_WORD_RE.sub(lambda m: m.group().translate(_LEET), text)
    return " ".join(text.split())[:MAX_CHARS]


@functools.lru_cache(maxsize=FEATURES_KEPT)
def _read(prepared: str, reader: Reader) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The words ``reader`` reads in a prepared text, and their features."""
    words = _standard(_WORD_RE.findall(prepared), reader.language)
    if reader.masks_names:
        fixed = _repaired(words, reader.language)
        if fixed == words:  # nothing misspelt: read as a reader that repairs nothing reads it
            return _read(prepared, _repairing_nothing(reader))
        words = fixed
    return tuple(words), tuple(_keys(words, reader))


@functools.cache
def _repairing_nothing(reader: Reader) -> Reader:
    """``reader`` as a reader that masks and repairs nothing: made once, not per sentence."""
    return dataclasses.replace(reader, masks_names=False)
