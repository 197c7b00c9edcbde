"""Figures for the source-aware rules (MT7xx) and MQM scoring on the dev sets; `python -m mtqa.eval.source_eval`.

- MQM sets: character-level precision/recall/F1 of mtqa's spans against the human MQM spans (all categories,
  and fluency alone), and segment-level Kendall tau-b of mtqa's score against the human MQM penalty.
- wmt22_ced_pten: critical-error detection (MCC) by the source-aware rules, source-only (no reference).
- DEMETR: share of number and named-entity perturbations caught with the source given; false alarms on the
  clean records and on human references checked as if they were MT.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mtqa.eval.data import default_data_dir, iter_records
from mtqa.model import Document, Segment, SegmentResult, Severity
from mtqa.pipeline import Pipeline
from mtqa.rules import select_rules

SOURCE_FAMILY = "MT7"
CAUGHT_PERTURBATIONS = ("critical_id10_numbers_replaced", "critical_id9_ne_replaced", "critical_id25_ne_removed")
CLEAN = "none"


def check(records: Iterable[Mapping[str, Any]], text_field: str = "mt", with_src: bool = True,
          pipeline: Pipeline | None = None) -> list[SegmentResult]:
    """Run mtqa over one field of each record, as independent segments, with or without the source."""
    pipeline = pipeline or Pipeline(select_rules())
    segments = [Segment(id=str(r["id"]), text=r[text_field], src=r.get("src") if with_src else None)
                for r in records]
    return list(pipeline.run(Document("<eval>", segments, running_text=False)))


def source_alarms(result: SegmentResult, minimum: Severity = Severity.MAJOR) -> list[str]:
    """Codes of the MT7xx findings at or above `minimum`."""
    return [f.rule for f in result.findings if f.rule.startswith(SOURCE_FAMILY) and f.severity.rank >= minimum.rank]


@dataclass(slots=True)
class SpanCounts:
    """Characters flagged by mtqa and by the raters, and their overlap, summed over segments."""

    predicted: int = 0
    gold: int = 0
    overlap: int = 0

    def add(self, predicted: set[int], gold: set[int]) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.overlap += len(predicted & gold)

    def prf(self) -> tuple[float, float, float]:
        precision = self.overlap / self.predicted if self.predicted else 0.0
        recall = self.overlap / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def characters(spans: Iterable[tuple[int, int]]) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def kendall_tau_b(xs: list[float], ys: list[float]) -> float | None:
    """Kendall's tau-b (ties in either variable corrected), O(n^2) with numpy; None when undefined."""
    x, y = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    if len(x) < 2:
        return None
    concordance, ties_x, ties_y, pairs = 0.0, 0, 0, 0
    for i in range(len(x) - 1):
        dx, dy = np.sign(x[i + 1:] - x[i]), np.sign(y[i + 1:] - y[i])
        concordance += float(np.sum(dx * dy))
        ties_x += int(np.sum(dx == 0))
        ties_y += int(np.sum(dy == 0))
        pairs += len(dx)
    denominator = math.sqrt((pairs - ties_x) * (pairs - ties_y))
    return concordance / denominator if denominator else None


