"""Inputs -> Documents. A registry maps file suffixes to readers; records stream, running text is read whole.

Built in: `.txt`/`.md` (running text, a segment per paragraph) and `.jsonl`/`.ndjson` (a segment per
record). More formats register themselves in `mtqa/io/readers/formats/`. Every failure is an `InputError`
naming the file and, where there is one, the line.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from mtqa.errors import InputError
from mtqa.io.jsonline import JsonRecord, RecordError, parse_record
from mtqa.model import Document, Segment
from mtqa.nlp.tokens import count_lines, paragraphs

TEXT_FIELDS = ("mt", "text")


@dataclass(frozen=True)
class ReaderOptions:
    """Format options from the command line or config (columns of a TSV/CSV, a forced format)."""

    input_format: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # role ("id", "text", "src", "ref") -> column name


@dataclass(frozen=True)
class Format:
    name: str
    suffixes: tuple[str, ...]
    running_text: bool
    # (path shown in messages, binary stream, options) -> segments, lazily
    read: Callable[[str, BinaryIO, ReaderOptions], Iterator[Segment]]
    utf16: bool = False  # the reader decodes UTF-16 with a byte order mark itself (XML may be UTF-16)


FORMATS: dict[str, Format] = {}


def register_format(fmt: Format) -> Format:
    FORMATS[fmt.name] = fmt
    return fmt


def _format_for(path: str, options: ReaderOptions, head: bytes) -> Format:
    _load_plugins()
    if options.input_format:
        if options.input_format not in FORMATS:
            raise InputError(path, f"unknown input format “{options.input_format}” "
                                   f"(choose from {', '.join(sorted(FORMATS))})")
        return FORMATS[options.input_format]
    if path == "-":
        return FORMATS["jsonl" if head.lstrip(codecs.BOM_UTF8).lstrip().startswith(b"{") else "text"]
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt
    known = ", ".join(sorted(s for f in FORMATS.values() for s in f.suffixes if s))
    raise InputError(path, f"unsupported file type “{suffix}” (known: {known}; or pass --input-format)")


def _load_plugins() -> None:
    try:
        import mtqa.io.readers.formats  # noqa: F401  (registers further formats)
    except ModuleNotFoundError as err:
        if err.name != "mtqa.io.readers.formats":  # a missing dependency must say so, not hide every format
            raise


def open_document(path: str, options: ReaderOptions = ReaderOptions()) -> Document:
    """A Document whose segments are read lazily (records) or at once (running text).

    Errors about the file as a whole (missing, a directory, empty, wrong type) are raised here;
    errors inside it are raised while iterating, after the segments before them were yielded.
    """
    if path == "-":
        stream: BinaryIO = _stdin()
        shown = "<stdin>"
    else:
        _check_file(path)
        try:
            stream = open(path, "rb")  # noqa: SIM115 (closed by _segments)
        except OSError as err:
            raise InputError(path, err.strerror or str(err)) from err
        shown = path
    head, stream = _peek(stream, shown)
    if not head.strip(b" \t\r\n" + codecs.BOM_UTF8):
        stream.close() if path != "-" else None
        raise InputError(shown, "the file is empty")
    fmt = _format_for(path, options, head)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not fmt.utf16:
        raise InputError(shown, "UTF-16 text; convert it to UTF-8 first", line=1)
    segments = _closing(fmt.read(shown, stream, options), stream, path != "-")
    if fmt.running_text:
        return Document(shown, list(segments), running_text=True)
    return Document(shown, segments, running_text=False)  # type: ignore[arg-type]  (an iterator; see model)


def _stdin() -> BinaryIO:
    if sys.stdin is None or getattr(sys.stdin, "closed", False):
        raise InputError("<stdin>", "standard input is closed")
    return sys.stdin.buffer


def _peek(stream: BinaryIO, shown: str) -> tuple[bytes, BinaryIO]:
    """The first bytes of a stream without consuming them (streams that cannot peek are buffered)."""
    try:
        if hasattr(stream, "peek"):
            return stream.peek(4096)[:4096], stream
        import io

        data = stream.read()
    except OSError as err:
        raise InputError(shown, f"cannot read: {err.strerror or err}") from err
    return data[:4096], io.BytesIO(data)


def _closing(segments: Iterator[Segment], stream: BinaryIO, close: bool) -> Iterator[Segment]:
    try:
        yield from segments
    finally:
        if close:
            stream.close()


def read_path(path: str, options: ReaderOptions = ReaderOptions()) -> Document:
    """A Document with every segment read (for callers that need them all, such as `mtqa fix`)."""
    document = open_document(path, options)
    document.segments = list(document.segments)
    return document


@dataclass(frozen=True)
class Source:
    """An input read whole for `mtqa fix`: its decoded text (BOM dropped), its Document, whether it had a BOM."""

    text: str
    document: Document
    bom: bool


def read_source(path: str, options: ReaderOptions = ReaderOptions()) -> Source:
    """Read an input once, whole: `mtqa fix` rewrites its text from the segments read from it."""
    import io

    shown = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            data = _stdin().read()
        else:
            _check_file(path)
            data = Path(path).read_bytes()
    except OSError as err:
        raise InputError(shown, f"cannot read: {err.strerror or err}") from err
    if not data.strip(b" \t\r\n" + codecs.BOM_UTF8):
        raise InputError(shown, "the file is empty")
    fmt = _format_for(path, options, data[:4096])
    _check_rewritable(shown, fmt)
    text = decode(data, shown)
    segments = list(fmt.read(shown, io.BytesIO(data), options))
    return Source(text, Document(shown, segments, fmt.running_text), data.startswith(codecs.BOM_UTF8))


GLOB_CHARACTERS = frozenset("*?[")


def expand_inputs(paths: list[str], options: ReaderOptions = ReaderOptions()) -> list[str]:
    """The files the command line names: a file as given; a directory as the files under it whose format
    is known (all files with --input-format), sorted, hidden ones and a run's `.mtqa-run` state skipped;
    a pattern (`shards/*.jsonl`, `feed/**/*.parquet`) as the files it matches, sorted. A directory or a
    pattern with nothing to check is an input error."""
    import glob

    expanded: list[str] = []
    for path in paths:
        if path == "-" or Path(path).is_file() or (not Path(path).exists() and not GLOB_CHARACTERS & set(path)):
            expanded.append(path)  # a missing plain file says "no such file" when it is read
        elif Path(path).is_dir():
            found = [str(f) for f in sorted(Path(path).rglob("*")) if _listed(f, Path(path), options)]
            if not found:
                raise InputError(path, "a directory with no files to check in it")
            expanded += found
        else:
            found = sorted(f for f in glob.glob(path, recursive=True) if Path(f).is_file())
            if not found:
                raise InputError(path, "no file matches this pattern")
            expanded += found
    return expanded


def _listed(file: Path, folder: Path, options: ReaderOptions) -> bool:
    parts = file.relative_to(folder).parts
    if not file.is_file() or any(p.startswith(".") or p.endswith(".mtqa-run") for p in parts):
        return False
    if options.input_format:
        return True
    _load_plugins()
    return any(file.suffix.lower() in fmt.suffixes for fmt in FORMATS.values() if file.suffix)


def _check_file(path: str) -> None:
    file = Path(path)
    if not file.exists():
        raise InputError(path, "no such file")
    if file.is_dir():
        raise InputError(path, "is a directory; pass the files inside it")


def _check_rewritable(path: str, fmt: Format) -> None:
    if fmt.name not in ("text", "jsonl"):  # the only formats whose fixed text `mtqa fix` can write back
        raise InputError(path, f"mtqa fix rewrites text and JSONL files; {fmt.name} input can be checked, "
                               "not fixed")


def decode(data: bytes, path: str, first_line: int = 1) -> str:
    """UTF-8 text of `data` (a BOM is dropped); NUL bytes or bad UTF-8 raise with the line number."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(path, "UTF-16 text; convert it to UTF-8 first", line=first_line)
    if b"\x00" in data:
        line = first_line + data[: data.index(b"\x00")].count(b"\n")
        raise InputError(path, "binary data (NUL bytes), not text", line=line)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = first_line + data[: err.start].count(b"\n")
        raise InputError(path, f"not valid UTF-8 (byte 0x{data[err.start]:02x})", line=line) from err


