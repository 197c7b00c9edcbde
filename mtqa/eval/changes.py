"""What fixing did to a text, for the fix evaluators: which rules' fixes were applied, and the changes in context."""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from mtqa.fixes.apply import choose_fixes
from mtqa.model import Finding

CONTEXT_CHARS = 30
_WORDS_AND_SPACES = re.compile(r"\s+|\S+")


def fixing_rules(findings: Iterable[Finding], unsafe: bool) -> list[str]:
    """The rule codes whose fixes `mtqa fix` applies to a text with these findings, in its first pass.

    Later passes (a repair that reveals another) are not attributed; they are rare.
    """
    findings = list(findings)
    chosen = choose_fixes(findings, unsafe)
    codes = []
    for finding in findings:
        if any(fix is applied for fix in finding.fixes for applied in chosen) and finding.rule not in codes:
            codes.append(finding.rule)
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
