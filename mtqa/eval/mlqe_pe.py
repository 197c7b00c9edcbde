"""MLQE-PE: Pearson correlation of mtqa's segment score with the human DA z-mean, per language pair."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from mtqa.eval.base import Evaluator, Judgement, Table, register
from mtqa.eval.metrics import Rate, pearson


@register
class MlqePeEvaluator(Evaluator):
    dataset = "mlqe_pe"

    def __init__(self) -> None:
        self.scores: defaultdict[str, list[float]] = defaultdict(list)
        self.da: defaultdict[str, list[float]] = defaultdict(list)
        self.flagged: defaultdict[str, Rate] = defaultdict(Rate)

    def add(self, record: Mapping[str, Any], judged: Mapping[str, Judgement]) -> None:
        da = (record.get("scores") or {}).get("da_z_mean")
        if da is None:
            return
        pair = record["lp"]
        self.scores[pair].append(judged["mt"].score)
        self.da[pair].append(da)
        self.flagged[pair].add(bool(judged["mt"].findings))

    def tables(self) -> list[Table]:
        if not self.scores:
            return []
        rows = tuple((pair, len(self.scores[pair]), self.flagged[pair], pearson(self.scores[pair], self.da[pair]))
                     for pair in sorted(self.scores))
        return [Table("MLQE-PE: Pearson r of segment score vs DA z-mean", ("lp", "segments", "with a finding",
                                                                            "Pearson r"), rows,
                      "r is empty where the score is constant over the pair.")]
