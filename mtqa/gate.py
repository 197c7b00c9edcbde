"""Decide whether a CI run fails, from the results as they stream by, and say why it failed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mtqa.model import SegmentResult, Severity
from mtqa.rules.registry import select_rules

if TYPE_CHECKING:
    from mtqa.config import Settings

SHOWN_EXAMPLES = 3  # places named per failed gate on stderr


@dataclass
class Gate:
    fail_on: str = "major"
    warn_only: frozenset[str] = frozenset()  # rule codes that never fail the run
    min_score: float | None = None
    min_document_score: float | None = None
    failing_findings: Counter[str] = field(default_factory=Counter)  # rule code -> findings failing the gate
    finding_examples: list[str] = field(default_factory=list)
    low_segments: int = 0
    lowest_segment: tuple[float, str] | None = None  # (score, where)
    low_documents: list[tuple[str, float]] = field(default_factory=list)  # (path, mean score)

    @classmethod
    def from_settings(cls, settings: Settings) -> Gate:
        warn = frozenset(r.code for r in select_rules(settings.warn)) if settings.warn else frozenset()
        return cls(settings.fail_on, warn, settings.min_score, settings.min_document_score)

    @property
    def failures(self) -> int:
        return sum(self.failing_findings.values()) + self.low_segments + len(self.low_documents)

    def watch(self, path: str, results: Iterable[SegmentResult]) -> Iterator[SegmentResult]:
        """Pass results through, noting every reason the run must fail."""
        threshold = None if self.fail_on == "never" else Severity(self.fail_on).rank
        total, count = 0.0, 0
        for result in results:
            total, count = total + result.score, count + 1
            for finding in result.findings:
                if threshold is not None and finding.severity.rank >= threshold and finding.rule not in self.warn_only:
                    self.failing_findings[finding.rule] += 1
                    if len(self.finding_examples) < SHOWN_EXAMPLES:
                        self.finding_examples.append(f"{path} segment {result.segment.id}: {finding.rule} "
                                                     f"[{finding.severity.value}]")
            if self.min_score is not None and result.score < self.min_score:
                self.low_segments += 1
                where = f"{path} segment {result.segment.id}"
                if self.lowest_segment is None or result.score < self.lowest_segment[0]:
                    self.lowest_segment = (result.score, where)
            yield result
        if self.min_document_score is not None and count and total / count < self.min_document_score:
            self.low_documents.append((path, total / count))

    def explain(self) -> list[str]:
        """One line per gate that failed: which, by how much, and the first places."""
        lines = []
        if self.failing_findings:
            count = sum(self.failing_findings.values())
            rules = ", ".join(f"{code} x{n}" for code, n in self.failing_findings.most_common(5))
            lines.append(f"gate failed: {count} finding{'s' if count != 1 else ''} at or above "
                         f"--fail-on {self.fail_on} ({rules}); first: {'; '.join(self.finding_examples)}")
        if self.low_segments and self.lowest_segment is not None and self.min_score is not None:
            score, where = self.lowest_segment
            lines.append(f"gate failed: {self.low_segments} segment{'s' if self.low_segments != 1 else ''} "
                         f"below --min-score {self.min_score:g}; lowest {score:g} ({where}), "
                         f"{self.min_score - score:.1f} short")
        if self.low_documents and self.min_document_score is not None:
            path, score = min(self.low_documents, key=lambda item: item[1])
            many = len(self.low_documents)
            lines.append(f"gate failed: {many} document{'s' if many != 1 else ''} below --min-document-score "
                         f"{self.min_document_score:g}; lowest {score:.1f} ({path}), "
                         f"{self.min_document_score - score:.1f} short")
        return lines
