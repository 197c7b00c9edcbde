"""RSS and Atom: title and text per item, HTML stripped, places mapped back into the markup, no fetching."""

import socket

import pytest

from tests.io.conftest import duplicate_the, line_and_column, records, reported, segments, write

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Evening News</title>
    <link>https://news.example/</link>
    <description>Machine-translated news</description>
    <item>
      <title>Storm closes the the port</title>
      <link>https://news.example/storm</link>
      <guid isPermaLink="false">storm-2026-11-27</guid>
      <pubDate>Fri, 27 Nov 2026 08:00:00 GMT</pubDate>
      <description>&lt;p&gt;The storm &amp;amp; the wind closed the port.&lt;/p&gt;&lt;p&gt;Ships waited the the whole night.&lt;/p&gt;</description>
    </item>
    <item>
      <title>Markets &amp; prices</title>
      <link>https://news.example/markets</link>
      <description>A short summary.</description>
      <content:encoded><![CDATA[<p>Prices <b>rose</b> in March.</p>
<p>Analysts&nbsp;were surprised by the the rise.</p><script>var s = "the the";</script>]]></content:encoded>
    </item>
    <textinput><title>Search the the archive</title><name>q</name></textinput>
  </channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Feed</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6</id>
  <updated>2026-11-27T18:30:02Z</updated>
  <entry>
    <title type="html">Rain &lt;em&gt;returns&lt;/em&gt; to Paris</title>
    <link href="https://example.org/rain"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <updated>2026-11-27T18:30:02Z</updated>
    <summary>Rain in Paris.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Fog &amp; rain.</p><p>The the streets were empty.</p></div></content>
  </entry>
  <entry>
    <title>Plain title</title>
    <id>tag:example.org,2026:2</id>
    <updated>2026-11-27T19:00:00Z</updated>
    <summary type="text">
      Nothing happened.
    </summary>
  </entry>
</feed>
"""


def test_rss_items_titles_and_stripped_text(tmp_path):
    path = write(tmp_path, "news.rss", RSS)
    title, text, title2, text2 = segments(path)
    assert (title.id, title.text, title.line) == ("storm-2026-11-27#title", "Storm closes the the port", 8)
    assert title.meta == {"item": 1, "field": "title", "link": "https://news.example/storm",
                          "published": "Fri, 27 Nov 2026 08:00:00 GMT", "guid": "storm-2026-11-27"}
    assert text.text == "The storm & the wind closed the port.\n\nShips waited the the whole night."
    assert text.meta["field"] == "summary"
    assert (title2.id, title2.text) == ("https://news.example/markets#title", "Markets & prices")
    assert text2.text == "Prices rose in March.\n\nAnalysts\xa0were surprised by the the rise."
    assert text2.meta["field"] == "content" and text2.line == 18


def test_rss_findings_are_placed_in_the_escaped_and_cdata_markup(tmp_path):
    path = write(tmp_path, "news.rss", RSS)
    for record in records(path)[:1] + records(path)[1:2] + records(path)[3:]:
        duplicate_the(record)
    places = reported(path)
    expected = [line_and_column(RSS, "the the port"), line_and_column(RSS, "the the whole"),
                line_and_column(RSS, "the the rise")]
    assert places == [(line, column + 4, "MT101") for line, column in expected]


def test_atom_html_and_xhtml_content_and_plain_text(tmp_path):
    path = write(tmp_path, "feed.atom", ATOM)
    title, text, plain_title, plain_text = segments(path)
    assert title.text == "Rain returns to Paris" and title.id == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a#title"
    assert text.text == "Fog & rain.\n\nThe the streets were empty." and text.meta["updated"] == "2026-11-27T18:30:02Z"
    assert (plain_title.text, plain_text.text, plain_text.line) == ("Plain title", "Nothing happened.", 19)
    line, column = line_and_column(ATOM, "The the streets")
    assert reported(path) == [(line, column + 4, "MT101")]


def test_feed_offsets_map_every_character_of_a_finding(tmp_path):
    from mtqa.io.locations import location

    path = write(tmp_path, "news.rss", RSS)
    text = segments(path)[1]
    lines = RSS.split("\n")
    for word in ("storm", "&", "wind", "Ships", "night"):
        start = text.text.index(word)
        line, column = location(text, start)
        source = lines[line - 1][column - 1:]
        assert source.startswith(word if word != "&" else "&amp;amp;"), (word, source[:20])


def test_reading_a_feed_opens_no_connection(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a feed reader tried to open a network connection")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    feed = RSS.replace("<link>https://news.example/storm</link>",
                       "<link>https://news.example/storm</link><enclosure url='http://169.254.169.254/x'/>")
    assert len(segments(write(tmp_path, "news.rss", feed))) == 4


def test_xml_that_is_not_a_feed_is_refused(tmp_path):
    from mtqa.errors import InputError

    with pytest.raises(InputError, match="not an RSS or Atom feed") as err:
        segments(write(tmp_path, "page.rss", "<?xml version='1.0'?>\n<html><body/></html>"))
    assert err.value.line == 2


def test_rss_1_0_items_and_not_the_textinput_title(tmp_path):
    content = ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
               'xmlns="http://purl.org/rss/1.0/">\n<channel rdf:about="https://a/"><title>News</title></channel>\n'
               '<item rdf:about="https://a/1"><title>Talks resume</title><link>https://a/1</link>\n'
               '<description>The talks talks resumed.</description></item>\n'
               '<textinput rdf:about="https://a/s"><title>Search the the site</title></textinput>\n</rdf:RDF>\n')
    path = write(tmp_path, "rdf.rss", content)
    assert [(s.id, s.text, s.line) for s in segments(path)] == [
        ("https://a/1#title", "Talks resume", 4), ("https://a/1#text", "The talks talks resumed.", 5)]
    line, column = line_and_column(content, "talks talks")
    assert reported(path) == [(line, column + 6, "MT101")]
