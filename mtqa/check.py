"""Run rules over documents: Segments in, Findings out, in input order."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from mtqa.errors import MtqaError
from mtqa.fixes.guard import keeps_content
from mtqa.lm.view import LM_BATCH_SEGMENTS, LMStage, LMView
from mtqa.model import Finding, Segment
from mtqa.rules.context import DocumentContext
from mtqa.rules.registry import Match, Rule

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

T = TypeVar("T")


def _finding(rule: Rule, match: Match, text: str) -> Finding:
    """The rule's match as a Finding; fixes that would lose a name, number or content word are dropped."""
    if not 0 <= match.start <= match.end <= len(text):
        raise AssertionError(f"{rule.code} produced an offset outside the text: {match.start}-{match.end}")
    fixes = match.fixes if rule.rewrites_words else tuple(f for f in match.fixes if keeps_content(text, f))
    return Finding(rule=rule.code, name=rule.name, category=rule.category,
                   severity=match.severity or rule.severity, start=match.start, end=match.end,
                   text=text[match.start:match.end], message=match.message, fixes=fixes, rivals=match.rivals,
                   required_gain=match.required_gain)


def check_segments(segments: Iterable[Segment], rules: Iterable[Rule], running_text: bool = True, jobs: int = 1
                   ) -> Iterator[tuple[Segment, list[Finding]]]:
    """Findings per segment, in input order, each list sorted by position then rule code.

    Running text is one document. Records stream: each is a document of its own, except that
    consecutive records sharing a `doc_id` are checked together (they are one article). With
    `jobs` > 1, batches of record groups are checked in worker processes, results kept in order.
    """
    rules = list(rules)
    groups = document_groups(segments, running_text)
    if jobs <= 1 or running_text:
        for group in groups:
            yield from zip(group, _check_group(group, rules))
        return
    from collections import deque

    codes = [r.code for r in rules]
    pending: deque = deque()
    bad_input: MtqaError | None = None
    with worker_pool(jobs) as pool:
        # At most 2 batches per worker in flight: memory stays bounded however long the input is.
        try:
            for batch in batched(groups, BATCH_SEGMENTS):
                pending.append(pool.apply_async(_check_batch, (codes, batch)))
                if len(pending) >= 2 * jobs:
                    yield from pending.popleft().get()
        except MtqaError as err:  # a bad line: results for the records before it still go out first
            bad_input = err
        while pending:
            yield from pending.popleft().get()
    if bad_input is not None:
        raise bad_input


BATCH_SEGMENTS = 512


def worker_pool(jobs: int) -> Pool:
    """`jobs` worker processes that die at once on SIGTERM and leave Ctrl-C to the parent.

    A worker inherits the command line's SIGTERM handler, which raises; a SIGTERM that lands just before
    the worker blocks on the task queue then never wakes it, and `Pool.terminate()` waits for it forever.

    The workers come from a fork server (a fresh process with this module imported), not from a fork of
    this one. A fork copies only the calling thread, and a lock another thread held at that moment stays
    locked in the child forever: a worker forked in the test process after the Ray tests (whose gRPC
    threads outlive `ray.shutdown`) hung, and the run with it. Even the command line runs a thread besides
    its own once numpy is imported (OpenBLAS's pool), so no process here is safe to fork.
    """
    import multiprocessing

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["mtqa.check"])
    return context.Pool(jobs, initializer=_plain_signals)


def _plain_signals() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def check_batches_with_lm(segments: Iterable[Segment], rules: Iterable[Rule], lm: LMStage,
                          running_text: bool = True) -> Iterator[list[tuple[Segment, list[Finding], LMView]]]:
    """As `check_segments`, with a language model, a batch of groups at a time: each batch is scored
    first, so that rules can read every segment's LMView (`SegmentContext.lm`); the view comes out with
    the findings, and the batch stays together for the model's verification of them."""
    rules = list(rules)
    for batch in batched(document_groups(segments, running_text), LM_BATCH_SEGMENTS):
        views = iter(lm.views([s for group in batch for s in group], by_sentence=running_text))
        checked = []
        for group in batch:
            group_views = [next(views) for _ in group]
            checked += zip(group, _check_group(group, rules, group_views), group_views)
        yield checked


def document_groups(segments: Iterable[Segment], running_text: bool) -> Iterable[list[Segment]]:
    """The documents the rules see: running text is one; records go alone or in runs sharing a `doc_id`."""
    return [list(segments)] if running_text else _doc_groups(segments)


def _check_group(group: list[Segment], rules: list[Rule], lm_views: list[LMView] | None = None
                 ) -> Iterator[list[Finding]]:
    document = DocumentContext(group, lm_views)
    for index, segment in enumerate(group):
        ctx = document.segment(index)
        findings = [_finding(r, m, segment.text) for r in rules for m in r.check(ctx)]
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        yield findings


def _check_batch(codes: list[str], batch: list[list[Segment]]) -> list[tuple[Segment, list[Finding]]]:
    from mtqa.rules import lookup

    rules = [lookup(code) for code in codes]
    return [pair for group in batch for pair in zip(group, _check_group(group, rules))]


def batched(items: Iterable[T], size: int, size_of: Callable[[T], int] = len) -> Iterator[list[T]]:
    """Consecutive runs of `items` (groups of segments, by default counted by their length) of at least
    `size`; a bad input line ends the runs after the run read before it."""
    batch: list[T] = []
    count = 0
    try:
        for group in items:
            batch.append(group)
            count += size_of(group)
            if count >= size:
                yield batch
                batch, count = [], 0
    except MtqaError:
        if batch:
            yield batch
        raise
    if batch:
        yield batch


def _doc_groups(segments: Iterable[Segment]) -> Iterator[list[Segment]]:
    """Runs of records sharing a `doc_id`. A record without one goes at once, and the run read so far
    goes before a bad line's error: what came before the bad line is checked and written."""
    group: list[Segment] = []
    try:
        for segment in segments:
            doc_id = segment.meta.get("doc_id")
            if group and doc_id != group[-1].meta.get("doc_id"):
                yield group
                group = []
            group.append(segment)
            if doc_id is None:
                yield group
                group = []
    except MtqaError:
        if group:
            yield group
        raise
    if group:
        yield group
