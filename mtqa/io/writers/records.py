"""The output contract as plain dicts (docs/output.md): findings, fixes, segment records, document MQM."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mtqa.model import Finding, Fix, SegmentResult
from mtqa.scoring.mqm import DocumentMqm


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
    if result.quality is not None:
        record["quality"] = result.quality
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


def document_mqm(results: Iterable[SegmentResult]) -> dict[str, Any]:
    """A document's MQM figures (penalty, words, penalty per 1,000 words, 0-100 score) for its record."""
    totals = DocumentMqm()
    for result in results:
        totals.add(result)
    return totals.to_dict()
