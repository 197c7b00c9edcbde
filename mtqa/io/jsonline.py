"""One JSON Lines record, parsed with the place of each top-level value in its line.

The places give exact file columns for text with escapes in it (`\\n`, `\\u00e9`) and let `mtqa fix` add
a field without rewriting anything else of the line. Values are decoded by the standard library's
decoder; what is not interchangeable JSON is refused with the column: NaN and Infinity (not JSON),
numbers beyond a double's range (they would come back as Infinity), nesting deeper than
MAX_DEPTH (it would exhaust the stack).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from json.decoder import scanstring

MAX_DEPTH = 200  # no real record nests this deep; much deeper exhausts Python's stack in the decoder


class RecordError(ValueError):
    """A line that is not one JSON object mtqa can read; `column` is 1-based."""

    def __init__(self, message: str, column: int):
        super().__init__(message)
        self.message = message
        self.column = column


def _finite_float(numeral: str) -> float:
    value = float(numeral)
    if math.isinf(value):
        raise ValueError(f"the number {numeral} is beyond the range of a double")
    return value


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


_DECODER = json.JSONDecoder(parse_float=_finite_float, parse_constant=_no_constant)
_SPACE = re.compile(r"[ \t\n\r]*")
_NESTING = re.compile(r"[\[{]")


@dataclass(frozen=True, slots=True)
class JsonRecord:
    """A decoded object and where each top-level member's value is in the line (every occurrence of a key)."""

    line: str
    record: dict
    value_spans: dict[str, list[tuple[int, int]]]
    last_value_end: int  # where the last member's value ends (before the closing brace)

    def string_map(self, key: str, line_number: int) -> tuple[tuple[int, int, int], ...] | None:
        """Source-map runs (text offset, line, 1-based column) of the string value of `key`."""
        spans = self.value_spans.get(key)
        if not spans:
            return None
        start, end = spans[-1]
        return string_source_map(self.line, start, end, line_number)


def parse_record(line: str) -> JsonRecord:
    """The object on one line; raises RecordError with a message and a column."""
    if len(_NESTING.findall(line)) > MAX_DEPTH:
        _check_depth(line)
    at = _SPACE.match(line, 0).end()  # type: ignore[union-attr]
    if line[at:at + 1] != "{":
        _decode_whole(line)  # a malformed line says why; valid JSON that is not an object says that
        raise RecordError("a record must be a JSON object", at + 1)
    record: dict = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    at = _SPACE.match(line, at + 1).end()  # type: ignore[union-attr]
    last_end = at
    if line[at:at + 1] == "}":
        _expect_end(line, at + 1)
        return JsonRecord(line, record, spans, last_end)
    while True:
        if line[at:at + 1] != '"':
            raise RecordError("Expecting property name enclosed in double quotes", at + 1)
        key, at = _scan(scanstring, line, at + 1)
        at = _SPACE.match(line, at).end()  # type: ignore[union-attr]
        if line[at:at + 1] != ":":
            raise RecordError("Expecting ':' delimiter", at + 1)
        at = _SPACE.match(line, at + 1).end()  # type: ignore[union-attr]
        value, end = _scan(_DECODER.raw_decode, line, at)
        record[key] = value
        spans.setdefault(key, []).append((at, end))
        last_end = end
        at = _SPACE.match(line, end).end()  # type: ignore[union-attr]
        if line[at:at + 1] == "}":
            _expect_end(line, at + 1)
            return JsonRecord(line, record, spans, last_end)
        if line[at:at + 1] != ",":
            raise RecordError("Expecting ',' delimiter", at + 1)
        at = _SPACE.match(line, at + 1).end()  # type: ignore[union-attr]


def _scan(function, line: str, at: int):  # type: ignore[no-untyped-def]
    try:
        return function(line, at)
    except json.JSONDecodeError as err:
        raise RecordError(err.msg, err.colno) from None
    except StopIteration as err:  # raw_decode at the end of the line
        raise RecordError("Expecting value", (err.value if isinstance(err.value, int) else at) + 1) from None
    except ValueError as err:  # from the number and constant hooks
        raise RecordError(str(err), at + 1) from None
    except RecursionError:
        raise RecordError(f"nested deeper than {MAX_DEPTH} levels", at + 1) from None


