"""Synthetic artefacts: the kinds of damage machine translation does, injected into clean English.

Each injector imitates what an MT system does to a sentence (it repeats a phrase, writes a word in two
spellings, cuts a clause with a stray period and strands its preposition, starts a new sentence where
none was and drops the word before it, calls a person "it", loops, says a sentence again, drops a
function word, swaps two words, copies a source word), not what a detector looks for. It returns the
damaged text and the span of the damage in it; the clean original is kept as a control.

Everything is seeded: the same clean text always receives the same injection, on any machine.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from mtqa.nlp import lexicon
from mtqa.nlp.tokens import Token, tokenize

# v2: "its-for-person" also turns a person's "he" or "she" into "it". The seed stays v1's, so that every
# other injection is v1's where a sentence keeps its kind.
SUITE_VERSION = 2
SEED = "mtqa-synthetic-v1"


@dataclass(frozen=True, slots=True)
class Injection:
    kind: str
    text: str  # the damaged text
    start: int  # the damage in `text` (zero-width where something was dropped)
    end: int


# (clean text, seeded random source, the record's source sentence or None) -> the damage, or None
# when the text offers no place for this kind.
Injector = Callable[[str, random.Random, str | None], Injection | None]
INJECTORS: dict[str, Injector] = {}


def injector(kind: str) -> Callable[[Injector], Injector]:
    """Register the decorated function as the injector of `kind` (the suite's kinds, in this order)."""

    def register(function: Injector) -> Injector:
        INJECTORS[kind] = function
        return function

    return register


def _words(text: str) -> list[Token]:
    return [t for t in tokenize(text) if t.text.isalpha()]


def _content(token: Token) -> bool:
    return token.text.islower() and len(token.text) >= 3 and token.lower not in lexicon.FUNCTION_WORDS \
        and token.lower not in lexicon.AUXILIARIES and token.lower not in lexicon.PERSONAL_PRONOUNS


def _phrase_at(text: str, words: list[Token], i: int, n: int) -> tuple[int, int] | None:
    """The span of words i..i+n-1 when only single spaces separate them."""
    if i + n > len(words):
        return None
    for a, b in zip(words[i:i + n], words[i + 1:i + n]):
        if text[a.end:b.start] != " ":
            return None
    return words[i].start, words[i + n - 1].end


def _repeat(text: str, rng: random.Random, joiner: str, kind: str, content_only: bool) -> Injection | None:
    words = _words(text)
    n = rng.choice((1, 1, 1, 2, 3)) if not content_only else rng.choice((1, 1, 2))
    sites = [i for i in range(1, len(words)) if _phrase_at(text, words, i, n)
             and (not content_only or _content(words[i + n - 1]))]
    if not sites:
        return None
    i = rng.choice(sites)
    start, end = _phrase_at(text, words, i, n)  # type: ignore[misc]
    phrase = text[start:end]
    copy_start = end + len(joiner)
    return Injection(kind, text[:end] + joiner + phrase + text[end:], copy_start, copy_start + len(phrase))


@injector("repeat-adjacent")
def repeat_adjacent(text: str, rng: random.Random, src: str | None) -> Injection | None:
    """A word or phrase said twice in a row: "the optic nerve nerve"."""
    return _repeat(text, rng, " ", "repeat-adjacent", content_only=False)


@injector("repeat-comma")
def repeat_comma(text: str, rng: random.Random, src: str | None) -> Injection | None:
    """A word said twice across a comma: "prices rose sharply, sharply"."""
    return _repeat(text, rng, ", ", "repeat-comma", content_only=True)


@injector("repeat-and")
def repeat_and(text: str, rng: random.Random, src: str | None) -> Injection | None:
    """A word coordinated with itself: "the results were strong and strong"."""
    return _repeat(text, rng, " and ", "repeat-and", content_only=True)


# British and American spellings, as endings: each pair is tried both ways on a word's ending.
SPELLING_ENDINGS = (("our", "or"), ("ours", "ors"), ("oured", "ored"), ("ise", "ize"), ("ised", "ized"),
                    ("ises", "izes"), ("ising", "izing"), ("isation", "ization"), ("isations", "izations"),
                    ("yse", "yze"), ("ysed", "yzed"), ("tre", "ter"), ("tres", "ters"), ("ence", "ense"),
                    ("ogue", "og"), ("elled", "eled"), ("elling", "eling"), ("ellor", "elor"), ("grey", "gray"))
SUFFIXES = ("ing", "ed", "er", "ers", "est", "ly", "ness", "ment", "ments", "tion", "sion", "ity", "ous", "ful",
            "less", "able", "ible", "al", "ism", "ist", "ists", "ship", "hood", "ward", "wards")


def _is_word(word: str, minimum: float = 2.0) -> bool:
    return lexicon.zipf(word) >= minimum


def _spelling_variant(word: str) -> str | None:
    lower = word.lower()
    if len(lower) < 5 or not word.islower():
        return None
    for a, b in SPELLING_ENDINGS:
        for old, new in ((a, b), (b, a)):
            if lower.endswith(old):
                variant = lower[: len(lower) - len(old)] + new
                if variant != lower and variant not in lexicon.FUNCTION_WORDS and _is_word(variant):
                    return variant
    return None


def _hyphenation_variant(word: str) -> str | None:
    if "-" in word:
        if not word.islower():
            return None  # "Chatenay-Malabry" is a name, written one way
        parts = word.split("-")
        if len(parts) == 2 and all(p.isalpha() for p in parts):
            joined = "".join(parts)
            return joined if _is_word(joined, 1.5) else " ".join(parts)
        return None
    if len(word) < 8 or not word.isalpha() or not word.islower():
        return None
    if lexicon.zipf(word) < 2.5:
        return None
    for cut in range(4, len(word) - 3):
        head, tail = word[:cut], word[cut:]
        if lexicon.zipf(head) >= 4.0 and lexicon.zipf(tail) >= 4.0 and tail not in SUFFIXES \
                and head not in lexicon.FUNCTION_WORDS and tail not in lexicon.FUNCTION_WORDS:
            return f"{head} {tail}" if cut % 2 else f"{head}-{tail}"
    return None


def _variant_pair(text: str, rng: random.Random, kind: str, variant_of: Callable[[str], str | None]
                  ) -> Injection | None:
    tokens = [t for t in tokenize(text) if t.text.replace("-", "").isalpha()]
    sites = [(t, v) for t in tokens[1:] if (v := variant_of(t.text)) is not None]
    if not sites:
        return None
    token, variant = rng.choice(sites)
    joiner = rng.choice((" and ", " and ", ", "))
    variant_start = token.end + len(joiner)
    damaged = text[:token.end] + joiner + variant + text[token.end:]
    return Injection(kind, damaged, variant_start, variant_start + len(variant))


@injector("variant-spelling")
def variant_spelling(text: str, rng: random.Random, src: str | None) -> Injection | None:
    """A word followed by itself in another spelling: "colour and color", "travelled, traveled"."""
    return _variant_pair(text, rng, "variant-spelling", _spelling_variant)


@injector("variant-hyphenation")
def variant_hyphenation(text: str, rng: random.Random, src: str | None) -> Injection | None:
    """A compound written twice, closed and open or hyphenated: "timeframe and time frame"."""
    return _variant_pair(text, rng, "variant-hyphenation", _hyphenation_variant)


@injector("variant-affix")
def variant_affix(text: str, rng: random.Random, src: str | None) -> Injection | None:
    """A word and the same word with an affix: "clear-cut and clear", "historic and historical"."""
    return _variant_pair(text, rng, "variant-affix", _affix_variant)


def _affix_variant(word: str) -> str | None:
    """A compound's first part ("clear-cut" -> "clear"); "historic" <-> "historical" where both are words."""
    head, hyphen, tail = word.partition("-")
    if hyphen:
        return head if head.isalpha() and tail.isalpha() and len(head) >= 3 and word.islower() \
            and head not in lexicon.FUNCTION_WORDS else None
    if not word.isalpha() or not word.islower() or len(word) < 5:
        return None
    if word.endswith("ical") and _is_word(word[:-2]):
        return word[:-2]
    if word.endswith("ic") and _is_word(word + "al"):
        return word + "al"
    return None


def _final_stop(text: str) -> int | None:
    stripped = text.rstrip()
    return len(stripped) - 1 if stripped.endswith(".") else None


@injector("broken-clause")
def broken_clause(text: str, rng: random.Random, src: str | None) -> Injection | None:
    """A stray period before a final prepositional phrase, its preposition stranded after the object:
    "discussed the presidency with Volodymyr Zelensky." -> "discussed the presidency. Volodymyr Zelensky with."."""
    stop = _final_stop(text)
    if stop is None:
        return None
    words = [t for t in _words(text) if t.end <= stop]
    sites = []
    for i in range(3, len(words) - 1):
        preposition, rest = words[i], words[i + 1:]
        if preposition.text not in lexicon.PREPOSITIONS or not 1 <= len(rest) <= 4:
            continue
        if _phrase_at(text, words, i, len(rest) + 1) and rest[-1].end == stop and text[:preposition.start].strip():
            sites.append(i)
    if not sites:
        return None
    i = rng.choice(sites)
    preposition, head_end = words[i], words[i].start
    obj = text[words[i + 1].start:stop]
    head = text[:head_end].rstrip(" ,;:")
    tail = obj[0].upper() + obj[1:] + " " + preposition.text + "."
    damaged = head + ". " + tail + text[stop + 1:]
    return Injection("broken-clause", damaged, len(head) + 2, len(head) + 2 + len(tail))


@injector("stray-capital")
def stray_capital(text: str, rng: random.Random, src: str | None) -> Injection | None:
    """A preposition or article dropped where the system started a new sentence, the next word capitalised:
    "raised concerns about their plans" -> "raised concerns Their plans"."""
    words = _words(text)
    droppable = lexicon.PREPOSITIONS | lexicon.ARTICLES
    sites = [i for i in range(2, len(words) - 1)
             if words[i].text in droppable and words[i - 1].text.islower() and words[i + 1].text.islower()
             and _phrase_at(text, words, i - 1, 3)]
    if not sites:
        return None
    i = rng.choice(sites)
    dropped, following = words[i], words[i + 1]
    capital = following.text[0].upper() + following.text[1:]
    damaged = text[:dropped.start] + capital + text[following.end:]
    return Injection("stray-capital", damaged, dropped.start, dropped.start + len(capital))


@injector("its-for-person")
def its_for_person(text: str, rng: random.Random, src: str | None) -> Injection | None:
    """A person's possessive or subject pronoun rendered as "its" or "it", as systems translating from
    languages without gendered pronouns do: "Merkel and her cabinet" -> "Merkel and its cabinet", "Merkel
    said she would stay" -> "Merkel said it would stay"."""
    words = _words(text)
    sites = []
    for i, word in enumerate(words):
        if word.text not in ("his", "her", "he", "she") or i + 1 >= len(words):
            continue
        following = words[i + 1]
        if word.text == "her" and (following.lower in lexicon.FUNCTION_WORDS or lexicon.can_be_verb(following.text)
                                   and not lexicon.parts_of_speech(following.text) & {"NOUN", "ADJ"}):
            continue  # "told her that": an object, not a possessive
        if any(w.text[0].isupper() and j > 0 and w.lower not in lexicon.FUNCTION_WORDS for j, w in enumerate(words[:i])):
            sites.append(word)
    if not sites:
        return None
    word = rng.choice(sites)
    it = "it" if word.text in ("he", "she") else "its"
    return Injection("its-for-person", text[:word.start] + it + text[word.end:], word.start, word.start + len(it))


@injector("oscillation")
def oscillation(text: str, rng: random.Random, src: str | None) -> Injection | None:
    """A phrase the decoder loops on: "of the region of the region of the region"."""
    words = _words(text)
    n = rng.choice((1, 2, 2, 3))
    sites = [i for i in range(1, len(words)) if _phrase_at(text, words, i, n)]
    if not sites:
        return None
    start, end = _phrase_at(text, words, rng.choice(sites), n)  # type: ignore[misc]
    copies = rng.choice((2, 3, 4, 5))
    added = (" " + text[start:end]) * copies
    return Injection("oscillation", text[:end] + added + text[end:], end + 1, end + len(added))


@injector("near-duplicate-sentence")
def near_duplicate_sentence(text: str, rng: random.Random, src: str | None) -> Injection | None:
    """The same statement made twice in one document, again word for word or with a word dropped."""
    words = _words(text)
    if len(words) < 6 or _final_stop(text) is None:
        return None
    again = text.strip()
    content = [w for w in words[1:] if _content(w)]
    if content and rng.random() < 0.5:
        dropped = rng.choice(content)
        after = text[dropped.end:].lstrip(" ")
        again = (text[:dropped.start].rstrip(" ") + (" " if after[:1].isalnum() else "") + after).strip()
    start = len(text.rstrip()) + 1
    return Injection("near-duplicate-sentence", text.rstrip() + " " + again, start, start + len(again))


FUNCTION_WORDS_DROPPED = lexicon.ARTICLES | lexicon.PREPOSITIONS | frozenset(
    {"to", "is", "are", "was", "were", "has", "have", "had", "will", "be", "that"})


@injector("dropped-function-word")
def dropped_function_word(text: str, rng: random.Random, src: str | None) -> Injection | None:
    """An article, preposition or auxiliary the system left out: "He went to the market" -> "He went to market"."""
    words = _words(text)
    sites = [i for i in range(1, len(words) - 1)
             if words[i].text in FUNCTION_WORDS_DROPPED and _phrase_at(text, words, i - 1, 3)]
    if not sites:
        return None
    word = words[rng.choice(sites)]
    damaged = text[:word.start] + text[word.end + 1:]
    return Injection("dropped-function-word", damaged, word.start, word.start)


@injector("swapped-words")
def swapped_words(text: str, rng: random.Random, src: str | None) -> Injection | None:
    """Two neighbouring words in the wrong order: "a very useful meeting" -> "a useful very meeting"."""
    words = _words(text)
    sites = [i for i in range(1, len(words) - 1) if _phrase_at(text, words, i, 2)
             and words[i].lower != words[i + 1].lower and words[i].text.islower() and words[i + 1].text.islower()]
    if not sites:
        return None
    i = rng.choice(sites)
    a, b = words[i], words[i + 1]
    damaged = text[:a.start] + b.text + " " + a.text + text[b.end:]
    return Injection("swapped-words", damaged, a.start, b.end)


@injector("untranslated-word")
def untranslated_word(text: str, rng: random.Random, src: str | None) -> Injection | None:
    """A source word copied into the translation in place of its English rendering."""
    if not src:
        return None
    english = {w.lower for w in _words(text)}
    foreign = sorted({w.text for w in tokenize(src) if w.text.isalpha() and w.text.islower() and len(w.text) >= 4
                      and w.lower not in english and lexicon.zipf(w.text) < 3.0
                      and all("a" <= c <= "z" or "\u00c0" <= c <= "\u024f" for c in w.text)})
    targets = [w for w in _words(text)[1:] if _content(w) and len(w.text) >= 4]
    if not foreign or not targets:
        return None
    word, target = rng.choice(foreign), rng.choice(targets)
    return Injection("untranslated-word", text[:target.start] + word + text[target.end:], target.start,
                     target.start + len(word))


KINDS = tuple(INJECTORS)


def well_formed(text: str) -> bool:
    """Clean, whole sentences to inject into: a capital first, a full stop (or ! ?) last, 6-60 words, no
    tabs, line breaks or doubled spaces. Post-edits and references that are fragments are left out."""
    stripped = text.strip()
    if stripped != text or not stripped[:1].isupper() or stripped[-1:] not in ".!?" and stripped[-2:-1] not in ".!?":
        return False
    if any(c in text for c in "\t\n\r") or "  " in text:
        return False
    return 6 <= len(_words(text)) <= 60


class Generator:
    """Chooses one kind per clean text: the kind injected least often so far among those that apply to
    it, ties broken by a random draw seeded with the text. The suite is balanced across kinds and the
    same for the same input."""

    def __init__(self, kinds: tuple[str, ...] = KINDS):
        self.kinds = kinds
        self.counts = dict.fromkeys(kinds, 0)

    def inject(self, text: str, src: str | None = None) -> Injection | None:
        order = list(self.kinds)
        random.Random(f"{SEED}|{text}").shuffle(order)
        for kind in sorted(order, key=lambda k: self.counts[k]):  # stable: the shuffle breaks ties
            found = INJECTORS[kind](text, random.Random(f"{SEED}|{kind}|{text}"), src)
            if found is not None and found.text != text:
                self.counts[kind] += 1
                return found
        return None
