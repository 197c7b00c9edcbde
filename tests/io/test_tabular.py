"""TSV and CSV: header columns, pass-through fields, quoted fields over several lines, exact places."""

import pytest

from mtqa.errors import InputError
from tests.io.conftest import duplicate_the, line_and_column, records, reported, segments, write

TSV = (
    "id\tsrc\tmt\tdoc_id\tsystem\n"
    "s1\tLe gouvernement a annoncé des mesures.\tThe government announced measures.\td1\tgoogle\n"
    "s2\tLes prix ont augmenté.\tPrices have risen by the the end of March.\td1\tgoogle\n"
)

CSV = (
    'id,source,target,reference\r\n'
    'n1,"Il a dit : ""non"".","He said: ""no"".",He said no.\r\n'
    'n2,Deux lignes,"The minister spoke first.\r\n'
    'Then she left the the room, ""quietly"".",The minister spoke.\r\n'
    'n3,Fin,The end.,The end.\r\n'
)


def test_tsv_reads_ids_text_src_and_passes_other_columns_through(tmp_path):
    path = write(tmp_path, "news.tsv", TSV)
    first, second = segments(path)
    assert (first.id, first.text, first.src, first.line) == ("s1", "The government announced measures.",
                                                              "Le gouvernement a annoncé des mesures.", 2)
    assert first.meta == {"doc_id": "d1", "system": "google"}
    assert second.line == 3 and second.ref is None


def test_tsv_finding_is_reported_at_its_line_and_column(tmp_path):
    path = write(tmp_path, "news.tsv", TSV)
    second = records(path)[1]
    start, _ = duplicate_the(second)
    assert second["text"][start - 4:start + 3] == "the the" and second["system"] == "google"
    line, column = line_and_column(TSV, "the the")
    assert (line, column + 4, "MT101") in reported(path)


def test_tsv_quotes_are_ordinary_characters(tmp_path):
    path = write(tmp_path, "q.tsv", 'id\ttext\n1\t"Hello," she said.\n')
    assert segments(path)[0].text == '"Hello," she said.'


def test_csv_quoted_fields_span_lines_and_keep_line_numbers(tmp_path):
    path = write(tmp_path, "news.csv", CSV)
    first, second, third = segments(path)
    assert first.text == 'He said: "no".' and first.src == 'Il a dit : "non".' and first.ref == "He said no."
    assert second.text == 'The minister spoke first.\nThen she left the the room, "quietly".'
    assert (second.id, second.line, third.line) == ("n2", 3, 5)
    record = records(path)[1]
    duplicate_the(record)
    line, column = line_and_column(CSV, "the the")
    assert (line, column + 4, "MT101") in reported(path)


def test_csv_offsets_after_doubled_quotes_point_at_the_file(tmp_path):
    content = 'id,mt\n1,"He said ""yes"" and and left."\n'
    path = write(tmp_path, "q.csv", content)
    (segment,) = segments(path)
    assert segment.text == 'He said "yes" and and left.'
    line, column = line_and_column(content, "and and")
    assert (line, column + 4, "MT101") in reported(path)


def test_columns_named_by_options_and_on_the_command_line(tmp_path):
    path = write(tmp_path, "sheet.csv", "key,original,translation\nk1,Bonjour,Hello the the world\n")
    (segment,) = segments(path, columns={"id": "key", "src": "original", "text": "translation"})
    assert (segment.id, segment.src, segment.text, segment.meta) == ("k1", "Bonjour", "Hello the the world", {})
    (record,) = records(path, "--column", "text=translation", "--column", "id=key")
    assert record["id"] == "k1" and record["original"] == "Bonjour"
    duplicate_the(record)


def test_mtqa_ignore_column_suppresses_per_row(tmp_path):
    path = write(tmp_path, "s.tsv", "id\tmt\tmtqa_ignore\n1\tThe the cat.\tMT101\n2\tThe the dog.\t\n"
                                     "3\tA the the.\tall\n")
    first, second, third = segments(path)
    assert first.meta["mtqa_ignore"] == ["MT101"] and "mtqa_ignore" not in second.meta
    assert third.meta["mtqa_ignore"] == []
    assert [bool(r["findings"]) for r in records(path)] == [False, True, False]


@pytest.mark.parametrize(("content", "line", "reason"), [
    ('id,mt\n1,"fine"\n2,"never closed\n3,more\n', 3, "never closed"),
    ('id,mt\n1,"closed" then text\n', 2, "after a closing quote"),
    ("id,mt\n1,one,two\n", 2, "row has 3 fields, the header has 2"),
    ("id,source\n1,Bonjour\n", 1, "no text column"),
])
def test_malformed_csv_names_the_line(tmp_path, content, line, reason):
    path = write(tmp_path, "bad.csv", content)
    with pytest.raises(InputError) as err:
        segments(path)
    assert err.value.line == line and reason in err.value.reason


def test_a_column_named_in_options_must_exist(tmp_path):
    path = write(tmp_path, "s.tsv", "id\tmt\n1\tHello\n")
    with pytest.raises(InputError, match="no column “translation”"):
        segments(path, columns={"text": "translation"})
