"""--src/--ref side files: line-aligned pairing and the count-mismatch error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.errors import InputError
from mtqa.io.readers.pairing import open_paired


def write(path: Path, *lines: str) -> str:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


def test_text_lines_pair_with_source_and_reference_lines(tmp_path: Path) -> None:
    mt = write(tmp_path / "mt.txt", "The cat sat.", "It costs 5 euros.")
    src = write(tmp_path / "src.fr", "Le chat était assis.", "Cela coûte 7 euros.")
    ref = write(tmp_path / "ref.txt", "The cat was sitting.", "It costs 7 euros.")
    segments = list(open_paired(mt, src=src, ref=ref).segments)
    assert [(s.id, s.text, s.src, s.ref, s.line) for s in segments] == [
        ("1", "The cat sat.", "Le chat était assis.", "The cat was sitting.", 1),
        ("2", "It costs 5 euros.", "Cela coûte 7 euros.", "It costs 7 euros.", 2)]


def test_an_empty_translation_line_stays_paired_with_its_source(tmp_path: Path) -> None:
    mt = write(tmp_path / "mt.txt", "First.", "", "Third.")
    src = write(tmp_path / "src.de", "Erstens.", "Zweitens.", "Drittens.")
    segments = list(open_paired(mt, src=src).segments)
    assert [(s.id, s.text, s.src) for s in segments] == [("1", "First.", "Erstens."), ("2", "", "Zweitens."),
                                                          ("3", "Third.", "Drittens.")]


def test_a_count_mismatch_names_the_side_file_and_both_counts(tmp_path: Path) -> None:
    mt = write(tmp_path / "mt.txt", "One.", "Two.")
    src = write(tmp_path / "src.et", "Üks.")
    with pytest.raises(InputError) as err:
        open_paired(mt, src=src)
    assert err.value.path == src and "1 lines" in str(err.value) and "2 segments" in str(err.value)


def test_records_pair_in_order_and_the_side_file_overrides_their_src(tmp_path: Path) -> None:
    mt = tmp_path / "mt.jsonl"
    mt.write_text("\n".join(json.dumps({"id": i, "mt": f"Text {i}.", "src": "old"}) for i in "ab") + "\n")
    src = write(tmp_path / "src.ru", "Текст а.", "Текст б.")
    segments = list(open_paired(str(mt), src=src).segments)
    assert [(s.id, s.src) for s in segments] == [("a", "Текст а."), ("b", "Текст б.")]


def test_records_with_too_few_side_lines_fail_while_streaming(tmp_path: Path) -> None:
    mt = tmp_path / "mt.jsonl"
    mt.write_text("\n".join(json.dumps({"mt": f"Text {i}."}) for i in range(3)) + "\n")
    ref = write(tmp_path / "ref.txt", "Ref 0.", "Ref 1.")
    with pytest.raises(InputError, match="has 2 lines"):
        list(open_paired(str(mt), ref=ref).segments)