MAX_LINE_BYTES = 1 << 20  # no segment is this long; a longer line would take minutes and gigabytes to check


def iter_lines(path: str, stream: BinaryIO) -> Iterator[tuple[int, str]]:
    """(1-based line number, decoded line without its newline) with bounded memory."""
    number = 0
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES:
            raise InputError(path, f"line longer than {MAX_LINE_BYTES >> 20} MiB; is this one record per line?",
                             line=number)
        yield number, decode(raw, path, number).rstrip("\r\n")


MAX_TEXT_BYTES = 64 << 20  # running text is read whole; a larger file is almost surely not an article
MAX_PARAGRAPH_CHARS = 1 << 20  # as for a record's line: rules over a longer segment take minutes


def _read_text(path: str, stream: BinaryIO, options: ReaderOptions) -> Iterator[Segment]:
    data = stream.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(path, f"running text larger than {MAX_TEXT_BYTES >> 20} MiB; split it into files "
                               "or records (JSON Lines)")
    text = decode(data, path)
    line, cursor = 1, 0
    for number, span in enumerate(paragraphs(text), start=1):
        line += count_lines(text, cursor, span.start)
        cursor = span.start
        if len(span.text) > MAX_PARAGRAPH_CHARS:
            raise InputError(path, f"paragraph longer than {MAX_PARAGRAPH_CHARS >> 20} Mi characters; separate "
                                   "paragraphs with a blank line", line=line)
        yield Segment(id=str(number), text=span.text, line=line, offset=span.start)


