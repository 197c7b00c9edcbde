"""Property-based tests of every writer, and of `mtqa fix` on the two formats it rewrites.

Writers get results built from arbitrary text (controls, lone surrogates, bidi overrides, CR) with
findings at arbitrary valid spans; each must produce a complete document of its format, encodable as
UTF-8. `mtqa fix` on JSON Lines must leave every record as it was but for its `fixed` field, and on text
must change nothing outside the paragraphs.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mtqa import __version__
from mtqa.io.writers import RunInfo, make_writer
from mtqa.model import Applicability, Edit, Finding, Fix, Segment, SegmentResult, Severity
from mtqa.rules import all_rules
from mtqa.scoring.summary import Summary
from tests.fuzz.conftest import ANY_TEXT, FORMATS, FUZZ, assert_valid_output, run_mtqa

RULES = all_rules()
JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False,
                          allow_infinity=False) | ANY_TEXT,
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3),
                          max_leaves=8)


@st.composite
def results(draw: st.DrawFn) -> SegmentResult:
    text = draw(ANY_TEXT)
    findings = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        rule = draw(st.sampled_from(RULES))
        fixes = (Fix((Edit(start, end, draw(ANY_TEXT)),), draw(st.sampled_from(list(Applicability))),
                     draw(ANY_TEXT)),) if draw(st.booleans()) else ()
        findings.append(Finding(rule.code, rule.name, rule.category, draw(st.sampled_from(list(Severity))), start,
                                end, text[start:end], draw(ANY_TEXT), fixes))
    segment = Segment(id=draw(ANY_TEXT), text=text, src=draw(st.none() | ANY_TEXT), ref=None,
                      meta=draw(st.dictionaries(st.sampled_from(["system", "doc_id", "note", "x"]), JSON_VALUE,
                                                max_size=2)),
                      line=draw(st.none() | st.integers(1, 10**6)))
    score = draw(st.floats(0, 100))
    return SegmentResult(segment, findings, score, fluency=draw(st.none() | st.floats(0, 100)),
                         mqm_penalty=draw(st.floats(0, 1000)))


@FUZZ
@given(fmt=st.sampled_from(FORMATS), documents=st.lists(st.tuples(ANY_TEXT, st.lists(results(), max_size=3)),
                                                         min_size=1, max_size=3))
def test_every_writer_renders_any_result(fmt: str, documents: list[tuple[str, list[SegmentResult]]]) -> None:
    out = io.StringIO()
    writer = make_writer(fmt, out, RunInfo(__version__, "mtqa:test", RULES))
    summary = Summary()
    for path, segment_results in documents:
        summary.documents += 1
        writer.document(path, summary.tally(segment_results))
    writer.finish(summary.to_dict())
    data = out.getvalue()
    data.encode("utf-8", "backslashreplace")  # what the output stream does with a lone surrogate
    assert_valid_output(fmt, data.encode("utf-8", "backslashreplace").decode("utf-8"))
    if fmt in ("text", "concise", "github"):
        assert "\x1b" not in data and "\x07" not in data  # nothing a terminal or CI log would act on


RECORD_TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=80) | st.sampled_from(
    ["It was was late.", "He met the the minister. Volodymyr Zelensky with.", "Fine.", "a\u2028b \r c"])


@FUZZ
@given(records=st.lists(st.fixed_dictionaries({"mt": RECORD_TEXT}, optional={"id": st.text(max_size=5),
                                                                               "x": JSON_VALUE}), min_size=1,
                        max_size=4),
       spacing=st.sampled_from([(", ", ": "), (",", ":")]), crlf=st.booleans(), ascii_only=st.booleans())
def test_fix_on_jsonl_changes_only_the_fixed_field(records: list[dict], spacing: tuple[str, str], crlf: bool,
                                                    ascii_only: bool) -> None:
    ending = "\r\n" if crlf else "\n"
    # A lone surrogate can only be written escaped (raw, it is not UTF-8): escape just those.
    lines = [re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}",
                    json.dumps(r, ensure_ascii=ascii_only, separators=spacing)) for r in records]
    result = run_mtqa("fix", "-", "--lm", "none", "--unsafe-fixes",
                      stdin=(ending.join(lines) + ending).encode("utf-8", "surrogatepass"))
    assert result.exit_code == 0, (result.stderr, result.exception)
    out = result.stdout_bytes.decode("utf-8").split("\n")
    assert out[-1] == "" and len(out) == len(lines) + 1
    for before, after, record in zip(lines, out, records):
        assert after.endswith("\r") == crlf
        fixed = json.loads(after)
        assert {k: v for k, v in fixed.items() if k != "fixed"} == record
        assert isinstance(fixed["fixed"], str)
        assert after.startswith(before[:-1])  # everything before the closing brace is as it was


@FUZZ
@given(paragraphs=st.lists(RECORD_TEXT.filter(lambda t: t.strip() and "\n" not in t and "\r" not in t),
                           min_size=1, max_size=4),
       separator=st.sampled_from(["\n\n", "\r\n\r\n", "\r\r", "\n \n\n"]), bom=st.booleans())
def test_fix_on_text_keeps_what_lies_between_paragraphs(paragraphs: list[str], separator: str, bom: bool) -> None:
    text = separator.join(p.strip() for p in paragraphs) + separator
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.txt"
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        result = run_mtqa("fix", str(path), "--lm", "none", "--in-place")
        assert result.exit_code in (0, 2), (result.stderr, result.exception)
        if result.exit_code == 2:
            assert path.read_bytes() == (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
            return
        data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == bom
    fixed = data.decode("utf-8-sig")
    assert fixed.count(separator) >= text.count(separator)
    assert fixed.endswith(separator)
