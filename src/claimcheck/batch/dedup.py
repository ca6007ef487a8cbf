"""Identical documents: the first in input order is processed, later copies point to it.

The reader side decides this, in input order, so the answer never depends on timing.
Hashes live in SQLite, not in a Python set, so memory stays flat on inputs of any size.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from claimcheck.batch.records import InputRecord


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class SeenDocuments:
    def __init__(self, path: Path) -> None:
        path.unlink(missing_ok=True)  # rebuilt from the input on every run, resumed ones too
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE seen (hash TEXT PRIMARY KEY, id TEXT NOT NULL)")
        self._db.execute("BEGIN")
        self._since_commit = 0

    def mark(self, record: InputRecord) -> None:
        """Set the record's content hash, and ``duplicate_of`` if its content came before."""
        if record.content is None:
            return
        record.content_hash = content_hash(record.content)
        row = self._db.execute(
            "SELECT id FROM seen WHERE hash = ?", (record.content_hash,)
        ).fetchone()
        if row is not None:
            record.duplicate_of = row[0]
            return
        self._db.execute(
            "INSERT INTO seen (hash, id) VALUES (?, ?)", (record.content_hash, record.id)
        )
        self._since_commit += 1
        if self._since_commit >= 10_000:
            self._db.execute("COMMIT")
            self._db.execute("BEGIN")
            self._since_commit = 0

    def close(self) -> None:
        self._db.execute("COMMIT")
        self._db.close()
