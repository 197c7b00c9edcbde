"""MQM-style severity weights, MQM categories, and the quality scores derived from them.

score = max(0, 100 - 100 * penalty / max(words, MIN_WORDS)): the penalty per 100 words, taken off 100.
A minor error in a 20-word sentence costs 5 points, a major one 25, a critical one all 100; a minor
punctuation error costs a tenth of a minor one (Freitag et al. 2021). A document's MQM figures are its
penalty per 1,000 words and the same 0-100 score over all its words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from mtqa.errors import UsageError
from mtqa.model import Finding, SegmentResult, Severity

DEFAULT_WEIGHTS: Mapping[Severity, float] = {Severity.MINOR: 1.0, Severity.MAJOR: 5.0, Severity.CRITICAL: 25.0}
MINOR_PUNCTUATION_WEIGHT = 0.1
MIN_WORDS = 10  # short segments are not punished beyond what a 10-word sentence would be

# mtqa's dimension -> the MQM core typology's dimension; the subcategory is carried over in MQM's wording.
MQM_DIMENSIONS = {"accuracy": "Accuracy", "fluency": "Fluency", "locale": "Locale convention", "style": "Style",
                  "terminology": "Terminology"}
MQM_SUBCATEGORIES = {"untranslated": "Source language fragment", "character-encoding": "Character encoding",
                     "number-format": "Number format", "typography": "Punctuation"}


def mqm_category(category: str) -> str:
    """The MQM name of an mtqa category: "fluency/punctuation" -> "Fluency/Punctuation"."""
    dimension, _, subcategory = category.partition("/")
    name = MQM_DIMENSIONS.get(dimension, dimension.capitalize())
    if not subcategory:
        return name
    return f"{name}/{MQM_SUBCATEGORIES.get(subcategory, subcategory.replace('-', ' ').capitalize())}"


def is_punctuation(category: str) -> bool:
    return mqm_category(category) == "Fluency/Punctuation"


@dataclass(frozen=True)
class ScoreSettings:
    weights: Mapping[Severity, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    minor_punctuation: float = MINOR_PUNCTUATION_WEIGHT

    def weight(self, finding: Finding) -> float:
        if finding.severity is Severity.MINOR and is_punctuation(finding.category):
            return self.minor_punctuation
        return self.weights[finding.severity]

    def describe(self) -> str:
        """minor/major/critical/minor-punctuation, e.g. "1/5/25/0.1"."""
        severities = (Severity.MINOR, Severity.MAJOR, Severity.CRITICAL)
        return "/".join(f"{w:g}" for w in (*(self.weights[s] for s in severities), self.minor_punctuation))

    @classmethod
    def parse(cls, text: str) -> ScoreSettings:
        """Settings from "minor/major/critical[/minor-punctuation]", the form `describe` writes."""
        try:
            values = [float(v) for v in text.split("/")]
        except ValueError as err:
            raise UsageError(f"weights must be numbers like 1/5/25/0.1, not “{text}”") from err
        if len(values) not in (3, 4) or any(v < 0 for v in values):
            raise UsageError(f"weights must be three or four non-negative numbers like 1/5/25/0.1, not “{text}”")
        weights = dict(zip((Severity.MINOR, Severity.MAJOR, Severity.CRITICAL), values[:3], strict=True))
        return cls(weights, values[3] if len(values) == 4 else MINOR_PUNCTUATION_WEIGHT)


_WORD_RE = re.compile(r"\d+(?:[.,:]\d+)*|\w+(?:[-'’]\w+)*")


def word_count(text: str) -> int:
    """Words as `mtqa.nlp.tokens.tokenize` counts them (numbers and hyphenated words are one), only faster."""
    return len(_WORD_RE.findall(text))


def penalty(findings: Iterable[Finding], settings: ScoreSettings = ScoreSettings()) -> float:
    return sum(settings.weight(f) for f in findings)


def segment_score(text: str, findings: Iterable[Finding], settings: ScoreSettings = ScoreSettings()) -> float:
    """Quality 0-100, higher is better, rounded to 0.1."""
    per_hundred_words = 100 * penalty(findings, settings) / max(word_count(text), MIN_WORDS)
    return round(max(0.0, 100.0 - per_hundred_words), 1)


@dataclass
class DocumentMqm:
    """MQM totals over the segments of a document (or a whole run): penalty per 1,000 words and a 0-100 score."""

    penalty: float = 0.0
    words: int = 0

    def add(self, result: SegmentResult, settings: ScoreSettings = ScoreSettings()) -> None:
        """Count a segment, with the penalty the pipeline recorded for it (else computed with `settings`)."""
        found = result.mqm_penalty
        self.penalty += found if found is not None else penalty(result.findings, settings)
        self.words += word_count(result.segment.text)

    @property
    def per_1000_words(self) -> float | None:
        return round(1000 * self.penalty / self.words, 2) if self.words else None

    @property
    def score(self) -> float | None:
        if not self.words:
            return None
        return round(max(0.0, 100.0 - 100 * self.penalty / max(self.words, MIN_WORDS)), 1)

    def to_dict(self) -> dict[str, float | int | None]:
        return {"penalty": round(self.penalty, 2), "words": self.words, "per_1000_words": self.per_1000_words,
                "score": self.score}
