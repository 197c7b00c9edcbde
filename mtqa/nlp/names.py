"""Names in a Latin-script source and whether a translation keeps them (MT711).

A capitalised word is a name when the source language does not use it as a common word (wordfreq), or
English uses it as it is; titles ("Organização Mundial"), demonyms ("Quenianos") and German nouns are
not names. A translation keeps a name when some word of it matches, allowing accents and inflection.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from mtqa.nlp import language as langid
from mtqa.nlp import lexicon

# Names: capitalised Latin-script source words that are rare in the source language or known in English.
NAME_RARE_ZIPF = 3.0
NAME_MATCH_RATIO = 0.7


def has_word_list(language: str) -> bool:
    """wordfreq knows the language (CJK lists need tokenisers mtqa does not install)."""
    from wordfreq import available_languages

    return language in available_languages() and language not in ("zh", "ja", "ko")


# Languages that write compounds as one word, so a rare capitalised word may be two common ones.
COMPOUNDING = frozenset({"de", "nl", "sv", "da", "no", "fi", "et", "is", "lb"})


def _is_compound(word: str, language: str) -> bool:
    """True when a word splits into common words of its language, two or more, joined by the usual
    linking letters and with an inflection ending ("Motivationsaspekte", "Aussenkegelrollierwerkzeugen"),
    or spelt without umlauts ("Schluesselbereichen")."""
    if language not in COMPOUNDING:
        return False
    lower = word.lower()
    spellings = {lower, *(lower.replace(plain, umlaut) for plain, umlaut in _UMLAUT_SPELLINGS if plain in lower)}
    return any(_splits(spelling, language, COMPOUND_PARTS) for spelling in spellings)


# Compound parts: this common (as they are, or without a linking or an ending letter) and four letters or
# more, or three letters and very common ("neu", "vor", "ost": "sin", "kur" and "dal" would split names).
# Up to four parts; the last carries the inflection ("-werkzeugen", "-bestände").
COMPOUND_PART_ZIPF = 2.5
SHORT_PART_ZIPF = 4.0
COMPOUND_PARTS = 4
_LINKS = ("s", "es", "n", "en", "e", "er")
_UMLAUT_SPELLINGS = (("ae", "ä"), ("oe", "ö"), ("ue", "ü"), ("ss", "ß"))


@lru_cache(maxsize=65536)
def _common_part(part: str, language: str) -> bool:
    if len(part) == 3:
        return source_zipf(part, language) >= SHORT_PART_ZIPF
    return len(part) >= 4 and (source_zipf(part, language) >= COMPOUND_PART_ZIPF or any(
        part.endswith(link) and len(part) - len(link) >= 4
        and source_zipf(part[:-len(link)], language) >= COMPOUND_PART_ZIPF for link in _LINKS))


@lru_cache(maxsize=65536)
def _splits(lower: str, language: str, parts: int) -> bool:
    """`lower` is a head of common words followed by a common last word, in at most `parts` parts."""
    return parts >= 2 and any(
        _common_part(lower[:i], language)
        and (_common_part(lower[i:], language) or _splits(lower[i:], language, parts - 1))
        for i in range(3, len(lower) - 2))


# A language without a wordfreq list, and a kin language whose common words it largely shares: Estonian
# "Maa" (Earth) and "Musta" (Black) are common Finnish words too, not names English uses as they are.
KIN_WORD_LIST = {"et": "fi"}
KIN_COMMON_ZIPF = 4.5  # only the kin language's common words count: names are frequent in its news too


# wordfreq keeps each language's list in memory for the process once it is read: its "large" lists take 30
# to 100 MB each (de 70, ru 105), so a document with sources in many languages held them all (the suite's 72
# "its" for a person, sources in six languages: 1,800 MiB); its "small" lists take about 1 MB and give the same
# frequency to every word of Zipf 3 or more, and 0 below. The name tests read frequencies below 3 only in the
# languages that write compounds as one word (COMPOUND_PART_ZIPF) or capitalise every noun (a frequency of
# 0): those read the large list, every other language the small one (and the kin language's common words
# are read from its small list: `_kin_zipf`).
def source_zipf(word: str, language: str) -> float:
    """The Zipf frequency of a source word in its language, from the smallest of wordfreq's lists that
    gives what the name tests read (see above)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, language, wordlist="best" if language in COMPOUNDING | NOUN_CAPITALISING else "small")


