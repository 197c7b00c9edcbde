"""Minimal pairs: does a proposed edit make the text more likely? Rules ask this before reporting a fix.

Criterion (length-fair): the gain of a candidate is the difference of SLOR numerators,
    [ln P_LM(candidate) - ln P_unigram(candidate)] - [ln P_LM(original) - ln P_unigram(original)],
in nats, over the whole text. Plain total log-probability favours every deletion (one word fewer is one
cost fewer) and penalises every insertion; subtracting each word's context-free log-probability makes a
deletion gain only when the word was less likely in its context than on its own, and an insertion lose
only what the inserted word fails to earn from its context. Edits that keep the words but change case or
swap a word for one of the same frequency reduce to the plain log-probability difference.
"""

from __future__ import annotations

import math

from mtqa.lm.base import Scorer, TokenScores
from mtqa.lm.fluency import word_scores


def compare(scorer: Scorer, original: str, candidates: list[str]) -> list[float]:
    """Gain (nats) of each candidate over `original`; > 0 means the candidate reads better.

    All texts are scored in one batch; results are in the order of `candidates`.
    """
    if not candidates:
        return []
    scored = scorer.score([original, *candidates])
    base = length_fair_logprob(scored[0])
    return [length_fair_logprob(s) - base for s in scored[1:]]


def length_fair_logprob(scores: TokenScores) -> float:
    """ln P_LM(text) minus the unigram log-probability of its words and punctuation marks."""
    return scores.total_logprob - math.fsum(w.unigram_logprob for w in word_scores(scores))
