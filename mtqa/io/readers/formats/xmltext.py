"""The text content of one XML element, mapped character by character back to the file.

Entity and character references are decoded, CDATA sections kept, comments and processing
instructions dropped, "\\r\\n" read as "\\n". Inline elements follow an `InlineCodes` policy: a
placeholder becomes one U+FFFC OBJECT REPLACEMENT CHARACTER standing at the tag, hidden elements
(native code) vanish with their content, any other element vanishes and leaves its content.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from mtqa.io.readers.formats.mapping import LineIndex, MappedText

PLACEHOLDER = "\ufffc"

_START_TAG = re.compile(r"""<[^\s/>]+(?:[^>"']|"[^"]*"|'[^']*')*?(/?)>""")
_TOKEN = re.compile(
    r"""<!\[CDATA\[(?P<cdata>.*?)\]\]>|<!--.*?-->|<\?.*?\?>"""
    r"""|<(?P<close>/)?(?P<name>[^\s/>]+)(?:[^>"']|"[^"]*"|'[^']*')*?(?P<empty>/)?>"""
    r"""|(?P<ref>&#?\w+;)""",
    re.DOTALL,
)


@dataclass(frozen=True)
class InlineCodes:
    placeholders: frozenset[str] = frozenset()  # local names shown as one U+FFFC
    hidden: frozenset[str] = frozenset()  # local names dropped with their content


def element_text(index: LineIndex, start: int, codes: InlineCodes = InlineCodes()) -> MappedText:
    """The content of the element whose start tag begins at offset `start` of `index.text`."""
    text = index.text
    out = MappedText()
    tag = _START_TAG.match(text, start)
    if tag is None or tag.group(1):  # an empty element such as <target/>
        return out
    depth, hidden_at, at = 0, None, tag.end()
    for token in _TOKEN.finditer(text, at):
        if hidden_at is None:
            out.add_span(text[at: token.start()], at, index)
        at = token.end()
        if token.group("name"):
            local = token.group("name").rpartition(":")[2]
            if token.group("close"):
                if depth == 0:
                    return out
                depth -= 1
                if hidden_at == depth:
                    hidden_at = None
                continue
            if hidden_at is None and local in codes.placeholders:
                out.insert(PLACEHOLDER, *index.locate(token.start()))
            if token.group("empty"):
                continue
            if hidden_at is None and (local in codes.hidden or local in codes.placeholders):
                hidden_at = depth
            depth += 1
        elif hidden_at is not None:
            continue
        elif token.group("cdata") is not None:
            out.add_span(token.group("cdata"), token.start("cdata"), index)
        elif token.group("ref"):
            out.insert(html.unescape(token.group("ref")), *index.locate(token.start()))
    return out



def element_markup(index: LineIndex, start: int) -> MappedText:
    """The content of the element starting at offset `start`, markup and references left as they are
    (for embedded XHTML, which is then read as HTML)."""
    text = index.text
    out = MappedText()
    tag = _START_TAG.match(text, start)
    if tag is None or tag.group(1):
        return out
    depth = 0
    for token in _TOKEN.finditer(text, tag.end()):
        if token.group("name") and not token.group("empty"):
            if not token.group("close"):
                depth += 1
            elif depth == 0:
                out.add_span(text[tag.end(): token.start()], tag.end(), index)
                return out
            else:
                depth -= 1
    return out

# XLIFF 1.2, XLIFF 2.0 and TMX inline codes. Placeholders stand for content (a variable, an image);
# paired and isolated codes only carry native formatting, so the text reads as if they were not there.
LOCALISATION_CODES = InlineCodes(
    placeholders=frozenset({"x", "ph", "cp"}),
    hidden=frozenset({"bpt", "ept", "it", "ut", "bx", "ex", "sc", "ec", "sm", "em"}),
)
