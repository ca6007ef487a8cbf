"""``claimcheck batch``: check scraped pages at scale, on one machine or on a Ray cluster.

Stages (each its own module; the pipeline itself is :class:`claimcheck.pipeline.Pipeline`):

    readers   -> InputRecord stream (JSONL / Parquet / WARC, directories and globs)
    dedup     -> identical documents marked, processed once
    process   -> records through Pipeline.process_many, with the verdict cache
    schema    -> claims / documents / errors rows with fixed column types
    writers   -> part files per chunk, compacted to the final tables
    checkpoint-> which chunks are done, so ``--resume`` continues after a crash
    local / ray_engine -> who runs the chunks: worker processes or Ray actors
"""

from __future__ import annotations

from claimcheck.batch.options import BatchError, BatchOptions, FieldNames

__all__ = ["BatchError", "BatchOptions", "FieldNames"]
