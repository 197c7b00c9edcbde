"""Gettext PO through translate-toolkit: a segment per translated msgstr (each plural form its own).

translate-toolkit reads the entries; their msgstr lines are then located in the file so that each
character of the unescaped text maps back to its line and column. The id is the msgid (with `[n]` for
plural form n); msgctxt, comments, references and the fuzzy flag go to `meta`; a translator or
extracted comment `mtqa: ignore ...` to `meta["mtqa_ignore"]`. The header, obsolete entries and
empty translations are skipped.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import BinaryIO

from translate.storage import po

from mtqa.errors import InputError
from mtqa.io.readers import Format, ReaderOptions, decode, register_format
from mtqa.io.readers.formats.mapping import MappedText
from mtqa.io.readers.formats.suppression import ignore_selectors
from mtqa.model import Segment

_CHARSET = re.compile(rb"charset=([A-Za-z0-9._-]+)")
_KEYWORD = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*(?=")')
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_LINE_IN_ERROR = re.compile(r"on line (\d+)")


def read_po(path: str, stream: BinaryIO, options: ReaderOptions) -> Iterator[Segment]:
    data = stream.read()
    codec = _declared_codec(data)
    text = _decode(path, data, codec)
    if codec != "utf-8":
        # Decoded here with the declared charset; translate-toolkit gets the same text as UTF-8.
        data = _CHARSET.sub(b"charset=UTF-8", text.encode("utf-8"), count=1)
    try:
        store = po.pofile.parsestring(data)
    except Exception as err:  # PoParseError names the line; a parser of untrusted input may fail in other ways
        found = _LINE_IN_ERROR.search(str(err))
        raise InputError(path, f"malformed PO: {str(err).split(' on line ')[0]}",
                         line=int(found.group(1)) if found else None) from err
    units = [u for u in store.units if not u.isobsolete()]
    located = _msgstrs(text)
    if len(located) != len(units):  # cannot happen for a file translate-toolkit read; be safe all the same
        located = [[] for _ in units]
    for unit, forms_found in zip(units, located):
        if unit.isheader() or not unit.istranslated() and not unit.isfuzzy():
            continue
        forms = [str(f) for f in unit.target.strings] if unit.hasplural() else [str(unit.target)]
        sources = [str(s) for s in unit.source.strings] if unit.hasplural() else [str(unit.source)]
        notes = [n for n in unit.getnotes().split("\n") if n]
        for number, form in enumerate(forms):
            if not form:
                continue
            mapped = forms_found[number] if number < len(forms_found) else None
            exact = mapped is not None and mapped.text == form
            yield Segment(
                id=f"{sources[0]}[{number}]" if unit.hasplural() else sources[0],
                text=form,
                src=sources[min(number, len(sources) - 1)],
                meta=_meta(unit, notes),
                line=mapped.source_map[0][1] if mapped is not None and mapped.source_map else None,
                source_map=mapped.source_map if exact else None,
            )


def _meta(unit: po.pounit, notes: list[str]) -> dict[str, object]:
    meta: dict[str, object] = {}
    if unit.getcontext():
        meta["msgctxt"] = unit.getcontext()
    if notes:
        meta["notes"] = "\n".join(notes)
    if unit.getlocations():
        meta["locations"] = unit.getlocations()
    if unit.isfuzzy():
        meta["fuzzy"] = True
    selectors = ignore_selectors(notes)
    if selectors is not None:
        meta["mtqa_ignore"] = selectors
    return meta


def _declared_codec(data: bytes) -> str:
    """The codec the header's charset names (UTF-8 when there is none, or it is unknown)."""
    declared = _CHARSET.search(data[:4096])
    try:
        return codecs.lookup(declared.group(1).decode("ascii")).name if declared else "utf-8"
    except LookupError:
        return "utf-8"


def _decode(path: str, data: bytes, codec: str) -> str:
    if codec == "utf-8":
        return decode(data, path)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise InputError(path, f"not valid {codec} (byte 0x{data[err.start]:02x})",
                         line=1 + data[: err.start].count(b"\n")) from err


def _msgstrs(text: str) -> list[list[MappedText]]:
    """For each entry that is not obsolete, in order, its msgstr strings with where they came from."""
    entries: list[list[MappedText]] = []
    current: MappedText | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        keyword = _KEYWORD.match(line)
        if keyword:
            current = None
            if keyword.group(1) == "msgid":
                entries.append([])
            elif keyword.group(1).startswith("msgstr") and entries:
                current = MappedText()
                entries[-1].append(current)
            _add_literal(current, line, keyword.end(), number)
        elif line.startswith('"'):
            _add_literal(current, line, 0, number)
        else:
            current = None
    return entries


def _add_literal(mapped: MappedText | None, line: str, quote: int, number: int) -> None:
    """Append the unescaped content of the string literal starting at `line[quote]`."""
    if mapped is None:
        return
    end = line.rstrip().rfind('"')
    at = quote + 1
    while at < end:
        backslash = line.find("\\", at, end)
        stop = end if backslash == -1 else backslash
        mapped.add(line[at:stop], number, at + 1)
        if backslash == -1:
            return
        escaped = line[backslash + 1: backslash + 2]
        mapped.insert(_ESCAPES.get(escaped, escaped), number, backslash + 1)
        at = backslash + 2


register_format(Format("po", (".po", ".pot"), False, read_po))
