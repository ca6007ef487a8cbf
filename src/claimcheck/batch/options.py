"""The options of a batch run, shared by the CLI and both engines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimcheck.ingest import DEFAULT_MAX_BYTES

OUTPUT_FORMATS = ("parquet", "jsonl")


class BatchError(Exception):
    """A problem that stops the whole run (unreadable input file, unwritable output).

    The message is one line that names the file and the problem."""


@dataclass(frozen=True)
class FieldNames:
    """Which JSONL / Parquet fields hold a record's id, url and content."""

    id: str = "id"
    url: str = "url"
    html: str = "html"
    text: str = "text"


@dataclass(frozen=True)
class BatchOptions:
    inputs: tuple[str, ...]
    output: Path
    output_format: str = "parquet"
    fields: FieldNames = field(default_factory=FieldNames)
    workers: int = 1  # 0: run in this process (debugging, tests)
    chunk_size: int = 64  # documents per checkpoint (one part file each)
    batch_size: int = 16  # documents per Pipeline.process_many call
    max_bytes: int = DEFAULT_MAX_BYTES
    resume: bool = False
    overwrite: bool = False
    verdict_cache: Path | None = None  # default: OUT/_state/verdicts.sqlite
    # A claimcheck.pipeline.PipelineConfig (typed loosely: importing it pulls in torch).
    pipeline_config: Any = None

    def checkpoint_settings(self) -> dict:
        """What must not change between a run and its ``--resume`` (chunks must line up)."""
        return {
            "output_format": self.output_format,
            "fields": [self.fields.id, self.fields.url, self.fields.html, self.fields.text],
            "chunk_size": self.chunk_size,
            "max_bytes": self.max_bytes,
        }
