"""Decide a CI run's exit code from the results as they stream by."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from mtqa.model import SegmentResult, Severity
from mtqa.rules.registry import Rule, select_rules

EXIT_CLEAN, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


@dataclass
class Gate:
    fail_on: str = "major"
    warn_only: frozenset[str] = frozenset()  # rule codes that never fail the run
    min_score: float | None = None
    min_document_score: float | None = None
    failures: int = 0
    reasons: list[str] = field(default_factory=list)  # the first few, for the message

    @classmethod
    def from_settings(cls, settings, rules: list[Rule]) -> Gate:  # type: ignore[no-untyped-def]
        warn = frozenset(r.code for r in select_rules(settings.warn)) if settings.warn else frozenset()
        return cls(settings.fail_on, warn, settings.min_score, settings.min_document_score)

    def watch(self, path: str, results: Iterable[SegmentResult]) -> Iterator[SegmentResult]:
        """Pass results through, noting every reason the run must fail."""
        threshold = None if self.fail_on == "never" else Severity(self.fail_on).rank
        total, count = 0.0, 0
        for result in results:
            total, count = total + result.score, count + 1
            for finding in result.findings:
                if threshold is not None and finding.severity.rank >= threshold and finding.rule not in self.warn_only:
                    self._fail(f"{path}: segment {result.segment.id}: {finding.rule} [{finding.severity.value}]")
            if self.min_score is not None and result.score < self.min_score:
                self._fail(f"{path}: segment {result.segment.id}: score {result.score} < {self.min_score:g}")
            yield result
        if self.min_document_score is not None and count and total / count < self.min_document_score:
            self._fail(f"{path}: document score {total / count:.1f} < {self.min_document_score:g}")

    def _fail(self, reason: str) -> None:
        self.failures += 1
        if len(self.reasons) < 5:
            self.reasons.append(reason)

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failures else EXIT_CLEAN
