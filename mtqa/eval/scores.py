"""Segment scores for `mtqa eval` beyond the rule-derived one: mtqa's own score with a language model
(what `mtqa check` reports), and a language model's mean log-probability alone, as a baseline.

Any `score_fn(list[Segment]) -> list[float]` (higher = better) plugs into `evaluate`.
"""

from __future__ import annotations

from dataclasses import replace

from mtqa.eval.runner import ScoreFn
from mtqa.lm.base import Scorer
from mtqa.model import Document, Segment
from mtqa.pipeline import Pipeline
from mtqa.rules.registry import Rule

MEAN_LOGPROB = "lm-mean-logprob"


def mean_logprob_score_fn(scorer: Scorer) -> ScoreFn:
    """Score = mean ln P per token under `scorer` (higher = more fluent)."""

    def score(segments: list[Segment]) -> list[float]:
        return [-scores.mean_surprisal for scores in scorer.score([s.text for s in segments])]

    return score


PIPELINE = "mtqa-score"


def pipeline_score_fn(scorer: Scorer, rules: list[Rule]) -> ScoreFn:
    """Score = the segment score `mtqa check` gives with this language model: rules scaled by fluency."""
    pipeline = Pipeline(list(rules), lm=scorer)

    def score(segments: list[Segment]) -> list[float]:
        document = Document("<eval>", [replace(s, meta={}) for s in segments], running_text=False)
        return [result.score for result in pipeline.run(document)]

    return score
