"""XLIFF 1.2 and 2.0 through translate-toolkit: a segment per translation unit (2.0: per <segment>).

The target is checked, the source kept in `src`, notes in `meta["notes"]` (and `mtqa: ignore` in
them in `meta["mtqa_ignore"]`), the target's state in `meta["state"]`. Units without a target are
skipped. Inline codes follow `LOCALISATION_CODES` (see mtqa.io.readers.formats.xmltext).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from translate.storage import xliff, xliff2

from mtqa.errors import InputError
from mtqa.io.readers import Format, ReaderOptions, register_format
from mtqa.io.readers.formats.mapping import LineIndex
from mtqa.io.readers.formats.suppression import ignore_selectors
from mtqa.io.readers.formats.xmlsafe import decode_xml, element_starts, scan_elements
from mtqa.io.readers.formats.xmltext import LOCALISATION_CODES, element_text
from mtqa.model import Segment


def read_xliff(path: str, stream: BinaryIO, options: ReaderOptions) -> Iterator[Segment]:
    data = stream.read()
    text = decode_xml(path, data)
    elements = scan_elements(path, text, lambda e: e.depth == 0 or e.local in ("source", "target"))
    root = elements[0]
    index = LineIndex(text)
    if root.local != "xliff":
        raise InputError(path, f"not an XLIFF file (the root element is <{root.local}>)",
                         line=index.locate(root.offset)[0])
    namespace = root.tag[: -len(root.local)]
    version2 = root.attrib.get("version", "1.2").startswith("2")
    store = _parse(path, data, version2)
    source_tag, target_tag = namespace + "source", namespace + "target"
    starts = element_starts(path, store.document.getroot().iter(source_tag, target_tag),
                            [e for e in elements if e.tag in (source_tag, target_tag)])
    for unit in store.units:
        target = unit.xmlelement.find(target_tag)
        if target is None:
            continue
        mapped = element_text(index, starts[target], LOCALISATION_CODES)
        if not mapped.text.strip():
            continue
        source = unit.xmlelement.find(source_tag)
        notes = _notes(unit, namespace) if version2 else [n for n in unit.getnotes().split("\n") if n]
        meta: dict[str, object] = {}
        if notes:
            meta["notes"] = "\n".join(notes)
        selectors = ignore_selectors(notes)
        if selectors is not None:
            meta["mtqa_ignore"] = selectors
        state = (unit.xmlelement if version2 else target).get("state")
        if state:
            meta["state"] = state
        yield Segment(
            id=unit.getid().rpartition("\x04")[2],
            text=mapped.text,
            src=None if source is None else element_text(index, starts[source], LOCALISATION_CODES).text,
            meta=meta,
            line=mapped.source_map[0][1],
            source_map=mapped.source_map,
        )


def _parse(path: str, data: bytes, version2: bool) -> xliff.xlifffile:
    store_class = xliff2.Xliff2File if version2 else xliff.xlifffile
    try:
        return store_class.parsestring(data)
    except Exception as err:  # a parser of untrusted input may fail in any way; each is an input error
        raise InputError(path, f"not a valid XLIFF {'2' if version2 else '1.2'} file: {err}") from err


def _notes(unit: xliff2.Xliff2Unit, namespace: str) -> list[str]:
    """XLIFF 2 keeps notes on the <unit> around the <segment> translate-toolkit calls a unit."""
    parent = unit.xmlelement.getparent()
    return [note.text for note in parent.iter(namespace + "note") if note.text]


register_format(Format("xliff", (".xlf", ".xliff"), False, read_xliff, utf16=True))