def _kin_zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency

    kin = KIN_WORD_LIST.get(language)  # only common words count: the small list has them all
    frequency = zipf_frequency(word, kin, wordlist="small") if kin else 0.0
    return frequency if frequency >= KIN_COMMON_ZIPF else 0.0


# An acronym with a case ending ("ÜROs", "NATOga"): acronyms are left alone, inflected or not.
_INFLECTED_ACRONYM = re.compile(r"[A-ZÀ-Þ]{2,}[a-zß-ÿ]{1,3}")


# Languages that capitalise every noun: there a capital letter says nothing, so only unknown words count.
NOUN_CAPITALISING = frozenset({"de", "lb"})
# The endings of German nouns made from other words ("Entgrünung", "Ausserordentlichkeit") after five
# letters or more: a noun, not a name ("Hartung" keeps its name).
_DERIVED_NOUN = re.compile(r"[a-zß-ÿ]{5}(?:ung|keit|heit|schaft|ität|tion|ismus)(?:en|s)?$")


@lru_cache(maxsize=65536)
def _looks_like_name(word: str, language: str) -> bool:
    from wordfreq import zipf_frequency

    if any(c.isupper() for c in word[1:]):
        # McCord, iPhone, LaFasto; not "NdT", nor an inflected acronym ("ÜROs"), nor German nouns run
        # together ("VeränderungAnteil", "ZuständigkeitEN"; "YouTube" and "BlackRock" begin with English)
        head = re.match(r".[^A-ZÀ-Þ]*", word).group().lower()  # type: ignore[union-attr]
        return len(word) >= 4 and any(c.islower() for c in word) and not _INFLECTED_ACRONYM.fullmatch(word) \
            and not (language in NOUN_CAPITALISING and _common_part(head, language)
                     and source_zipf(head, language) > zipf_frequency(head, "en"))
    if language in ("zh", "ja", "ko"):
        return True  # a Latin word inside CJK text is a name, a brand or a code
    english = zipf_frequency(word, "en") if word.casefold() == word.lower() else 0.0  # "Maß" is not "mass"
    native = source_zipf(word, language) if has_word_list(language) else _kin_zipf(word, language)
    if english >= max(2.0, native - 0.5) and not lexicon.parts_of_speech(word):
        return True  # a name English uses as it is, not an English word: Nissan, Merkel
    if not has_word_list(language):
        return False
    if language in NOUN_CAPITALISING:
        return native == 0 and not _is_compound(word, language) and not _DERIVED_NOUN.search(word.lower()) \
            and not _headed_compound(word.lower(), language)
    return native < NAME_RARE_ZIPF and not _is_compound(word, language)


# A German noun is its last part: "Abdeckleiste" is a "Leiste", "Veredlerstrecke" a "Strecke", whatever the
# part before it. A word whose longest common ending (after at least three letters) is a noun of five letters
# or more, at least as common in the language as in English, is a noun, not a name; unless that noun is one
# that German place, street and family names end in ("Neuhausen", "Alexanderplatz", "Goldstein"). Shorter
# endings are too often given names ("Rosanna") or name endings ("Neuhaus", "Bergmann").
HEAD_NOUN_ZIPF = 3.5
HEAD_NOUN_LETTERS = 5
NAME_HEADS = frozenset({
    "berger", "burger", "hausen", "felde", "stadt", "stedt", "statt", "brücke", "brunn", "brunnen", "hofen",
    "kirch", "kirchen", "kirche", "walde", "hagen", "leben", "ingen", "stein", "horst", "meier", "maier",
    "mayer", "müller", "bauer", "schmidt", "garten", "straße", "strasse", "platz", "gasse", "allee", "markt",
})


