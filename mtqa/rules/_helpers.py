"""Small helpers rules share: building fixes, comparing words, reading the source."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mtqa.model import Applicability, Edit, Fix
from mtqa.nlp import lexicon

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


def normalise_variant(word: str) -> str:
    """The form two spelling variants share: lower case, no hyphens, apostrophes or spaces."""
    return re.sub(r"[-'’\s]", "", word.lower())


def same_spelling(a: str, b: str) -> bool:
    """True when `a` and `b` differ only in hyphenation, apostrophes or case."""
    return normalise_variant(a) == normalise_variant(b)


def same_word_family(a: str, b: str) -> bool:
    """True when `a` and `b` are variants of one word: hyphenation, case or inflection."""
    if same_spelling(a, b):
        return True
    if a[:3].lower() != b[:3].lower():
        return False
    return bool(lexicon.lemmas(a) & lexicon.lemmas(b))


def source_text(ctx: SegmentContext) -> str | None:
    """The segment's source, or None when it has none (or only white space): source-aware rules stay silent."""
    src = ctx.segment.src
    return src if src and src.strip() else None
