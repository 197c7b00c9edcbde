"""TSV and CSV: a header row names the columns, each data row is a segment.

TSV is plain tab-separated values (no quoting; a quote is an ordinary character), as MT corpora and
MQM sheets use it. CSV follows RFC 4180: fields may be quoted, `""` is a quote inside a quoted field,
and a quoted field may span lines. The text column is `mt`, `text` or `target` unless
`ReaderOptions.columns` names another; `id`, `src`/`source` and `ref`/`reference` are picked up the
same way, and every other column passes through in `meta`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from mtqa.errors import InputError
from mtqa.io.readers import Format, ReaderOptions, iter_lines, register_format
from mtqa.io.readers.formats.mapping import MappedText
from mtqa.io.readers.formats.suppression import parse_field
from mtqa.model import Segment

DEFAULT_COLUMNS = {
    "text": ("mt", "text", "target"),
    "id": ("id",),
    "src": ("src", "source"),
    "ref": ("ref", "reference"),
}
MAX_RECORD_LINES = 10_000  # a quoted field still open after this many lines is a stray quote, not a field


Row = list[MappedText]  # each field with where its characters came from


def _tsv_rows(path: str, stream: BinaryIO) -> Iterator[tuple[int, Row]]:
    for number, line in iter_lines(path, stream):
        if not line.strip():
            continue
        row, column = [], 1
        for value in line.split("\t"):
            field = MappedText()
            field.add(value, number, column)
            row.append(field)
            column += len(value) + 1
        yield number, row


_QUOTED_END = re.compile(r'(?:[^"]|"")*"(?!")')


def _csv_rows(path: str, stream: BinaryIO) -> Iterator[tuple[int, Row]]:
    lines = iter_lines(path, stream)
    for number, line in lines:
        if not line.strip():
            continue
        yield number, _csv_row(path, number, line, lines)


def _csv_row(path: str, first: int, line: str, more: Iterator[tuple[int, str]]) -> Row:
    """One record starting at line `first`; quoted fields pull further lines from `more`."""
    row: Row = []
    number, at = first, 0
    while True:
        mapped = MappedText()
        if line.startswith('"', at):
            at += 1
            while (end := _QUOTED_END.match(line, at)) is None:  # the field goes on past this line
                _add_unescaped(mapped, line[at:], number, at + 1)
                mapped.add("\n", number, len(line) + 1)
                number, line, at = _next_line(path, first, number, more)
            _add_unescaped(mapped, line[at:end.end() - 1], number, at + 1)
            at = end.end()
            if at < len(line) and line[at] != ",":
                raise InputError(path, f"malformed CSV: “{line[at]}” after a closing quote (column {at + 1})",
                                 line=number)
        else:
            stop = line.find(",", at)
            stop = len(line) if stop == -1 else stop
            mapped.add(line[at:stop], number, at + 1)
            at = stop
        row.append(mapped)
        if at >= len(line):
            return row
        at += 1  # past the comma


def _next_line(path: str, first: int, number: int, more: Iterator[tuple[int, str]]) -> tuple[int, str, int]:
    following = next(more, None)
    if following is None or following[0] - first > MAX_RECORD_LINES:
        raise InputError(path, "malformed CSV: a quoted field is never closed", line=first)
    return following[0], following[1], 0


def _add_unescaped(mapped: MappedText, raw: str, line: int, column: int) -> None:
    """Append a quoted field's content, where `""` stands for one quote."""
    for index, piece in enumerate(raw.split('""')):
        if index:
            mapped.insert('"', line, column - 2)
        mapped.add(piece, line, column)
        column += len(piece) + 2


def _header(path: str, line: int, row: Row, options: ReaderOptions) -> dict[str, int]:
    """Role -> column index, from the options or the default column names."""
    names = [f.text.strip() for f in row]
    lowered = [n.lower() for n in names]
    roles: dict[str, int] = {}
    for role, wanted in options.columns.items():
        if wanted in names:
            roles[role] = names.index(wanted)
        elif wanted.lower() in lowered:
            roles[role] = lowered.index(wanted.lower())
        else:
            raise InputError(path, f"no column “{wanted}” for {role} (columns: {', '.join(names)})", line=line)
    for role, candidates in DEFAULT_COLUMNS.items():
        if role not in roles:
            found = next((lowered.index(c) for c in candidates if c in lowered), None)
            if found is not None and found not in roles.values():
                roles[role] = found
    if "text" not in roles:
        raise InputError(path, "no text column: name one “mt”, “text” or “target”, or pass --column text=NAME",
                         line=line)
    return roles


def _segments(path: str, rows: Iterator[tuple[int, Row]], options: ReaderOptions) -> Iterator[Segment]:
    first = next(rows, None)
    if first is None:
        return
    header_line, header = first
    roles = _header(path, header_line, header, options)
    names = [f.text.strip() for f in header]
    for number, row in rows:
        if len(row) != len(header):
            raise InputError(path, f"row has {len(row)} fields, the header has {len(header)}", line=number)
        text = row[roles["text"]]
        meta: dict[str, object] = {name: row[i].text for i, name in enumerate(names) if i not in roles.values()}
        if "mtqa_ignore" in meta:
            selectors = parse_field(meta.pop("mtqa_ignore"))
            if selectors is not None:
                meta["mtqa_ignore"] = selectors
        yield Segment(
            id=row[roles["id"]].text if "id" in roles else str(number),
            text=text.text,
            src=row[roles["src"]].text if "src" in roles else None,
            ref=row[roles["ref"]].text if "ref" in roles else None,
            meta=meta,
            line=text.source_map[0][1] if text.source_map else number,
            source_map=text.source_map or None,
        )


def read_tsv(path: str, stream: BinaryIO, options: ReaderOptions) -> Iterator[Segment]:
    return _segments(path, _tsv_rows(path, stream), options)


def read_csv(path: str, stream: BinaryIO, options: ReaderOptions) -> Iterator[Segment]:
    return _segments(path, _csv_rows(path, stream), options)


register_format(Format("tsv", (".tsv", ".tab"), False, read_tsv))
register_format(Format("csv", (".csv",), False, read_csv))
