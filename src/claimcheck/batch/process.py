"""One chunk of records through the pipeline: the work a worker process or Ray actor does.

Bad records never stop a chunk: a record the reader flagged, a page ingest cannot read,
or (should one ever happen) a document the pipeline fails on is reported and skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from claimcheck.batch.cache import SqliteVerdictCache
from claimcheck.batch.records import InputRecord
from claimcheck.batch.schema import claim_rows, document_row
from claimcheck.doc import Document
from claimcheck.ingest import IngestError, document_from_bytes
from claimcheck.render import document_record

if TYPE_CHECKING:
    from claimcheck.pipeline import Pipeline


@dataclass
class ChunkStats:
    documents: int = 0  # records seen
    processed: int = 0
    duplicates: int = 0
    errors: int = 0
    claims: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    cache_lookups: int = 0
    cache_hits: int = 0
    verified: int = 0  # claims checked afresh (not from the cache)
    error_reasons: dict[str, int] = field(default_factory=dict)

    def add(self, other: ChunkStats) -> None:
        for name in ("documents", "processed", "duplicates", "errors", "claims"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("cache_lookups", "cache_hits", "verified"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key, value in other.verdicts.items():
            self.verdicts[key] = self.verdicts.get(key, 0) + value
        for key, value in other.error_reasons.items():
            self.error_reasons[key] = self.error_reasons.get(key, 0) + value


@dataclass
class ChunkResult:
    claims: list[dict]
    documents: list[dict]
    stats: ChunkStats


class ChunkProcessor:
    def __init__(self, pipeline: Pipeline, cache: SqliteVerdictCache, batch_size: int) -> None:
        self.pipeline = pipeline
        self.cache = cache
        self.batch_size = max(1, batch_size)
        self.models = pipeline.models
        self.corpus_info = pipeline.corpus_info

    def process(self, records: list[InputRecord]) -> ChunkResult:
        before = (self.cache.stats.lookups, self.cache.stats.hits, self.cache.stats.stored)
        docs: dict[tuple[int, int], Document] = {}
        for record in records:
            if record.error is None and record.duplicate_of is None:
                doc = _ingest(record)
                if doc is not None:
                    docs[record.key] = doc
        keyed = [(r, docs[r.key]) for r in records if r.key in docs]
        for begin in range(0, len(keyed), self.batch_size):
            self._run(keyed[begin : begin + self.batch_size])
        self.cache.flush()
        result = self._rows(records, docs)
        stats = result.stats
        stats.cache_lookups = self.cache.stats.lookups - before[0]
        stats.cache_hits = self.cache.stats.hits - before[1]
        stats.verified = self.cache.stats.stored - before[2]
        return result

    def _run(self, batch: list[tuple[InputRecord, Document]]) -> None:
        try:
            self.pipeline.process_many([doc for _, doc in batch], cache=self.cache)
        except Exception:
            # Find the document that fails by running them one at a time; the rest go on.
            for record, doc in batch:
                try:
                    self.pipeline.process_many([doc], cache=self.cache)
                except Exception as exc:
                    record.error = f"pipeline failed: {type(exc).__name__}: {_first_line(exc)}"

    def _rows(self, records: list[InputRecord], docs: dict) -> ChunkResult:
        result = ChunkResult([], [], ChunkStats())
        stats = result.stats
        for record in records:
            stats.documents += 1
            report = None
            if record.error is None and record.key in docs:
                report = document_record(docs[record.key], self.models, self.corpus_info)
                result.claims.extend(claim_rows(record, report))
                stats.processed += 1
                stats.claims += report["summary"]["claims"]
                for claim in report["claims"]:
                    stats.verdicts[claim["verdict"]] = stats.verdicts.get(claim["verdict"], 0) + 1
            elif record.error is not None:
                stats.errors += 1
                reason = reason_kind(record.error)
                stats.error_reasons[reason] = stats.error_reasons.get(reason, 0) + 1
            else:
                stats.duplicates += 1
            result.documents.append(document_row(record, report))
        return result


def _ingest(record: InputRecord) -> Document | None:
    assert record.content is not None
    source = record.url or record.id
    try:
        return document_from_bytes(record.content, source=source, media_type=record.media_type)
    except IngestError as exc:
        record.error = exc.problem
    except Exception as exc:  # an extractor crash on hostile HTML is this page's problem only
        record.error = f"unreadable page ({type(exc).__name__}: {_first_line(exc)})"
    return None


def reason_kind(reason: str) -> str:
    """A short class of the reason for the summary counts ("malformed JSON", ...)."""
    return reason.split(" (")[0].split(":")[0].strip()


def _first_line(exc: Exception) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0]
