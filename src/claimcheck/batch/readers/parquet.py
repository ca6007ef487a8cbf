"""Parquet files, read a row group batch at a time."""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from claimcheck.batch.options import BatchError, FieldNames
from claimcheck.batch.readers.common import make_record
from claimcheck.batch.records import InputFile, InputRecord

_BATCH_ROWS = 64


def parquet_columns(file: InputFile, fields: FieldNames) -> list[str]:
    """The fields present in the file; raises if it is unreadable or has no content column."""
    try:
        schema = pq.read_schema(file.path)
    except (OSError, pa.ArrowException) as exc:
        raise BatchError(f"{file.path}: not a readable Parquet file ({exc})") from exc
    present = set(schema.names)
    if fields.html not in present and fields.text not in present:
        raise BatchError(
            f"{file.path}: has neither a '{fields.html}' nor a '{fields.text}' column "
            "(set --html-field / --text-field)"
        )
    return [name for name in (fields.id, fields.url, fields.html, fields.text) if name in present]


def read_parquet(file: InputFile, fields: FieldNames, max_bytes: int) -> Iterator[InputRecord]:
    wanted = parquet_columns(file, fields)
    try:
        parquet = pq.ParquetFile(file.path)
    except (OSError, pa.ArrowException) as exc:
        raise BatchError(f"{file.path}: not a readable Parquet file ({exc})") from exc
    total = max(parquet.metadata.num_rows, 1)
    row = 0
    with parquet:
        for batch in parquet.iter_batches(batch_size=_BATCH_ROWS, columns=wanted):
            for values in batch.to_pylist():
                row += 1
                yield make_record(
                    file,
                    row,
                    f"row {row}",
                    id=values.get(fields.id),  # type: ignore[arg-type]
                    url=values.get(fields.url),  # type: ignore[arg-type]
                    html=values.get(fields.html),
                    text=values.get(fields.text),
                    names=(fields.html, fields.text),
                    max_bytes=max_bytes,
                    end_offset=file.size * row // total,
                )
