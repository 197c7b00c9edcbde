"""Writers render SegmentResults; they compute nothing. Pick one by format name with `make_writer`."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TextIO

from mtqa.io.jsonline import dumps_line
from mtqa.io.writers.records import document_mqm, segment_record
from mtqa.io.writers.text import TextWriter
from mtqa.model import SegmentResult
from mtqa.rules.registry import Rule


@dataclass(frozen=True)
class RunInfo:
    """What every writer may need to say about the run as a whole."""

    version: str
    signature: str
    rules: list[Rule]


class Writer(Protocol):
    def document(self, path: str, results: list[SegmentResult]) -> None:
        """Called once per input, in order, as soon as it is checked."""

    def finish(self, summary: dict) -> None:
        """Called once at the end with `Summary.to_dict()`."""


class JsonlWriter:
    def __init__(self, out: TextIO, run: RunInfo):
        self.out = out

    def document(self, path: str, results: list[SegmentResult]) -> None:
        for result in results:
            self.out.write(dumps_line(segment_record(result)) + "\n")
        self.out.flush()

    def finish(self, summary: dict) -> None:
        pass


class JsonWriter:
    def __init__(self, out: TextIO, run: RunInfo):
        self.out = out
        self.run = run
        self.documents: list[dict] = []

    def document(self, path: str, results: list[SegmentResult]) -> None:
        results = list(results)
        self.documents.append({"path": path, "segments": [segment_record(r) for r in results],
                               "mqm": document_mqm(results)})

    def finish(self, summary: dict) -> None:
        json.dump({"version": self.run.version, "signature": self.run.signature, "documents": self.documents,
                   "summary": summary}, self.out, ensure_ascii=False, indent=2, allow_nan=False)
        self.out.write("\n")


class HumanWriter:
    """The ruff-style text report."""

    def __init__(self, out: TextIO, run: RunInfo, colour: bool = False):
        self.text = TextWriter(out, colour)

    def document(self, path: str, results: list[SegmentResult]) -> None:
        self.text.write_document(path, results)
        self.text.out.flush()

    def finish(self, summary: dict) -> None:
        self.text.write_summary(summary)


WriterFactory = Callable[..., Writer]
# Format name -> writer class, or "module:Class" for writers imported only when asked for.
WRITERS: dict[str, WriterFactory | str] = {
    "text": HumanWriter,
    "json": JsonWriter,
    "jsonl": JsonlWriter,
    "concise": "mtqa.io.writers.plain:ConciseWriter",
    "github": "mtqa.io.writers.plain:GithubWriter",
    "sarif": "mtqa.io.writers.sarif:SarifWriter",
    "junit": "mtqa.io.writers.junit:JunitWriter",
    "mqm-tsv": "mtqa.io.writers.plain:MqmTsvWriter",
    "html": "mtqa.report.html:HtmlWriter",
}


def make_writer(name: str, out: TextIO, run: RunInfo, colour: bool = False) -> Writer:
    if name == "text":
        return HumanWriter(out, run, colour)
    factory = WRITERS[name]
    if isinstance(factory, str):
        import importlib

        module, _, attribute = factory.partition(":")
        factory = getattr(importlib.import_module(module), attribute)
    return factory(out, run)
