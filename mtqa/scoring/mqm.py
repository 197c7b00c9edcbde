"""MQM-style severity weights and the segment quality score derived from them.

score = max(0, 100 - 100 * penalty / max(words, MIN_WORDS)): the penalty per 100 words, taken off 100.
A minor error in a 20-word sentence costs 5 points, a major one 25, a critical one all 100.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from mtqa.model import Finding, Severity

DEFAULT_WEIGHTS: Mapping[Severity, float] = {Severity.MINOR: 1.0, Severity.MAJOR: 5.0, Severity.CRITICAL: 25.0}
MIN_WORDS = 10  # short segments are not punished beyond what a 10-word sentence would be


@dataclass(frozen=True)
class ScoreSettings:
    weights: Mapping[Severity, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))

    def describe(self) -> str:
        return "/".join(f"{self.weights[s]:g}" for s in (Severity.MINOR, Severity.MAJOR, Severity.CRITICAL))


_WORD_RE = re.compile(r"\d+(?:[.,:]\d+)*|\w+(?:[-'’]\w+)*")


def word_count(text: str) -> int:
    """Words as `mtqa.text.tokenize` counts them (numbers and hyphenated words are one), only faster."""
    return len(_WORD_RE.findall(text))


def penalty(findings: Iterable[Finding], settings: ScoreSettings = ScoreSettings()) -> float:
    return sum(settings.weights[f.severity] for f in findings)


def segment_score(text: str, findings: Iterable[Finding], settings: ScoreSettings = ScoreSettings()) -> float:
    """Quality 0-100, higher is better, rounded to 0.1."""
    per_hundred_words = 100 * penalty(findings, settings) / max(word_count(text), MIN_WORDS)
    return round(max(0.0, 100.0 - per_hundred_words), 1)
