import pytest

from mtqa.errors import InputError
from mtqa.eval.data import dataset_of, discover, iter_records


@pytest.mark.parametrize(("identifier", "dataset"), [
    ("demetr/minor_id1_repeat2/352", "demetr"),
    ("demetr/clean/16", "demetr"),
    ("mlqe_pe/et-en/dev/1", "mlqe_pe"),
    ("halluc_guerreiro_deen/2", "halluc_guerreiro_deen"),
])
def test_dataset_comes_from_the_id_prefix(identifier, dataset):
    assert dataset_of({"id": identifier, "mt": "x"}, "f.jsonl", 1) == dataset


@pytest.mark.parametrize("record", [{"mt": "no id"}, {"id": "plain", "mt": "x"}, {"id": 7, "mt": "x"}])
def test_records_without_a_dataset_prefix_are_input_errors(record):
    with pytest.raises(InputError) as err:
        dataset_of(record, "f.jsonl", 3)
    assert err.value.line == 3 and "dataset name" in str(err.value)


def test_missing_file_is_a_clear_input_error(tmp_path):
    missing = tmp_path / "nope.jsonl"
    with pytest.raises(InputError) as err:
        list(iter_records(missing))
    assert str(err.value) == f"{missing}: no such file"


def test_directory_and_empty_file_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        list(iter_records(tmp_path))
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        list(iter_records(empty))


def test_records_stream_and_a_bad_line_names_its_number(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text('{"id": "demetr/a/1", "mt": "One."}\n\n{"id": "demetr/a/2", "mt": "Two."}\n{oops\n',
                    encoding="utf-8")
    records = iter_records(path)
    assert next(records) == (1, {"id": "demetr/a/1", "mt": "One."})
    assert next(records)[0] == 3  # blank line skipped, numbering kept
    with pytest.raises(InputError) as err:
        next(records)
    assert err.value.line == 4 and "malformed JSON" in str(err.value)


def test_discover_finds_one_file_per_set_folder(tmp_path):
    for name in ("demetr/demetr.dev.jsonl", "mlqe_pe/et-en.dev.jsonl", "mlqe_pe/README.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("{}\n", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)] == [
        "demetr/demetr.dev.jsonl", "mlqe_pe/et-en.dev.jsonl"]
    with pytest.raises(InputError, match="no such data folder"):
        discover(tmp_path / "absent")
