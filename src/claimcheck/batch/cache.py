"""The verdict cache: a claim checked once is not checked again.

Keys are :func:`claimcheck.pipeline.cache_key` (claim text, the document's entity and the
claim type) prefixed by a fingerprint of everything else a verdict depends on: the corpus
version, the model versions and the pipeline settings. Retraining a model or editing the
corpus therefore starts a fresh cache instead of serving stale verdicts.

:class:`SqliteVerdictCache` is shared by the worker processes of one machine (SQLite in
WAL mode takes concurrent readers and one writer at a time; writes are batched per chunk).
With no path it is an in-memory LRU, one per Ray actor.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import OrderedDict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.doc import Citation, Claim, Evidence, Label, Stance, Verdict

if TYPE_CHECKING:
    from claimcheck.pipeline import Pipeline

_MEMORY_ENTRIES = 50_000


def fingerprint(models: dict, corpus: dict, settings: dict) -> str:
    blob = json.dumps({"models": models, "corpus": corpus, **settings}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def pipeline_fingerprint(pipeline: Pipeline) -> str:
    config = pipeline.config
    settings = {
        "evidence_per_claim": config.evidence_per_claim,
        "min_confidence": config.min_confidence,
    }
    return fingerprint(pipeline.models, pipeline.corpus_info, settings)


@dataclass
class CacheStats:
    lookups: int = 0
    hits: int = 0
    stored: int = 0  # claims verified afresh (one per distinct key)


class SqliteVerdictCache:
    """A :class:`claimcheck.pipeline.VerdictCache` on disk (or in memory with no path)."""

    def __init__(self, path: Path | None, prefix: str) -> None:
        self.prefix = prefix
        self.stats = CacheStats()
        self._memory: OrderedDict[str, str] = OrderedDict()
        self._pending: dict[str, str] = {}
        self._db: sqlite3.Connection | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=120, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS verdicts (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )

    def get(self, key: str) -> Claim | None:
        self.stats.lookups += 1
        value = self._lookup(f"{self.prefix}|{key}")
        if value is None:
            return None
        self.stats.hits += 1
        return decode_claim(value)

    def put(self, key: str, claim: Claim) -> None:
        self.stats.stored += 1
        full = f"{self.prefix}|{key}"
        value = encode_claim(claim)
        self._remember(full, value)
        if self._db is not None:
            self._pending[full] = value

    def flush(self) -> None:
        """Write the verdicts of this chunk in one transaction."""
        if self._db is None or not self._pending:
            return
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(
                "INSERT OR IGNORE INTO verdicts (key, value) VALUES (?, ?)",
                list(self._pending.items()),
            )
        self._pending.clear()

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None

    def _lookup(self, key: str) -> str | None:
        if key in self._memory:
            self._memory.move_to_end(key)
            return self._memory[key]
        if self._db is None:
            return None
        row = self._db.execute("SELECT value FROM verdicts WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        self._remember(key, row[0])
        return row[0]

    def _remember(self, key: str, value: str) -> None:
        self._memory[key] = value
        self._memory.move_to_end(key)
        if len(self._memory) > _MEMORY_ENTRIES:
            self._memory.popitem(last=False)


def encode_claim(claim: Claim) -> str:
    """The parts of a checked claim that the cache restores: evidence and verdict."""
    return json.dumps(
        {
            "evidence": [asdict(evidence) for evidence in claim.evidence],
            "verdict": asdict(claim.verdict) if claim.verdict else None,
        },
        ensure_ascii=False,
    )


def decode_claim(value: str) -> Claim:
    data = json.loads(value)
    evidence = []
    for item in data["evidence"]:
        citation = Citation(**item["citation"]) if item.get("citation") else None
        evidence.append(
            Evidence(**{**item, "citation": citation, "stance": Stance(item["stance"])})
        )
    verdict_data = data["verdict"]
    verdict = (
        Verdict(**{**verdict_data, "label": Label(verdict_data["label"])}) if verdict_data else None
    )
    return Claim("", "", 0, 0, 0, evidence=evidence, verdict=verdict)
