"""WMT22 critical error detection, pt-en: the source-aware rules (MT7xx) as a detector, measured by MCC.

The records are checked with their source and without the reference (quality estimation, as the
task asks): rules never read `ref`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from mtqa.eval.base import Evaluator, Judgement, Table, register, source_aware
from mtqa.eval.metrics import mcc
from mtqa.model import Severity

PREDICTORS = (("MT7xx major or critical", Severity.MAJOR), ("MT7xx any severity", Severity.MINOR))


@register
class CriticalErrorEvaluator(Evaluator):
    dataset = "wmt22_ced_pten"

    def __init__(self) -> None:
        self.outcomes: Counter[tuple[str, bool, bool]] = Counter()  # (predictor, predicted, gold)

    def add(self, record: Mapping[str, Any], judged: Mapping[str, Judgement]) -> None:
        gold = bool(record["labels"]["critical_error"])
        for name, minimum in PREDICTORS:
            self.outcomes[(name, bool(source_aware(judged["mt"].findings, minimum)), gold)] += 1

    def tables(self) -> list[Table]:
        if not self.outcomes:
            return []
        rows = []
        for name, _ in PREDICTORS:
            tp, fp = self.outcomes[(name, True, True)], self.outcomes[(name, True, False)]
            fn, tn = self.outcomes[(name, False, True)], self.outcomes[(name, False, False)]
            rows.append((name, tp, fp, fn, tn, tp / (tp + fp) if tp + fp else None,
                         tp / (tp + fn) if tp + fn else None, mcc(tp, fp, fn, tn)))
        return [Table("WMT22 critical errors pt-en: the source-aware rules as a detector",
                      ("predictor", "TP", "FP", "FN", "TN", "precision", "recall", "MCC"), tuple(rows),
                      "Checked with the source, without the reference; a segment is predicted critical when "
                      "it has a source-aware finding of that severity.")]
