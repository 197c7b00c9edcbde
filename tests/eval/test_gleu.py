"""GLEU against values worked out by hand from the definition in JFLEG's official eval/gleu.py."""

import math

import pytest

from mtqa.eval.gleu import corpus_gleu, gleu_from_stats, gleu_stats, reference_draws, sentence_gleu

SOURCE = ["the", "cat", "sat", "on", "mat"]
REFERENCE = ["the", "cat", "sat", "on", "the", "mat"]


def test_stats_reward_reference_ngrams_and_penalise_source_ngrams_the_reference_lacks():
    # n=1: all 5 unigrams are in the reference, none is source-only        -> 5 of 5
    # n=2: 3 bigrams in the reference; "on mat" is source-only: 3 - 1     -> 2 of 4
    # n=3: "the cat sat", "cat sat on" in it; "sat on mat" source-only      -> 1 of 3
    # n=4: "the cat sat on" in it; "cat sat on mat" source-only: 1 - 1     -> 0 of 2
    assert gleu_stats(SOURCE, SOURCE, REFERENCE) == (5, 6, 5, 5, 2, 4, 1, 3, 0, 2)
    assert gleu_stats(REFERENCE, SOURCE, REFERENCE) == (6, 6, 6, 6, 5, 5, 4, 4, 3, 3)


def test_a_zero_count_gives_zero_unless_smoothed():
    stats = (5, 6, 5, 5, 2, 4, 1, 3, 0, 2)
    assert gleu_from_stats(stats) == 0.0
    # smoothed: the 0 becomes 1; BP = exp(1 - 6/5); precisions 1, 1/2, 1/3, 1/2
    assert gleu_from_stats(stats, smooth=True) == pytest.approx(math.exp(-0.2) * (1 / 12) ** 0.25)
    assert gleu_from_stats(gleu_stats(REFERENCE, SOURCE, REFERENCE)) == pytest.approx(1.0)


def test_a_longer_hypothesis_than_the_reference_has_no_brevity_penalty():
    hypothesis = ["the", "cat", "sat", "on", "the", "mat", "today"]
    stats = gleu_stats(hypothesis, SOURCE, REFERENCE)
    assert stats[:2] == (7, 6)
    assert gleu_from_stats(stats) == pytest.approx((6 / 7 * 5 / 6 * 4 / 5 * 3 / 4) ** 0.25)


def test_sentence_gleu_is_the_mean_over_references():
    other = ["a", "cat", "sat", "on", "the", "mat"]
    expected = (gleu_from_stats(gleu_stats(SOURCE, SOURCE, REFERENCE), smooth=True)
                + gleu_from_stats(gleu_stats(SOURCE, SOURCE, other), smooth=True)) / 2
    assert sentence_gleu(SOURCE, SOURCE, [REFERENCE, other]) == pytest.approx(expected)


def test_corpus_gleu_sums_counts_before_the_formula():
    second = ["it", "rains", "today", "."]
    stats = [[gleu_stats(SOURCE, SOURCE, REFERENCE)], [gleu_stats(second, second, second)]]
    # summed: (9, 10, 9, 9, 5, 7, 3, 5, 1, 3): BP exp(1 - 10/9), precisions 1, 5/7, 3/5, 1/3
    result = corpus_gleu(stats, reference_draws([1, 1], iterations=3))
    assert result.mean == pytest.approx(math.exp(-1 / 9) * (1 / 7) ** 0.25)
    assert result.std == pytest.approx(0.0) and result.iterations == 3


def test_reference_draws_are_reproducible_and_in_range():
    draws = reference_draws([4, 1, 2], iterations=50)
    assert draws == reference_draws([4, 1, 2], iterations=50)
    assert all(d[0] in range(4) and d[1] == 0 and d[2] in range(2) for d in draws)
    assert len({tuple(d) for d in draws}) > 1


def test_corpus_gleu_averages_over_the_draws():
    other = ["a", "cat", "sat", "on", "the", "mat"]
    stats = [[gleu_stats(REFERENCE, SOURCE, REFERENCE), gleu_stats(REFERENCE, SOURCE, other)]]
    draws = [[0], [1], [1], [0]]
    expected = (gleu_from_stats(stats[0][0]) + gleu_from_stats(stats[0][1])) / 2
    assert corpus_gleu(stats, draws).mean == pytest.approx(expected)
    assert corpus_gleu(stats, draws).std == pytest.approx(abs(gleu_from_stats(stats[0][0]) - expected))
