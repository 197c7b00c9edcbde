"""`.xml` files: read as the format their root element names (a feed, XLIFF or TMX)."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from typing import BinaryIO

from mtqa.errors import InputError
from mtqa.io.readers import FORMATS, Format, ReaderOptions, register_format
from mtqa.model import Segment

_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)
_ROOT = re.compile(r"<(?![?!])(?:[\w.-]+:)?([\w.-]+)")
BY_ROOT = {"rss": "feed", "RDF": "feed", "feed": "feed", "xliff": "xliff", "tmx": "tmx"}


def read_xml(path: str, stream: BinaryIO, options: ReaderOptions) -> Iterator[Segment]:
    data = stream.read()
    head = data[:4096]
    wide = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    root = _ROOT.search(_COMMENTS.sub("", head.decode("utf-16" if wide else "utf-8", errors="ignore")))
    name = BY_ROOT.get(root.group(1)) if root else None
    if name is None:
        found = f"<{root.group(1)}>" if root else "no element"
        raise InputError(path, f"cannot tell the format of this XML from its root ({found}); "
                               f"pass --input-format (one of {', '.join(sorted(set(BY_ROOT.values())))})")
    return FORMATS[name].read(path, io.BytesIO(data), options)


register_format(Format("xml", (".xml",), False, read_xml, utf16=True))
