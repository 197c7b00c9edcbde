"""Property-based tests of every reader through `mtqa check`: random bytes and structured mutations.

Each example writes one input and an earlier output, runs `mtqa check -o`, and checks the contract of
tests/fuzz/conftest.py. Mutations are the faults real files carry: cut short, bytes flipped, a chunk
doubled or dropped, and characters that broke readers before (NUL, BOM, CR, U+2028, U+0085, lone
surrogates, deep nesting, non-finite numbers, control sequences).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import ANY_TEXT, FORMATS, FUZZ, SAMPLES, assert_contract, run_mtqa

NASTY = [b"\x00", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\n\n", "\u2028".encode(), "\u0085".encode(),
         b"\\ud800", b"\\udfff\\ud800", b'"', b"\\", b"[" * 300, b"{" * 300, b"1e400", b"NaN", b"\x1b[2J\x07",
         b"<", b"&", b"]]>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"\xff\xfe", b"\xc3", b"\t", b",", b"msgstr ",
         "\u202e".encode(), "🇺🇦".encode(), b"-->", b"00:00:01,000 --> 00:00:00,000"]


@st.composite
def mutated(draw: st.DrawFn, sample: bytes) -> bytes:
    data = bytearray(sample)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "flip", "insert", "nasty", "double", "drop"]))
        at = draw(st.integers(0, len(data)))
        if kind == "cut":
            del data[at:]
        elif kind == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "nasty":
            data[at:at] = draw(st.sampled_from(NASTY))
        elif kind == "double":
            end = draw(st.integers(at, min(len(data), at + 200)))
            data[at:at] = data[at:end]
        elif kind == "drop":
            del data[at:draw(st.integers(at, min(len(data), at + 50)))]
    return bytes(data)


def _check(name: str, content: bytes, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        out = Path(folder) / "report.out"
        earlier = b"earlier output\n"
        out.write_bytes(earlier)
        result = run_mtqa("check", str(path), "--lm", "none", "-f", fmt, "-o", str(out), "--fail-on", "minor")
        assert path.read_bytes() == content  # the input is never touched
        assert_contract(result, path, fmt, out, earlier)


@FUZZ
@given(name=st.sampled_from(sorted(SAMPLES)), data=st.data(), fmt=st.sampled_from(FORMATS))
def test_mutated_inputs_keep_the_contract(name: str, data: st.DataObject, fmt: str) -> None:
    content = data.draw(mutated(SAMPLES[name].encode("utf-8")))
    _check(name, content, fmt)


@FUZZ
@given(name=st.sampled_from(sorted(SAMPLES)), content=st.binary(max_size=600), fmt=st.sampled_from(FORMATS))
def test_random_bytes_keep_the_contract(name: str, content: bytes, fmt: str) -> None:
    _check(name, content, fmt)


@FUZZ
@given(name=st.sampled_from(sorted(SAMPLES)), text=ANY_TEXT, fmt=st.sampled_from(FORMATS))
def test_random_text_keeps_the_contract(name: str, text: str, fmt: str) -> None:
    _check(name, text.encode("utf-8", "surrogatepass"), fmt)


@FUZZ
@given(content=st.binary(max_size=400))
def test_stdin_keeps_the_contract(content: bytes) -> None:
    result = run_mtqa("check", "-", "--lm", "none", "-f", "jsonl", stdin=content)
    assert result.exit_code in (0, 1, 2), (result.stderr, result.exception)
    if result.exit_code == 2:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("mtqa: error: <stdin>"), result.stderr
