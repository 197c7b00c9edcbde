"""Segment scores for `mtqa eval` beyond the rule-derived one: a language model's mean log-probability.

Any `score_fn(list[Segment]) -> list[float]` (higher = better) plugs into `evaluate`; this is the one the
command uses until the LM-aware segment score replaces it.
"""

from __future__ import annotations

from mtqa.eval.runner import ScoreFn
from mtqa.lm.base import Scorer
from mtqa.model import Segment

MEAN_LOGPROB = "lm-mean-logprob"


def mean_logprob_score_fn(scorer: Scorer) -> ScoreFn:
    """Score = mean ln P per token under `scorer` (higher = more fluent)."""

    def score(segments: list[Segment]) -> list[float]:
        return [-scores.mean_surprisal for scores in scorer.score([s.text for s in segments])]

    return score
