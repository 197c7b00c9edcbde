"""The output contract as plain dicts (docs/output.md): findings, segment records, run summaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from mtqa import __version__
from mtqa.model import Finding, Fix, SegmentResult, Severity
from mtqa.scoring.mqm import DocumentMqm
from mtqa.scoring.reference import ReferenceTotals

FORMAT_VERSION = 1


def fix_to_dict(fix: Fix) -> dict[str, Any]:
    out: dict[str, Any] = {
        "applicability": fix.applicability.value,
        "description": fix.description,
        "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in fix.edits],
    }
    if fix.gain is not None:
        out["gain"] = round(fix.gain, 3)
    return out


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "name": finding.name,
        "category": finding.category,
        "severity": finding.severity.value,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "message": finding.message,
        "fixes": [fix_to_dict(f) for f in finding.fixes],
    }


def segment_record(result: SegmentResult) -> dict[str, Any]:
    segment = result.segment
    record: dict[str, Any] = {"id": segment.id, "text": segment.text, "score": result.score}
    if result.fluency is not None:
        record["fluency"] = result.fluency
    if result.mqm_penalty is not None:
        record["mqm_penalty"] = result.mqm_penalty
    if result.reference is not None:
        record["reference"] = result.reference
    record["findings"] = [finding_to_dict(f) for f in result.findings]
    if result.tokens is not None:
        record["tokens"] = [{"start": start, "end": end, "surprisal": surprisal}
                            for start, end, surprisal in result.tokens]
    for name, value in (("src", segment.src), ("ref", segment.ref)):
        if value is not None:
            record[name] = value
    for key, value in segment.meta.items():
        record.setdefault(key, value)
    return record


class Summary:
    """Running totals over every segment a run has seen."""

    def __init__(self) -> None:
        self.documents = 0
        self.segments = 0
        self.score_total = 0.0
        self.fluency_total = 0.0
        self.fluency_segments = 0
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
            "mqm": self.mqm.to_dict(),
        }
        reference = self.references.to_dict()
        if reference is not None:
            summary["reference"] = reference
        return summary


def document_mqm(results: Iterable[SegmentResult]) -> dict[str, Any]:
    """A document's MQM figures (penalty, words, penalty per 1,000 words, 0-100 score) for its record."""
    totals = DocumentMqm()
    for result in results:
        totals.add(result)
    return totals.to_dict()


def signature(rule_codes: Iterable[str], fail_on: str, lm: str, weights: str) -> str:
    """A sacrebleu-style string that pins down what produced the numbers."""
    codes = sorted(rule_codes)
    return f"mtqa:{__version__}|format:{FORMAT_VERSION}|rules:{len(codes)}:{_digest(codes)}|lm:{lm}" \
           f"|weights:{weights}|fail-on:{fail_on}"


def _digest(codes: list[str]) -> str:
    import hashlib

    return hashlib.sha256(",".join(codes).encode()).hexdigest()[:8]
