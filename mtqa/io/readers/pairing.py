"""`--src FILE` / `--ref FILE`: source and reference texts given line by line beside the translation.

A text input is then read one segment per line (not per paragraph), and line N of the input pairs with
line N of each side file. A record input (JSONL, TSV, ...) pairs record N with line N, and the side file
overrides the record's own `src`/`ref`. Counts must match: anything else is an `InputError` that says
which file is longer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from mtqa.errors import InputError
from mtqa.io.readers import ReaderOptions, decode, open_document
from mtqa.model import Document, Segment


def read_side_file(path: str) -> list[str]:
    """The lines of a source or reference file, without line ends (a final newline adds no line)."""
    file = Path(path)
    if not file.exists():
        raise InputError(path, "no such file")
    if file.is_dir():
        raise InputError(path, "is a directory; pass a file with one segment per line")
    return decode(file.read_bytes(), path).splitlines()


def line_segments(text: str) -> list[Segment]:
    """One segment per line of `text`, id and line number both the 1-based line; offsets into `text`."""
    segments, offset = [], 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        content = line.rstrip("\r\n")
        segments.append(Segment(id=str(number), text=content, line=number, offset=offset))
        offset += len(line)
    return segments


DEFAULT_OPTIONS = ReaderOptions()


def open_paired(path: str, src: str | None = None, ref: str | None = None,
                options: ReaderOptions = DEFAULT_OPTIONS) -> Document:
    """The Document at `path` with `src`/`ref` taken line by line from the given files."""
    sides = {name: (side, read_side_file(side)) for name, side in (("src", src), ("ref", ref)) if side}
    document = open_document(path, options)
    if document.running_text:
        if path == "-":
            raise InputError("<stdin>", "--src/--ref pair lines of a text file; pass the file, not standard input")
        segments = line_segments(decode(Path(path).read_bytes(), path))
        for name, (side, lines) in sides.items():
            _check_count(document.path, len(segments), side, len(lines))
            segments = [replace(s, **{name: line}) for s, line in zip(segments, lines, strict=True)]
        kept = [s for s in segments if s.text.strip() or (s.src or "").strip()]
        return Document(document.path, kept, running_text=True)
    return Document(document.path, _pair_records(document.path, iter(document.segments), sides), running_text=False)


def _pair_records(path: str, segments: Iterator[Segment], sides: dict[str, tuple[str, list[str]]]
                  ) -> Iterator[Segment]:
    count = 0
    for segment in segments:
        for name, (side, lines) in sides.items():
            if count >= len(lines):
                raise InputError(side, f"has {len(lines)} lines but {path} has more records; "
                                       "--src/--ref files need one line per record")
            segment = replace(segment, **{name: lines[count]})
        count += 1
        yield segment
    for side, lines in sides.values():
        _check_count(path, count, side, len(lines))


def _check_count(path: str, count: int, side: str, lines: int) -> None:
    if count != lines:
        raise InputError(side, f"has {lines} lines but {path} has {count} segments; "
                               "--src/--ref files must be line-aligned with the input")


def read_input(path: str, options: ReaderOptions = DEFAULT_OPTIONS, src: str | None = None,
               ref: str | None = None) -> Document:
    """The read stage: the Document at `path`, paired with `src`/`ref` files when they are given."""
    return open_paired(path, src=src, ref=ref, options=options) if src or ref else open_document(path, options)
