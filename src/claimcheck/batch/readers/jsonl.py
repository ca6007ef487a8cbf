"""JSON Lines, plain or compressed (.gz, .zst), read line by line with a length cap."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from typing import BinaryIO

import zstandard

from claimcheck.batch.options import FieldNames
from claimcheck.batch.readers.common import make_record, mb
from claimcheck.batch.records import InputFile, InputRecord

_READ = 1 << 16
# JSON escaping can make a document's line several times longer than its text.
_LINE_FACTOR = 6


def read_jsonl(file: InputFile, fields: FieldNames, max_bytes: int) -> Iterator[InputRecord]:
    names = (fields.html, fields.text)
    with open(file.path, "rb") as raw:
        stream = _decompressed(raw, file.path)
        line_no = 0
        try:
            for line, overflow in _lines(stream, max_bytes * _LINE_FACTOR + (1 << 20)):
                line_no += 1
                if not overflow and not line.strip():
                    continue
                yield _record(file, line_no, line, overflow, fields, names, max_bytes, raw.tell())
        except (OSError, EOFError, zstandard.ZstdError) as exc:
            # A truncated or corrupt compressed stream: what was read stands, the rest is lost.
            yield InputRecord(
                file.index,
                line_no + 1,
                file.path,
                f"line {line_no + 1}",
                id=f"{file.path}:line{line_no + 1}",
                error=f"input ends in a damaged or truncated stream ({exc})",
                end_offset=file.size,
            )


def _decompressed(raw: BinaryIO, path: str) -> BinaryIO:
    name = path.lower()
    if name.endswith(".gz"):
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if name.endswith(".zst"):
        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
        return io.BufferedReader(reader, _READ)  # type: ignore[arg-type]
    return raw


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[bytes, bool]]:
    """Lines without their newline; a line longer than ``limit`` is skipped, not held."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drain the rest of the oversized line
                rest = stream.readline(_READ)
                if not rest or rest.endswith(b"\n"):
                    break
            yield b"", True
            continue
        yield line.rstrip(b"\r\n"), False


def _record(
    file: InputFile,
    line_no: int,
    line: bytes,
    overflow: bool,
    fields: FieldNames,
    names: tuple[str, str],
    max_bytes: int,
    offset: int,
) -> InputRecord:
    position = f"line {line_no}"
    bad = InputRecord(
        file.index,
        line_no,
        file.path,
        position,
        id=f"{file.path}:line{line_no}",
        end_offset=offset,
    )
    if overflow:
        bad.error = f"line is over {mb(max_bytes * _LINE_FACTOR)}; skipped unread"
        return bad
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        bad.error = f"malformed JSON ({_first_line(exc)})"
        return bad
    if not isinstance(obj, dict):
        bad.error = f"a JSON {type(obj).__name__}, not an object"
        return bad
    return make_record(
        file,
        line_no,
        position,
        id=obj.get(fields.id),
        url=obj.get(fields.url),
        html=obj.get(fields.html),
        text=obj.get(fields.text),
        names=names,
        max_bytes=max_bytes,
        end_offset=offset,
    )


def _first_line(exc: Exception) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0]
