"""The Ray engine: the same stages on Ray Data, for a cluster (or this machine).

    read         one task per input file, streaming records in Arrow batches
    map_batches  an actor pool: each actor loads the pipeline once (on a GPU when the
                 cluster has them) and runs ChunkProcessor over each batch of records
    write        write_parquet / write_json into OUT/claims/, OUT/documents/, OUT/errors/

Row contents and column types are those of the local engine (same ChunkProcessor, same
schema.py). Differences: each table is a directory of part files (read it as one dataset;
sort on (input_index, record_index) where order matters); duplicate pages are each
processed (the per-actor verdict cache still skips their claims); and there is no
``--resume`` (Ray retries failed tasks and restarts dead actors itself).
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Iterator
from dataclasses import asdict, fields
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pyarrow as pa

from claimcheck.batch.cache import SqliteVerdictCache, pipeline_fingerprint
from claimcheck.batch.dedup import content_hash
from claimcheck.batch.options import BatchError, BatchOptions, FieldNames
from claimcheck.batch.output import RunSummary, prepare_output
from claimcheck.batch.process import ChunkProcessor, ChunkStats, reason_kind
from claimcheck.batch.progress import BarReporter, QuietReporter, Reporter
from claimcheck.batch.readers import check_inputs, discover_inputs, read_file
from claimcheck.batch.records import InputFile, InputRecord
from claimcheck.batch.schema import CLAIMS, DOCUMENTS, ERRORS

if TYPE_CHECKING:
    from ray.data import Dataset

RECORD = pa.schema(
    [
        ("input_index", pa.int32()),
        ("record_index", pa.int64()),
        ("input", pa.string()),
        ("position", pa.string()),
        ("id", pa.string()),
        ("url", pa.string()),
        ("content", pa.binary()),
        ("media_type", pa.string()),
        ("error", pa.string()),
        ("content_hash", pa.string()),
        ("duplicate_of", pa.string()),
        ("end_offset", pa.int64()),
    ]
)
# What the actors return: a documents row, its claims, and the actor's own figures.
RESULT = pa.schema(
    [
        *DOCUMENTS,
        pa.field("claim_rows", pa.list_(pa.struct(list(CLAIMS)))),
        pa.field("actor_pid", pa.int64()),
        pa.field("actor_rss_mb", pa.float64()),
        pa.field("cache_lookups", pa.int64()),
        pa.field("cache_hits", pa.int64()),
    ]
)
_READ_ROWS = 32


def run_ray(
    options: BatchOptions,
    reporter: Reporter | None = None,
    *,
    address: str | None = None,
    gpus_per_worker: float = 0.0,
) -> RunSummary:
    # Ray Data logs every dataset execution at INFO; our own progress says what matters.
    os.environ.setdefault("RAY_DATA_LOG_LEVEL", "WARNING")
    import ray

    reporter = reporter or QuietReporter()
    if options.resume:
        raise BatchError("--resume is for the local engine; Ray retries failed work itself")
    began = time.monotonic()
    files = discover_inputs(options.inputs)
    check_inputs(files, options.fields)
    prepare_output(options)
    # On a terminal Ray Data's own progress bars show each stage; in logs they are noise.
    _init_ray(ray, address, progress=isinstance(reporter, BarReporter))
    resources = ray.cluster_resources()
    reporter.message(
        f"ray: {resources.get('CPU', 0):g} CPUs, {resources.get('GPU', 0):g} GPUs, "
        f"{options.workers} pipeline actors"
    )
    result = _processed(ray, files, options, gpus_per_worker).materialize()
    _write(result, options)
    summary = _summary(result, options, files, time.monotonic() - began)
    summary.write(options.output / "summary.json")
    return summary


def _init_ray(ray: ModuleType, address: str | None, progress: bool) -> None:
    if ray.is_initialized():
        return
    if address is None:
        # Ray starts its workers at nice 15; on a machine shared with other work (the usual
        # single-machine case) they would then get almost no CPU. A cluster's own nodes
        # keep their configured niceness.
        os.environ.setdefault("RAY_worker_niceness", "0")
    ray.init(
        address=address,
        include_dashboard=False,
        logging_level="WARNING",
        log_to_driver=False,
        # Workers inherit this interpreter's environment, claimcheck included; on a remote
        # cluster claimcheck must be installed on the nodes (see the README).
    )
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True  # output order = input order
    context.enable_progress_bars = progress


def _processed(
    ray: ModuleType, files: list[InputFile], options: BatchOptions, gpus: float
) -> Dataset:
    listing = ray.data.from_items(
        [asdict(f) for f in files], override_num_blocks=max(len(files), 1)
    )
    records = listing.map_batches(
        _read_files,
        fn_kwargs={"fields": options.fields, "max_bytes": options.max_bytes},
        batch_size=1,
        batch_format="pyarrow",
        num_cpus=0.25,
    )
    # Actors reserve at most one logical CPU each, and never all of the cluster's: the
    # read tasks need some left, or they are never scheduled and the actors wait forever.
    # The actors still use their share of the cores through torch's threads.
    workers = max(options.workers, 1)
    cluster_cpus = float(ray.cluster_resources().get("CPU", 1.0))
    actor_cpus = max(0.1, min(1.0, (cluster_cpus - 0.5) / workers))
    threads = max(1, (os.cpu_count() or 1) // workers)
    return records.map_batches(
        PipelineActor,
        fn_constructor_kwargs={"options": options, "threads": threads},
        batch_size=options.chunk_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=workers),
        num_cpus=round(actor_cpus, 2),
        num_gpus=gpus or None,
    )


def _read_files(listing: pa.Table, fields: FieldNames, max_bytes: int) -> Iterator[pa.Table]:
    for entry in listing.to_pylist():
        batch: list[dict] = []
        for record in read_file(InputFile(**entry), fields, max_bytes):
            if record.content is not None:
                record.content_hash = content_hash(record.content)
            batch.append({f.name: getattr(record, f.name) for f in fields_of_record()})
            if len(batch) >= _READ_ROWS:
                yield pa.Table.from_pylist(batch, schema=RECORD)
                batch = []
        if batch:
            yield pa.Table.from_pylist(batch, schema=RECORD)


def fields_of_record() -> tuple:
    return fields(InputRecord)


class PipelineActor:
    """Holds one pipeline (loaded once per actor) and an in-memory verdict cache."""

    def __init__(self, options: BatchOptions, threads: int) -> None:
        import torch

        from claimcheck.pipeline import Pipeline

        torch.set_num_threads(threads)
        pipeline = Pipeline(options.pipeline_config)
        cache = SqliteVerdictCache(None, pipeline_fingerprint(pipeline))
        self.processor = ChunkProcessor(pipeline, cache, options.batch_size)

    def __call__(self, batch: pa.Table) -> pa.Table:
        records = [InputRecord(**row) for row in batch.to_pylist()]
        result = self.processor.process(records)
        claims_by_doc: dict[tuple[int, int], list[dict]] = {}
        for claim in result.claims:
            key = (claim["input_index"], claim["record_index"])
            claims_by_doc.setdefault(key, []).append(claim)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows = []
        for n, doc in enumerate(result.documents):
            key = (doc["input_index"], doc["record_index"])
            rows.append(
                {
                    **doc,
                    "claim_rows": claims_by_doc.get(key, []),
                    "actor_pid": os.getpid(),
                    "actor_rss_mb": round(rss, 1),
                    # The batch's cache figures ride on its first row (summed by the driver).
                    "cache_lookups": result.stats.cache_lookups if n == 0 else 0,
                    "cache_hits": result.stats.cache_hits if n == 0 else 0,
                }
            )
        return pa.Table.from_pylist(rows, schema=RESULT)


def _claims(batch: pa.Table) -> pa.Table:
    rows = [claim for claims in batch.column("claim_rows").to_pylist() for claim in claims]
    return pa.Table.from_pylist(rows, schema=CLAIMS)


def _documents(batch: pa.Table) -> pa.Table:
    return batch.select(DOCUMENTS.names).cast(DOCUMENTS)


def _errors(batch: pa.Table) -> pa.Table:
    rows = [
        {**{name: row.get(name) for name in ERRORS.names}, "reason": row["error"]}
        for row in batch.select([*DOCUMENTS.names]).to_pylist()
        if row["status"] == "error"
    ]
    return pa.Table.from_pylist(rows, schema=ERRORS)


def _write(result: Dataset, options: BatchOptions) -> None:
    from ray.data import SaveMode
    from ray.data.datasource import FilenameProvider

    class Parts(FilenameProvider):
        def __init__(self, suffix: str) -> None:
            super().__init__(file_format=suffix)

        def get_filename_for_task(self, write_uuid: str, task_index: int) -> str:
            return f"part-{task_index:06d}.{self.file_format}"

    suffix = "parquet" if options.output_format == "parquet" else "jsonl"
    for name, fn in (("claims", _claims), ("documents", _documents), ("errors", _errors)):
        table = result.map_batches(fn, batch_format="pyarrow", num_cpus=0.25)
        path = str(Path(options.output, name).resolve())
        if name == "errors" or suffix == "jsonl":
            table.write_json(
                path, filename_provider=Parts("jsonl"), mode=SaveMode.OVERWRITE, force_ascii=False
            )
        else:
            table.write_parquet(
                path,
                filename_provider=Parts("parquet"),
                mode=SaveMode.OVERWRITE,
                compression="zstd",
            )


def _summary(
    result: Dataset, options: BatchOptions, files: list[InputFile], seconds: float
) -> RunSummary:
    stats = ChunkStats()
    peaks: dict[str, float] = {}
    columns = [
        "status",
        "error",
        "claims",
        "supported",
        "contradicted",
        "unverified",
        "actor_pid",
        "actor_rss_mb",
        "cache_lookups",
        "cache_hits",
    ]
    for batch in result.select_columns(columns).iter_batches(batch_format="pyarrow"):
        for row in batch.to_pylist():
            stats.documents += 1
            stats.cache_lookups += row["cache_lookups"] or 0
            stats.cache_hits += row["cache_hits"] or 0
            key = f"pid {row['actor_pid']}"
            peaks[key] = max(peaks.get(key, 0.0), row["actor_rss_mb"] or 0.0)
            if row["status"] == "error":
                stats.errors += 1
                kind = reason_kind(row["error"] or "")
                stats.error_reasons[kind] = stats.error_reasons.get(kind, 0) + 1
                continue
            stats.processed += 1
            stats.claims += row["claims"] or 0
            for verdict in ("supported", "contradicted", "unverified"):
                if row[verdict]:
                    stats.verdicts[verdict] = stats.verdicts.get(verdict, 0) + row[verdict]
    stats.verified = stats.cache_lookups - stats.cache_hits
    return RunSummary(
        engine="ray",
        output=str(options.output),
        output_format=options.output_format,
        inputs=len(files),
        totals=stats,
        this_run=stats,
        seconds=round(seconds, 3),
        workers=options.workers,
        peak_rss_mb_per_worker=peaks,
    )
