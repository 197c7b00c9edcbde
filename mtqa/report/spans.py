"""Cut a segment's text into pieces at every finding and token boundary, so the browser never sees offsets.

Finding offsets are code points and JavaScript strings count UTF-16 units; splitting here keeps every
highlight exact (emoji, astral scripts) and lets overlapping findings render as flat, non-nested pieces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text covered by the same findings (indices into the segment's findings) and tokens."""

    text: str
    findings: tuple[int, ...] = ()
    surprisal: float | None = None  # summed over the language-model tokens covering the piece, in nats


@dataclass(frozen=True, slots=True)
class TokenSurprisal:
    start: int
    end: int
    surprisal: float


def split_pieces(text: str, spans: Sequence[tuple[int, int]],
                 tokens: Sequence[TokenSurprisal] = ()) -> list[Piece]:
    """Pieces whose texts concatenate to `text`; a zero-width span becomes an empty piece of its own.

    A piece lists every span that covers it, so overlapping and nested spans each stay visible: the
    pieces of span `i` are exactly those with `i` in `findings`, and their texts join to
    `text[start:end]`.
    """
    per_char = _surprisal_per_char(len(text), tokens)
    cuts = {0, len(text)}
    for start, end in spans:
        cuts.update((start, end))
    for token in tokens:
        cuts.update((token.start, token.end))
    ordered = sorted(c for c in cuts if 0 <= c <= len(text))
    points: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(spans):
        if start == end:
            points.setdefault(start, []).append(index)
    pieces: list[Piece] = []
    for left, right in zip(ordered, ordered[1:] + [None]):
        for index in points.get(left, ()):
            enclosing = tuple(i for i, (s, e) in enumerate(spans) if s < left < e)
            pieces.append(Piece("", tuple(sorted((*enclosing, index)))))
        if right is None:
            break
        covering = tuple(i for i, (s, e) in enumerate(spans) if s <= left and right <= e and s < e)
        pieces.append(Piece(text[left:right], covering, per_char[left]))
    return pieces


def _surprisal_per_char(length: int, tokens: Sequence[TokenSurprisal]) -> list[float | None]:
    """Each character's token surprisal; byte-level tokens repeating one character's span add up."""
    per_char: list[float | None] = [None] * length
    for token in tokens:
        for position in range(max(token.start, 0), min(token.end, length)):
            per_char[position] = (per_char[position] or 0.0) + token.surprisal
    return per_char