def _headed_compound(lower: str, language: str) -> bool:
    """True when the longest common word that `lower` ends in, after three letters or more, is a noun of
    HEAD_NOUN_LETTERS or more, no name ending, and at least as common in the language as in English."""
    from wordfreq import zipf_frequency

    for i in range(3, len(lower) - 3):
        head = lower[i:]
        frequency = source_zipf(head, language)
        if frequency >= HEAD_NOUN_ZIPF:  # the longest: "straße", not the "traße" inside it
            return len(head) >= HEAD_NOUN_LETTERS and head not in NAME_HEADS \
                and frequency >= zipf_frequency(head, "en")
    return False


# Plural demonyms that Portuguese, Spanish, Italian and French often capitalise ("Quenianos", "Américains").
_DEMONYM_RE = re.compile(r"(?:an|ian|en|es|ais|ois|ien)(?:o|a|e)?s$|(?:an|es)i$|iennes$")
# A word this common in the source language, and rare in English, makes a capitalised run a title that is
# translated ("Organização Mundial"), not a name that is copied ("Real Madrid", "Manchester City").
TITLE_WORD_ZIPF = 4.0


def source_names(src: str, language: str) -> list[str]:
    """Capitalised Latin-script words of the source, not sentence-initial, that look like names.

    Words of a capitalised run that contains a common word of the source language which English does
    not use ("Organização Mundial das Alfândegas", "O Fim da Fome") are left out: such titles are
    translated, not copied.
    """
    names = []
    for run in _source_name_runs(src):
        if _is_title(run, language):
            continue
        for match in run:
            before = src[:match.start()].rstrip(" \"'“”„«»‘’([")
            if not before or before[-1] in ".!?:。！？：…":
                continue
            for word in re.split(r"[-'’]", match.group()):
                if len(word) >= 3 and word[0].isupper() and not word.isupper() and not _DEMONYM_RE.search(word) \
                        and _looks_like_name(word, language):
                    names.append(word)
    return names


def _source_name_runs(text: str) -> list[list[re.Match[str]]]:
    """Capitalised words grouped into runs joined by spaces or short lower-case words ("de", "da", "of")."""
    runs: list[list[re.Match[str]]] = []
    previous_end = None
    for match in langid.latin_words(text):
        if not match.group()[0].isupper():
            continue
        between = text[previous_end:match.start()] if previous_end is not None else None
        if runs and between is not None and re.fullmatch(r"\s+(?:[a-zà-ÿ]{1,3}\s+){0,2}", between):
            runs[-1].append(match)
        else:
            runs.append([match])
        previous_end = match.end()
    return runs


def _is_title(run: list[re.Match[str]], language: str) -> bool:
    from wordfreq import zipf_frequency

    if len(run) < 2 or not has_word_list(language):
        return False
    return any(source_zipf(m.group(), language) >= TITLE_WORD_ZIPF and zipf_frequency(m.group(), "en") < 3.5
               for m in run)


# Given names English writes its own way, as saints, popes and monarchs keep them ("Johannes" is "John",
# "Giovanni Paolo II" "John Paul II"): the English form and the Latin-script forms of the usual source
# languages, folded. Names the letters already match ("Franziskus", "Karl") need no entry.
GIVEN_NAME_FORMS = {
    "john": ("johannes", "johann", "jan", "juan", "jean", "giovanni", "joao", "jaan", "juhan", "ioan", "janos"),
    "peter": ("petrus", "pedro", "pierre", "pietro", "piotr", "peeter", "petr", "petru"),
    "paul": ("paulus", "pablo", "paolo", "paulo", "pawel", "pavel"),
    "james": ("jacques", "jaime", "giacomo"),
    "joseph": ("josef", "jose", "giuseppe", "jozef", "joosep", "iosif"),
    "mary": ("maria", "marie"),
    "matthew": ("matthaus", "mateo", "matteo", "mateusz", "matthieu", "matteus"),
    "luke": ("lukas", "lucas", "luca", "luc", "lukasz", "luukas"),
    "mark": ("markus", "marco", "marc", "marek", "marcos"),
    "william": ("wilhelm", "guillaume", "guillermo", "guglielmo", "vilem"),
    "henry": ("heinrich", "henri", "enrique", "enrico", "henryk", "jindrich"),
    "louis": ("ludwig", "luis", "luigi", "ludwik", "ludvik"),
    "george": ("georg", "georges", "jorge", "giorgio", "jerzy", "jiri", "juri"),
    "michael": ("michel", "miguel", "michele", "michal", "mihkel"),
    "andrew": ("andreas", "andre", "andres", "andrea", "andrzej", "ondrej"),
    "stephen": ("stefan", "etienne", "esteban", "stefano", "stepan"),
    "catherine": ("katharina", "catalina", "caterina", "katarzyna", "katerina"),
    "elizabeth": ("elisabeth", "isabel", "elisabetta", "elzbieta", "alzbeta"),
    "anthony": ("anton", "antoine", "antonio", "antoni", "antonin"),
    "gregory": ("gregor", "gregoire", "gregorio", "grzegorz"),
}
_ENGLISH_GIVEN_NAME = {form: english for english, forms in GIVEN_NAME_FORMS.items() for form in forms}


