"""Where a finding is in the input file: 1-based line and column from a segment's line and an offset."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from mtqa.model import Segment
from mtqa.nlp.tokens import count_lines, last_line_start


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
        line, column = _line_index(text).locate(offset)
        if offset > 0 and text[offset - 1:offset + 1] == "\r\n":  # the LF of a CRLF: as the short path says
            return (segment.line or 1) + line + 1, 1
        return (segment.line or 1) + line, column
    column = offset - last_line_start(text, offset) + 1
    return (segment.line or 1) + count_lines(text, 0, offset), column


_INDEXED_LENGTH = 4096


class LineIndex:
    """(line, column) of character offsets in a text whose first line is `first_line` (columns 1-based)."""

    def __init__(self, text: str, first_line: int = 1):
        self.text = text
        self.first_line = first_line
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def locate(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        return self.first_line + index, offset - self.starts[index] + 1


@lru_cache(maxsize=4)
def _line_index(text: str) -> LineIndex:
    return LineIndex(text, first_line=0)
