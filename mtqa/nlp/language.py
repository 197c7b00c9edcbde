"""Which language a text is in: scripts, Latin-script words, and the offline identifier py3langid.

The identifiers are built once per process from py3langid's model file, through its public
`LanguageIdentifier` class.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache


# Scripts: names can be checked only when source and target share the Latin script.
def latin_words(text: str) -> Iterator[re.Match[str]]:
    return re.finditer(r"[A-Za-zÀ-ÖØ-öø-ɏ]+(?:[-'’][A-Za-zÀ-ÖØ-öø-ɏ]+)*", text)


def fold(word: str) -> str:
    """Lower case without diacritics: "Zürich" and "Zurich", "Malouines" and "malouines" compare equal."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ł", "l").replace("ø", "o")


def latin_share(text: str) -> float:
    """The share of the text's letters that are Latin-script letters (0 for a text without letters)."""
    return _letter_share(text, lambda c: c.isascii() or "\u00c0" <= c <= "\u024f")


def cjk_share(text: str) -> float:
    return _letter_share(text, lambda c: "\u3040" <= c <= "\u30ff" or "\u3400" <= c <= "\u9fff"
                         or "\uac00" <= c <= "\ud7af")


def _letter_share(text: str, script: Callable[[str], bool]) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if script(c)) / len(letters) if letters else 0.0


# Widely translated languages only: on a short sentence the full model picks rare neighbours ("an" for Spanish).
IDENTIFIED_LANGUAGES = [
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "fi", "et", "lv", "lt", "pl", "cs", "sk", "sl",
    "hr", "sr", "ro", "hu", "bg", "ru", "uk", "be", "el", "tr", "ar", "he", "fa", "ur", "hi", "bn", "ta", "ne",
    "si", "km", "ps", "th", "vi", "id", "ms", "tl", "sw", "ca", "eu", "gl", "is", "ga", "mt", "sq", "mk", "ka",
]


@lru_cache(maxsize=2)
def identifier(restricted: bool = True):  # type: ignore[no-untyped-def]
    """py3langid's identifier with normalised probabilities: over `IDENTIFIED_LANGUAGES`, or (with
    `restricted` false) every language its model knows."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    if not restricted:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # A shallow copy shares the model's tables (about 160 MB of Python objects and arrays) with the other
    # identifier instead of loading them again; `set_languages` only rebinds the copy's own attributes.
    built = copy.copy(identifier(restricted=False))
    built.set_languages(IDENTIFIED_LANGUAGES)
    return built


@lru_cache(maxsize=4096)
def identify(text: str) -> tuple[str, float]:
    """(language, probability) by the offline identifier; CJK text is told apart by its script."""
    if cjk_share(text) > 0.5:
        if re.search(r"[\u3040-\u30ff]", text):
            return "ja", 1.0
        if re.search(r"[\uac00-\ud7af]", text):
            return "ko", 1.0
        return "zh", 1.0
    language, probability = identifier().classify(text)
    return language, float(probability)


# A foreign word cited on purpose: after "the word", "called", a language's name, or explained by "means".
_CITED_RE = re.compile(r"(?i)\b(?:word|words|term|called|named|character|characters|script|spelled|written|"
                       r"greek|russian|ukrainian|chinese|japanese|korean|hebrew|arabic|hindi|sanskrit|thai|"
                       r"georgian|armenian|cyrillic|persian|bulgarian|serbian)\b\W{0,3}(?:\w+\W+){0,2}$")
_EXPLAINED_RE = re.compile(r"\W{0,3}\s(?:means|meaning|stands for|is Latin|is French|is German)\b", re.IGNORECASE)
QUOTES = frozenset("“\"‘'«„")


def is_cited(text: str, start: int, end: int) -> bool:
    """True when `text[start:end]` is a word quoted, introduced or explained as a word of another language."""
    return text[start - 1:start] in QUOTES or bool(_CITED_RE.search(text, max(0, start - 40), start)) \
        or bool(_EXPLAINED_RE.match(text, end))
