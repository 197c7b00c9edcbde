"""The one way through mtqa: read -> check -> verify -> score -> fix -> summarise -> gate.

`mtqa check`, `fix`, `report` and `eval` and library users all run documents through `Pipeline`: the
findings a command reports, fixes or measures are the same findings, with the same language-model
verification, severity overrides, per-record suppressions (`mtqa_ignore`) and baseline. Each stage is
one method or function, in order:

- read: `read_input` (mtqa/io/readers/pairing.py) turns a path into a `Document` of `Segment`s;
- check: `check_segments` (mtqa/check.py) runs the rules, with the language model's view when there is one;
- verify: `verify_many` (mtqa/fixes/verify.py) lets the model rank fixes and overrule unsure rules;
- adjust: `Pipeline.adjust` applies severity overrides, suppressions and the baseline;
- score: `Pipeline.score` turns findings and fluency into a `SegmentResult`;
- fix: `Pipeline.fix` applies the chosen fixes to a fixed point (`mtqa fix`);
- summarise and gate: `Run` tallies a `Summary` and lets the `Gate` watch the results stream by.

Where the work runs is the engine's business (mtqa/engine/): a document is cut into shards of whole
record groups (`shards`), and each shard is checked (`check_shard`) or fixed (`fix_shard`) here, in this
process, or by the same methods on a Ray worker; either way the results come back in input order.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from mtqa.baseline import Baseline
from mtqa.check import batched, check_batches_with_lm, check_segments, document_groups
from mtqa.errors import InputError, MtqaError
from mtqa.fixes.apply import apply_fixes, choose_fixes
from mtqa.fixes.verify import verify_many
from mtqa.gate import Gate
from mtqa.lm.base import Scorer
from mtqa.lm.heads import Assessment, Heads, heads_for
from mtqa.lm.view import LM_BATCH_SEGMENTS, LMStage, LMView
from mtqa.model import Document, Finding, Segment, SegmentResult, Severity
from mtqa.rules.registry import Rule
from mtqa.scoring.combined import combined_score
from mtqa.scoring.mqm import ScoreSettings, penalty, segment_score
from mtqa.scoring.reference import segment_metrics
from mtqa.scoring.summary import Summary
from mtqa.selectors import parse_selectors, selector_matches
from mtqa.signature import signature

if TYPE_CHECKING:
    from mtqa.engine import Engine

MAX_FIX_PASSES = 4  # check -> apply -> check again, as ruff does: one repair can reveal or settle another
# Segments per shard, the unit an engine hands out: 16 of the language model's batches, so that a shard
# checked anywhere is scored in the same batches as in one process (the same numbers, the same findings).
SHARD_BATCHES = int(os.environ.get("MTQA_SHARD_BATCHES", "16"))
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Checked:
    """A segment after the check, verify and adjust stages: its findings and the language model's view."""

    segment: Segment
    findings: list[Finding]
    view: LMView | None
    # The heads' fluency and quality, read from the rules' own findings before verification, severity
    # overrides, suppressions and the baseline (as in training): a baseline never changes a segment's quality.
    assessment: Assessment | None = None