def mqm_figures(path: Path, penalty_field: str) -> list[str]:
    records = [r for _, r in iter_records(path)]
    results = check(records)
    all_spans, fluency_spans = SpanCounts(), SpanCounts()
    scores, own_penalties, penalties = [], [], []
    for record, result in zip(records, results, strict=True):
        gold = [s for s in record["spans"] if s["side"] == "mt"]
        all_spans.add(characters((f.start, f.end) for f in result.findings),
                      characters((s["start"], s["end"]) for s in gold))
        fluency_spans.add(characters((f.start, f.end) for f in result.findings if f.category.startswith("fluency")),
                          characters((s["start"], s["end"]) for s in gold if s["category"].startswith("Fluency")))
        scores.append(result.score)
        own_penalties.append(-(result.mqm_penalty or 0.0))
        penalties.append(-record["scores"][penalty_field])
    tau, tau_penalty = kendall_tau_b(scores, penalties), kendall_tau_b(own_penalties, penalties)
    lines = [f"### {path.parent.name} ({len(records)} segments)", "",
             "| spans | precision | recall | F1 | mtqa chars | human chars |", "|---|---|---|---|---|---|"]
    for name, counts in (("all categories", all_spans), ("fluency only", fluency_spans)):
        p, r, f = counts.prf()
        lines.append(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {counts.predicted} | {counts.gold} |")
    lines += ["", (f"Kendall tau-b against the human MQM penalty: mtqa's 0-100 score {_number(tau)}, "
              f"mtqa's own MQM penalty {_number(tau_penalty)}; segments without any mtqa finding: "
              f"{sum(p == 0 for p in own_penalties)} of {len(records)}"), ""]
    return lines


def _number(value: float | None) -> str:
    return "undefined" if value is None else f"{value:.3f}"


def mcc(tp: int, fp: int, fn: int, tn: int) -> float:
    denominator = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return (tp * tn - fp * fn) / denominator if denominator else 0.0


def ced_figures(path: Path) -> list[str]:
    records = [r for _, r in iter_records(path)]
    results = check(records)
    lines = [f"### {path.parent.name} ({len(records)} segments, source only)", "",
             "| predictor | TP | FP | FN | TN | precision | recall | MCC |", "|---|---|---|---|---|---|---|---|"]
    for name, minimum in (("MT7xx major+", Severity.MAJOR), ("MT7xx any severity", Severity.MINOR)):
        tp = fp = fn = tn = 0
        for record, result in zip(records, results, strict=True):
            predicted, gold = bool(source_alarms(result, minimum)), bool(record["labels"]["critical_error"])
            tp, fp, fn, tn = tp + (predicted and gold), fp + (predicted and not gold), \
                fn + (gold and not predicted), tn + (not predicted and not gold)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        lines.append(f"| {name} | {tp} | {fp} | {fn} | {tn} | {precision:.3f} | {recall:.3f} "
                     f"| {mcc(tp, fp, fn, tn):.3f} |")
    return [*lines, ""]


def demetr_figures(path: Path) -> list[str]:
    records = [r for _, r in iter_records(path)]
    wanted = [r for r in records if r["perturbation"]["name"] in (*CAUGHT_PERTURBATIONS, CLEAN)]
    results = check(wanted)
    lines = [f"### {path.parent.name} (source given)", "",
             "| records | n | MT7xx major+ | share |", "|---|---|---|---|"]
    for name in (*CAUGHT_PERTURBATIONS, CLEAN):
        flagged = [bool(source_alarms(res)) for rec, res in zip(wanted, results, strict=True)
                   if rec["perturbation"]["name"] == name]
        label = "clean (false alarms)" if name == CLEAN else name
        lines.append(f"| {label} | {len(flagged)} | {sum(flagged)} | {sum(flagged) / max(len(flagged), 1):.3f} |")
    return [*lines, ""]


def reference_false_alarms(data_dir: Path) -> list[str]:
    """Human translations (`ref`, or the clean MT) checked against their source: every MT7xx finding is a false alarm."""
    lines = ["### False alarms on human translations checked as MT (source given)", "",
             "| texts | n | MT7xx major+ | share | any MT7xx | share |", "|---|---|---|---|---|---|"]
    sets = (("demetr", "ref"), ("demetr", "mt_clean"), ("mqm_ted21_zhen", "ref"), ("wmt22_ced_pten", "ref"))
    for dataset, field in sets:
        seen: dict[str, dict[str, Any]] = {}
        for _, record in iter_records(data_dir / dataset / f"{dataset}.dev.jsonl"):
            if record.get(field) and record.get("src"):
                seen.setdefault(record[field], {"id": record["id"], "src": record["src"], field: record[field]})
        unique = list(seen.values())
        results = check(unique, text_field=field)
        major = sum(bool(source_alarms(r)) for r in results)
        anything = sum(bool(source_alarms(r, Severity.MINOR)) for r in results)
        n = max(len(unique), 1)
        lines.append(f"| {dataset} `{field}` | {len(unique)} | {major} | {major / n:.3f} | {anything} "
                     f"| {anything / n:.3f} |")
    return [*lines, ""]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    args = parser.parse_args(argv)
    data = args.data_dir
    lines = [*mqm_figures(data / "mqm_wmt23_zhen" / "mqm_wmt23_zhen.dev.jsonl", "mqm_penalty_mean"),
             *mqm_figures(data / "mqm_ted21_zhen" / "mqm_ted21_zhen.dev.jsonl", "mqm_penalty"),
             *ced_figures(data / "wmt22_ced_pten" / "wmt22_ced_pten.dev.jsonl"),
             *demetr_figures(data / "demetr" / "demetr.dev.jsonl"),
             *reference_false_alarms(data)]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
