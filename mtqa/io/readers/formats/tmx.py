"""TMX through translate-toolkit: a segment per translation unit (<tu>).

The source is the <tuv> in the header's `srclang` (else the first), the checked target the first
other <tuv>; its language goes to `meta["lang"]`, the unit's notes to `meta["notes"]` (with
`mtqa: ignore` read from them), its id is `tuid` or the unit's number. Inline codes as in XLIFF.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree
from translate.storage import tmx

from mtqa.errors import InputError
from mtqa.io.readers import Format, ReaderOptions, register_format
from mtqa.io.readers.formats.mapping import LineIndex
from mtqa.io.readers.formats.suppression import ignore_selectors
from mtqa.io.readers.formats.xmlsafe import decode_xml, element_starts, scan_elements
from mtqa.io.readers.formats.xmltext import LOCALISATION_CODES, element_text
from mtqa.model import Segment

_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_tmx(path: str, stream: BinaryIO, options: ReaderOptions) -> Iterator[Segment]:
    data = stream.read()
    text = decode_xml(path, data)
    elements = scan_elements(path, text, lambda e: e.depth == 0 or e.tag == "seg")
    index = LineIndex(text)
    if elements[0].tag != "tmx":
        raise InputError(path, f"not a TMX file (the root element is <{elements[0].tag}>)",
                         line=index.locate(elements[0].offset)[0])
    try:
        store = tmx.tmxfile.parsestring(data)
    except Exception as err:  # a parser of untrusted input may fail in any way; each is an input error
        raise InputError(path, f"not a valid TMX file: {err}") from err
    starts = element_starts(path, store.document.getroot().iter("seg"), elements[1:])
    source_lang = (store.getsourcelanguage() or "").lower()
    for number, unit in enumerate(store.units, start=1):
        variants = unit.xmlelement.findall("tuv")
        source = next((v for v in variants if _lang(v) == source_lang), variants[0] if variants else None)
        target = next((v for v in variants if v is not source), None)
        if target is None or target.find("seg") is None:
            continue
        mapped = element_text(index, starts[target.find("seg")], LOCALISATION_CODES)
        if not mapped.text.strip():
            continue
        notes = [n.text for n in unit.xmlelement.iter("note") if n.text]
        meta: dict[str, object] = {"lang": target.get(_LANG) or target.get("lang")}
        if notes:
            meta["notes"] = "\n".join(notes)
        selectors = ignore_selectors(notes)
        if selectors is not None:
            meta["mtqa_ignore"] = selectors
        source_seg = None if source is None else source.find("seg")
        yield Segment(
            id=unit.xmlelement.get("tuid") or str(number),
            text=mapped.text,
            src=None if source_seg is None else element_text(index, starts[source_seg], LOCALISATION_CODES).text,
            meta=meta,
            line=mapped.source_map[0][1],
            source_map=mapped.source_map,
        )


def _lang(variant: etree._Element) -> str:
    return (variant.get(_LANG) or variant.get("lang") or "").lower()


register_format(Format("tmx", (".tmx",), False, read_tmx, utf16=True))
