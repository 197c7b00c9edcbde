"""Choose and apply fixes: non-overlapping edits, safe ones unless asked otherwise; put fixed texts back
into their files. The check -> apply -> check loop is `mtqa.pipeline.Pipeline.fix`."""

from __future__ import annotations

from collections.abc import Iterable

from mtqa.model import Applicability, Document, Edit, Finding, Fix, apply_edits


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


def apply_fixes(text: str, fixes: Iterable[Fix]) -> str:
    """`text` with the edits of `fixes` (chosen by `choose_fixes`, so never overlapping) applied."""
    return apply_edits(text, [e for f in fixes for e in f.edits])


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
