"""Subtitle cue text: the cue's lines joined with "\\n", styling tags dropped, each character mapped back."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import BinaryIO

from mtqa.io.readers import iter_lines
from mtqa.io.readers.formats.mapping import MappedText


def cue_text(lines: list[tuple[int, str]], markup: re.Pattern[str], entities: bool) -> MappedText:
    """The text of a cue from its (line number, line) pairs; `markup` matches what is dropped.

    With `entities`, character references (`&amp;`, `&lrm;`) are decoded (WebVTT has them, SRT not).
    """
    out = MappedText()
    for index, (number, line) in enumerate(lines):
        if index:
            previous_number, previous = lines[index - 1]
            out.add("\n", previous_number, len(previous) + 1)
        at = 0
        for token in markup.finditer(line):
            out.add(line[at:token.start()], number, at + 1)
            if entities and token.group().startswith("&"):
                out.insert(html.unescape(token.group()), number, token.start() + 1)
            at = token.end()
        out.add(line[at:], number, at + 1)
    return out


def blocks(path: str, stream: BinaryIO) -> Iterator[list[tuple[int, str]]]:
    """Runs of non-blank lines, as (line number, line) pairs, read lazily."""
    block: list[tuple[int, str]] = []
    for number, line in iter_lines(path, stream):
        if line.strip():
            block.append((number, line))
        elif block:
            yield block
            block = []
    if block:
        yield block
