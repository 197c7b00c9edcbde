"""Google MQM sets (zh-en): mtqa's spans against the raters' error spans, and its score against their MQM penalty.

Spans are compared character by character, micro-averaged: every character of every segment counts
once, a character being the raters' when any rater's MT-side span covers it. "Fluency only" sets
the raters' `Fluency/...` spans against mtqa's `fluency/...` findings. Kendall tau-b ranks segments
by mtqa's score (the rules' 0-100 score, or the language model's with --lm) and by mtqa's own MQM
penalty against the raters' penalty.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from mtqa.eval.base import Evaluator, Judgement, Table, register
from mtqa.eval.metrics import CharacterOverlap, Rate, kendall_tau_b
from mtqa.scoring.mqm import penalty

# The human MQM penalty (higher = worse) of each set, by the field of `scores` that holds it.
PENALTY_FIELDS = {"mqm_wmt23_zhen": "mqm_penalty_mean", "mqm_ted21_zhen": "mqm_penalty"}


@register
class MqmEvaluator(Evaluator):
    dataset = "mqm"

    def __init__(self) -> None:
        self.spans: defaultdict[tuple[str, str], CharacterOverlap] = defaultdict(CharacterOverlap)
        self.scores: defaultdict[str, list[float]] = defaultdict(list)
        self.own_penalties: defaultdict[str, list[float]] = defaultdict(list)
        self.human_penalties: defaultdict[str, list[float]] = defaultdict(list)
        self.flagged: defaultdict[str, Rate] = defaultdict(Rate)

    def accepts(self, dataset: str) -> bool:
        return dataset in PENALTY_FIELDS

    def add(self, record: Mapping[str, Any], judged: Mapping[str, Judgement]) -> None:
        dataset = record["id"].split("/", 1)[0]
        mt = judged["mt"]
        human = [s for s in record["spans"] if s["side"] == "mt"]
        self.spans[(dataset, "all categories")].add(((f.start, f.end) for f in mt.findings),
                                                    ((s["start"], s["end"]) for s in human))
        self.spans[(dataset, "fluency only")].add(
            ((f.start, f.end) for f in mt.findings if f.category.startswith("fluency")),
            ((s["start"], s["end"]) for s in human if s["category"].startswith("Fluency")))
        self.scores[dataset].append(mt.score)
        self.own_penalties[dataset].append(penalty(mt.findings))
        self.human_penalties[dataset].append(record["scores"][PENALTY_FIELDS[dataset]])
        self.flagged[dataset].add(bool(mt.findings))

    def tables(self) -> list[Table]:
        if not self.scores:
            return []
        span_rows = tuple((dataset, kind, *counts.precision_recall_f1(), counts.predicted, counts.gold)
                          for (dataset, kind), counts in sorted(self.spans.items()))
        tau_rows = []
        for dataset in sorted(self.scores):
            negated_human = [-p for p in self.human_penalties[dataset]]
            tau_rows.append((dataset, len(self.scores[dataset]), self.flagged[dataset],
                             kendall_tau_b(self.scores[dataset], negated_human),
                             kendall_tau_b([-p for p in self.own_penalties[dataset]], negated_human)))
        return [
            Table("MQM zh-en: mtqa's spans against the raters' error spans",
                  ("set", "spans", "precision", "recall", "F1", "mtqa chars", "rater chars"), span_rows,
                  "Character level, micro-averaged; a character is the raters' when any rater's MT-side span "
                  "covers it. Precision, recall or F1 is empty where nothing was flagged on that side."),
            Table("MQM zh-en: Kendall tau-b against the raters' MQM penalty",
                  ("set", "segments", "with a finding", "tau-b of the score", "tau-b of mtqa's MQM penalty"),
                  tuple(tau_rows),
                  "Higher score, lower penalty = better on both sides; empty where a ranking is constant."),
        ]