@dataclass
class Pipeline:
    rules: list[Rule]
    lm: Scorer | None = None  # a language model: fluency in the score, MT8xx rules, verified fixes
    settings: ScoreSettings = field(default_factory=ScoreSettings)
    fail_on: str = "major"
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    baseline: Baseline | None = None  # report and fix only findings not in it
    record_baseline: Baseline | None = None  # `results` adds every finding it reports to it
    jobs: int = 1
    engine: Engine | None = None  # where shards are checked: None runs them here (mtqa/engine/)

    def __post_init__(self) -> None:
        self.rules = list(self.rules)
        self._by_code = {r.code: r for r in self.rules}

    @property
    def lm_name(self) -> str:
        return self.lm.name if self.lm is not None else "none"

    @property
    def heads(self) -> Heads | None:
        """The language model's learned heads, when it ships them (mtqa/lm/heads.py)."""
        return heads_for(self.lm) if self.lm is not None else None

    @property
    def signature(self) -> str:
        heads = self.heads
        return signature([r.code for r in self.rules], self.fail_on, self.lm_name, self.settings.describe(),
                         heads.tag if heads is not None else "none")

    def check(self, segments: Iterable[Segment], running_text: bool = True, assess: bool = True
              ) -> Iterator[Checked]:
        """Check, verify and adjust: the findings every command sees, in input order, lazily. `assess`:
        also the heads' fluency and quality, and the source's support that quality reads (one more pass
        of the model over each segment with a source); fixing needs none of them."""
        if self.lm is None:
            for segment, findings in check_segments(segments, self.rules, running_text, self.jobs):
                yield Checked(segment, self.adjust(segment, findings), None)
            return
        stage = LMStage(self.lm, support=assess)
        for batch in check_batches_with_lm(segments, self.rules, stage, running_text):
            verified = verify_many(self.lm, [(segment.text, findings) for segment, findings, _ in batch], self._by_code)
            for (segment, findings, view), kept in zip(batch, verified, strict=True):
                yield Checked(segment, self.adjust(segment, kept), view,
                              view.assess(findings, segment.src, kept) if assess else None)

    def adjust(self, segment: Segment, findings: list[Finding]) -> list[Finding]:
        """Per-rule severities, the segment's own suppressions, then the baseline."""
        if self.severity_overrides:
            findings = [replace(f, severity=self.severity_overrides[f.rule]) if f.rule in self.severity_overrides
                        else f for f in findings]
        findings = unsuppressed(segment, findings)
        if self.baseline is not None:
            findings = self.baseline.new_findings(segment, findings)
        return findings

    def results(self, document: Document) -> Iterator[SegmentResult]:
        """Scored results in input order, produced lazily so that records stream with bounded memory."""
        if self.engine is not None:
            results = self.engine.results(self, document)
        else:
            results = (self.score(c) for c in self.check(document.segments, document.running_text))
        for result in results:
            if self.record_baseline is not None:
                self.record_baseline.record(result.segment, result.findings)
            yield result

    def check_shard(self, groups: list[list[Segment]], running_text: bool) -> list[SegmentResult]:
        """A shard's scored results, as `results` gives them: what an engine's worker runs."""
        return [self.score(c) for c in self.check([s for g in groups for s in g], running_text)]

    def fix_shard(self, groups: list[list[Segment]], running_text: bool, unsafe: bool) -> list[str]:
        """A shard's fixed texts, as `fix` gives them: what an engine's worker runs."""
        return self._fix_segments([s for g in groups for s in g], running_text, unsafe, None)

    def score(self, checked: Checked) -> SegmentResult:
        segment, findings, view = checked.segment, checked.findings, checked.view
        metrics = segment_metrics(segment.text, segment.ref).to_dict() if segment.ref is not None else None
        rule_score = segment_score(segment.text, findings, self.settings)
        fluency = quality = None
        if checked.assessment is not None:
            fluency, quality = checked.assessment.fluency, checked.assessment.quality
        elif view is not None:
            fluency = view.fluency
        return SegmentResult(segment, findings, combined_score(rule_score, quality if quality is not None else fluency),
                             fluency=fluency, quality=quality,
                             mqm_penalty=round(penalty(findings, self.settings), 2), reference=metrics,
                             tokens=view.word_surprisals() if view is not None else None)

    def fix(self, document: Document, unsafe: bool = False,
            first_findings: Sequence[list[Finding]] | None = None) -> list[str]:
        """The fixed text of every segment. Each pass checks the documents (rules need their context) and
        applies the best allowed fix of each finding; passes repeat until nothing changes, so fixing a fixed
        text changes nothing. After the first pass only the documents (a `doc_id` run of records, or the
        whole running text) with a changed segment are checked again. `first_findings`, the findings
        `check` already gave for these segments, stand in for the first pass. Shards are fixed one after
        another (by the engine, when there is one), each as a whole."""
        if self.engine is not None and first_findings is None:
            return self.engine.fix(self, document, unsafe)
        fixed: list[str] = []
        for groups in shards(document):
            size = sum(len(g) for g in groups)
            first = first_findings[len(fixed):len(fixed) + size] if first_findings is not None else None
            fixed += self._fix_segments([s for g in groups for s in g], document.running_text, unsafe, first)
        return fixed

    def _fix_segments(self, segments: list[Segment], running_text: bool, unsafe: bool,
                      first_findings: Sequence[list[Finding]] | None) -> list[str]:
        segments = [replace(s) for s in segments]
        pending: list[list[Segment]] = [segments]
        for number in range(MAX_FIX_PASSES):
            if number == 0 and first_findings is not None:
                passed: Iterable[tuple[Segment, list[Finding]]] = zip(segments, first_findings, strict=True)
            else:
                passed = ((c.segment, c.findings) for run in pending
                          for c in self.check(run, running_text, assess=False))
            changed: set[int] = set()
            for segment, findings in passed:
                fixed = apply_fixes(segment.text, choose_fixes(self._fixed_first(findings, unsafe), unsafe))
                if fixed != segment.text:
                    segment.text = fixed
                    changed.add(id(segment))
            if not changed:
                break
            pending = _runs_to_recheck(segments, running_text, changed)
        return [s.text for s in segments]

    def _fixed_first(self, findings: list[Finding], unsafe: bool) -> list[Finding]:
        """The findings whose fixes this pass applies: while a rule that reads the text itself has a fix to
        apply, the language model's guesses (rules that only a model confirms: MT801's inserted word,
        MT803's swap) wait for the next pass. The model verified them on the text as it is; once the
        loop is cut or the repeat deleted, they are asked again of the text those fixes leave, and
        most are gone ("covered around covered around half" needs no word put back before "half").
        Among the guesses, the major ones (MT303's dropped word before a stray capital) go before the
        minor ones: "heard live The Internet" needs "on the Internet", not "on" and "by live" too."""
        def turn(finding: Finding) -> int:  # 0: the rules' own, 1: the model's major guesses, 2: its minor ones
            if finding.rule not in self._by_code or not self._by_code[finding.rule].needs_lm:
                return 0
            return 2 if finding.severity is Severity.MINOR else 1

        for last in (0, 1):
            first = [f for f in findings if turn(f) <= last]
            if len(first) < len(findings) and choose_fixes(first, unsafe):
                return first
        return findings


