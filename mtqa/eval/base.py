"""The one interface every dataset evaluator fills in, and the plain data it reports (sacrebleu's Metric shape).

An evaluator says which texts of a record it wants judged, receives their findings, scores or fixed
versions, and turns what it has seen into tables. The runner never asks which evaluator it holds.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar

from mtqa.eval.metrics import Rate
from mtqa.model import Finding, Severity
from mtqa.rules.registry import RULES

Cell = str | int | float | Rate | None


class Measures(str, Enum):
    """What an evaluator measures; `mtqa eval` runs the checks' evaluators, `mtqa eval --fixes` the fixes'."""

    CHECKS = "checks"  # findings and scores of the text as it is
    FIXES = "fixes"  # the text after `mtqa fix` (safe fixes, and safe plus unsafe ones)


@dataclass(frozen=True, slots=True)
class Judgement:
    """What mtqa made of one text: its findings, its score (higher is better), its fluency with a language
    model and, when the evaluator asked for them, the text as `mtqa fix` leaves it with safe fixes and with
    unsafe ones too."""

    text: str
    findings: tuple[Finding, ...]
    score: float
    fixed_safe: str | None = None
    fixed_unsafe: str | None = None
    fluency: float | None = None  # 0-100 with a language model's heads, else None


@dataclass(frozen=True, slots=True)
class Table:
    """Figures as data; `detail` tables are printed but left out of docs/EVALUATION.md."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""
    detail: bool = False


class Evaluator(ABC):
    """Figures for one dataset, built up record by record so that files are read as a stream."""

    dataset: ClassVar[str]  # the `id` prefix of the records it reads, e.g. "demetr"
    measures: ClassVar[Measures] = Measures.CHECKS  # FIXES: the judge applies the fixes for `add`
    wants_fixes: ClassVar[bool] = False  # a CHECKS evaluator that needs the fixed texts too

    @property
    def fixes_texts(self) -> bool:
        """Whether the judge must fix the texts this evaluator asks for."""
        return self.measures is Measures.FIXES or self.wants_fixes

    def accepts(self, dataset: str) -> bool:
        return dataset == self.dataset

    def texts(self, record: Mapping[str, Any]) -> dict[str, str]:
        """The texts of `record` to judge, by a key `add` will look them up with; "mt" is the record's text."""
        return {"mt": record["mt"]}

    @abstractmethod
    def add(self, record: Mapping[str, Any], judged: Mapping[str, Judgement]) -> None:
        """Take in one record, with a Judgement for every key `texts` returned."""

    @abstractmethod
    def tables(self) -> list[Table]:
        """The figures for everything added so far."""


EVALUATORS: list[type[Evaluator]] = []


def register(cls: type[Evaluator]) -> type[Evaluator]:
    """Class decorator: run `cls` over the records it accepts (by default those whose id starts with `cls.dataset`)."""
    if any(known.__name__ == cls.__name__ for known in EVALUATORS):
        raise ValueError(f"two evaluators named {cls.__name__}")
    EVALUATORS.append(cls)
    return cls


def source_aware(findings: Iterable[Finding], minimum: Severity = Severity.MINOR) -> list[Finding]:
    """The findings of the rules that read the source (`Rule.reads_source`) at or above `minimum`."""
    return [f for f in findings if (rule := RULES.get(f.rule)) is not None and rule.reads_source
            and f.severity.rank >= minimum.rank]
