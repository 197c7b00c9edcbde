"""What fixing did to a text, for the fix evaluators: which rules' fixes were applied, and the change shown in context."""

from __future__ import annotations

from collections.abc import Iterable

from mtqa.fixes.apply import choose_fixes
from mtqa.model import Finding

CONTEXT_CHARS = 30


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
    """The changed words as ⟦old → new⟧ between up to CONTEXT_CHARS unchanged characters either side."""
    prefix = 0
    while prefix < min(len(before), len(after)) and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(before), len(after)) - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    # widen to whole words, so that "Qq" -> "Q" shows as ⟦Qq → Q⟧ rather than Q⟦q → ⟧
    while 0 < prefix < len(before) and not before[prefix - 1].isspace() and not before[prefix].isspace():
        prefix -= 1
    while 0 < suffix < len(before) - prefix and not before[-suffix].isspace() \
            and not before[-suffix - 1].isspace():
        suffix -= 1
    left = before[max(0, prefix - CONTEXT_CHARS):prefix]
    right = before[len(before) - suffix:][:CONTEXT_CHARS]
    return (("…" if prefix > CONTEXT_CHARS else "") + left
            + f"⟦{before[prefix:len(before) - suffix]} → {after[prefix:len(after) - suffix]}⟧"
            + right + ("…" if suffix > CONTEXT_CHARS else ""))
