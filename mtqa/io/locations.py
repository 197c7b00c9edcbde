"""Where a finding is in the input file: 1-based line and column from a segment's line and an offset."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from mtqa.model import Segment
from mtqa.text import count_lines, last_line_start


def location(segment: Segment, offset: int) -> tuple[int, int]:
    """1-based (line, column) of `offset` in the input file, counting newlines inside the segment.

    Columns count Unicode code points (SARIF's `columnKind: unicodeCodePoints`). Records without a
    known line (stdin text) count from line 1.
    """
    if segment.source_map:  # markup stripped or escapes decoded: the reader says where each run came from
        run = max(bisect_right(segment.source_map, offset, key=lambda r: r[0]) - 1, 0)
        text_offset, line, column = segment.source_map[run]
        return line, column + offset - text_offset
    text = segment.text
    if len(text) > _INDEXED_LENGTH:  # a long paragraph with many findings: no rescan from 0 for each
        starts = _line_starts(text)
        index = bisect_right(starts, offset) - 1
        if text[offset - 1:offset + 1] == "\r\n" and offset > 0:  # the LF of a CRLF: as the short path says
            return (segment.line or 1) + index + 1, 1
        return (segment.line or 1) + index, offset - starts[index] + 1
    column = offset - last_line_start(text, offset) + 1
    return (segment.line or 1) + count_lines(text, 0, offset), column


_INDEXED_LENGTH = 4096


@lru_cache(maxsize=4)
def _line_starts(text: str) -> list[int]:
    """Where each line of `text` starts (after LF, CRLF or a lone CR)."""
    return [0, *(match.end() for match in re.finditer(r"\r\n|\r|\n", text))]
