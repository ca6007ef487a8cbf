"""Readers: input paths (files, directories, globs) to a stream of :class:`InputRecord`.

Every reader streams: it holds one record (at most ``max_bytes`` of content) at a time,
whatever the size of the file. A bad record becomes an ``InputRecord`` with ``error`` set;
only a file that cannot be opened at all raises :class:`BatchError`.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from pathlib import Path

from claimcheck.batch.options import BatchError, FieldNames
from claimcheck.batch.readers.jsonl import read_jsonl
from claimcheck.batch.readers.parquet import parquet_columns, read_parquet
from claimcheck.batch.readers.warc import read_warc
from claimcheck.batch.records import InputFile, InputRecord

_KINDS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".jsonl.zst": "jsonl",
    ".ndjson.zst": "jsonl",
    ".parquet": "parquet",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".arc.gz": "warc",
}

__all__ = ["check_inputs", "discover_inputs", "input_kind", "read_file", "read_records"]
_GZIP = b"\x1f\x8b"
_ZSTD = b"\x28\xb5\x2f\xfd"


def input_kind(path: str) -> str | None:
    name = path.lower()
    for suffix in sorted(_KINDS, key=len, reverse=True):
        if name.endswith(suffix):
            return _KINDS[suffix]
    return None


def discover_inputs(patterns: tuple[str, ...] | list[str]) -> list[InputFile]:
    """Expand files, directories (recursively) and globs into a sorted list of inputs."""
    files: list[str] = []
    for pattern in patterns:
        if any(ch in pattern for ch in "*?["):
            matches = sorted(glob.glob(pattern, recursive=True))
            if not matches:
                raise BatchError(f"{pattern}: no files match")
            for match in matches:
                files.extend(_expand(match, explicit=False))
            continue
        if not os.path.exists(pattern):
            raise BatchError(f"{pattern}: no such file or directory")
        files.extend(_expand(pattern, explicit=True))
    unique = list(dict.fromkeys(files))
    if not unique:
        raise BatchError(f"{' '.join(patterns)}: no JSONL, Parquet or WARC files found")
    return [_checked(index, path) for index, path in enumerate(unique)]


def _expand(path: str, explicit: bool) -> list[str]:
    """A file, or the readable inputs under a directory (sorted)."""
    if os.path.isdir(path):
        return sorted(str(p) for p in Path(path).rglob("*") if p.is_file() and input_kind(str(p)))
    if input_kind(path) is None:
        if explicit:
            raise BatchError(
                f"{path}: not a JSONL (.jsonl, .jsonl.gz, .jsonl.zst), Parquet or WARC file"
            )
        return []
    return [path]


def _checked(index: int, path: str) -> InputFile:
    try:
        with open(path, "rb") as handle:
            handle.read(1)
        size = os.path.getsize(path)
    except OSError as exc:
        raise BatchError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    return InputFile(index, path, input_kind(path) or "", size)


def check_inputs(files: list[InputFile], fields: FieldNames) -> None:
    """Open every input before any work starts: a file that cannot be read at all stops
    the run now, not hours in. (Damage further inside a file is a bad record.)"""
    for file in files:
        with open(file.path, "rb") as handle:
            head = handle.read(8)
        name = file.path.lower()
        if name.endswith(".gz") and not head.startswith(_GZIP):
            raise BatchError(f"{file.path}: not gzip data (the name ends in .gz)")
        if name.endswith(".zst") and not head.startswith(_ZSTD):
            raise BatchError(f"{file.path}: not zstd data (the name ends in .zst)")
        if file.kind == "warc" and not name.endswith(".gz") and not head.startswith(b"WARC/"):
            raise BatchError(f"{file.path}: not a WARC file (it does not start with WARC/)")
        if file.kind == "parquet":
            parquet_columns(file, fields)


def read_file(file: InputFile, fields: FieldNames, max_bytes: int) -> Iterator[InputRecord]:
    if file.kind == "jsonl":
        return read_jsonl(file, fields, max_bytes)
    if file.kind == "parquet":
        return read_parquet(file, fields, max_bytes)
    return read_warc(file, max_bytes)


def read_records(
    files: list[InputFile], fields: FieldNames, max_bytes: int
) -> Iterator[InputRecord]:
    for file in files:
        yield from read_file(file, fields, max_bytes)
