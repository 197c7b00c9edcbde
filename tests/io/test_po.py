"""Gettext PO: msgstr checked (plural forms apart), escapes decoded, comments and suppressions, places."""

import pytest

from mtqa.errors import InputError
from tests.io.conftest import line_and_column, records, reported, segments, write

PO = r'''# French translation of the news app.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: en\n"

#. Headline on the front page
#: app/front.py:12
msgctxt "headline"
msgid "Les marchés reculent"
msgstr "Markets fall back"

# mtqa: ignore MT1
msgid "Le the"
msgstr "The the tea"

msgid ""
"Le ministre a dit \"non\" "
"deux fois."
msgstr ""
"The minister said \"no\" to the "
"the reporters\n"
"twice."

#, fuzzy
msgid "%d article"
msgid_plural "%d articles"
msgstr[0] "%d article"
msgstr[1] "%d articles articles"

msgid "Pas traduit"
msgstr ""

#~ msgid "Ancien"
#~ msgstr "Old old"
'''


def test_po_entries_plurals_comments_and_escapes(tmp_path):
    path = write(tmp_path, "news.po", PO)
    headline, tea, quote, singular, plural = segments(path)
    assert (headline.id, headline.text, headline.src, headline.line) == (
        "Les marchés reculent", "Markets fall back", "Les marchés reculent", 11)
    assert headline.meta == {"msgctxt": "headline", "notes": "Headline on the front page",
                             "locations": ["app/front.py:12"]}
    assert tea.meta["mtqa_ignore"] == ["MT1"]
    assert quote.text == 'The minister said "no" to the the reporters\ntwice.' and quote.line == 21
    assert quote.src == 'Le ministre a dit "non" deux fois.'
    assert (singular.id, plural.id, plural.text, plural.src) == (
        "%d article[0]", "%d article[1]", "%d articles articles", "%d articles")
    assert plural.meta["fuzzy"] is True and plural.line == 29


def test_po_findings_point_into_the_string_literals(tmp_path):
    path = write(tmp_path, "news.po", PO)
    by_id = {r["id"]: r for r in records(path)}
    assert not by_id["Le the"]["findings"]
    places = reported(path)
    line, column = line_and_column(PO, '"the reporters')
    assert (line, column + 1, "MT101") in places  # the second “the” opens the next literal
    line, column = line_and_column(PO, "articles articles")
    assert (line, column + 9, "MT101") in places


def test_malformed_po_names_the_line(tmp_path):
    path = write(tmp_path, "bad.po", 'msgid "a"\nmsgstr "b"\n\nthis is not PO\n')
    with pytest.raises(InputError) as err:
        segments(path)
    assert err.value.line == 4 and "malformed PO" in err.value.reason
