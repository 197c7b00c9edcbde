"""Small helpers rules share: building fixes, reading the source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mtqa.model import Applicability, Edit, Fix

if TYPE_CHECKING:
    from mtqa.rules.context import SegmentContext


def delete_fix(text: str, start: int, end: int, description: str,
               applicability: Applicability = Applicability.SAFE) -> Fix:
    """Delete `text[start:end]` together with the whitespace before it (or after it at a text start)."""
    left = start
    while left > 0 and text[left - 1] == " ":
        left -= 1
    if left == 0 or text[left - 1] == "\n":
        left = start
        while end < len(text) and text[end] == " ":
            end += 1
    return Fix((Edit(left, end, ""),), applicability, description)


def replace_fix(start: int, end: int, replacement: str, description: str,
                applicability: Applicability = Applicability.SAFE) -> Fix:
    return Fix((Edit(start, end, replacement),), applicability, description)


def source_text(ctx: SegmentContext) -> str | None:
    """The segment's source, or None when it has none (or only white space): source-aware rules stay silent."""
    src = ctx.segment.src
    return src if src and src.strip() else None
