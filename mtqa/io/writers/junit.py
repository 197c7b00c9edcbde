"""JUnit XML for CI test tabs: a test case per document, a failure per finding."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from mtqa.io.locations import location
from mtqa.io.writers import RunInfo
from mtqa.model import SegmentResult

# Characters XML 1.0 does not allow at all (C0 controls but tab and newlines, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


class JunitWriter:
    def __init__(self, out: TextIO, run: RunInfo):
        self.out = out
        self.suite = ET.Element("testsuite", name="mtqa", tests="0", failures="0", errors="0", skipped="0")
        ET.SubElement(ET.SubElement(self.suite, "properties"), "property", name="signature", value=run.signature)
        self.tests = self.failures = 0

    def document(self, path: str, results: list[SegmentResult]) -> None:
        case = ET.SubElement(self.suite, "testcase", classname="mtqa", name=_xml_text(path))
        segments = 0
        for result in results:
            segments += 1
            for finding in result.findings:
                line, column = location(result.segment, finding.start)
                failure = ET.SubElement(case, "failure", type=finding.rule,
                                        message=_xml_text(f"{path}:{line}:{column}: {finding.rule} "
                                                          f"[{finding.severity.value}] {finding.message}"))
                failure.text = _xml_text(f"segment {result.segment.id}: {finding.text!r}")
                self.failures += 1
        case.set("assertions", str(segments))
        self.tests += 1

    def finish(self, summary: dict) -> None:
        self.suite.set("tests", str(self.tests))
        self.suite.set("failures", str(self.failures))
        suites = ET.Element("testsuites", name="mtqa", tests=str(self.tests), failures=str(self.failures))
        suites.append(self.suite)
        ET.indent(suites)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n")
