"""RSS (0.9x, 1.0, 2.0) and Atom feeds: each item's title and text as segments, HTML stripped.

feedparser reads the feed (from bytes in memory: it fetches nothing) and gives each item's metadata
and content types; the XML pass that refuses entities also says where each item's <title> and text
element start, so the stripped text maps back to the file (`Segment.source_map`). The text is the
full content (`content:encoded`, Atom `content`) when there is one, else the summary (`description`,
`summary`). Ids are the item's guid (else its link, else its number) with `#title` or `#text`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

import feedparser

from mtqa.errors import InputError
from mtqa.io.readers import Format, ReaderOptions, register_format
from mtqa.io.readers.formats.htmltext import strip_ends, strip_html
from mtqa.io.readers.formats.mapping import LineIndex, MappedText
from mtqa.io.readers.formats.xmlsafe import XmlElement, decode_xml, scan_elements
from mtqa.io.readers.formats.xmltext import element_markup, element_text
from mtqa.model import Segment

_RSS = ("", "{http://purl.org/rss/1.0/}", "{http://my.netscape.com/rdf/simple/0.9/}")  # 2.0/0.9x, 1.0, 0.90
_ATOM = ("{http://www.w3.org/2005/Atom}", "{http://purl.org/atom/ns#}")  # 1.0, 0.3
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
ITEMS = frozenset([ns + "item" for ns in _RSS] + [ns + "entry" for ns in _ATOM])
FIELDS = {
    **{ns + "title": "title" for ns in _RSS + _ATOM},
    **{ns + "description": "summary" for ns in _RSS}, **{ns + "summary": "summary" for ns in _ATOM},
    _CONTENT + "encoded": "content", **{ns + "content": "content" for ns in _ATOM},
}
ROOTS = ("rss", "RDF", "feed")


def read_feed(path: str, stream: BinaryIO, options: ReaderOptions) -> Iterator[Segment]:
    data = stream.read()
    text = decode_xml(path, data)
    # Items sit at depth 1 or 2; elements that shallow also tell where an item ends.
    elements = scan_elements(path, text, lambda e: e.depth <= 2 or e.tag in ITEMS or e.tag in FIELDS)
    index = LineIndex(text)
    if elements[0].local not in ROOTS:
        raise InputError(path, f"not an RSS or Atom feed (the root element is <{elements[0].local}>); "
                               "--input-format names another format",
                         line=index.locate(elements[0].offset)[0])
    items = _items(elements)
    # A file-like object: given a string, feedparser would take it for a URL or a file name.
    try:
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    except Exception as err:  # a parser of untrusted input may fail in any way; each is an input error
        raise InputError(path, f"not a valid feed: {err}") from err
    if len(parsed.entries) != len(items):
        raise InputError(path, f"feedparser read {len(parsed.entries)} items where the XML has {len(items)}")
    for number, (entry, fields) in enumerate(zip(parsed.entries, items), start=1):
        fields_read = dict(entry)  # the keys feedparser found, without its deprecated aliases
        key = fields_read.get("id") or fields_read.get("link") or str(number)
        meta = {name: fields_read[name] for name in ("link", "published", "updated") if fields_read.get(name)}
        if fields_read.get("id"):
            meta["guid"] = fields_read["id"]
        text_field = "content" if "content" in fields else "summary"
        for field, suffix in (("title", "title"), (text_field, "text")):
            if field not in fields:
                continue
            mapped = _field_text(index, fields[field], _content_type(entry, field))
            if not mapped.text:
                continue
            yield Segment(id=f"{key}#{suffix}", text=mapped.text, meta={"item": number, "field": field, **meta},
                          line=mapped.source_map[0][1], source_map=mapped.source_map)


def _items(elements: list[XmlElement]) -> list[dict[str, XmlElement]]:
    """Per item, its first element of each field that is a child of the item itself."""
    items: list[dict[str, XmlElement]] = []
    depth = -1
    for element in elements[1:]:
        if element.tag in ITEMS:
            items.append({})
            depth = element.depth
        elif element.depth <= depth:
            depth = -1  # past the item: a channel's <textinput> has a title too
        elif element.depth == depth + 1 and element.tag in FIELDS:
            items[-1].setdefault(FIELDS[element.tag], element)
    return items


def _content_type(entry: feedparser.FeedParserDict, field: str) -> str:
    if field == "content":
        return entry["content"][0].get("type", "text/html") if entry.get("content") else "text/html"
    detail = entry.get(f"{field}_detail")
    return detail.get("type", "text/plain") if detail else "text/plain"


def _field_text(index: LineIndex, element: XmlElement, content_type: str) -> MappedText:
    if content_type == "application/xhtml+xml":
        return strip_html(element_markup(index, element.offset))
    content = element_text(index, element.offset)
    return strip_html(content) if "html" in content_type else strip_ends(content)


register_format(Format("feed", (".rss", ".atom"), False, read_feed, utf16=True))
