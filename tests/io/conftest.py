"""Helpers for reader tests: read a file written in tmp_path, run `mtqa check` on it, find reported places."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from mtqa.io.readers import ReaderOptions, read_path
from mtqa.model import Segment

_PLACE = re.compile(r"^.*:(\d+):(\d+): (MT\d+) ", re.MULTILINE)
runner = CliRunner()


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def segments(path: Path, **options: object) -> list[Segment]:
    return list(read_path(str(path), ReaderOptions(**options)).segments)  # type: ignore[arg-type]


def reported(path: Path, *args: str) -> list[tuple[int, int, str]]:
    """(line, column, rule) of each finding in the text report of `mtqa check`."""
    from mtqa.cli import app

    result = runner.invoke(app, ["check", str(path), "--fail-on", "never", *args])
    assert result.exit_code == 0, result.output
    return [(int(line), int(column), rule) for line, column, rule in _PLACE.findall(result.stdout)]


def records(path: Path, *args: str) -> list[dict]:
    """The `--format jsonl` records of `mtqa check`."""
    from mtqa.cli import app

    result = runner.invoke(app, ["check", str(path), "--format", "jsonl", "--fail-on", "never", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def duplicate_the(record: dict) -> tuple[int, int]:
    """(start, end) of the MT101 finding on a repeated “the” in a JSONL record."""
    (finding,) = [f for f in record["findings"] if f["rule"] == "MT101"]
    assert record["text"][finding["start"]:finding["end"]].lower() == "the"
    return finding["start"], finding["end"]


def line_and_column(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the n-th `needle` in a file's text."""
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m mtqa ...` in a fresh process, as CI would run it."""
    return subprocess.run([sys.executable, "-m", "mtqa", *args], capture_output=True, text=True, timeout=300,
                          check=False)
