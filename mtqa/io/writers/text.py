"""Findings for people, in the manner of ruff: location, code, message, the line with the span underlined, the fix."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from mtqa.io.locations import location
from mtqa.io.writers.terminal import printable
from mtqa.model import Finding, Segment, SegmentResult
from mtqa.nlp.tokens import last_line_start

_COLOURS = {"critical": "\x1b[1;35m", "major": "\x1b[1;31m", "minor": "\x1b[33m"}
_BOLD, _DIM, _CYAN, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[36m", "\x1b[0m"
CONTEXT = 60  # characters shown either side of a span in a long paragraph


class TextWriter:
    def __init__(self, out: TextIO, colour: bool):
        self.out = out
        self.colour = colour

    def _c(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.colour else text

    def write_document(self, path: str, results: Iterable[SegmentResult]) -> None:
        for result in results:
            for finding in result.findings:
                self._write_finding(path, result.segment, finding)

    def _write_finding(self, path: str, segment: Segment, finding: Finding) -> None:
        line, column = location(segment, finding.start)
        severity = finding.severity.value
        head = f"{self._c(_BOLD, printable(f'{path}:{line}:{column}:'))} " \
               f"{self._c(_COLOURS[severity], finding.rule)} [{severity}] {printable(finding.message)}"
        print(head, file=self.out)
        snippet, caret_at = _snippet(segment.text, finding.start, finding.end)
        width = max(1, min(finding.end, len(segment.text)) - finding.start)
        print(self._c(_DIM, "   | ") + printable(snippet), file=self.out)
        print(self._c(_DIM, "   | ") + " " * caret_at + self._c(_COLOURS[severity], "^" * min(width, 100)),
              file=self.out)
        for fix in finding.fixes:
            after = _snippet(fix.apply(segment.text), finding.start, finding.start)[0]
            print(f"   = {self._c(_CYAN, f'fix ({fix.applicability.value})')}: {printable(fix.description)}: "
                  f"{printable(after)}", file=self.out)
        print(file=self.out)

    def write_summary(self, summary: dict) -> None:
        counts = summary["by_severity"]
        total = summary["findings"]
        tail = ", ".join(f"{counts[k]} {k}" for k in ("critical", "major", "minor") if counts[k])
        segments = summary["segments"]
        score = f"; mean score {summary['mean_score']}" if summary["mean_score"] is not None else ""
        fluency = f", mean fluency {summary['mean_fluency']}" if summary.get("mean_fluency") is not None else ""
        if summary.get("mean_quality") is not None:
            fluency += f", mean quality {summary['mean_quality']}"
        line = f"Found {total} finding{'s' if total != 1 else ''}" + (f" ({tail})" if tail else "") + \
               f" in {segments} segment{'s' if segments != 1 else ''}{score}{fluency}."
        print(self._c(_BOLD, line), file=self.out)
        mqm = summary.get("mqm") or {}
        if mqm.get("per_1000_words") is not None:
            print(f"MQM: penalty {mqm['penalty']:g} over {mqm['words']} words = {mqm['per_1000_words']} per 1,000 "
                  f"words; MQM score {mqm['score']}.", file=self.out)
        for name, score in (summary.get("reference") or {}).items():
            if isinstance(score, dict) and "score" in score:
                interval = f" ± {score['ci95']}" if "ci95" in score else ""
                print(f"{name.upper()}: {score['score']}{interval}  ({score['signature']})", file=self.out)


def _snippet(text: str, start: int, end: int) -> tuple[str, int]:
    """The line of `text` around [start, end), clipped to CONTEXT characters each side, and the caret column."""
    line_start = last_line_start(text, start)
    breaks = [at for at in (text.find("\n", end), text.find("\r", end)) if at != -1]
    line_end = min(breaks) if breaks else len(text)
    left = max(line_start, start - CONTEXT)
    right = min(line_end, max(end, start) + CONTEXT)
    prefix = "…" if left > line_start else ""
    suffix = "…" if right < line_end else ""
    return prefix + text[left:right] + suffix, len(prefix) + start - left
