"""Read `.txt` (a segment per paragraph) and `.jsonl` (a segment per record) into Documents.

Every failure is an `InputError` naming the file and, where there is one, the line.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from mtqa.errors import InputError
from mtqa.model import Document, Segment
from mtqa.text import paragraphs

TEXT_SUFFIXES = frozenset({".txt", ".md", ""})
RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TEXT_FIELDS = ("mt", "text")


def read_path(path: str) -> Document:
    """Read one input; `-` is standard input (JSON Lines when its first character is `{`)."""
    return read_source(path)[1]


def read_source(path: str) -> tuple[str, Document]:
    """The decoded text of an input and the Document read from it."""
    if path == "-":
        text = _decode(sys.stdin.buffer.read(), "<stdin>")
        return text, _parse(text, "<stdin>", text.lstrip().startswith("{"))
    file = Path(path)
    if not file.exists():
        raise InputError(path, "no such file")
    if file.is_dir():
        raise InputError(path, "is a directory; pass the files inside it")
    suffix = file.suffix.lower()
    if suffix not in TEXT_SUFFIXES | RECORD_SUFFIXES:
        raise InputError(path, f"unsupported file type “{suffix}” (use .txt or .jsonl)")
    try:
        data = file.read_bytes()
    except OSError as err:
        raise InputError(path, err.strerror or str(err)) from err
    text = _decode(data, path)
    return text, _parse(text, path, suffix in RECORD_SUFFIXES)


def _parse(text: str, path: str, is_records: bool) -> Document:
    if not text.strip():
        raise InputError(path, "the file is empty")
    if is_records:
        return Document(path, list(_records(text, path)), running_text=False)
    return Document(path, list(_paragraph_segments(text)))


def _decode(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "UTF-16 text; convert it to UTF-8 first", line=1)
    if b"\x00" in data:
        raise InputError(path, "binary data (NUL bytes), not text", line=data[: data.index(b"\x00")].count(b"\n") + 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(path, f"not valid UTF-8 (byte 0x{data[err.start]:02x})", line=line) from err


def _paragraph_segments(text: str) -> Iterator[Segment]:
    line, cursor = 1, 0
    for number, span in enumerate(paragraphs(text), start=1):
        line += text.count("\n", cursor, span.start)
        cursor = span.start
        yield Segment(id=str(number), text=span.text, line=line, offset=span.start)


def _records(text: str, path: str) -> Iterator[Segment]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as err:
            raise InputError(path, f"malformed JSON: {err.msg} (column {err.colno})", line=number) from err
        if not isinstance(record, dict):
            raise InputError(path, "a record must be a JSON object", line=number)
        yield record_to_segment(record, path, number)


def record_to_segment(record: dict, path: str, line: int) -> Segment:
    """One JSON object -> Segment: text from `mt` or `text`; `src`, `ref` kept; the rest passed through."""
    field = next((f for f in TEXT_FIELDS if f in record), None)
    if field is None:
        raise InputError(path, "record has no “mt” or “text” field", line=line)
    text = record[field]
    if not isinstance(text, str):
        raise InputError(path, f"“{field}” must be a string", line=line)
    for optional in ("src", "ref"):
        if record.get(optional) is not None and not isinstance(record[optional], str):
            raise InputError(path, f"“{optional}” must be a string", line=line)
    meta = {k: v for k, v in record.items() if k not in (field, "id", "src", "ref")}
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
