"""Large feeds: Parquet shards with the JSON Lines schema, and directories and glob patterns of shards."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mtqa.errors import InputError
from mtqa.io.readers import ReaderOptions, expand_inputs
from tests.io.conftest import segments, write

ROWS = [
    {"id": "a1", "mt": "The talks ended on Monday.", "src": "Die Gespräche endeten am Montag.", "ref": None,
     "doc_id": "d1", "score": 0.5},
    {"id": "a2", "mt": "He left the the room.", "src": None, "ref": "He left the room.", "doc_id": "d1",
     "score": None},
]


def parquet(path: Path, rows: list[dict], **options: object) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, **options)
    return path


def test_parquet_rows_read_as_jsonl_records_would(tmp_path):
    first, second = segments(parquet(tmp_path / "feed.parquet", ROWS))
    assert (first.id, first.text, first.src, first.ref, first.line) == \
        ("a1", "The talks ended on Monday.", "Die Gespräche endeten am Montag.", None, 1)
    assert first.meta == {"doc_id": "d1", "score": 0.5}
    assert (second.id, second.src, second.ref, second.line, second.meta) == \
        ("a2", None, "He left the room.", 2, {"doc_id": "d1"})  # null cells are fields left out


def test_parquet_streams_row_groups_and_numbers_rows_across_them(tmp_path):
    rows = [{"id": i, "text": f"Sentence number {i}."} for i in range(10_000)]
    read = segments(parquet(tmp_path / "big.parquet", rows, row_group_size=3000))
    assert [s.id for s in read] == [str(i) for i in range(10_000)] and read[-1].line == 10_000


def test_parquet_check_reports_the_same_records_as_jsonl(tmp_path):
    jsonl = write(tmp_path, "feed.jsonl", "".join(json.dumps({k: v for k, v in r.items() if v is not None}) + "\n"
                                                  for r in ROWS))
    table = parquet(tmp_path / "feed.parquet", ROWS)
    outputs = []
    for path in (jsonl, table):
        proc = subprocess.run([sys.executable, "-m", "mtqa", "check", str(path), "--lm", "none", "-f", "jsonl"],
                              check=False, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr  # "the the" is a minor finding
        outputs.append([json.loads(line) for line in proc.stdout.splitlines()])
    assert outputs[0] == outputs[1]
    assert outputs[1][1]["findings"][0]["rule"] == "MT101"


@pytest.mark.parametrize("content, message", [
    (b"PAR1 not really parquet", "not a readable Parquet file"),
    (None, "record has no “mt” or “text” field"),
])
def test_bad_parquet_is_one_clear_input_error(tmp_path, content, message):
    path = tmp_path / "bad.parquet"
    if content is None:
        parquet(path, [{"id": "x", "body": "no text column"}])
    else:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        segments(path)
    proc = subprocess.run([sys.executable, "-m", "mtqa", "check", str(path), "--lm", "none"], check=False,
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and str(path) in proc.stderr


def test_a_directory_expands_to_its_known_files_sorted_skipping_hidden_and_run_state(tmp_path):
    for name in ("b/2.jsonl", "a.jsonl", "b/1.parquet", "notes.md", ".hidden.jsonl", "out.jsonl.mtqa-run/m.jsonl",
                 "image.png", "README"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [str(Path(p).relative_to(tmp_path)) for p in expand_inputs([str(tmp_path)])]
    assert found == ["a.jsonl", "b/1.parquet", "b/2.jsonl", "notes.md"]
    forced = expand_inputs([str(tmp_path)], ReaderOptions(input_format="text"))
    assert str(tmp_path / "image.png") in forced and str(tmp_path / ".hidden.jsonl") not in forced


def test_glob_patterns_expand_sorted_and_plain_paths_stay_as_given(tmp_path):
    for name in ("s-10.jsonl", "s-02.jsonl", "deep/s-01.jsonl", "other.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert expand_inputs([str(tmp_path / "s-*.jsonl")]) == [str(tmp_path / "s-02.jsonl"), str(tmp_path / "s-10.jsonl")]
    assert expand_inputs([str(tmp_path / "**" / "s-*.jsonl")])[0] == str(tmp_path / "deep" / "s-01.jsonl")
    assert expand_inputs(["-", str(tmp_path / "missing.txt")]) == ["-", str(tmp_path / "missing.txt")]
    with pytest.raises(InputError, match="no file matches"):
        expand_inputs([str(tmp_path / "*.parquet")])
    with pytest.raises(InputError, match="no files to check"):
        (tmp_path / "empty").mkdir()
        expand_inputs([str(tmp_path / "empty")])


def test_check_reads_a_directory_of_shards_in_order(tmp_path):
    shards = tmp_path / "shards"
    shards.mkdir()
    write(shards, "part-1.jsonl", '{"id": "x1", "mt": "The talks ended on Monday."}\n')
    parquet(shards / "part-2.parquet", [{"id": "x2", "mt": "He left the the room."}])
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "mtqa", "check", str(shards), "--lm", "none", "-f", "jsonl",
                           "-o", str(out)], check=False, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["x1", "x2"]
