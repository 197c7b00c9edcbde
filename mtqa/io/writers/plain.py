"""Line-oriented outputs: GitHub Actions annotations, one line per finding, Google's MQM viewer TSV."""

from __future__ import annotations

from typing import TextIO

from mtqa.io.locations import location
from mtqa.io.writers import RunInfo
from mtqa.io.writers.terminal import printable
from mtqa.model import Finding, Segment, SegmentResult
from mtqa.scoring.mqm import mqm_category

_GITHUB_LEVEL = {"minor": "notice", "major": "warning", "critical": "error"}


def _escape_github(value: str, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    value = printable(value)  # CI logs interpret ANSI escapes as a terminal would
    return value.replace(":", "%3A").replace(",", "%2C") if property_value else value


class _LinePerFinding:
    """A writer that prints one line per finding as results stream by."""

    def __init__(self, out: TextIO, run: RunInfo):
        self.out = out

    def line(self, path: str, segment: Segment, finding: Finding) -> str:
        raise NotImplementedError

    def document(self, path: str, results: list[SegmentResult]) -> None:
        for result in results:
            for finding in result.findings:
                self.out.write(self.line(path, result.segment, finding) + "\n")
        self.out.flush()

    def finish(self, summary: dict) -> None:
        pass


class GithubWriter(_LinePerFinding):
    """`::warning file=...,line=...,col=...::message` workflow commands."""

    def line(self, path: str, segment: Segment, finding: Finding) -> str:
        line, column = location(segment, finding.start)
        end_line, end_column = location(segment, finding.end)
        title = _escape_github(f"{finding.rule} {finding.name}", True)
        props = f"file={_escape_github(path, True)},line={line},col={column},endLine={end_line}," \
                f"endColumn={end_column},title={title}"
        return f"::{_GITHUB_LEVEL[finding.severity.value]} {props}::{_escape_github(finding.message)}"


class ConciseWriter(_LinePerFinding):
    """`path:line:col: CODE [severity] message`, one line per finding, for grep and editors."""

    def line(self, path: str, segment: Segment, finding: Finding) -> str:
        line, column = location(segment, finding.start)
        message = printable(finding.message.replace("\r", " ").replace("\n", " "))
        return f"{printable(path)}:{line}:{column}: {finding.rule} [{finding.severity.value}] {message}"


class MqmTsvWriter:
    """Google's MQM viewer format: system, doc, docSegId, globalSegId, rater, source, target, category,
    severity, with the error span marked in the target by <v>...</v>. One row per finding, one row
    with category "No-error" for a segment without findings."""

    COLUMNS = ("system", "doc", "docSegId", "globalSegId", "rater", "source", "target", "category", "severity")

    def __init__(self, out: TextIO, run: RunInfo):
        self.out = out
        self.global_id = 0
        out.write("\t".join(self.COLUMNS) + "\n")

    def document(self, path: str, results: list[SegmentResult]) -> None:
        for doc_index, result in enumerate(results, start=1):
            self.global_id += 1
            segment = result.segment
            system = str(segment.meta.get("system", "mt"))
            base = [system, path, str(doc_index), str(self.global_id), "mtqa", _tsv(segment.src or "")]
            if not result.findings:
                self.out.write("\t".join([*base, _tsv(segment.text), "No-error", "No-error"]) + "\n")
            for f in result.findings:
                marked = segment.text[: f.start] + "<v>" + segment.text[f.start:f.end] + "</v>" + segment.text[f.end:]
                self.out.write("\t".join([*base, _tsv(marked), mqm_category(f.category),
                                          f.severity.value.capitalize()]) + "\n")
        self.out.flush()

    def finish(self, summary: dict) -> None:
        pass


def _tsv(value: str) -> str:
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")
