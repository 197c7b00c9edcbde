"""The one interface every dataset evaluator fills in, and the plain data it reports (sacrebleu's Metric shape).

An evaluator says which texts of a record it wants judged, receives their findings and scores, and
turns what it has seen into tables. The runner never asks which evaluator it holds.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from mtqa.eval.metrics import Rate
from mtqa.model import Finding

Cell = str | int | float | Rate | None


@dataclass(frozen=True, slots=True)
class Judgement:
    """What mtqa made of one text: its findings and, when the evaluator asked for one, its score (higher is better)."""

    text: str
    findings: tuple[Finding, ...]
    score: float | None = None


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
    scored: ClassVar[bool] = True  # False when `add` reads only findings, so no score is computed for it

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


EVALUATORS: dict[str, type[Evaluator]] = {}


def register(cls: type[Evaluator]) -> type[Evaluator]:
    """Class decorator: make `cls` the evaluator of records whose id starts with `cls.dataset`."""
    if cls.dataset in EVALUATORS:
        raise ValueError(f"two evaluators for dataset {cls.dataset}")
    EVALUATORS[cls.dataset] = cls
    return cls