def _decode_whole(line: str) -> None:
    try:
        _DECODER.decode(line)
    except json.JSONDecodeError as err:
        raise RecordError(err.msg, err.colno) from None
    except (ValueError, RecursionError):
        pass


def _expect_end(line: str, at: int) -> None:
    at = _SPACE.match(line, at).end()  # type: ignore[union-attr]
    if at < len(line):
        raise RecordError("Extra data", at + 1)


def _check_depth(line: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before the recursive decoder sees it (strings skipped)."""
    depth = 0
    in_string = escaped = False
    for column, char in enumerate(line, start=1):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise RecordError(f"nested deeper than {MAX_DEPTH} levels", column)
        elif char in "]}":
            depth -= 1


# Line separators other than LF, escaped in what mtqa writes so that a reader splitting lines at them
# (Python's str.splitlines, some editors) still sees one record per line. Inside JSON they occur only
# in strings, where the escape means the same character.
_SEPARATORS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"})


def dumps_line(value: object, ensure_ascii: bool = False) -> str:
    """JSON for one line of a JSON Lines file: never a raw line separator, never NaN or Infinity."""
    return json.dumps(value, ensure_ascii=ensure_ascii, allow_nan=False).translate(_SEPARATORS)


_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})(?:\\u([0-9a-fA-F]{4}))?|.)", re.DOTALL)


def string_source_map(line: str, start: int, end: int, line_number: int) -> tuple[tuple[int, int, int], ...]:
    """Runs (text offset, line, column) for the JSON string literal `line[start:end]` (quotes included).

    Plain characters sit one after another in the line; each escape is one character of text (two for a
    surrogate pair the decoder does not join) and starts a run of its own.
    """
    runs: list[tuple[int, int, int]] = []
    offset = 0
    at = start + 1
    stop = end - 1
    while at < stop:
        backslash = line.find("\\", at, stop)
        plain_end = stop if backslash == -1 else backslash
        if plain_end > at:
            runs.append((offset, line_number, at + 1))
            offset += plain_end - at
        if backslash == -1:
            break
        match = _ESCAPE.match(line, backslash, stop)
        if match is None:
            break
        width = 1
        high, low = match.group(1), match.group(2)
        if high and low and not (0xD800 <= int(high, 16) <= 0xDBFF and 0xDC00 <= int(low, 16) <= 0xDFFF):
            # Two escapes that are not a surrogate pair: the first alone is this character.
            match = _ESCAPE.match(line, backslash, backslash + 6)
            width = 1
        runs.append((offset, line_number, backslash + 1))
        offset += width
        at = match.end()  # type: ignore[union-attr]
    return tuple(runs) or ((0, line_number, start + 2),)


def with_member(parsed: JsonRecord, key: str, value: object) -> str:
    """The line with `key` set to `value`: an existing member's value replaced in place, or the member added
    after the last one. Everything else in the line stays byte for byte as it was."""
    line = parsed.line
    ascii_only = line.isascii()
    encoded = dumps_line(value, ensure_ascii=ascii_only)
    if key in parsed.value_spans:
        for start, end in sorted(parsed.value_spans[key], reverse=True):
            line = line[:start] + encoded + line[end:]
        return line
    if not parsed.record:
        brace = line.index("{")
        return line[:brace + 1] + dumps_line(key, ensure_ascii=ascii_only) + ": " + encoded + line[brace + 1:]
    separator, colon = _member_style(parsed)
    member = dumps_line(key, ensure_ascii=ascii_only) + colon + encoded
    return line[:parsed.last_value_end] + separator + member + line[parsed.last_value_end:]


def _member_style(parsed: JsonRecord) -> tuple[str, str]:
    """The separator and the colon the line's last member is written with (", " or ","; ": " or ":"), read
    between the values, so that text inside a string ("strong, strong") does not decide them."""
    line = parsed.line
    starts = sorted(start for spans in parsed.value_spans.values() for start, _ in spans)
    ends = sorted(end for spans in parsed.value_spans.values() for _, end in spans)
    last = line[ends[-2]:starts[-1]] if len(starts) > 1 else line[line.index("{") + 1:starts[-1]]
    colon = ":" + last[last.rindex(":") + 1:]  # the key's quotes come before it; only white space after it
    if len(starts) > 1:
        comma = last[last.index(",") + 1:]
        return "," + comma[:len(comma) - len(comma.lstrip())], colon
    return (", " if colon != ":" else ","), colon
