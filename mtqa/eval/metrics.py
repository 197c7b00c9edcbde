"""The numbers `mtqa eval` reports, in plain Python: span overlap, rates, correlations, AUROC and MCC.

No numpy or scipy: the sets are small, and every formula here is short enough to check by hand.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def spans_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """True when two character spans share a character, or touch where one of them is zero-width.

    A zero-width span marks a point ("a word is missing here"), so a span that merely reaches that
    point (ends at it or starts at it) counts as overlapping it.
    """
    if a_start == a_end or b_start == b_end:
        return a_start <= b_end and b_start <= a_end
    return a_start < b_end and b_start < a_end


@dataclass(slots=True)
class Rate:
    """hits out of total; `share` is None while nothing was counted."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.total += 1
        self.hits += int(hit)

    @property
    def share(self) -> float | None:
        return self.hits / self.total if self.total else None


@dataclass(slots=True)
class CharacterOverlap:
    """Characters flagged by mtqa and by the raters, and the characters both flagged, summed over segments."""

    predicted: int = 0
    gold: int = 0
    overlap: int = 0

    def add(self, predicted: Iterable[tuple[int, int]], gold: Iterable[tuple[int, int]]) -> None:
        """One segment's spans (start, end); overlapping spans count each character once."""
        predicted_chars, gold_chars = _characters(predicted), _characters(gold)
        self.predicted += len(predicted_chars)
        self.gold += len(gold_chars)
        self.overlap += len(predicted_chars & gold_chars)

    def precision_recall_f1(self) -> tuple[float | None, float | None, float | None]:
        """None where nothing was flagged on that side."""
        precision = self.overlap / self.predicted if self.predicted else None
        recall = self.overlap / self.gold if self.gold else None
        if precision is None or recall is None:
            return precision, recall, None
        return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _characters(spans: Iterable[tuple[int, int]]) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r; None when it is undefined (fewer than two pairs, or a constant variable)."""
    if len(xs) != len(ys):
        raise ValueError(f"pearson: {len(xs)} x values but {len(ys)} y values")
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = math.fsum(xs) / n, math.fsum(ys) / n
    cov = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    var_x = math.fsum((x - mean_x) ** 2 for x in xs)
    var_y = math.fsum((y - mean_y) ** 2 for y in ys)
    if var_x == 0 or var_y == 0:
        return None
    return cov / math.sqrt(var_x * var_y)


def average_ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; tied values share the mean of the ranks they span."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def auroc(scores: Sequence[float], labels: Sequence[bool]) -> float | None:
    """Area under the ROC curve for "higher score means positive", by the Mann-Whitney rank formula.

    AUROC = (R+ - n+(n+ + 1)/2) / (n+ n-), R+ the sum of the positives' ranks; ties count one half.
    None when either class is empty.
    """
    if len(scores) != len(labels):
        raise ValueError(f"auroc: {len(scores)} scores but {len(labels)} labels")
    positives = sum(1 for label in labels if label)
    negatives = len(labels) - positives
    if positives == 0 or negatives == 0:
        return None
    rank_sum = math.fsum(r for r, label in zip(average_ranks(scores), labels, strict=True) if label)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def kendall_tau_b(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Kendall's tau-b (corrected for ties in either variable); None when undefined (a constant variable).

    tau-b = (C - D) / sqrt((P - Tx) (P - Ty)): C, D the concordant and discordant pairs, P all pairs,
    Tx, Ty the pairs tied in x or in y. O(n^2), fine for a few thousand segments.
    """
    if len(xs) != len(ys):
        raise ValueError(f"kendall_tau_b: {len(xs)} x values but {len(ys)} y values")
    n = len(xs)
    balance = ties_x = ties_y = 0
    for i in range(n - 1):
        x, y = xs[i], ys[i]
        for other_x, other_y in zip(xs[i + 1:], ys[i + 1:], strict=True):
            dx, dy = (other_x > x) - (other_x < x), (other_y > y) - (other_y < y)
            balance += dx * dy
            ties_x += dx == 0
            ties_y += dy == 0
    pairs = n * (n - 1) // 2
    denominator = math.sqrt((pairs - ties_x) * (pairs - ties_y))
    return balance / denominator if denominator else None


def mcc(tp: int, fp: int, fn: int, tn: int) -> float | None:
    """Matthews correlation coefficient of a binary detector; None when a row or column of the table is empty."""
    denominator = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / denominator if denominator else None
