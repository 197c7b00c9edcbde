"""Line and column of an offset: LF, CRLF and lone CR; long segments use a line index with the same answers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mtqa.io import locations
from mtqa.model import Segment
from tests.fuzz.conftest import FUZZ


def test_lf_crlf_and_cr_each_end_one_line():
    segment = Segment(id="1", text="one\ntwo\r\nthree\rfour", line=10)
    assert locations.location(segment, segment.text.index("two")) == (11, 1)
    assert locations.location(segment, segment.text.index("three")) == (12, 1)
    assert locations.location(segment, segment.text.index("four") + 2) == (13, 3)


@FUZZ
@given(text=st.lists(st.sampled_from(["a", "b", " ", "\n", "\r", "\r\n"]), max_size=80).map("".join))
def test_the_line_index_of_long_segments_agrees_with_counting(text: str) -> None:
    segment = Segment(id="1", text=text, line=3)
    counted = [locations.location(segment, k) for k in range(len(text) + 1)]
    original = locations._INDEXED_LENGTH
    locations._INDEXED_LENGTH = -1  # force the index on a short text
    try:
        indexed = [locations.location(segment, k) for k in range(len(text) + 1)]
    finally:
        locations._INDEXED_LENGTH = original
    assert indexed == counted
