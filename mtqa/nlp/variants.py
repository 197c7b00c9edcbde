"""When two words are one word written two ways: hyphenation, spacing, case, British and American
spelling, inflection, or an affix ("clear" and "clear-cut", "historic" and "historical")."""

from __future__ import annotations

import re

from mtqa.nlp import lexicon

# British and American endings, each mapped to one form: two words whose keys agree are one word spelt
# two ways ("colour"/"color", "organise"/"organize", "centre"/"center", "travelled"/"traveled").
_SPELLING_ENDINGS = (
    (re.compile(r"our(s|ed|ing|ite|ites|able|ful)?$"), r"or\1"),
    (re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"ence(s)?$"), r"ense\1"),
    (re.compile(r"ogue(s)?$"), r"og\1"),
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"dgement(s)?$"), r"dgment\1"),  # "judgement", "acknowledgement"
    (re.compile(r"([^aeiou])eable$"), r"\1able"),  # "likeable", "sizeable"
    (re.compile(r"([aeiou])l(ment|ments)$"), r"\1ll\2"),  # "enrolment", "instalments"
    (re.compile(r"([io])l(s)?$"), r"\1ll\2"),  # "fulfil", "enrol", "distils"
)
# British "ae" and "oe" where American writes "e", inside words of Greek or Latin origin ("paediatric",
# "anaesthetic", "oestrogen", "manoeuvre"); seven letters or more, so that "canoes" is not "canes".
_DIGRAPH = re.compile(r"(?<![aeiou])(ae|oe)(?=[^aeiou\W])")
_DIGRAPH_LETTERS = 7
_SPELLING_WORDS = {"grey": "gray", "greys": "grays", "tyre": "tire", "tyres": "tires", "plough": "plow",
                   "aluminium": "aluminum", "cheque": "check", "programme": "program", "programmes": "programs",
                   "mould": "mold", "moult": "molt", "kerb": "curb", "storey": "story", "ageing": "aging",
                   "jewellery": "jewelry", "pyjamas": "pajamas", "sceptical": "skeptical", "sceptic": "skeptic",
                   "sceptics": "skeptics", "manoeuvre": "maneuver", "manoeuvres": "maneuvers"}


def normalise_variant(word: str) -> str:
    """The form two spelling variants share: lower case, no hyphens, apostrophes or spaces."""
    return re.sub(r"[-'’\s]", "", word.lower())


def same_spelling(a: str, b: str) -> bool:
    """True when `a` and `b` differ only in hyphenation, spacing, apostrophes or case."""
    return normalise_variant(a) == normalise_variant(b)


def spelling_key(word: str) -> str:
    """`word` with British endings made American (or the other way round, consistently)."""
    lower = normalise_variant(word)
    if lower in _SPELLING_WORDS:
        return _SPELLING_WORDS[lower]
    if len(lower) >= _DIGRAPH_LETTERS:
        lower = _DIGRAPH.sub("e", lower)
    for pattern, replacement in _SPELLING_ENDINGS:
        if len(lower) >= 5 and pattern.search(lower):
            return pattern.sub(replacement, lower)
    return lower


def british_american(a: str, b: str) -> bool:
    """True when `a` and `b` are one word in British and American spelling."""
    if a.lower() == b.lower() or len(a) < 4 or spelling_key(a) != spelling_key(b):
        return False
    # "filled" and "filed" are two common words; "travelled" and "traveled" (or "traveller") one
    if "ll" not in normalise_variant(a) + normalise_variant(b) or lexicon.lemmas(a) & lexicon.lemmas(b):
        return True
    return min(lexicon.zipf(a.lower()), lexicon.zipf(b.lower())) < 4.0


def affix_variant(a: str, b: str) -> bool:
    """True when one word is the other with an affix: a compound on it ("clear" and "clear-cut") or
    -ic/-ical ("historic" and "historical")."""
    a, b = a.lower(), b.lower()
    for short, long in ((a, b), (b, a)):
        head, hyphen, tail = long.partition("-")
        if hyphen and head == short and tail.isalpha() and len(short) >= 3 and short not in lexicon.FUNCTION_WORDS:
            return True
        if short.endswith("ic") and long == short + "al" and len(short) >= 5:
            return True
    return False


def compound_of_one_set(a: str, b: str) -> bool:
    """True when one word is the other's head in a compound of two words of one set ("north" and "north-east",
    "centre" and "centre-left", "blue" and "blue-green"): "the north and north-east" names two regions."""
    a, b = a.lower(), b.lower()
    for short, long in ((a, b), (b, a)):
        head, hyphen, tail = long.partition("-")
        if hyphen and head == short and any(head in words and tail in words for words in lexicon.COMPOUNDING_SETS):
            return True
    return False


def same_word_family(a: str, b: str) -> bool:
    """True when `a` and `b` are variants of one word: hyphenation, case or inflection."""
    if same_spelling(a, b):
        return True
    if a[:3].lower() != b[:3].lower():
        return False
    return bool(lexicon.lemmas(a) & lexicon.lemmas(b))
