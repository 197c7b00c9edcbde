import math

import pytest

from mtqa.eval.metrics import (
    CharacterOverlap,
    Rate,
    auroc,
    average_ranks,
    kendall_tau_b,
    mcc,
    pearson,
    spans_overlap,
)


@pytest.mark.parametrize(("finding", "span", "expected"), [
    ((0, 5), (3, 8), True),  # share characters 3-4
    ((0, 5), (5, 8), False),  # adjacent, no shared character
    ((4, 9), (0, 5), True),
    ((0, 5), (6, 6), False),  # a point outside the finding
    ((0, 5), (5, 5), True),  # a point the finding ends at: touches
    ((5, 9), (5, 5), True),  # a point the finding starts at: touches
    ((2, 8), (4, 4), True),  # a point inside the finding
    ((7, 7), (3, 7), True),  # a zero-width finding at the end of a span
    ((7, 7), (3, 6), False),
    ((4, 4), (4, 4), True),
])
def test_span_overlap_counts_touching_only_for_zero_width_spans(finding, span, expected):
    assert spans_overlap(*finding, *span) is expected
    assert spans_overlap(*span, *finding) is expected


def test_rate_share_and_empty_rate():
    rate = Rate()
    assert rate.share is None
    for hit in (True, False, True, True):
        rate.add(hit)
    assert (rate.hits, rate.total, rate.share) == (3, 4, 0.75)


def test_pearson_against_a_hand_computed_value():
    # cov = 3.5, var_x = 5, var_y = 4.75  ->  r = 3.5 / sqrt(23.75)
    assert pearson([1, 2, 3, 4], [2, 4, 5, 4]) == pytest.approx(3.5 / math.sqrt(23.75))
    assert pearson([1, 2, 3], [6, 4, 2]) == pytest.approx(-1.0)


def test_pearson_is_undefined_for_constant_or_tiny_input():
    assert pearson([100, 100, 100], [0.1, -0.5, 0.7]) is None
    assert pearson([1.0], [2.0]) is None
    with pytest.raises(ValueError):
        pearson([1, 2], [1])


def test_average_ranks_share_ties():
    assert average_ranks([3, 1, 3, 2]) == [3.5, 1.0, 3.5, 2.0]


def test_auroc_against_hand_computed_values():
    # positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs ordered right
    assert auroc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == pytest.approx(0.75)
    # a tie between a positive and a negative counts one half: (0.5 + 1) / 2
    assert auroc([1, 1, 2], [True, False, True]) == pytest.approx(0.75)
    assert auroc([1, 2, 3, 4], [False, False, True, True]) == 1.0
    assert auroc([1, 2, 3, 4], [True, True, False, False]) == 0.0


def test_auroc_is_undefined_with_one_class():
    assert auroc([0.2, 0.4], [False, False]) is None
    assert auroc([0.2, 0.4], [True, True]) is None


def test_kendall_tau_b_is_one_for_the_same_order_and_minus_one_for_the_reverse():
    assert kendall_tau_b([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert kendall_tau_b([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)


def test_kendall_tau_b_corrects_for_ties():
    # x = 1,1,2,3 and y = 1,2,2,3: 6 pairs, 4 concordant, 0 discordant, one tie in each variable.
    assert kendall_tau_b([1, 1, 2, 3], [1, 2, 2, 3]) == pytest.approx(4 / 5)
    assert kendall_tau_b([1, 1, 1], [1, 2, 3]) is None  # a constant variable has no order
    assert kendall_tau_b([1], [2]) is None


def test_mcc_is_one_for_perfect_detection_and_undefined_for_a_constant_guess():
    assert mcc(tp=5, fp=0, fn=0, tn=5) == pytest.approx(1.0)
    assert mcc(tp=0, fp=5, fn=5, tn=0) == pytest.approx(-1.0)
    assert mcc(tp=0, fp=0, fn=5, tn=5) is None


def test_character_overlap_counts_each_character_once():
    counts = CharacterOverlap()
    counts.add([(0, 5), (3, 8)], [(4, 10), (6, 6)])
    assert (counts.predicted, counts.gold, counts.overlap) == (8, 6, 4)
    assert counts.precision_recall_f1() == pytest.approx((0.5, 4 / 6, 2 * 0.5 * (4 / 6) / (0.5 + 4 / 6)))
    assert CharacterOverlap().precision_recall_f1() == (None, None, None)
