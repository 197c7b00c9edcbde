"""Context-free (unigram) log-probabilities of English words, the baseline that SLOR subtracts.

A word's frequency says how surprising it is with no context at all; subtracting it from the language
model's log-probability leaves what the context adds, so a rare name is not mistaken for a disfluency.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import word_frequency

# wordfreq's English list ends near 1e-8; a word it does not list (a name, a number, a typo) is taken to be
# as rare as the rarest word it does list.
FREQUENCY_FLOOR = 1e-8
# wordfreq does not count punctuation. About one running token in eight is a punctuation mark in news text,
# most of them "," and "."; e^-4 (0.018) per mark keeps them roughly neutral in SLOR.
PUNCTUATION_LOGPROB = -4.0

# A unit is a word (letters/digits, with inner apostrophes: "don't", "Macron’s") or one punctuation mark.
_UNIT = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s]|_")


@dataclass(frozen=True, slots=True)
class Unit:
    """A word or punctuation mark with its exact span and its unigram log-probability (nats)."""

    start: int
    end: int
    unigram_logprob: float


@lru_cache(maxsize=1 << 16)
def word_logprob(word: str) -> float:
    """ln of the word's English frequency (case-insensitive, as wordfreq counts), floored."""
    return math.log(max(word_frequency(word, "en"), FREQUENCY_FLOOR))


def units(text: str, start: int = 0, end: int | None = None) -> list[Unit]:
    """The words and punctuation marks of `text[start:end]`, with offsets into `text`."""
    found = []
    for match in _UNIT.finditer(text, start, len(text) if end is None else end):
        word = match.group()
        is_word = word[0].isalnum()
        found.append(Unit(match.start(), match.end(), word_logprob(word) if is_word else PUNCTUATION_LOGPROB))
    return found
