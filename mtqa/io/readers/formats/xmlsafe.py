"""XML read safely, and where its elements start.

Every XML input (XLIFF, TMX, feeds) first goes through defusedxml's expat parser: a document that
declares entities (a billion-laughs bomb, an external entity such as file:///etc/passwd) or refers to
an external one is refused with an InputError naming the line, so nothing is expanded, read or
fetched; malformed XML is refused the same way. The same pass records where the wanted elements
start, so readers can map text back to lines and columns.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser

from mtqa.errors import InputError
from mtqa.io.readers import decode

_DECLARED_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_EXPAT_LOCATION = re.compile(r": line \d+, column \d+$")


@dataclass(frozen=True, slots=True)
class XmlElement:
    tag: str  # "{namespace}local" or "local"
    depth: int  # 0 for the root
    offset: int  # character offset of its "<" in the decoded text
    attrib: dict[str, str]

    @property
    def local(self) -> str:
        return self.tag.rpartition("}")[2]


def decode_xml(path: str, data: bytes) -> str:
    """The document as text: UTF-16 when it starts with that byte order mark, else in the encoding it
    declares (UTF-8 when it declares none)."""
    declared = _DECLARED_ENCODING.match(data)
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    try:
        codec = codecs.lookup(encoding).name
    except LookupError as err:
        raise InputError(path, f"unknown encoding “{encoding}” in the XML declaration", line=1) from err
    if codec == "utf-8":
        return decode(data, path)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        line = 1 + data[: err.start].decode(codec, errors="replace").count("\n")
        raise InputError(path, f"not valid {encoding} (byte 0x{data[err.start]:02x})", line=line) from err


def scan_elements(path: str, text: str, wanted: Callable[[XmlElement], bool]) -> list[XmlElement]:
    """Check `text` is well-formed and harmless XML; the elements `wanted` accepts, in document order."""
    utf8 = text.encode("utf-8")
    recorder = _Recorder(wanted)
    parser = DefusedXMLParser(target=recorder, encoding="utf-8")
    recorder.expat = parser.parser
    try:
        parser.feed(utf8)
        parser.close()
    except ParseError as err:
        reason = _EXPAT_LOCATION.sub("", str(err))
        raise InputError(path, f"malformed XML: {reason} (column {err.position[1] + 1})",
                         line=err.position[0]) from err
    except DefusedXmlException as err:
        what = f"entity declarations are refused (“{err.name}”)" if isinstance(err, EntitiesForbidden) \
            else f"external references are refused (“{getattr(err, 'sysid', '')}”)"
        raise InputError(path, f"XML {what}: entities can expand without bound or read other files",
                         line=parser.parser.CurrentLineNumber) from err
    return _to_characters(recorder.found, utf8)


def element_starts(path: str, parsed: Iterable[object], scanned: list[XmlElement]) -> dict[object, int]:
    """Elements of a library's tree -> offsets of their start tags, pairing both in document order."""
    parsed = list(parsed)
    if len(parsed) != len(scanned):  # the two parsers disagree: report it rather than misplace findings
        raise InputError(path, f"cannot locate elements: {len(parsed)} parsed, {len(scanned)} found")
    return {element: found.offset for element, found in zip(parsed, scanned)}


class _Recorder:
    """An ElementTree parser target that remembers where wanted elements start and builds nothing."""

    def __init__(self, wanted: Callable[[XmlElement], bool]):
        self.wanted = wanted
        self.expat = None
        self.depth = 0
        self.found: list[XmlElement] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        element = XmlElement(tag, self.depth, self.expat.CurrentByteIndex, attrib)  # type: ignore[attr-defined]
        if self.wanted(element):
            self.found.append(element)
        self.depth += 1

    def end(self, tag: str) -> None:
        self.depth -= 1

    def data(self, data: str) -> None:
        pass

    def close(self) -> None:
        pass


def _to_characters(elements: list[XmlElement], utf8: bytes) -> list[XmlElement]:
    """The same elements with byte offsets turned into character offsets (they come in order)."""
    out, byte_at, char_at = [], 0, 0
    for element in elements:
        char_at += len(utf8[byte_at: element.offset].decode("utf-8"))
        byte_at = element.offset
        out.append(XmlElement(element.tag, element.depth, char_at, element.attrib))
    return out