def iter_raw_records(path: str, stream: BinaryIO) -> Iterator[tuple[int, JsonRecord]]:
    """(1-based line number, parsed line) for each non-blank line of a JSON Lines stream, bounded memory."""
    for number, raw in iter_lines(path, stream):
        if not raw.strip():
            continue
        yield number, parse_json_line(raw, path, number)


def parse_json_line(raw: str, path: str, number: int) -> JsonRecord:
    try:
        return parse_record(raw)
    except RecordError as err:
        reason = err.message if err.message.startswith(("a record", "nested", "the number")) or \
            err.message.endswith("not JSON") else f"malformed JSON: {err.message}"
        raise InputError(path, f"{reason} (column {err.column})", line=number) from None


def iter_json_records(path: str, stream: BinaryIO, *, strict: bool = True) -> Iterator[tuple[int, dict]]:
    """(1-based line number, object) for each non-blank line of a JSON Lines stream, with bounded memory.

    `strict=False` (the evaluation's data files, not user input) also takes Python's NaN and Infinity."""
    if strict:
        for number, parsed in iter_raw_records(path, stream):
            yield number, parsed.record
        return
    for number, raw in iter_lines(path, stream):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as err:
            raise InputError(path, f"malformed JSON: {err.msg} (column {err.colno})", line=number) from None
        except RecursionError:
            raise InputError(path, "nested too deeply", line=number) from None
        if not isinstance(record, dict):
            raise InputError(path, "a record must be a JSON object", line=number)
        yield number, record


def _read_jsonl(path: str, stream: BinaryIO, options: ReaderOptions) -> Iterator[Segment]:
    for number, parsed in iter_raw_records(path, stream):
        segment = record_to_segment(parsed.record, path, number)
        text_field = next(f for f in TEXT_FIELDS if f in parsed.record)
        segment.source_map = parsed.string_map(text_field, number)
        yield segment


register_format(Format("text", (".txt", ".md", ""), True, _read_text))
register_format(Format("jsonl", (".jsonl", ".ndjson"), False, _read_jsonl))


def record_to_segment(record: dict, path: str, line: int) -> Segment:
    """One JSON object -> Segment: text from `mt` or `text`; `src`, `ref` kept; the rest passed through."""
    text_field = next((f for f in TEXT_FIELDS if f in record), None)
    if text_field is None:
        raise InputError(path, "record has no “mt” or “text” field", line=line)
    text = record[text_field]
    if not isinstance(text, str):
        raise InputError(path, f"“{text_field}” must be a string", line=line)
    for optional in ("src", "ref"):
        if record.get(optional) is not None and not isinstance(record[optional], str):
            raise InputError(path, f"“{optional}” must be a string", line=line)
    meta = {k: v for k, v in record.items() if k not in (text_field, "id", "src", "ref")}
    identifier = record.get("id", line)
    return Segment(id=str(identifier), text=text, src=record.get("src"), ref=record.get("ref"), meta=meta, line=line)


def display_path(path: str) -> str:
    """The path as a user would type it: relative to the working directory when inside it."""
    if path == "-" or path.startswith("<"):
        return path
    try:
        return os.path.relpath(path)
    except ValueError:
        return path
