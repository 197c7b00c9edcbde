"""`mtqa: ignore` in notes and comments, and `mtqa_ignore` fields, become per-segment selectors."""

import pytest

from mtqa.io.readers.formats.suppression import ignore_selectors, parse_field
from tests.io.conftest import records, write


@pytest.mark.parametrize(("notes", "selectors"), [
    (["Checked by the editor."], None),
    (["mtqa: ignore"], []),
    (["MTQA: Ignore MT101, mt3"], ["MT101", "MT3"]),
    (["mtqa: ignore MT101 because the repetition is deliberate"], ["MT101"]),
    (["mtqa: ignore MT101", "mtqa: ignore MT2"], ["MT101", "MT2"]),
    (["mtqa: ignore MT101", "mtqa: ignore all"], []),
    (["Reviewed.\nmtqa: ignore MT4"], ["MT4"]),
])
def test_ignore_directives_in_notes(notes, selectors):
    assert ignore_selectors(notes) == selectors


@pytest.mark.parametrize(("value", "selectors"), [
    ("", None), (None, None), ("MT101, mt3", ["MT101", "MT3"]), ("all", []), (["MT101"], ["MT101"]),
])
def test_ignore_fields(value, selectors):
    assert parse_field(value) == selectors


def test_jsonl_mtqa_ignore_field_suppresses_that_record_only(tmp_path):
    path = write(tmp_path, "r.jsonl", '{"id": "1", "text": "It was was late.", "mtqa_ignore": ["MT101"]}\n'
                                      '{"id": "2", "text": "It was was late.", "mtqa_ignore": "MT2"}\n'
                                      '{"id": "3", "text": "It was was late."}\n')
    assert [[f["rule"] for f in r["findings"]] for r in records(path)] == [[], ["MT101"], ["MT101"]]
