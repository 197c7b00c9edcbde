"""Hallucination sets: AUROC of a low segment score as a detector of each labelled pathology.

Guerreiro et al. de-en labels seven pathologies; Xu et al. de-en one, detached hallucinations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any, ClassVar

from mtqa.eval.base import Evaluator, Judgement, Table, register
from mtqa.eval.metrics import auroc


@register
class GuerreiroEvaluator(Evaluator):
    dataset = "halluc_guerreiro_deen"
    title: ClassVar[str] = "Guerreiro de-en"

    def __init__(self) -> None:
        self.negated_scores: list[float] = []  # lower score = more likely a pathology, so rank on -score
        self.labels: defaultdict[str, list[bool]] = defaultdict(list)

    def add(self, record: Mapping[str, Any], judged: Mapping[str, Judgement]) -> None:
        labels = record.get("labels") or {}
        if self.labels and set(labels) != set(self.labels):
            raise ValueError(f"{record['id']}: labels {sorted(labels)} differ from the earlier records'")
        self.negated_scores.append(-judged["mt"].score)
        for name, value in labels.items():
            self.labels[name].append(bool(value))

    def tables(self) -> list[Table]:
        if not self.negated_scores:
            return []
        rows = tuple((name, sum(values), len(values), auroc(self.negated_scores, values))
                     for name, values in self.labels.items())
        return [Table(f"{self.title}: AUROC of a low score per pathology label",
                      ("label", "positives", "records", "AUROC"), rows,
                      "0.5 = chance; ties between scores count one half.")]


@register
class XuEvaluator(GuerreiroEvaluator):
    dataset = "halluc_xu_deen"
    title = "Xu de-en"
