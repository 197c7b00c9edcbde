"""SRT and WebVTT: a segment per cue, styling dropped, lines joined so that places stay exact."""

import pytest

from mtqa.errors import InputError
from tests.io.conftest import duplicate_the, line_and_column, records, reported, segments, write

SRT = """1
00:00:01,000 --> 00:00:03,500
<i>Heavy rain is expected</i> tonight.

2
00:00:04,000 --> 00:00:06,200
{\\an8}Residents should stay inside
until the the morning.

3
00:00:07,000 --> 00:00:08,000
Thank you.
"""

VTT = """WEBVTT - evening news

NOTE This file was machine translated.

intro
00:00:01.000 --> 00:00:03.500 align:start
<v Anna Kowalski>Good evening &amp; welcome.</v>

NOTE mtqa: ignore MT101

00:00:04.000 --> 00:00:06.000
The the weather first.

00:00:06.500 --> 00:00:09.000
<c.loud>Storms</c> will reach
the the coast <00:00:08.000>tonight.
"""


def test_srt_cues_ids_lines_and_times(tmp_path):
    path = write(tmp_path, "news.srt", SRT)
    first, second, third = segments(path)
    assert (first.id, first.text, first.line) == ("1", "Heavy rain is expected tonight.", 3)
    assert first.meta == {"start": "00:00:01,000", "end": "00:00:03,500"}
    assert (second.id, second.text, second.line) == ("2", "Residents should stay inside\nuntil the the morning.", 7)
    assert third.id == "3"


def test_srt_finding_place_counts_lines_inside_the_cue(tmp_path):
    path = write(tmp_path, "news.srt", SRT)
    duplicate_the(records(path)[1])
    line, column = line_and_column(SRT, "the the")
    assert reported(path) == [(line, column + 4, "MT101")]


def test_webvtt_identifiers_voices_entities_and_note_suppression(tmp_path):
    path = write(tmp_path, "news.vtt", VTT)
    intro, weather, storms = segments(path)
    assert (intro.id, intro.text, intro.line) == ("intro", "Good evening & welcome.", 7)
    assert intro.meta == {"start": "00:00:01.000", "end": "00:00:03.500", "voice": "Anna Kowalski"}
    assert "mtqa_ignore" not in intro.meta and weather.meta["mtqa_ignore"] == ["MT101"]
    assert (storms.id, storms.text, storms.line) == ("3", "Storms will reach\nthe the coast tonight.", 15)
    line, column = line_and_column(VTT, "the the coast")
    assert reported(path) == [(line, column + 4, "MT101")]


def test_webvtt_place_after_a_decoded_entity(tmp_path):
    content = "WEBVTT\n\n00:01.000 --> 00:02.000\nRock &amp; roll roll is back.\n"
    path = write(tmp_path, "e.vtt", content)
    (segment,) = segments(path)
    assert segment.text == "Rock & roll roll is back."
    line, column = line_and_column(content, "roll roll")
    assert reported(path) == [(line, column + 5, "MT101")]


@pytest.mark.parametrize(("name", "content", "line", "reason"), [
    ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n2\nno timing here\n", 6, "timing line"),
    ("b.srt", "Hello there.\n", 1, "cue number"),
    ("c.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nHi.\n\nlabel\n00:03 -> 00:04\nBye.\n", 7, "timing line"),
    ("d.vtt", "Hello\n", 1, "WEBVTT"),
])
def test_malformed_subtitles_name_the_line(tmp_path, name, content, line, reason):
    path = write(tmp_path, name, content)
    with pytest.raises(InputError) as err:
        segments(path)
    assert err.value.line == line and reason in err.value.reason
