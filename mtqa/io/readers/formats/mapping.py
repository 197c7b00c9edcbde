"""Text built from pieces of a file, remembering where each piece came from (`Segment.source_map`).

Readers that strip markup or decode escapes append verbatim stretches of a file line with `add` and
decoded characters with `insert`; `source_map` then holds (text offset, file line, file column) runs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from mtqa.io.locations import LineIndex

__all__ = ["LineIndex", "MappedText"]

Runs = tuple[tuple[int, int, int], ...]

_LINE_PIECES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")


class MappedText:
    def __init__(self) -> None:
        self._parts: list[str] = []
        self._runs: list[tuple[int, int, int]] = []
        self._length = 0
        self._next: tuple[int, int] | None = None  # where the next verbatim character would continue the run

    def __len__(self) -> int:
        return self._length

    @property
    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    @property
    def source_map(self) -> Runs:
        return tuple(self._runs)

    def add(self, chunk: str, line: int, column: int) -> None:
        """Append `chunk`, a verbatim copy of file text at (line, column); only its last character may be "\\n"."""
        if not chunk:
            return
        if self._next != (line, column):
            self._runs.append((self._length, line, column))
        self._parts.append(chunk)
        self._length += len(chunk)
        self._next = None if chunk.endswith("\n") else (line, column + len(chunk))  # a run stays on one line

    def insert(self, chunk: str, line: int, column: int) -> None:
        """Append `chunk`, which stands for file text at (line, column) without copying it (an entity, a tag)."""
        if not chunk:
            return
        self._runs.append((self._length, line, column))
        self._parts.append(chunk)
        self._length += len(chunk)
        self._next = None

    def add_span(self, raw: str, start: int, index: LineIndex) -> None:
        """Append `raw`, found at offset `start` of `index.text`, line by line; "\\r\\n" and "\\r" become "\\n"."""
        if "\n" not in raw and "\r" not in raw:
            self.add(raw, *index.locate(start))
            return
        for piece, offset in _line_pieces(raw, start):
            body = piece.rstrip("\r\n")
            line, column = index.locate(offset)
            self.add(body, line, column)
            if piece.endswith(("\r\n", "\r")):
                self.insert("\n", line, column + len(body))
            elif piece.endswith("\n"):
                self.add("\n", line, column + len(body))

    def copy_from(self, other: MappedText, start: int, end: int) -> None:
        """Append other.text[start:end] with its origins."""
        text, runs = other.text, other._runs
        at = start
        while at < end:
            run = bisect_right(runs, at, key=lambda r: r[0]) - 1
            run_start, line, column = runs[run]
            run_end = runs[run + 1][0] if run + 1 < len(runs) else len(text)
            stop = min(end, run_end)
            self.add(text[at:stop], line, column + at - run_start)
            at = stop

    def origin(self, offset: int) -> tuple[int, int]:
        """(line, column) in the file of text[offset] (the end of the text maps just after its last character)."""
        if offset >= self._length and self._runs:
            line, column = self.origin(self._length - 1)
            return line, column + 1
        run_start, line, column = self._runs[bisect_right(self._runs, offset, key=lambda r: r[0]) - 1]
        return line, column + offset - run_start


def _line_pieces(raw: str, start: int) -> Iterator[tuple[str, int]]:
    offset = start
    for match in _LINE_PIECES.finditer(raw):
        piece = match.group()
        if piece:
            yield piece, offset
            offset += len(piece)
