"""The statistics behind `python -m mtqa.eval.source_eval`: Kendall tau-b, MCC and character overlap."""

from __future__ import annotations

import pytest

from mtqa.eval.source_eval import SpanCounts, characters, kendall_tau_b, mcc


def test_kendall_tau_b_is_one_for_the_same_order_and_minus_one_for_the_reverse() -> None:
    assert kendall_tau_b([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert kendall_tau_b([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)


def test_kendall_tau_b_corrects_for_ties() -> None:
    # x = 1,1,2,3 and y = 1,2,2,3: 6 pairs, 4 concordant, 0 discordant, one tie in each variable.
    assert kendall_tau_b([1, 1, 2, 3], [1, 2, 2, 3]) == pytest.approx(4 / 5)
    assert kendall_tau_b([1, 1, 1], [1, 2, 3]) is None  # a constant variable has no order


def test_mcc_is_one_for_perfect_detection_and_zero_for_a_constant_guess() -> None:
    assert mcc(tp=5, fp=0, fn=0, tn=5) == pytest.approx(1.0)
    assert mcc(tp=0, fp=0, fn=5, tn=5) == 0.0


def test_character_overlap_counts_each_character_once() -> None:
    counts = SpanCounts()
    counts.add(characters([(0, 5), (3, 8)]), characters([(4, 10), (6, 6)]))
    assert (counts.predicted, counts.gold, counts.overlap) == (8, 6, 4)
    assert counts.prf() == pytest.approx((0.5, 4 / 6, 2 * 0.5 * (4 / 6) / (0.5 + 4 / 6)))
