"""MT5xx: punctuation and spacing that English typography does not allow."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mtqa.model import Severity
from mtqa.nlp.tokens import is_abbreviation_end
from mtqa.rules._helpers import replace_fix
from mtqa.rules.context import SegmentContext
from mtqa.rules.registry import FixAvailability, Match, rule

_PAIRS = {"(": ")", "[": "]", "{": "}", "“": "”"}
_ENUMERATOR_RE = re.compile(r"\s*(?:[A-Za-z]|\d{1,3}|[ivxIVX]{1,4})\)")  # "c) Beauty is ...": a list item


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


@rule("MT501", "unbalanced-pair", category="fluency/punctuation", severity=Severity.MINOR,
      fix=FixAvailability.NEVER)
def find_unbalanced_pairs(ctx: SegmentContext) -> Iterator[Match]:
    """An opening bracket or quote without its closing partner, or the reverse.

    ## What it flags
    Unmatched (), [], {}, curly double quotes “”, and an odd number of straight double quotes.
    Apostrophes and single quotes are not counted: they double as apostrophes.

    ## Why is this bad?
    MT drops or duplicates quote marks when it reorders clauses; the reader cannot tell
    where a quotation ends.

    ## Example
    He said “we will not yield.  ->  He said “we will not yield.”

    ## Fix safety
    No automatic fix: where the partner belongs is a judgement.
    """
    text = ctx.text
    stack: list[int] = []
    closers = {v: k for k, v in _PAIRS.items()}
    for i, char in enumerate(text):
        if char in _PAIRS:
            stack.append(i)
        elif char in closers:
            if stack and text[stack[-1]] == closers[char]:
                stack.pop()
            elif not _ENUMERATOR_RE.match(text, _line_start(text, i), i + 1):
                yield Match(i, i + 1, f"“{char}” closes nothing")
    for i in stack:
        yield Match(i, i + 1, f"“{text[i]}” is never closed")
    straight = [m.start() for m in re.finditer('"', text)]
    if len(straight) % 2:
        yield Match(straight[-1], straight[-1] + 1, "Odd number of straight double quotes")


_DOUBLED_RE = re.compile(r"([,;:])\1+|(?<!\.)\.\.(?!\.)|[,;:]\.(?!\.)|\.[,;:]|,[;:]|[;:],")


@rule("MT502", "doubled-punctuation", category="fluency/punctuation", severity=Severity.MINOR,
      fix=FixAvailability.ALWAYS)
def find_doubled_punctuation(ctx: SegmentContext) -> Iterator[Match]:
    """Two punctuation marks where one belongs.

    ## What it flags
    Repeated commas, semicolons or colons (",,"), two full stops (an ellipsis of three is fine),
    and clashing pairs such as ",." or ".,".

    ## Why is this bad?
    MT and post-processing glue punctuation from the source onto punctuation of their own.

    ## Example
    He agreed,, and left..  ->  He agreed, and left.

    ## Fix safety
    Keeping the last mark (or the first, for a doubled mark) is safe.
    """
    for match in _DOUBLED_RE.finditer(ctx.text):
        marks = match.group()
        if marks[0] == "." and marks != ".." and is_abbreviation_end(ctx.text, match.start()):
            continue  # "Andrew Jackson Jr., the president": the period closes an abbreviation
        keep = marks[0] if len(set(marks)) == 1 else marks[-1] if marks[-1] == "." else marks[0]
        yield Match(match.start(), match.end(), f"“{marks}” doubles the punctuation",
                    (replace_fix(match.start(), match.end(), keep, f"Write “{keep}”"),))


_SPACE_BEFORE_RE = re.compile(r"(?<=\S)[ \t\u00a0]+(?=[,.;:!?%)\]](?:\s|$|[\"”’)]))|(?<=[(\[])[ \t]+(?=\S)")


@rule("MT503", "space-before-punctuation", category="fluency/punctuation", severity=Severity.MINOR,
      fix=FixAvailability.ALWAYS)
def find_space_before_punctuation(ctx: SegmentContext) -> Iterator[Match]:
    """A space before a comma, full stop, colon, semicolon, question or exclamation mark.

    ## What it flags
    Whitespace before , . ; : ! ? % ) ] and after ( [, as tokenised MT output and French
    typography leave it. An ellipsis after a space and numbers such as “.5” are not flagged.

    ## Why is this bad?
    English puts no space there; tokenised output looks machine-made.

    ## Example
    The system , which works .  ->  The system, which works.

    ## Fix safety
    Deleting the space is safe.
    """
    for match in _SPACE_BEFORE_RE.finditer(ctx.text):
        before, after = ctx.text[match.start() - 1], ctx.text[match.end()]
        where = f"after “{before}”" if before in "([" else f"before “{after}”"
        yield Match(match.start(), match.end(), f"Space {where}",
                    (replace_fix(match.start(), match.end(), "", "Delete the space"),))


@rule("MT504", "doubled-space", category="fluency/typography", severity=Severity.MINOR,
      fix=FixAvailability.ALWAYS)
def find_doubled_spaces(ctx: SegmentContext) -> Iterator[Match]:
    """Two or more spaces between words.

    ## What it flags
    Runs of spaces inside a line (not indentation, not line ends).

    ## Why is this bad?
    A sign of a dropped word or of sloppy post-processing; it also breaks exact matching downstream.

    ## Example
    The  meeting was useful.  ->  The meeting was useful.

    ## Fix safety
    Replacing the run by one space is safe.
    """
    for match in re.finditer(r"(?<=\S) {2,}(?=\S)", ctx.text):
        yield Match(match.start(), match.end(), "Several spaces in a row",
                    (replace_fix(match.start(), match.end(), " ", "Use one space"),))
