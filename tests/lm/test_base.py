"""TokenScores arithmetic, without a model."""

from __future__ import annotations

import math

import pytest

from mtqa.lm.base import ScoredToken, TokenScores

TEXT = "He said no."
SCORES = TokenScores.from_tokens(
    TEXT, [ScoredToken(0, 2, -3.0), ScoredToken(3, 7, -2.0), ScoredToken(8, 10, -1.5), ScoredToken(10, 11, -0.5)]
)


def test_total_and_mean_surprisal() -> None:
    assert SCORES.total_logprob == pytest.approx(-7.0)
    assert SCORES.mean_surprisal == pytest.approx(7.0 / 4)
    assert SCORES.tokens[0].surprisal == 3.0


def test_span_logprob_sums_overlapping_tokens() -> None:
    assert SCORES.span_logprob(3, 7) == pytest.approx(-2.0)  # "said"
    assert SCORES.span_logprob(5, 9) == pytest.approx(-3.5)  # "id n" touches "said" and "no"
    assert SCORES.span_logprob(2, 3) == 0.0  # the space between tokens
    assert SCORES.span_logprob(4, 4) == pytest.approx(-2.0)  # a zero-width span inside "said"


def test_columns_and_tokens_agree() -> None:
    assert SCORES.starts == (0, 3, 8, 10)
    assert SCORES.tokens[1] == ScoredToken(3, 7, -2.0)
    assert TokenScores.from_tokens(TEXT, SCORES.tokens) == SCORES


def test_empty_text() -> None:
    empty = TokenScores("", (), (), ())
    assert len(empty) == 0
    assert empty.total_logprob == 0.0
    assert empty.mean_surprisal == 0.0
    assert math.isfinite(empty.mean_surprisal)
