"""SubRip (.srt) subtitles: a segment per cue, its id the cue number, its line the first text line.

Styling that players honour (`<i>`, `<b>`, `<u>`, `<font ...>`, `{\\an8}`) is dropped from the text;
the cue's times go to `meta["start"]` and `meta["end"]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from mtqa.errors import InputError
from mtqa.io.readers import Format, ReaderOptions, register_format
from mtqa.io.readers.formats.cuetext import blocks, cue_text
from mtqa.model import Segment

_TIMING = re.compile(r"\s*(\d+:\d\d:\d\d[,.]\d{1,3})\s*-->\s*(\d+:\d\d:\d\d[,.]\d{1,3})")
_MARKUP = re.compile(r"</?(?:i|b|u|s|font)\b[^>]*>|\{\\[^}]*\}", re.IGNORECASE)


def read_srt(path: str, stream: BinaryIO, options: ReaderOptions) -> Iterator[Segment]:
    for ordinal, block in enumerate(blocks(path, stream), start=1):
        number, first = block[0]
        identifier = str(ordinal)
        if "-->" not in first:
            if not first.strip().isdigit():
                raise InputError(path, f"expected a cue number or a timing line, not “{first.strip()[:40]}”",
                                 line=number)
            identifier = first.strip()
            block = block[1:]
        timing = _TIMING.match(block[0][1]) if block else None
        if timing is None:
            raise InputError(path, "expected a timing line such as “00:00:01,000 --> 00:00:03,500”",
                             line=block[0][0] if block else number)
        mapped = cue_text(block[1:], _MARKUP, entities=False)
        if not mapped.text.strip():
            continue
        yield Segment(id=identifier, text=mapped.text, meta={"start": timing.group(1), "end": timing.group(2)},
                      line=block[1][0], source_map=mapped.source_map)


register_format(Format("srt", (".srt",), False, read_srt))
