"""XLIFF 1.2 and 2.0: targets checked, sources kept, notes and suppressions, inline codes, exact places."""

from mtqa.io.readers.formats.xmltext import PLACEHOLDER
from tests.io.conftest import duplicate_the, line_and_column, records, reported, segments, write

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="article.html" source-language="fr" target-language="en" datatype="html">
    <body>
      <trans-unit id="title">
        <source>Le chef de l'État en visite à Berlin</source>
        <target state="translated">The head of state visits Berlin</target>
      </trans-unit>
      <trans-unit id="p1">
        <source>Il a rencontré <g id="1">le chancelier</g> &amp; ses ministres.</source>
        <target state="needs-review-translation">He met <g id="1">the chancellor</g> &amp; the the ministers<x id="2"/>.</target>
        <note from="mt">Machine translated</note>
      </trans-unit>
      <trans-unit id="p2">
        <source>Cliquez <bpt id="1">&lt;b&gt;</bpt>ici<ept id="1">&lt;/b&gt;</ept>.</source>
        <target>Click <bpt id="1">&lt;b&gt;</bpt>here here<ept id="1">&lt;/b&gt;</ept>.</target>
        <note>mtqa: ignore MT101 (reviewed)</note>
      </trans-unit>
      <trans-unit id="p3"><source>Pas encore traduit</source></trans-unit>
    </body>
  </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en">
  <file id="f1">
    <unit id="u1">
      <segment id="s1">
        <source>Die Regierung hat <pc id="1">neue</pc> Regeln beschlossen.</source>
        <target>The government has adopted <pc id="1">new</pc> rules.</target>
      </segment>
      <segment id="s2">
        <source>Sie gelten ab <ph id="2"/> Januar.</source>
        <target>They apply from the the <ph id="2"/> January.</target>
      </segment>
    </unit>
    <unit id="u2">
      <notes><note category="qa">mtqa: ignore</note></notes>
      <segment><source>Ende ende.</source><target>End end.</target></segment>
    </unit>
  </file>
</xliff>
"""


def test_xliff12_units_targets_sources_and_notes(tmp_path):
    path = write(tmp_path, "article.xlf", XLIFF12)
    title, p1, p2 = segments(path)
    assert (title.id, title.text, title.src) == ("title", "The head of state visits Berlin",
                                                 "Le chef de l'État en visite à Berlin")
    assert title.line == 7 and title.meta == {"state": "translated"}
    assert p1.text == f"He met the chancellor & the the ministers{PLACEHOLDER}."
    assert p1.src == "Il a rencontré le chancelier & ses ministres."
    assert p1.meta == {"notes": "Machine translated", "state": "needs-review-translation"}
    assert p2.text == "Click here here." and p2.meta["mtqa_ignore"] == ["MT101"]


def test_xliff12_finding_is_placed_in_the_file_despite_tags_and_entities(tmp_path):
    path = write(tmp_path, "article.xlf", XLIFF12)
    by_id = {r["id"]: r for r in records(path)}
    duplicate_the(by_id["p1"])
    assert not by_id["p2"]["findings"]  # suppressed by its note
    line, column = line_and_column(XLIFF12, "the the")
    assert (line, column + 4, "MT101") in reported(path)


def test_xliff20_segments_notes_of_their_unit_and_placeholders(tmp_path):
    path = write(tmp_path, "doc.xliff", XLIFF20)
    first, second, third = segments(path)
    assert [s.id for s in segments(path)] == ["u1::s1", "u1::s2", third.id]
    assert first.text == "The government has adopted new rules."
    assert first.src == "Die Regierung hat neue Regeln beschlossen." and first.line == 7
    assert second.text == f"They apply from the the {PLACEHOLDER} January." and second.line == 11
    assert third.text == "End end." and third.meta["mtqa_ignore"] == []
    line, column = line_and_column(XLIFF20, "the the")
    assert reported(path) == [(line, column + 4, "MT101")]


def test_xliff_on_one_line_still_gets_exact_columns(tmp_path):
    minified = XLIFF12.replace("\n", "")
    path = write(tmp_path, "min.xlf", minified)
    assert {s.line for s in segments(path)} == {1}
    line, column = line_and_column(minified, "the the")
    assert (line, column + 4, "MT101") in reported(path) and line == 1
