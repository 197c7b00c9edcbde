"""Apply fixes to a segment: non-overlapping edits, safe ones unless asked otherwise, until nothing changes.

Like ruff, fixing runs check -> apply -> check again, because one repair can reveal or settle another;
the loop stops at a fixed point, so fixing an already fixed text changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from mtqa.check import check_segments, check_segments_with_lm
from mtqa.fixes.verify import verify_findings
from mtqa.lm.base import Scorer
from mtqa.model import Applicability, Document, Edit, Finding, Fix, Segment
from mtqa.rules.registry import Rule
from mtqa.scoring.fluency import FluencyStage

MAX_PASSES = 4


def choose_fixes(findings: Iterable[Finding], unsafe: bool = False) -> list[Fix]:
    """The best allowed fix of each finding, dropping any whose edits overlap one already chosen.

    Narrow fixes go first, so that local repairs win over ones that rewrite a whole clause around them.
    """
    candidates = [next((f for f in finding.fixes if unsafe or f.applicability is Applicability.SAFE), None)
                  for finding in findings]
    chosen: list[Fix] = []
    taken: list[Edit] = []
    for fix in sorted((f for f in candidates if f is not None), key=_extent):
        if any(_overlaps(a, b) for a in fix.edits for b in taken):
            continue
        chosen.append(fix)
        taken.extend(fix.edits)
    return chosen


def _extent(fix: Fix) -> int:
    return sum(e.end - e.start for e in fix.edits)


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions clash with anything touching their point
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    out = text
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        out = out[: edit.start] + edit.replacement + out[edit.end:]
    return out


def fix_text(text: str, rules: list[Rule], unsafe: bool = False) -> str:
    """`text` fixed as a stand-alone segment (library convenience)."""
    return fix_document(Document("<text>", [Segment(id="1", text=text)]), rules, unsafe)[0]


def fix_document(document: Document, rules: list[Rule], unsafe: bool = False, lm: Scorer | None = None
                 ) -> list[str]:
    """The fixed text of every segment, checking the whole document on each pass (rules need its context).

    With a language model, findings are verified and their fixes ranked by gain before choosing."""
    segments = [replace(s) for s in document.segments]
    for _ in range(MAX_PASSES):
        changed = False
        for segment, findings in _checked(segments, rules, document.running_text, lm):
            fixes = choose_fixes(findings, unsafe)
            fixed = apply_edits(segment.text, [e for f in fixes for e in f.edits])
            if fixed != segment.text:
                segment.text, changed = fixed, True
        if not changed:
            break
    return [s.text for s in segments]


def _checked(segments: list[Segment], rules: list[Rule], running_text: bool, lm: Scorer | None
             ) -> Iterator[tuple[Segment, list[Finding]]]:
    from mtqa.pipeline import unsuppressed  # not at the top: the pipeline imports the fixes package

    if lm is None:
        for segment, findings in check_segments(segments, rules, running_text):
            yield segment, unsuppressed(segment, findings)
        return
    for segment, findings, _ in check_segments_with_lm(segments, rules, FluencyStage(lm), running_text):
        yield segment, unsuppressed(segment, verify_findings(lm, segment.text, findings))


def fixed_file_text(original: str, document: Document, fixed: list[str]) -> str:
    """`original` (a running-text file) with each paragraph replaced by its fixed text, all else untouched."""
    out = original
    for segment, text in sorted(zip(document.segments, fixed), key=lambda p: p[0].offset or 0, reverse=True):
        if segment.offset is None:
            raise ValueError("segments of running text carry their file offset")
        out = out[: segment.offset] + text + out[segment.offset + len(segment.text):]
    return out


def records_with_fixed(original: str, document: Document, fixed: list[str]) -> str:
    """`original` (a JSON Lines file) with each record's line kept byte for byte but for a `fixed` field,
    added after its last member or replaced in place.

    Lines are split at LF only, as the reader counted them: U+2028, U+2029 and U+0085 may sit inside a
    JSON string. A CR before the LF is JSON white space after the closing brace, and stays there."""
    from mtqa.io.jsonline import parse_record, with_member

    by_line = {segment.line: text for segment, text in zip(document.segments, fixed)}
    lines = original.split("\n")
    for index, raw in enumerate(lines):
        if index + 1 in by_line:
            lines[index] = with_member(parse_record(raw), "fixed", by_line[index + 1])
    return "\n".join(lines)
