"""Shared pieces of the property-based tests: one valid sample per input format, and the contract check.

The contract (docs/reliability.md): a run ends with exit 0 or 1 and a valid output, or with exit 2 and
exactly one stderr line naming the file (and the line, where there is one). Never a traceback, never
exit 3, and neither the input nor an earlier output is damaged.

`MTQA_FUZZ_EXAMPLES` sets the examples per property (the test suite keeps it small and derandomised;
`make fuzz` runs thousands with fresh randomness).
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mtqa.cli import app
from tests.io.test_feeds import ATOM, RSS
from tests.io.test_po import PO
from tests.io.test_subtitles import SRT, VTT
from tests.io.test_tabular import CSV, TSV
from tests.io.test_tmx import TMX
from tests.io.test_xliff import XLIFF12, XLIFF20

EXAMPLES = int(os.environ.get("MTQA_FUZZ_EXAMPLES", "25"))
LONG_RUN = "MTQA_FUZZ_EXAMPLES" in os.environ

settings.register_profile(
    "mtqa-fuzz", max_examples=EXAMPLES, deadline=None, database=None, derandomize=not LONG_RUN,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("mtqa-fuzz")

JSONL = ('{"id": "1", "mt": "The storm closed the the port on Tuesday.", "src": "La tormenta cerró el puerto."}\n'
         '{"id": "2", "mt": "Caf\\u00e9 prices rose by 3%,\\nanalysts said said.", "doc_id": "a", "n": 1e5}\n'
         '{"id": "3", "text": "He met the president. Volodymyr Zelensky with.", "doc_id": "a", '
         '"mtqa_ignore": ["MT104"], "tags": [1, {"k": null}]}\n')
TEXT = ("The meeting was useful, businesslike and business-like.\n\nHowever, he himself dampened expectations "
        "Their talks in Moscow.\r\n\r\nIt said that that it would would rain.\n")

# file name -> a valid file of that format
SAMPLES: dict[str, str] = {
    "a.txt": TEXT, "b.jsonl": JSONL, "c.tsv": TSV, "d.csv": CSV, "e.xlf": XLIFF12, "f.xliff": XLIFF20,
    "g.tmx": TMX, "h.po": PO, "i.srt": SRT, "j.vtt": VTT, "k.rss": RSS, "l.atom": ATOM,
}
# Any code point, surrogates included, with the characters that broke mtqa before drawn often.
ANY_CHARACTER = st.characters(exclude_categories=()) | st.sampled_from(
    ["\ud800", "\udfff", "\x1b", "\x07", "\x00", "\r", "\n", "\u2028", "\u2029", "\x85", "\u202e", "\ufeff", "\t"])
ANY_TEXT = st.text(ANY_CHARACTER, max_size=120)
FORMATS = ("text", "json", "jsonl", "concise", "github", "sarif", "junit", "mqm-tsv", "html")
runner = CliRunner()


def run_mtqa(*args: str, stdin: bytes | None = None):
    return runner.invoke(app, list(args), input=stdin)


def assert_valid_output(fmt: str, data: str) -> None:
    """The output of a run that ended with 0 or 1 is a complete document of its format."""
    if fmt in ("json", "sarif"):
        json.loads(data)
    elif fmt == "jsonl":
        for line in data.splitlines():  # as a Python consumer splits them: no raw U+2028 or U+0085 inside
            json.loads(line)
    elif fmt == "junit":
        ET.fromstring(data.encode("utf-8"))
    elif fmt == "html":
        assert data.rstrip().endswith("</html>")
    if fmt in ("json", "jsonl", "sarif"):
        _no_non_finite(data, fmt)


def _no_non_finite(data: str, fmt: str) -> None:
    def refuse(name: str) -> None:
        raise AssertionError(f"{fmt} output holds {name}, which is not JSON")

    documents = data.splitlines() if fmt == "jsonl" else [data]
    for document in documents:
        json.loads(document, parse_constant=refuse)


def assert_contract(result, path: Path, fmt: str, out: Path, earlier: bytes | None) -> None:
    """Exit 0/1 with a valid output, or exit 2 with one line naming the file; never a traceback."""
    stderr = result.stderr
    assert result.exit_code in (0, 1, 2), (result.exit_code, stderr, result.exception)
    assert "Traceback" not in stderr
    if result.exit_code == 2:
        lines = [line for line in stderr.splitlines() if line.strip()]
        assert len(lines) == 1, stderr
        assert lines[0].startswith("mtqa: error: "), lines[0]
        assert path.name in lines[0], lines[0]
        if out.exists() and earlier is not None and out.read_bytes() != earlier:
            assert_valid_output(fmt, out.read_text(encoding="utf-8"))  # a partial report is still whole
        return
    assert_valid_output(fmt, out.read_text(encoding="utf-8"))
