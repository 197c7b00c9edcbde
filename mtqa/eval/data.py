"""Find and stream the evaluation sets; tell which dataset a record belongs to.

The data stays where it is: nothing here copies it, and files are read one line at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mtqa.errors import InputError
from mtqa.io.readers import iter_json_records

RECORD_SUFFIX = ".jsonl"


DATA_DIR_VARIABLE = "MTQA_EVAL_DATA"
CHECKOUT_DATA_DIR = Path("..") / "shared" / "eval"  # beside a repository checkout, run from its root


def default_data_dir() -> Path:
    """`$MTQA_EVAL_DATA`, else `../shared/eval` from the current folder (the repository checkout's root).

    The installed package knows no data of its own: where the sets are is the caller's to say."""
    configured = os.environ.get(DATA_DIR_VARIABLE)
    return Path(configured) if configured else CHECKOUT_DATA_DIR


def discover(data_dir: Path) -> list[Path]:
    """Every `*.jsonl` file one folder below `data_dir` (one folder per set), sorted."""
    if not data_dir.is_dir():
        raise InputError(str(data_dir), "no such data folder (pass --data-dir or the files themselves)")
    files = sorted(data_dir.glob(f"*/*{RECORD_SUFFIX}"))
    if not files:
        raise InputError(str(data_dir), f"no {RECORD_SUFFIX} files in the set folders below it")
    return files


def iter_records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(1-based line number, record) for each non-blank line of a JSON Lines file, read as a stream."""
    shown = str(path)
    if not path.exists():
        raise InputError(shown, "no such file")
    if path.is_dir():
        raise InputError(shown, "is a directory; pass the .jsonl files inside it (or --data-dir)")
    seen_any = False
    with path.open("rb") as stream:
        for number, record in iter_json_records(shown, stream, strict=False):
            seen_any = True
            yield number, record
    if not seen_any:
        raise InputError(shown, "the file is empty")


def dataset_of(record: dict[str, Any], path: str, line: int) -> str:
    """The dataset a record comes from: the part of its `id` before the first slash (`demetr/...` -> demetr)."""
    identifier = record.get("id")
    if not isinstance(identifier, str) or "/" not in identifier:
        raise InputError(path, f"record id {identifier!r} does not start with a dataset name "
                               "(expected e.g. “demetr/…”)", line=line)
    return identifier.split("/", 1)[0]
