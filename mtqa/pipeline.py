"""One run of mtqa over documents: rules, then scores, giving SegmentResults writers can render.

The CLI, the evaluation harness and library users all go through `Pipeline`, so a number printed by
`mtqa eval` is the number `mtqa check` would give.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from mtqa.baseline import Baseline
from mtqa.check import check_segments, check_segments_with_lm
from mtqa.fixes.verify import verify_findings
from mtqa.io.records import signature
from mtqa.lm.base import Scorer
from mtqa.model import Document, Finding, Segment, SegmentResult, Severity
from mtqa.rules.registry import Rule
from mtqa.scoring.fluency import FluencyStage, LMView, combined_score
from mtqa.scoring.mqm import ScoreSettings, penalty, segment_score
from mtqa.scoring.reference import segment_metrics


@dataclass
class Pipeline:
    rules: list[Rule]
    settings: ScoreSettings = field(default_factory=ScoreSettings)
    fail_on: str = "major"
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    baseline: Baseline | None = None  # report only findings not in it
    record_baseline: Baseline | None = None  # add every finding to it
    jobs: int = 1
    lm: Scorer | None = None  # a language model: fluency in the score, MT8xx rules, verified fixes

    @property
    def lm_name(self) -> str:
        return self.lm.name if self.lm is not None else "none"

    @property
    def signature(self) -> str:
        return signature([r.code for r in self.rules], self.fail_on, self.lm_name, self.settings.describe())

    def run(self, document: Document) -> Iterator[SegmentResult]:
        """Results in input order, produced lazily so that records stream with bounded memory."""
        if self.lm is None:
            for segment, findings in check_segments(document.segments, self.rules, document.running_text,
                                                    self.jobs):
                yield self._result(segment, findings, None)
            return
        stage = FluencyStage(self.lm)
        for segment, findings, view in check_segments_with_lm(document.segments, self.rules, stage,
                                                             document.running_text):
            yield self._result(segment, verify_findings(self.lm, segment.text, findings), view)

    def _result(self, segment: Segment, findings: list[Finding], view: LMView | None) -> SegmentResult:
        findings = self._adjust(segment, findings)
        metrics = segment_metrics(segment.text, segment.ref).to_dict() if segment.ref is not None else None
        rule_score = segment_score(segment.text, findings, self.settings)
        fluency = view.score if view is not None else None
        return SegmentResult(segment, findings, combined_score(rule_score, fluency), fluency=fluency,
                             mqm_penalty=round(penalty(findings, self.settings), 2), reference=metrics,
                             tokens=view.word_surprisals() if view is not None else None)

    def _adjust(self, segment: Segment, findings: list[Finding]) -> list[Finding]:
        """Per-rule severities, per-segment suppressions, then the baseline."""
        if self.severity_overrides:
            findings = [replace(f, severity=self.severity_overrides[f.rule]) if f.rule in self.severity_overrides
                        else f for f in findings]
        findings = unsuppressed(segment, findings)
        if self.record_baseline is not None:
            self.record_baseline.record(segment, findings)
        if self.baseline is not None:
            findings = self.baseline.new_findings(segment, findings)
        return findings


def unsuppressed(segment: Segment, findings: list[Finding]) -> list[Finding]:
    """The findings the segment's `mtqa_ignore` does not suppress (check and fix alike)."""
    suppressed = segment.meta.get("mtqa_ignore")
    if suppressed is None or suppressed == "":  # "" is an empty cell, not "ignore everything"
        return findings
    return [f for f in findings if not is_suppressed(f.rule, suppressed)]


def is_suppressed(code: str, selectors: list[str] | str) -> bool:
    """True when a segment's `mtqa_ignore` covers rule `code` ([] or "all" cover every rule)."""
    if isinstance(selectors, str):
        selectors = [s for s in selectors.replace(",", " ").split() if s]
    return not selectors or any(s.upper() == "ALL" or code.startswith(s.upper()) for s in selectors)
