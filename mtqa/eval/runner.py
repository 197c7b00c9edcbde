"""Stream records from the eval files, judge the texts each evaluator asks for, hand the judgements over.

Every text goes through the one `Pipeline` that `mtqa check` and `mtqa fix` use: its findings (verified
by the language model when the pipeline has one), its score and, when asked, its fixed texts are what
those commands would give for a record of its own. Texts are judged in batches so that the model sees
many segments at once, and cached by text, so a clean translation shared by many perturbed records is
judged once.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mtqa.errors import InputError, UsageError
from mtqa.eval.artefacts import ArtefactSuite
from mtqa.eval.base import EVALUATORS, Evaluator, Judgement, Measures, Table
from mtqa.eval.data import dataset_of, iter_records
from mtqa.eval.false_alarms import FalseAlarmAudit
from mtqa.io.readers import record_to_segment
from mtqa.model import Document, Segment
from mtqa.pipeline import Pipeline

Request = tuple[Segment, bool]  # (segment, wants the fixed texts)
BATCH_RECORDS = 64
CACHE_TEXTS = 20_000
_Key = tuple[str, str | None]  # (text, source): the source may change what source-aware rules find


@dataclass(slots=True)
class EvalRun:
    """What one `evaluate` call read and the evaluators holding its figures."""

    evaluators: list[Evaluator]
    records: Counter[tuple[str, str]] = field(default_factory=Counter)  # (path, dataset) -> records
    skipped: Counter[str] = field(default_factory=Counter)  # dataset without an evaluator here -> records

    def tables(self) -> list[Table]:
        return [table for evaluator in self.evaluators for table in evaluator.tables()]


class Judge:
    """Findings, scores and, on request, fixed texts for texts, cached by (text, source)."""

    def __init__(self, pipeline: Pipeline, cache_size: int = CACHE_TEXTS):
        self.pipeline = pipeline
        self.cache_size = cache_size
        self.cache: OrderedDict[_Key, Judgement] = OrderedDict()

    def judge(self, requests: Sequence[Request]) -> list[Judgement]:
        """One Judgement per (segment, wants_fixes) request, in order."""
        segments: dict[_Key, Segment] = {}
        wants_fixes: set[_Key] = set()
        for segment, fixes in requests:
            key = (segment.text, segment.src)
            segments.setdefault(key, segment)
            if fixes:
                wants_fixes.add(key)
        known = {key: self.cache[key] for key in segments if key in self.cache}
        to_check = [key for key in segments if key not in known]
        for key, result in zip(to_check, self.pipeline.results(_records([segments[k] for k in to_check])),
                               strict=True):
            known[key] = Judgement(result.segment.text, tuple(result.findings), result.score,
                                    fluency=result.fluency)
        to_fix = [key for key in segments if key in wants_fixes and known[key].fixed_safe is None]
        if to_fix:
            records = _records([segments[key] for key in to_fix])
            checked = [list(known[key].findings) for key in to_fix]  # the fixes' first pass: already checked
            fixed = zip(self.pipeline.fix(records, unsafe=False, first_findings=checked),
                        self.pipeline.fix(records, unsafe=True, first_findings=checked), strict=True)
            for key, (safe, unsafe) in zip(to_fix, fixed, strict=True):
                known[key] = replace(known[key], fixed_safe=safe, fixed_unsafe=unsafe)
        for key, judgement in known.items():
            self._remember(key, judgement)
        return [known[(segment.text, segment.src)] for segment, _ in requests]

    def _remember(self, key: _Key, judgement: Judgement) -> None:
        self.cache[key] = judgement
        self.cache.move_to_end(key)
        while len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)


def _records(segments: list[Segment]) -> Document:
    """Texts judged as the records of one .jsonl file: each its own document (no `doc_id` ties them)."""
    return Document("<eval>", [replace(s, meta={}) for s in segments], running_text=False)


def evaluate(paths: Iterable[Path], pipeline: Pipeline, *, measures: Measures = Measures.CHECKS,
             audit: bool = True, audit_examples: int = 0, batch_records: int = BATCH_RECORDS,
             sets: Collection[str] | None = None, kinds: Collection[str] | None = None,
             progress: Callable[[Path, int], None] | None = None) -> EvalRun:
    """Run the evaluators of what `measures` names over the records of `paths`, through `pipeline`.

    The score is the pipeline's segment score (the rule score, scaled by fluency when the pipeline has a
    language model). The false-alarm audit (`audit`) measures the checks. `sets` keeps only the
    evaluators of those names (`evaluator_names`; None: all). `progress(path, records)` is called after
    each file. `kinds` keeps only those kinds of the synthetic suite (`ArtefactSuite`), and their controls.
    """
    evaluators: list[Evaluator] = [ArtefactSuite(kinds) if cls is ArtefactSuite else cls()
                                   for cls in EVALUATORS if cls.measures is measures]
    if audit and measures is Measures.CHECKS:
        evaluators.append(FalseAlarmAudit(audit_examples))
    if sets is not None:
        unknown = sorted(set(sets) - set(evaluator_names()))
        if unknown:
            raise UsageError(f"unknown eval set {', '.join(unknown)}; known: {', '.join(evaluator_names())}")
        evaluators = [e for e in evaluators if e.dataset in sets]
    run = EvalRun(evaluators)
    judge = Judge(pipeline)
    for path in paths:
        before = run.records.total() + run.skipped.total()
        for batch in _batched(_routed(path, run), batch_records):
            _judge_batch(batch, judge)
        if progress is not None:
            progress(path, run.records.total() + run.skipped.total() - before)
    return run


def evaluator_names() -> list[str]:
    """The names `evaluate(sets=...)` and `mtqa eval --sets` take: one per dataset an evaluator reads."""
    return sorted({cls.dataset for cls in EVALUATORS} | {FalseAlarmAudit.dataset})


_Routed = tuple[str, int, dict[str, Any], list[Evaluator]]


def _routed(path: Path, run: EvalRun) -> Iterator[_Routed]:
    shown = str(path)
    for line, record in iter_records(path):
        dataset = dataset_of(record, shown, line)
        chosen = [e for e in run.evaluators if e.accepts(dataset)]
        if not chosen:
            run.skipped[dataset] += 1
            continue
        run.records[(shown, dataset)] += 1
        yield shown, line, record, chosen


def _judge_batch(batch: list[_Routed], judge: Judge) -> None:
    requests: list[Request] = []
    plans: list[list[tuple[Evaluator, list[str]]]] = []
    for path, line, record, evaluators in batch:
        segment = record_to_segment(record, path, line)
        plan = []
        for evaluator in evaluators:
            with _fitting(path, line, evaluator):
                texts = evaluator.texts(record)
            for key, text in texts.items():
                companion = segment if key == "mt" else Segment(f"{segment.id}#{key}", text, src=segment.src)
                requests.append((companion, evaluator.fixes_texts))
            plan.append((evaluator, list(texts)))
        plans.append(plan)
    judgements = iter(judge.judge(requests))
    for (path, line, record, _), plan in zip(batch, plans, strict=True):
        for evaluator, keys in plan:
            judged = {key: next(judgements) for key in keys}
            with _fitting(path, line, evaluator):
                evaluator.add(record, judged)


@contextmanager
def _fitting(path: str, line: int, evaluator: Evaluator) -> Iterator[None]:
    """A record without the fields an evaluator needs becomes an InputError naming its line."""
    try:
        yield
    except (KeyError, TypeError, ValueError) as err:
        raise InputError(path, f"record does not fit the {evaluator.dataset} evaluator: {err!r}", line=line) from err


def _batched(items: Iterable[_Routed], size: int) -> Iterator[list[_Routed]]:
    batch: list[_Routed] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
