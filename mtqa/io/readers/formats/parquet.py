"""Apache Parquet with the JSON Lines schema: a segment per row, text from `mt` or `text`, `id`, `src`
and `ref` kept, every other column passed through in `meta` (null cells left out, as a JSON record would
omit them). Rows are read a row group's batch at a time, so a large shard streams with bounded memory;
a row's number stands where a JSONL record's line would (`shard.parquet:1204`).

Reading Parquet needs pyarrow, installed with the Ray engine (`pip install 'mtqa[ray]'`).
"""

from __future__ import annotations

import base64
import datetime
import decimal
from collections.abc import Iterator
from typing import Any, BinaryIO

from mtqa.errors import InputError
from mtqa.io.readers import Format, ReaderOptions, record_to_segment, register_format
from mtqa.model import Segment

BATCH_ROWS = 4096  # rows decoded at a time


def read_parquet(path: str, stream: BinaryIO, options: ReaderOptions) -> Iterator[Segment]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(path, "reading Parquet needs pyarrow: pip install 'mtqa[ray]'") from None
    try:
        table = pq.ParquetFile(stream)
    except (pa.ArrowException, OSError) as err:
        raise InputError(path, f"not a readable Parquet file ({_reason(err)})") from None
    row = 0
    batches = table.iter_batches(batch_size=BATCH_ROWS)
    while True:
        try:
            batch = next(batches, None)
        except (pa.ArrowException, OSError) as err:
            raise InputError(path, f"cannot read the rows after this one ({_reason(err)})", line=row or None) from None
        if batch is None:
            return
        for record in batch.to_pylist():
            row += 1
            plain = {key: _plain(value) for key, value in record.items() if value is not None}
            yield record_to_segment(plain, path, row)


def _plain(value: Any) -> Any:
    """A cell as JSON would hold it: dates and times in ISO 8601, decimals as numbers, bytes in base64."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _reason(err: Exception) -> str:
    return str(err).splitlines()[0] if str(err) else type(err).__name__


register_format(Format("parquet", (".parquet",), False, read_parquet))
