"""MappedText: text built from pieces of a file, with runs that place every character."""

from mtqa.io.locations import location
from mtqa.io.readers.formats.htmltext import strip_html
from mtqa.io.readers.formats.mapping import LineIndex, MappedText
from mtqa.model import Segment


def _places(mapped: MappedText) -> list[tuple[int, int]]:
    segment = Segment(id="1", text=mapped.text, source_map=mapped.source_map)
    return [location(segment, k) for k in range(len(mapped.text))]


def test_verbatim_pieces_that_follow_each_other_make_one_run():
    mapped = MappedText()
    mapped.add("The ", 3, 5)
    mapped.add("cat", 3, 9)
    assert mapped.text == "The cat" and mapped.source_map == ((0, 3, 5),)


def test_inserted_text_and_line_breaks_start_runs():
    mapped = MappedText()
    mapped.add("Rock ", 1, 1)
    mapped.insert("&", 1, 6)
    mapped.add(" roll\n", 1, 11)
    mapped.add("again", 2, 1)
    assert mapped.text == "Rock & roll\nagain"
    assert mapped.source_map == ((0, 1, 1), (5, 1, 6), (6, 1, 11), (12, 2, 1))
    assert _places(mapped)[13] == (2, 2)


def test_spans_over_lines_read_crlf_as_newline():
    source = "x\r\nab\r\ncd"
    mapped = MappedText()
    mapped.add_span(source[3:], 3, LineIndex(source))
    assert mapped.text == "ab\ncd"
    assert _places(mapped) == [(2, 1), (2, 2), (2, 3), (3, 1), (3, 2)]


def test_html_stripping_keeps_every_character_in_place():
    line = "<p>Fog &amp; <b>rain</b></p><p>The  end</p>"
    mapped = MappedText()
    mapped.add(line, 7, 1)
    stripped = strip_html(mapped)
    assert stripped.text == "Fog & rain\n\nThe end"
    for offset, (row, column) in enumerate(_places(stripped)):
        char = stripped.text[offset]
        assert row == 7
        if char not in "&\n ":
            assert line[column - 1] == char
