"""What no fix may do: delete or rewrite a name, a number, or a content word that is not a duplicate.

A fix may drop a function word or a pronoun, a copy of a word that stays in the text, or a spelling
variant of one; it may move words, change case and punctuation, and put right a misspelt lower-case word.
Anything else would change what the text says, and no rule, safe or unsafe, is sure enough of itself for
that.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import pairwise

from mtqa.model import Fix
from mtqa.nlp import lexicon
from mtqa.nlp.variants import affix_variant, british_american, normalise_variant

_NOT_CONTENT = lexicon.FUNCTION_WORDS | lexicon.AUXILIARIES | lexicon.PERSONAL_PRONOUNS
_WORD_RE = re.compile(r"[^\W_](?:[\w'’.,-]*[^\W_])?")


def _key(word: str) -> str:
    """Words compare without case, hyphens or apostrophes; numbers by their digits ("3,5" = "3.5")."""
    if any(c.isdigit() for c in word):
        return "".join(c for c in word if c.isdigit())
    return normalise_variant(word)


def _respelt(word: str, other: str) -> bool:
    """`other` is `word` with a letter or two changed: the same word, spelt right."""
    return other.islower() and other[:1] == word[:1] and SequenceMatcher(None, word, other).ratio() >= 0.75


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _words(text: str) -> list[str]:
    return [m.group().rstrip(".,") for m in _WORD_RE.finditer(text)]


def lost_words(before: str, after: str) -> list[str]:
    """Names, numbers and content words of `before` that `after` no longer has in any form."""
    words, after_words = _words(before), _words(after)
    kept = Counter(_key(w) for w in after_words)
    remaining_words = set(after_words)
    same_digits = _digits(before) == _digits(after)  # "1 000,5" rewritten as "1,000.5" loses no number
    added = remaining_words - set(words)
    removed = Counter(_key(w) for w in words) - kept
    open_forms = {_key(a + b) for a, b in pairwise(after_words)}
    lost = []
    for position, word in enumerate(words):
        key = _key(word)
        if removed[key] <= 0:
            continue
        removed[key] -= 1
        if key in kept or same_digits and key.isdigit():
            continue  # a copy of it stays (a duplicate went), or the number stays in another format
        neighbours = words[max(0, position - 1):position + 2]
        if any(_key(a + b) in kept for a, b in pairwise(neighbours)):
            continue  # "other wise" went and "otherwise" stays: the open form of a closed compound
        if key in open_forms:
            continue  # "dataset" went and "data set" stays: the closed form of an open compound
        if not any(c.isdigit() for c in word) and word.lower() in _NOT_CONTENT:
            continue  # a function word, an auxiliary or a pronoun ("it" for a person made "he")
        if any(british_american(word, other) or affix_variant(word, other) for other in remaining_words):
            continue  # a variant of it stays
        if "-" in word and _collapsed(word) in {_collapsed(other) for other in added}:
            continue  # "DSC-DMC-DMC-DMC" -> "DSC-DMC": copies of a part went, the part stays
        if word.islower() and any(_respelt(word, other) for other in added):
            continue  # a misspelt lower-case word put right ("hisself" -> "himself"); never a name
        lost.append(word)
    return lost


def _collapsed(word: str) -> str:
    """The hyphenated word with each run of a repeated part written once."""
    parts = word.lower().split("-")
    return "-".join(p for i, p in enumerate(parts) if i == 0 or p != parts[i - 1])


def keeps_content(text: str, fix: Fix) -> bool:
    """True when applying `fix` to `text` loses no name, number or content word.

    The same answer as `lost_words` on the whole text, read where it is cheap: words change only between
    the whitespace around the fix's edits, so when every word that goes there has a copy left in the text
    (or none goes), nothing is lost. Only a fix that takes the last copy of a word is read whole, so a
    long loop with a finding in every copy costs time in proportion to its length, not its square."""
    if not fix.edits:
        return True
    low, high = min(e.start for e in fix.edits), max(e.end for e in fix.edits)
    while low > 0 and not text[low - 1].isspace():  # out to whitespace, which no word runs across
        low -= 1
    while high < len(text) and not text[high].isspace():
        high += 1
    after = fix.apply(text)
    here = after[low: len(after) - (len(text) - high)]
    removed = _key_counts(text[low:high]) - _key_counts(here)
    counts = _whole_text_key_counts(text)
    if all(counts[key] > n for key, n in removed.items()):
        return True
    return not lost_words(text, after)


def _key_counts(text: str) -> Counter[str]:
    return Counter(_key(w) for w in _words(text))


_whole_text_key_counts = lru_cache(maxsize=4)(_key_counts)  # read once for all the fixes of one text

