"""TMX: source and target variants, tuid, notes and suppressions, exact places."""

from mtqa.io.readers.formats.xmltext import PLACEHOLDER
from tests.io.conftest import duplicate_the, line_and_column, records, reported, segments, write

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="mtqa-tests" creationtoolversion="1" segtype="sentence" o-tmf="none"
          adminlang="en" srclang="es" datatype="plaintext"/>
  <body>
    <tu tuid="news-1">
      <tuv xml:lang="en-GB"><seg>The storm closed the the port on Tuesday.</seg></tuv>
      <tuv xml:lang="es"><seg>La tormenta cerró el puerto el martes.</seg></tuv>
    </tu>
    <tu>
      <note>mtqa: ignore</note>
      <tuv xml:lang="es"><seg>Hay <ph x="1">{0}</ph> heridos.</seg></tuv>
      <tuv xml:lang="en-GB"><seg>There are <ph x="1">{0}</ph> injured injured.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_tmx_picks_source_by_srclang_and_keeps_tuid_and_notes(tmp_path):
    path = write(tmp_path, "memory.tmx", TMX)
    first, second = segments(path)
    assert (first.id, first.text, first.src, first.line) == (
        "news-1", "The storm closed the the port on Tuesday.", "La tormenta cerró el puerto el martes.", 7)
    assert first.meta == {"lang": "en-GB"}
    assert second.id == "2" and second.text == f"There are {PLACEHOLDER} injured injured."
    assert second.meta["mtqa_ignore"] == [] and second.meta["notes"] == "mtqa: ignore"


def test_tmx_finding_place(tmp_path):
    path = write(tmp_path, "memory.tmx", TMX)
    first, second = records(path)
    duplicate_the(first)
    assert not second["findings"]
    line, column = line_and_column(TMX, "the the")
    assert reported(path) == [(line, column + 4, "MT101")]
