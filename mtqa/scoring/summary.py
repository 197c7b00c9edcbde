"""Running totals over every segment a run has seen: counts, mean score and fluency, MQM, reference metrics."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from mtqa.model import SegmentResult, Severity
from mtqa.scoring.mqm import DocumentMqm
from mtqa.scoring.reference import ReferenceTotals


class Summary:
    """Running totals over every segment a run has seen."""

    def __init__(self) -> None:
        self.documents = 0
        self.segments = 0
        self.score_total = 0.0
        self.fluency_total = 0.0
        self.fluency_segments = 0
        self.quality_total = 0.0
        self.quality_segments = 0
        self.by_severity: Counter[str] = Counter()
        self.by_rule: Counter[str] = Counter()
        self.mqm = DocumentMqm()
        self.references = ReferenceTotals()

    def tally(self, results: Iterable[SegmentResult]) -> Iterator[SegmentResult]:
        """Pass `results` through, counting each as it goes by (results stream to writers)."""
        for result in results:
            self.segments += 1
            self.score_total += result.score
            if result.fluency is not None:
                self.fluency_total += result.fluency
                self.fluency_segments += 1
            if result.quality is not None:
                self.quality_total += result.quality
                self.quality_segments += 1
            self.mqm.add(result)
            if result.segment.ref is not None:
                self.references.add(result.segment.text, result.segment.ref)
            for finding in result.findings:
                self.by_severity[finding.severity.value] += 1
                self.by_rule[finding.rule] += 1
            yield result

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    @property
    def mean_score(self) -> float | None:
        return round(self.score_total / self.segments, 1) if self.segments else None

    def to_dict(self) -> dict[str, Any]:
        summary = {
            "documents": self.documents,
            "segments": self.segments,
            "findings": self.findings,
            "by_severity": {s.value: self.by_severity.get(s.value, 0) for s in Severity},
            "by_rule": dict(sorted(self.by_rule.items())),
            "mean_score": self.mean_score,
            "mean_fluency": round(self.fluency_total / self.fluency_segments, 1) if self.fluency_segments else None,
            "mean_quality": round(self.quality_total / self.quality_segments, 1) if self.quality_segments else None,
            "mqm": self.mqm.to_dict(),
        }
        reference = self.references.to_dict()
        if reference is not None:
            summary["reference"] = reference
        return summary
