"""Sentence and token segmentation of English text with exact character offsets.

Every span is a pair of Python string indices into the original text, so `text[span.start:span.end]`
is always the surface the span stands for. Nothing here normalises or copies the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Token(Span):
    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def lower(self) -> str:
        return self.text.lower()


# Words with internal hyphens or apostrophes stay one token ("business-like", "Macron’s", "don't");
# numbers keep their separators ("100,000", "3.5"); everything else is one character per token.
_TOKEN_RE = re.compile(
    r"\d+(?:[.,:]\d+)*(?:st|nd|rd|th|s|%)?"
    r"|\w+(?:[-'’]\w+)*"
    r"|\S",
)

ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "col", "lt", "sgt", "capt", "cpt", "maj", "adm", "gov", "sen", "rep", "rev", "hon", "pres", "vs", "etc", "e.g", "i.e", "cf", "al", "approx", "dept", "est", "inc", "ltd", "co", "corp", "no", "nos", "vol", "p", "pp", "fig", "eq", "ch", "sec", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "a.m", "p.m", "u.s", "u.k", "u.n", "e.u", "d.c"]
)

_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"'”’»)\]]*")
_NEXT_STARTS_SENTENCE_RE = re.compile(r"\s+[\"'“‘«(\[]*[A-Z0-9À-ÖØ-Þ]")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of `text[start:end]`, with offsets into the whole of `text`."""
    end = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text, start, end)]


def is_abbreviation_end(text: str, dot: int) -> bool:
    """True when the period at `dot` closes an abbreviation or an initial, not a sentence."""
    word_start = dot
    while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    if not word:
        return False
    if word in ABBREVIATIONS:
        return True
    # Initials: "J. K. Rowling", "U.S." (single letters separated by periods).
    return all(len(part) == 1 for part in word.split(".") if part) and word.replace(".", "").isalpha() \
        and text[dot - 1].isupper()


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of `text[start:end]`, leading and trailing whitespace excluded.

    A boundary is sentence-final punctuation (with closing quotes or brackets) followed by
    whitespace and a capital, digit or opening quote, unless the period closes an abbreviation
    or an initial. A period that cuts a clause in two ("the presidency. Volodymyr Zelensky with.")
    does end a sentence here on purpose: the fragment after it is what structure rules look at.
    """
    end = len(text) if end is None else end
    sentences: list[Span] = []
    cursor = start
    for match in _SENTENCE_END_RE.finditer(text, start, end):
        boundary = match.end()
        if not _NEXT_STARTS_SENTENCE_RE.match(text, boundary, end):
            continue
        if match.group()[0] == "." and len(match.group().rstrip("\"'”’»)]")) == 1 \
                and is_abbreviation_end(text, match.start()):
            continue
        _append_trimmed(text, cursor, boundary, sentences)
        cursor = boundary
    _append_trimmed(text, cursor, end, sentences)
    return sentences


def _append_trimmed(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Span(start, end, text[start:end]))


_BREAK = r"(?:\r\n|\r(?!\n)|\n)"  # a CRLF is one break: never split into a CR and an LF when backtracking
_BLANK_LINES = re.compile(_BREAK + r"[ \t]*" + _BREAK + r"\s*")


def count_lines(text: str, start: int = 0, end: int | None = None) -> int:
    """Line breaks in `text[start:end]`: a CRLF is one, a lone CR is one."""
    end = len(text) if end is None else end
    return text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)


def last_line_start(text: str, end: int) -> int:
    """Where the line holding `text[end]` starts (after the last LF or lone CR before `end`)."""
    return max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1


def paragraphs(text: str) -> list[Span]:
    """Blocks of text separated by one or more blank lines, trimmed, with offsets."""
    spans: list[Span] = []
    cursor = 0
    for match in _BLANK_LINES.finditer(text):
        _append_trimmed(text, cursor, match.start(), spans)
        cursor = match.end()
    _append_trimmed(text, cursor, len(text), spans)
    return spans