def name_present(name: str, target_words: list[str]) -> bool:
    """Some word of the translation renders `name`: the same letters but for accents, inflection
    ("Merkels"), spelling ("Tokio"), or, for a capitalised word, the same run of consonants as English
    spells it ("Kuweitului" and "Kuwait", "Tamisei" and "Thames", "Mohamed" and "Muhammad"), or the
    English form of a given name (`GIVEN_NAME_FORMS`: "Johannes" and "John")."""
    folded = langid.fold(name)
    skeleton = consonant_skeleton(name)
    english = _ENGLISH_GIVEN_NAME.get(folded)
    for word in target_words:
        other = langid.fold(word)
        if other == folded or other == english:
            return True
        shortest = min(len(other), len(folded))
        common = len(_common_prefix(other, folded))
        if common >= 4 and common >= shortest - 3 or \
                SequenceMatcher(None, folded, other).ratio() >= NAME_MATCH_RATIO:
            return True
        if word[:1].isupper() and _same_consonants(skeleton, consonant_skeleton(word)):
            return True
    return False


# Spellings that sound alike across the Latin-script languages, folded before consonants are compared.
_SOUND_ALIKE = (("ph", "f"), ("th", "t"), ("ck", "k"), ("ch", "k"), ("c", "k"), ("q", "k"), ("w", "v"),
                ("z", "s"), ("x", "ks"), ("j", "i"), ("y", "i"))


@lru_cache(maxsize=65536)
def consonant_skeleton(word: str) -> str:
    """The word's first letter and its consonants, folded and with doubled letters single: "Thames" is
    "tms", "Brittany" "brtn"."""
    folded = langid.fold(word)
    for spelling, sound in _SOUND_ALIKE:
        folded = folded.replace(spelling, sound)
    folded = re.sub(r"(.)\1+", r"\1", re.sub(r"[^a-z]", "", folded))
    return folded[:1] + re.sub(r"[aeiouh]", "", folded[1:])


def _same_consonants(a: str, b: str) -> bool:
    """Three or more consonants in the same order, all but the last of the shorter run shared from the
    start: an inflected or transcribed form of the same name ("kvtl" for "kvt", "krvnstlr" for "krvnsts")."""
    shortest = min(len(a), len(b))
    return shortest >= 3 and len(_common_prefix(a, b)) >= max(3, shortest - 1)


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]


def dropped_given_name(name: str, src: str, target_words: list[str]) -> bool:
    """ "Donald Trump" rendered "Trump": a given name left out before a surname the translation keeps."""
    surname = re.search(rf"\b{re.escape(name)}\s+([A-ZÀ-Þ][^\W\d_]+)", src)
    return bool(surname) and lexicon.given_name_gender(name) is not None and name_present(surname.group(1), target_words)


def is_new_name(match: re.Match[str], text: str, source_folded: list[str]) -> bool:
    """A capitalised target word, not sentence-initial, not a common word, with no source counterpart."""
    from wordfreq import zipf_frequency

    word = match.group()
    before = text[:match.start()].rstrip(" \"'“”‘’([")
    if not word[0].isupper() or not before or before[-1] in ".!?:" or zipf_frequency(word, "en") >= 4.0:
        return False
    folded = langid.fold(word)
    return not any(SequenceMatcher(None, folded, other).ratio() >= NAME_MATCH_RATIO for other in source_folded)