def shards(document: Document) -> Iterator[list[list[Segment]]]:
    """The document's record groups, cut into shards of SHARD_BATCHES language-model batches; a shard
    always starts a batch, so its segments are scored with the same neighbours wherever it runs.
    Read lazily: a bad line ends the shards after the groups read before it."""
    lm_batches = batched(document_groups(document.segments, document.running_text), LM_BATCH_SEGMENTS)
    for run in batched(lm_batches, SHARD_BATCHES, size_of=lambda _: 1):
        yield [group for batch in run for group in batch]


def _runs_to_recheck(segments: list[Segment], running_text: bool, changed: set[int]) -> list[list[Segment]]:
    """The documents with a changed segment, as runs of segments to check; a run never joins two documents
    that share a `doc_id` but were apart (an unchanged one between them), so each is checked as before."""
    runs: list[list[Segment]] = [[]]
    for group in document_groups(segments, running_text):
        if not any(id(s) in changed for s in group):
            continue
        last = runs[-1][-1] if runs[-1] else None
        if last is not None and group[0].meta.get("doc_id") is not None \
                and group[0].meta.get("doc_id") == last.meta.get("doc_id"):
            runs.append([])
        runs[-1].extend(group)
    return [run for run in runs if run]


class Run:
    """A set of inputs through one pipeline: each is read, checked and scored as its results stream by,
    tallied in `summary` and watched by `gate`.

    A bad input after the first stops the run, but what was read before it is still reported: the error
    waits in `error` for the caller to raise once its outputs are complete."""

    def __init__(self, pipeline: Pipeline, gate: Gate | None = None,
                 progress: Callable[[Iterable[SegmentResult]], Iterator[SegmentResult]] | None = None):
        self.pipeline = pipeline
        self.gate = gate or Gate(pipeline.fail_on)
        self.progress = progress
        self.summary = Summary()
        self.errors: list[MtqaError] = []

    @property
    def error(self) -> MtqaError | None:
        return self.errors[0] if self.errors else None

    def documents(self, inputs: Iterable[Callable[[], Document]], shown: Callable[[str], str] = str
                  ) -> Iterator[tuple[str, Iterator[SegmentResult]]]:
        """(path as shown, its results) per input; exhaust each document's results before the next."""
        for read in inputs:
            try:
                document = read()
            except InputError as err:
                if not self.summary.documents:  # nothing checked yet: there is no report to keep
                    raise
                self.errors.append(err)
                break
            self.summary.documents += 1
            path = shown(document.path)
            results = self.gate.watch(path, self.summary.tally(_until_error(self.pipeline.results(document),
                                                                            self.errors)))
            yield path, self.progress(results) if self.progress is not None else results
            if self.errors:
                break
        if self.errors and not self.summary.segments:
            raise self.errors[0]  # nothing was checked: no report to keep


def _until_error(results: Iterator[T], errors: list[MtqaError]) -> Iterator[T]:
    """The results up to a bad line of the input; the error is kept for after the report is complete."""
    try:
        yield from results
    except MtqaError as err:
        errors.append(err)


def unsuppressed(segment: Segment, findings: list[Finding]) -> list[Finding]:
    """The findings the segment's `mtqa_ignore` does not suppress."""
    suppressed = segment.meta.get("mtqa_ignore")
    if suppressed is None or suppressed == "":  # "" is an empty cell, not "ignore everything"
        return findings
    return [f for f in findings if not is_suppressed(f, suppressed)]


def is_suppressed(finding: Finding, selectors: list[str] | str) -> bool:
    """True when a segment's `mtqa_ignore` covers the finding's rule ([] or "all" cover every rule)."""
    selectors = parse_selectors(selectors)
    return not selectors or any(selector_matches(s, finding.rule, finding.name) for s in selectors)


def check_text(text: str, rules: Iterable[Rule] | None = None, lm: Scorer | None = None) -> list[Finding]:
    """Findings for one stand-alone text (library convenience)."""
    segment = Segment(id="1", text=text)
    return next(_pipeline(rules, lm).check([segment])).findings


def fix_text(text: str, rules: Iterable[Rule] | None = None, unsafe: bool = False, lm: Scorer | None = None) -> str:
    """`text` fixed as a stand-alone segment (library convenience)."""
    return _pipeline(rules, lm).fix(Document("<text>", [Segment(id="1", text=text)]), unsafe)[0]


def _pipeline(rules: Iterable[Rule] | None, lm: Scorer | None) -> Pipeline:
    from mtqa.rules import all_rules

    return Pipeline(list(rules) if rules is not None else all_rules(), lm=lm)
