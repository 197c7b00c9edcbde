"""One run of mtqa over documents: rules, then scores, giving SegmentResults writers can render.

The CLI, the evaluation harness and library users all go through `Pipeline`, so a number printed by
`mtqa eval` is the number `mtqa check` would give.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from mtqa.check import check_segments
from mtqa.io.records import signature
from mtqa.model import Document, SegmentResult
from mtqa.rules.registry import Rule
from mtqa.scoring.mqm import ScoreSettings, segment_score


@dataclass
class Pipeline:
    rules: list[Rule]
    settings: ScoreSettings = field(default_factory=ScoreSettings)
    lm_name: str = "none"
    fail_on: str = "major"

    @property
    def signature(self) -> str:
        return signature([r.code for r in self.rules], self.fail_on, self.lm_name, self.settings.describe())

    def run(self, document: Document) -> Iterator[SegmentResult]:
        """Results in input order, produced lazily so that records stream with bounded memory."""
        for segment, findings in check_segments(document.segments, self.rules, document.running_text):
            yield SegmentResult(segment, findings, segment_score(segment.text, findings, self.settings))
