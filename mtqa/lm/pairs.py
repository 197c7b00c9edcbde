"""Minimal pairs: does a proposed edit make the text more likely? Rules ask this before reporting a fix.

Criterion (length-fair): the gain of a candidate is the difference of SLOR numerators,
    [ln P_LM(candidate) - ln P_unigram(candidate)] - [ln P_LM(original) - ln P_unigram(original)],
in nats, over the whole text. Plain total log-probability favours every deletion (one word fewer is one
cost fewer) and penalises every insertion; subtracting each word's context-free log-probability makes a
deletion gain only when the word was less likely in its context than on its own, and an insertion lose
only what the inserted word fails to earn from its context. Edits that keep the words but change case or
swap a word for one of the same frequency reduce to the plain log-probability difference.

A copy is not content: deleting one copy of a content word that stays in the text ("strong, strong" ->
"strong") is not charged the word's unigram cost, since what the word says stays. Without that, a
repeated word, which the model finds very likely the second time, would read better kept.
"""

from __future__ import annotations

import math

from mtqa.lm.base import Scorer, TokenScores
from mtqa.lm.fluency import WordScore, word_scores
from mtqa.nlp import lexicon


def compare(scorer: Scorer, original: str, candidates: list[str]) -> list[float]:
    """Gain (nats) of each candidate over `original`; > 0 means the candidate reads better.

    All texts are scored in one batch; results are in the order of `candidates`.
    """
    return compare_many(scorer, [(original, candidates)])[0]


def compare_many(scorer: Scorer, pairs: list[tuple[str, list[str]]], horizon: int | None = None
                 ) -> list[list[float]]:
    """`compare` for several originals at once, every text scored in one call (one set of batches for a
    whole batch of segments instead of a forward pass per segment). `horizon`: an estimate will do, read up
    to that many tokens past each edit (`Scorer.score_variants`)."""
    asked = [(original, candidates) for original, candidates in pairs if candidates]
    scored = iter(scorer.score_variants(asked, horizon) if asked else [])
    gains = []
    for _, candidates in pairs:
        if not candidates:
            gains.append([])
            continue
        first, variants = next(scored)
        first_words = word_scores(first)
        base, content = _length_fair(first, first_words), _content_words(first, first_words)
        gains.append([_length_fair(s, words) - base + _copies_dropped(content, _content_words(s, words))
                      for s, words in ((s, word_scores(s)) for s in variants)])
    return gains


def length_fair_logprob(scores: TokenScores) -> float:
    """ln P_LM(text) minus the unigram log-probability of its words and punctuation marks."""
    return _length_fair(scores, word_scores(scores))


def _length_fair(scores: TokenScores, words: list[WordScore]) -> float:
    return scores.total_logprob - math.fsum(w.unigram_logprob for w in words)


def _content_words(scores: TokenScores, words: list[WordScore]) -> dict[str, list[float]]:
    """The text's content words (lower-cased, not function words) with the unigram log-probability of each copy."""
    found: dict[str, list[float]] = {}
    for word in words:
        surface = scores.text[word.start:word.end].lower()
        if surface.isalpha() and surface not in lexicon.FUNCTION_WORDS:
            found.setdefault(surface, []).append(word.unigram_logprob)
    return found


def _copies_dropped(before: dict[str, list[float]], after: dict[str, list[float]]) -> float:
    """Nats given back for the copies of content words deleted while one copy at least stays."""
    credit = 0.0
    for word, copies in before.items():
        left = len(after.get(word, ()))
        if 1 <= left < len(copies):
            credit -= math.fsum(copies[left:])
    return credit

