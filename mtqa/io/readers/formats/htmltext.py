"""Readable text of an HTML fragment, every character mapped back to the file.

The standard library's html.parser finds tags and references. Tags vanish; paragraph-level elements
leave a blank line ("\\n\\n"), line-level ones (`<br>`, `<li>`, cells) a newline; runs of HTML white
space become one space; entities are decoded; script and style are dropped with their content.
Inserted separators map to the tag or the first white-space character that caused them.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from mtqa.io.readers.formats.mapping import MappedText

PARAGRAPH = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl",
                       "table", "section", "article", "header", "footer", "aside", "figure", "hr"})
LINE = frozenset({"br", "li", "tr", "td", "th", "dt", "dd", "figcaption"})
DROPPED = frozenset({"script", "style", "template"})
_WHITE_SPACE = re.compile(r"[ \t\n\r\f]+")
_STRENGTH = {" ": 1, "\n": 2, "\n\n": 3}


def strip_html(source: MappedText) -> MappedText:
    """`source` read as HTML: its text without markup, mapped to where `source` came from."""
    stripper = _Stripper(source)
    stripper.feed(source.text)
    stripper.close()
    return stripper.out


def strip_ends(source: MappedText) -> MappedText:
    """`source` without leading and trailing white space."""
    text = source.text
    out = MappedText()
    start = len(text) - len(text.lstrip())
    out.copy_from(source, start, max(start, len(text.rstrip())))
    return out


class _Stripper(HTMLParser):
    def __init__(self, source: MappedText):
        super().__init__(convert_charrefs=False)
        self.source = source
        # html.parser counts only "\n" as a line break (a decoded &#13; may leave a "\r" in the text)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source.text)]
        self.out = MappedText()
        self.pending: tuple[str, int] | None = None  # a separator waiting for the next visible text
        self.dropping = 0

    def _here(self) -> int:
        line, column = self.getpos()  # html.parser counts lines from 1 and columns from 0
        return self.line_starts[line - 1] + column

    def _separate(self, separator: str, at: int) -> None:
        if len(self.out) and (self.pending is None or _STRENGTH[separator] > _STRENGTH[self.pending[0]]):
            self.pending = (separator, at if self.pending is None else self.pending[1])

    def _flush(self) -> None:
        if self.pending is None:
            return
        separator, at = self.pending
        if separator == " " and self.source.text[at] == " ":  # a plain space is copied, keeping the run whole
            self.out.copy_from(self.source, at, at + 1)
        else:
            self.out.insert(separator, *self.source.origin(at))
        self.pending = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROPPED:
            self.dropping += 1
        elif tag in PARAGRAPH:
            self._separate("\n\n", self._here())
        elif tag in LINE:
            self._separate("\n", self._here())

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in DROPPED:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif tag in PARAGRAPH:
            self._separate("\n\n", self._here())

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        start = self._here()
        at = 0
        for space in _WHITE_SPACE.finditer(data):
            self._visible(start + at, start + space.start())
            self._separate(" ", start + space.start())
            at = space.end()
        self._visible(start + at, start + len(data))

    def _visible(self, start: int, end: int) -> None:
        if start < end:
            self._flush()
            self.out.copy_from(self.source, start, end)

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")

    def _reference(self, reference: str) -> None:
        if self.dropping:
            return
        at = self._here()
        decoded = html.unescape(reference)
        if decoded.isspace() and decoded != "\xa0":
            self._separate(" ", at)
            return
        self._flush()
        self.out.insert(decoded, *self.source.origin(at))
