"""JSON Lines records with the place of each value: exact columns through escapes, byte-preserving edits."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtqa.io.jsonline import MAX_DEPTH, RecordError, parse_record, string_source_map, with_member
from mtqa.io.locations import location
from mtqa.model import Segment
from tests.fuzz.conftest import ANY_TEXT, FUZZ


@FUZZ
@given(text=ANY_TEXT, ascii_only=st.booleans(), prefix=st.sampled_from(['{"id": "x", "mt": ', '{ "mt" :', '{"mt":']))
def test_every_character_is_placed_where_it_is_written(text: str, ascii_only: bool, prefix: str) -> None:
    line = prefix + json.dumps(text, ensure_ascii=ascii_only) + "}"
    parsed = parse_record(line)
    assert parsed.record["mt"] == text
    segment = Segment(id="1", text=text, line=7, source_map=parsed.string_map("mt", 7))
    for offset, char in enumerate(text):
        line_number, column = location(segment, offset)
        assert line_number == 7
        written = line[column - 1]
        assert written == char or written == "\\", (offset, char, line, column)


def test_surrogate_pair_escape_is_one_character():
    line = '{"mt": "a\\ud83d\\ude00b\\u00e9c"}'
    parsed = parse_record(line)
    assert parsed.record["mt"] == "a\U0001F600b\u00e9c"
    runs = string_source_map(line, *parsed.value_spans["mt"][-1], 1)
    segment = Segment(id="1", text=parsed.record["mt"], line=1, source_map=runs)
    assert [location(segment, k)[1] for k in range(5)] == [9, 10, 22, 23, 29]


@pytest.mark.parametrize("line, words", [
    ('[1, 2]', "a record must be a JSON object"),
    ('{"mt": "x",}', "Expecting property name"),
    ('{"mt" "x"}', "Expecting ':' delimiter"),
    ('{"mt": "x" "y"}', "Expecting ',' delimiter"),
    ('{"mt": "x"} extra', "Extra data"),
    ('{"mt": NaN}', "NaN is not JSON"),
    ('{"mt": 1e999}', "beyond the range"),
    ('{"mt": ' + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "}", "nested deeper"),
])
def test_what_is_not_interchangeable_json_is_refused_with_a_column(line: str, words: str):
    with pytest.raises(RecordError) as caught:
        parse_record(line)
    assert words in caught.value.message and caught.value.column >= 1


def test_with_member_writes_the_new_member_as_the_line_writes_its_last():
    """The style is read between the members, not from the text: a comma inside a string decides nothing."""
    assert with_member(parse_record('{"id":"1","mt":"strong, strong"}'), "fixed", "x") == \
        '{"id":"1","mt":"strong, strong","fixed":"x"}'
    assert with_member(parse_record('{"id": "1", "mt": "a"}'), "fixed", "x") == '{"id": "1", "mt": "a", "fixed": "x"}'
    assert with_member(parse_record('{"mt":"a: b"}'), "fixed", "x") == '{"mt":"a: b","fixed":"x"}'
    assert with_member(parse_record('{"mt" : "a"}'), "fixed", "x") == '{"mt" : "a", "fixed": "x"}'
    assert with_member(parse_record('{}'), "fixed", "x") == '{"fixed": "x"}'


def test_with_member_adds_or_replaces_and_keeps_the_rest():
    assert with_member(parse_record('{"a":1e5,"mt":"x"}'), "fixed", "y") == '{"a":1e5,"mt":"x","fixed":"y"}'
    assert with_member(parse_record('{"mt": "x", "fixed": 3, "fixed": 4}'), "fixed", "é") == \
        '{"mt": "x", "fixed": "\\u00e9", "fixed": "\\u00e9"}'
    assert with_member(parse_record('{"mt": "é"}'), "fixed", "é\u2028") == '{"mt": "é", "fixed": "é\\u2028"}'
