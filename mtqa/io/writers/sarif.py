"""SARIF 2.1.0 for code-scanning dashboards: rules with their documentation, results with regions and fixes."""

from __future__ import annotations

import json
from typing import Any, TextIO

from mtqa.baseline import fingerprint
from mtqa.io.locations import location
from mtqa.io.writers import RunInfo
from mtqa.model import Finding, Fix, Segment, SegmentResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"minor": "note", "major": "warning", "critical": "error"}


class SarifWriter:
    def __init__(self, out: TextIO, run: RunInfo):
        self.out = out
        self.run = run
        self.rule_index = {r.code: i for i, r in enumerate(run.rules)}
        self.results: list[dict[str, Any]] = []
        self.artifacts: list[str] = []

    def document(self, path: str, results: list[SegmentResult]) -> None:
        uri = path.replace("\\", "/")
        if uri not in self.artifacts:
            self.artifacts.append(uri)
        for result in results:
            for finding in result.findings:
                self.results.append(self._result(uri, result.segment, finding))

    def _region(self, segment: Segment, start: int, end: int) -> dict[str, Any]:
        start_line, start_column = location(segment, start)
        end_line, end_column = location(segment, end)
        return {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}

    def _result(self, uri: str, segment: Segment, finding: Finding) -> dict[str, Any]:
        region = self._region(segment, finding.start, finding.end)
        region["snippet"] = {"text": finding.text}
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": LEVELS[finding.severity.value],
            "message": {"text": finding.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri, "index": self.artifacts.index(uri)},
                                                "region": region}}],
            "partialFingerprints": {"mtqaFinding/v1": fingerprint(segment, finding)},
            "properties": {"severity": finding.severity.value, "category": finding.category,
                           "segmentId": segment.id},
        }
        if finding.rule in self.rule_index:
            result["ruleIndex"] = self.rule_index[finding.rule]
        if finding.fixes:
            result["fixes"] = [self._fix(uri, segment, fix) for fix in finding.fixes]
        return result

    def _fix(self, uri: str, segment: Segment, fix: Fix) -> dict[str, Any]:
        replacements = [{"deletedRegion": self._region(segment, e.start, e.end),
                         "insertedContent": {"text": e.replacement}} for e in fix.edits]
        return {"description": {"text": f"{fix.description} ({fix.applicability.value})"},
                "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}]}

    def finish(self, summary: dict) -> None:
        rules = [{
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.doc.split("## ", 2)[1].split("\n", 1)[1].strip() if "## " in r.doc
                                else r.summary},
            "help": {"text": r.doc, "markdown": r.doc},
            "defaultConfiguration": {"level": LEVELS[r.severity.value]},
            "properties": {"category": r.category, "tags": [r.category.split("/")[0], "machine-translation"]},
        } for r in self.run.rules]
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "mtqa", "version": self.run.version, "semanticVersion": self.run.version,
                                    "informationUri": "https://pypi.org/project/mtqa/", "rules": rules}},
                "artifacts": [{"location": {"uri": uri}} for uri in self.artifacts],
                "results": self.results,
                "columnKind": "unicodeCodePoints",
                "properties": {"signature": self.run.signature, "summary": summary},
            }],
        }
        json.dump(log, self.out, ensure_ascii=False, indent=2, allow_nan=False)
        self.out.write("\n")
