"""WebVTT (.vtt) subtitles: a segment per cue, its id the cue identifier (else its number).

Cue tags (`<v Speaker>`, `<i>`, `<c.loud>`, `<00:01.500>`) are dropped and character references
decoded. A `NOTE` block just before a cue that says `mtqa: ignore [CODES]` suppresses findings in
that cue. Times go to `meta["start"]` and `meta["end"]`, the speaker of `<v>` to `meta["voice"]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from mtqa.errors import InputError
from mtqa.io.readers import Format, ReaderOptions, register_format
from mtqa.io.readers.formats.cuetext import blocks, cue_text
from mtqa.io.readers.formats.suppression import ignore_selectors
from mtqa.model import Segment

_TIMING = re.compile(r"\s*((?:\d+:)?\d\d:\d\d\.\d{3})\s+-->\s+((?:\d+:)?\d\d:\d\d\.\d{3})")
_MARKUP = re.compile(r"<[^>\n]*>|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]+);")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")


def read_webvtt(path: str, stream: BinaryIO, options: ReaderOptions) -> Iterator[Segment]:
    cues = blocks(path, stream)
    header = next(cues, None)
    if header is None or not re.match(r"WEBVTT(?:[ \t]|$)", header[0][1]):
        raise InputError(path, "not WebVTT: the first line must be “WEBVTT”", line=header[0][0] if header else 1)
    ordinal, ignore = 0, None
    for block in cues:
        keyword = block[0][1].split(maxsplit=1)[0] if block[0][1].strip() else ""
        if keyword in ("NOTE", "STYLE", "REGION"):
            if keyword == "NOTE":
                ignore = ignore_selectors(line for _, line in block)
            continue
        ordinal += 1
        identifier, number = str(ordinal), block[0][0]
        if "-->" not in block[0][1]:
            identifier = block[0][1].strip()
            block = block[1:]
        timing = _TIMING.match(block[0][1]) if block else None
        if timing is None:
            raise InputError(path, "expected a timing line such as “00:01.000 --> 00:03.500”",
                             line=block[0][0] if block else number)
        meta: dict[str, object] = {"start": timing.group(1), "end": timing.group(2)}
        voice = _VOICE.search(" ".join(line for _, line in block[1:]))
        if voice:
            meta["voice"] = voice.group(1).strip()
        if ignore is not None:
            meta["mtqa_ignore"] = ignore
            ignore = None
        mapped = cue_text(block[1:], _MARKUP, entities=True)
        if mapped.text.strip():
            yield Segment(id=identifier, text=mapped.text, meta=meta, line=block[1][0], source_map=mapped.source_map)


register_format(Format("webvtt", (".vtt",), False, read_webvtt))
