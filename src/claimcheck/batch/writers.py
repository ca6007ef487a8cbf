"""Writing rows: one set of part files per chunk, then the final tables in input order.

Final files (in OUT):
    claims.parquet | claims.jsonl
    documents.parquet | documents.jsonl
    errors.jsonl        always JSON Lines: meant to be read by people too
    summary.json        counts and run figures (the only file with timings)
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from claimcheck.batch.checkpoint import StateDir
from claimcheck.batch.process import ChunkResult, reason_kind
from claimcheck.batch.schema import ERRORS, TABLES, to_table

OUTPUT_FILES = ("claims", "documents")


def write_chunk(state: StateDir, chunk: int, result: ChunkResult) -> None:
    """The chunk's part files, then its done marker (see checkpoint.py)."""
    for name, rows in (("claims", result.claims), ("documents", result.documents)):
        target = state.part(chunk, name)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        pq.write_table(to_table(name, rows), tmp, compression="zstd")
        os.replace(tmp, target)
    state.mark_done(chunk, result.stats)


def final_paths(output: Path, output_format: str) -> dict[str, Path]:
    suffix = "parquet" if output_format == "parquet" else "jsonl"
    paths = {name: output / f"{name}.{suffix}" for name in OUTPUT_FILES}
    paths["errors"] = output / "errors.jsonl"
    return paths


def compact(
    state: StateDir, chunks: list[int], paths: dict[str, Path], metadata: dict
) -> DocumentCounts:
    """Concatenate the parts of ``chunks`` (in order) into the final tables, streaming.

    Duplicates get their original's outcome here (the original always comes first in
    input order), and the errors table is the documents whose status is ``error``."""
    claims = (pq.read_table(state.part(chunk, "claims")) for chunk in chunks)
    _write_table(paths["claims"], "claims", claims, metadata)
    originals = Originals(state.root / "originals.sqlite")
    counts = DocumentCounts()
    errors: list[dict] = []
    errors_tmp = paths["errors"].with_name(f".{paths['errors'].name}.tmp")

    def documents() -> Iterator[pa.Table]:
        with errors_tmp.open("w", encoding="utf-8") as error_file:
            for chunk in chunks:
                rows = pq.read_table(state.part(chunk, "documents")).to_pylist()
                for row in rows:
                    originals.settle(row)
                    counts.add(row)
                    if row["status"] == "error":
                        errors.append(row)
                _write_rows(error_file, [_error_row(row) for row in errors])
                errors.clear()
                yield to_table("documents", rows)

    try:
        _write_table(paths["documents"], "documents", documents(), metadata)
    finally:
        originals.close()
    os.replace(errors_tmp, paths["errors"])
    return counts


def _write_table(path: Path, name: str, tables: Iterable[pa.Table], metadata: dict) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    if path.suffix == ".parquet":
        _write_parquet(tmp, name, tables, metadata)
    else:
        with tmp.open("w", encoding="utf-8") as handle:
            for table in tables:
                _write_rows(handle, table.to_pylist())
    os.replace(tmp, path)


def _write_parquet(path: Path, name: str, tables: Iterable[pa.Table], metadata: dict) -> None:
    schema = TABLES[name].with_metadata(
        {**(TABLES[name].metadata or {}), **{k.encode(): v.encode() for k, v in metadata.items()}}
    )
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for table in tables:
            if table.num_rows:
                writer.write_table(table.cast(schema))


def _write_rows(handle: TextIO, rows: list[dict]) -> None:
    for row in rows:
        handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _error_row(row: dict) -> dict:
    return {name: row[name] for name in ERRORS.names if name != "reason"} | {"reason": row["error"]}


_COPIED = (
    "title",
    "chars",
    "claims",
    "supported",
    "contradicted",
    "unverified",
    "top_risk_claim_id",
    "top_risk_claim",
    "top_risk_verdict",
    "top_risk_harm",
)


class Originals:
    """The outcome of each first-seen content hash, on disk (memory stays flat)."""

    def __init__(self, path: Path) -> None:
        path.unlink(missing_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE original (hash TEXT PRIMARY KEY, row TEXT NOT NULL)")
        self._db.execute("BEGIN")

    def settle(self, row: dict) -> None:
        """Remember an original; give a duplicate its original's outcome."""
        digest = row.get("content_hash")
        if digest is None:
            return
        if row["status"] != "duplicate":
            kept = {name: row[name] for name in (*_COPIED, "status", "error")}
            self._db.execute(
                "INSERT OR IGNORE INTO original VALUES (?, ?)", (digest, json.dumps(kept))
            )
            return
        found = self._db.execute("SELECT row FROM original WHERE hash = ?", (digest,)).fetchone()
        if found is None:
            return
        original = json.loads(found[0])
        row.update({name: original[name] for name in _COPIED})
        if original["status"] == "error":
            row["status"] = "error"
            row["error"] = original["error"]

    def close(self) -> None:
        self._db.execute("COMMIT")
        self._db.close()


@dataclass
class DocumentCounts:
    documents: int = 0
    processed: int = 0
    duplicates: int = 0
    errors: int = 0
    error_reasons: dict[str, int] = field(default_factory=dict)

    def add(self, row: dict) -> None:
        self.documents += 1
        if row["status"] == "ok":
            self.processed += 1
        elif row["status"] == "duplicate":
            self.duplicates += 1
        else:
            self.errors += 1
            kind = reason_kind(row["error"] or "")
            self.error_reasons[kind] = self.error_reasons.get(kind, 0) + 1
