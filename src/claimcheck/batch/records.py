"""The plain data passed between readers, processors and writers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InputFile:
    index: int  # place in the sorted list of inputs: the first part of every row's sort key
    path: str
    kind: str  # "jsonl", "parquet" or "warc"
    size: int


@dataclass(slots=True)
class InputRecord:
    """One document read from an input, or the reason it could not be read.

    ``(input_index, record_index)`` orders every output row, so the output never depends
    on timing or on the number of workers."""

    input_index: int
    record_index: int
    input: str  # the input file's path
    position: str  # where in the file: "line 12", "row 7", "offset 10423"
    id: str
    url: str | None = None
    content: bytes | None = None
    media_type: str | None = None  # "text/html", "text/plain" or None (sniff)
    error: str | None = None  # set when the record is bad; content is then None
    content_hash: str | None = None
    duplicate_of: str | None = None  # id of the first record with the same content
    end_offset: int = 0  # bytes of the input consumed after this record (progress)

    @property
    def key(self) -> tuple[int, int]:
        return (self.input_index, self.record_index)
