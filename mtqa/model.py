"""The data every stage passes along: Document -> Segment -> Finding -> Fix -> Edit.

Plain frozen dataclasses with exact offsets (Python string indices into `Segment.text`);
no formatting lives here, writers render these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}


class Applicability(str, Enum):
    SAFE = "safe"  # mechanical and meaning-preserving; `mtqa fix` applies it by default
    UNSAFE = "unsafe"  # rewording; applied only with --unsafe-fixes


@dataclass(frozen=True, slots=True)
class Edit:
    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: Applicability
    description: str
    gain: float | None = None  # language-model log-probability gain, when one was measured

    def apply(self, text: str) -> str:
        """Return `text` with this fix's edits applied (edits are non-overlapping)."""
        return apply_edits(text, self.edits)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """`text` with non-overlapping `edits` applied (offsets into the original text)."""
    out = text
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        out = out[: edit.start] + edit.replacement + out[edit.end :]
    return out


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # stable code, e.g. "MT101"
    name: str  # kebab-case rule name
    category: str  # MQM-style category, e.g. "fluency/repetition"
    severity: Severity
    start: int
    end: int
    text: str  # == segment.text[start:end]
    message: str
    fixes: tuple[Fix, ...] = ()
    # With a language model: edits that would say the text is right another way ("they" for MT405's "it":
    # "Hamas said they would"). Scored with the fixes, never offered or written out; the finding stands only
    # when its best fix gains its rule's `rival_margin` more than each.
    rivals: tuple[Fix, ...] = field(default=(), compare=False, repr=False)
    # With a language model: nats the best fix must gain for this finding, in place of its rule's
    # `lm_required_gain` (None: the rule's). Not written out.
    required_gain: float | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Segment:
    id: str
    text: str
    src: str | None = None
    ref: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # pass-through fields of the input record
    line: int | None = None  # 1-based line of the input file where `text` starts, when known
    offset: int | None = None  # character offset of `text` in the input file, for running text
    # Where `text` came from when it is not a verbatim copy of the file from `line`, column 1 (markup
    # stripped, escapes decoded, a field inside a row): runs of (text offset, file line, file column);
    # within a run, characters sit one after another on one line. See mtqa.io.locations.
    source_map: tuple[tuple[int, int, int], ...] | None = None


@dataclass(slots=True)
class Document:
    path: str
    segments: list[Segment]
    # True for running text (a .txt article): its paragraphs belong together, so rules may compare
    # them. Records (JSONL, TSV) are independent unless they share a `doc_id` field.
    running_text: bool = True


@dataclass(slots=True)
class SegmentResult:
    segment: Segment
    findings: list[Finding]
    score: float
    fluency: float | None = None  # 0-100, with a language model: how likely the text is clean, fluent English
    quality: float | None = None  # 0-100, with the learned heads: the DA score annotators would likely give
    mqm_penalty: float | None = None  # sum of the findings' MQM weights
    reference: dict[str, float] | None = None  # sentence BLEU, chrF, TER against `segment.ref`, when there is one
    tokens: list[tuple[int, int, float]] | None = None  # (start, end, surprisal in nats) per word, with an LM
