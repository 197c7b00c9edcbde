"""What fixing did to a text, for the fix evaluators: which findings were behind it, and the changes in context."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from mtqa.eval.metrics import spans_overlap
from mtqa.model import Finding

CONTEXT_CHARS = 30
UNEXPLAINED = "other"
_WORDS_AND_SPACES = re.compile(r"\s+|\S+")


def changing_rules(before: str, after: str, findings: Iterable[Finding]) -> list[str]:
    """The codes of the findings on `before` behind the changes that turned it into `after`.

    A change is put down to the findings whose fix edits touch it or, failing that, whose span does
    (a language model's repair of a finding edits other text than the rule's own fix); a change that
    no finding explains (a later fixing pass, or a finding only the language model makes) is UNEXPLAINED.
    """
    findings = list(findings)
    codes: list[str] = []
    for tag, i1, i2, _, _ in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        by_edit = [f.rule for f in findings
                   if any(spans_overlap(e.start, e.end, i1, i2) for fix in f.fixes for e in fix.edits)]
        by_span = [f.rule for f in findings if spans_overlap(f.start, f.end, i1, i2)]
        for code in by_edit or by_span or [UNEXPLAINED]:
            if code not in codes:
                codes.append(code)
    return codes


def show_change(before: str, after: str) -> str:
    """Each changed run of words as ⟦old → new⟧; unchanged text beyond CONTEXT_CHARS of a change is elided."""
    old, new = _WORDS_AND_SPACES.findall(before), _WORDS_AND_SPACES.findall(after)
    pieces = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(_elide("".join(old[i1:i2]), at_start=i1 == 0, at_end=i2 == len(old)))
        else:
            pieces.append(f"⟦{''.join(old[i1:i2])} → {''.join(new[j1:j2])}⟧")
    return "".join(pieces)


def _elide(text: str, at_start: bool, at_end: bool) -> str:
    if at_start and at_end:
        return text
    if at_start:
        return text if len(text) <= CONTEXT_CHARS else "…" + text[-CONTEXT_CHARS:]
    if at_end:
        return text if len(text) <= CONTEXT_CHARS else text[:CONTEXT_CHARS] + "…"
    return text if len(text) <= 2 * CONTEXT_CHARS else text[:CONTEXT_CHARS] + "…" + text[-CONTEXT_CHARS:]
