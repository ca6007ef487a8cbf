"""The local engine: chunks of records to ``--workers`` processes on this machine.

The main process reads the input (streaming), marks duplicates, cuts fixed-size chunks
and hands at most ``2 x workers`` of them out at a time, so memory is bounded by the
chunks in flight, not by the input. Each worker process loads the pipeline once
("spawn": torch is not fork-safe), processes a chunk in model batches and writes the
chunk's part files itself; the main process only collects counts.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.batch.cache import SqliteVerdictCache, pipeline_fingerprint
from claimcheck.batch.checkpoint import StateDir, write_atomic
from claimcheck.batch.dedup import SeenDocuments
from claimcheck.batch.options import BatchError, BatchOptions
from claimcheck.batch.output import RunSummary, prepare_output
from claimcheck.batch.process import ChunkProcessor, ChunkStats
from claimcheck.batch.progress import QuietReporter, Reporter
from claimcheck.batch.readers import check_inputs, discover_inputs, read_records
from claimcheck.batch.records import InputFile, InputRecord
from claimcheck.batch.writers import compact, final_paths, write_chunk

if TYPE_CHECKING:
    from claimcheck.pipeline import Pipeline

_PROCESSOR: ChunkProcessor | None = None
_INIT_ERROR: str | None = None


@dataclass
class ChunkDone:
    chunk: int
    stats: ChunkStats
    pid: int
    peak_rss_mb: float
    models: dict
    corpus: dict


def run_local(
    options: BatchOptions,
    reporter: Reporter | None = None,
    pipeline_factory: Callable[[], object] | None = None,
) -> RunSummary:
    """Run the batch; ``pipeline_factory`` (workers=0 only) lends an already loaded pipeline."""
    reporter = reporter or QuietReporter()
    began = time.monotonic()
    files = discover_inputs(options.inputs)
    check_inputs(files, options.fields)
    prepare_output(options)
    state = StateDir(options.output)
    if options.resume and state.is_complete():
        return RunSummary.load(options.output / "summary.json")
    state.start(files, options.checkpoint_settings(), options.resume)
    done = state.done_chunks()
    cache_path = options.verdict_cache or state.root / "verdicts.sqlite"
    run = _Run(options, state, files, reporter, done)
    if options.workers == 0:
        run.inline(_processor_factory(options, cache_path, pipeline_factory))
    else:
        run.pooled(cache_path)
    return run.finish(began)


class _Run:
    def __init__(
        self,
        options: BatchOptions,
        state: StateDir,
        files: list[InputFile],
        reporter: Reporter,
        done: dict[int, ChunkStats],
    ) -> None:
        self.options = options
        self.state = state
        self.files = files
        self.reporter = reporter
        self.done = done
        self.resumed = len(done)
        self.base = _file_bases(files)
        self.totals = ChunkStats()
        for stats in done.values():
            self.totals.add(stats)
        self.this_run = ChunkStats()
        self.done_bytes = 0
        self.spans: dict[int, int] = {}
        self.chunks = 0
        self.peaks: dict[str, float] = {}
        self.meta: dict = _read_json(state.root / "models.json")

    def chunks_to_do(self) -> Iterator[tuple[int, list[InputRecord]]]:
        """Fixed chunks in input order; finished ones are counted and skipped."""
        seen = SeenDocuments(self.state.root / "seen.sqlite")
        records = read_records(self.files, self.options.fields, self.options.max_bytes)
        previous_end = 0
        try:
            for chunk, batch in enumerate(_chunked(records, self.options.chunk_size)):
                for record in batch:
                    seen.mark(record)
                end = self.base[batch[-1].input_index] + batch[-1].end_offset
                self.spans[chunk] = max(end - previous_end, 0)
                previous_end = end
                self.chunks = chunk + 1
                if chunk in self.done:
                    self._advance(chunk)
                    continue
                yield chunk, batch
        finally:
            seen.close()

    def inline(self, processor: Callable[[], ChunkProcessor]) -> None:
        self.reporter.start(sum(f.size for f in self.files))
        loaded: ChunkProcessor | None = None
        for chunk, batch in self.chunks_to_do():
            loaded = loaded or processor()
            self._collect(_process_chunk(loaded, self.state.root.parent, chunk, batch))

    def pooled(self, cache_path: Path) -> None:
        self.reporter.start(sum(f.size for f in self.files))
        context = multiprocessing.get_context("spawn")
        limit = self.options.workers * 2
        pending: set[Future] = set()
        with ProcessPoolExecutor(
            self.options.workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(self.options, cache_path),
        ) as pool:
            try:
                for chunk, batch in self.chunks_to_do():
                    while len(pending) >= limit:
                        pending = self._drain(pending)
                    pending.add(pool.submit(_work, self.state.root.parent, chunk, batch))
                while pending:
                    pending = self._drain(pending)
            except BaseException:
                for future in pending:
                    future.cancel()
                raise

    def _drain(self, pending: set[Future]) -> set[Future]:
        finished, rest = wait(pending, return_when=FIRST_COMPLETED)
        for future in finished:
            try:
                self._collect(future.result())
            except BrokenProcessPool as exc:
                raise BatchError(
                    "a worker process died (out of memory?); completed chunks are kept: "
                    "re-run with --resume to continue"
                ) from exc
            except OSError as exc:
                raise BatchError(
                    f"{self.options.output}: cannot write the output ({exc.strerror or exc})"
                ) from exc
        return rest

    def _collect(self, done: ChunkDone) -> None:
        self.done[done.chunk] = done.stats
        self.this_run.add(done.stats)
        self.totals.add(done.stats)
        key = f"pid {done.pid}"
        self.peaks[key] = max(self.peaks.get(key, 0.0), done.peak_rss_mb)
        if not self.meta:
            self.meta = {"models": done.models, "corpus": done.corpus}
            write_atomic(self.state.root / "models.json", _dumps(self.meta))
        self._advance(done.chunk)

    def _advance(self, chunk: int) -> None:
        self.done_bytes += self.spans.get(chunk, 0)
        self.reporter.update(self.done_bytes, self.this_run, self.totals)

    def finish(self, began: float) -> RunSummary:
        self.reporter.close()
        chunks = list(range(self.chunks))
        missing = [c for c in chunks if c not in self.done]
        if missing:
            raise BatchError(f"chunks {missing[:5]} did not finish; re-run with --resume")
        metadata = {
            "claimcheck.models": _dumps(self.meta.get("models", {})),
            "claimcheck.corpus": _dumps(self.meta.get("corpus", {})),
        }
        paths = final_paths(self.options.output, self.options.output_format)
        try:
            counts = compact(self.state, chunks, paths, metadata)
        except OSError as exc:
            raise BatchError(
                f"{self.options.output}: cannot write the output ({exc.strerror or exc})"
            ) from exc
        for name in ("documents", "processed", "duplicates", "errors", "error_reasons"):
            setattr(self.totals, name, getattr(counts, name))
        summary = RunSummary(
            engine="local",
            output=str(self.options.output),
            output_format=self.options.output_format,
            inputs=len(self.files),
            totals=self.totals,
            this_run=self.this_run,
            seconds=round(time.monotonic() - began, 3),
            workers=self.options.workers,
            resumed_chunks=self.resumed,
            peak_rss_mb_per_worker=self.peaks,
            models=self.meta.get("models", {}),
            corpus=self.meta.get("corpus", {}),
        )
        summary.write(self.options.output / "summary.json")
        self.state.mark_complete()
        return summary


def _processor_factory(
    options: BatchOptions, cache_path: Path, pipeline_factory: Callable[[], object] | None
) -> Callable[[], ChunkProcessor]:
    def build() -> ChunkProcessor:
        pipeline = pipeline_factory() if pipeline_factory else _new_pipeline(options)
        cache = SqliteVerdictCache(cache_path, pipeline_fingerprint(pipeline))
        return ChunkProcessor(pipeline, cache, options.batch_size)  # type: ignore[arg-type]

    return build


def _new_pipeline(options: BatchOptions) -> Pipeline:
    from claimcheck.corpus import CorpusError
    from claimcheck.pipeline import Pipeline
    from claimcheck.stance_model import StanceModelError

    try:
        return Pipeline(options.pipeline_config)
    except (CorpusError, StanceModelError) as exc:
        raise BatchError(str(exc)) from exc


def _init_worker(options: BatchOptions, cache_path: Path) -> None:
    global _PROCESSOR, _INIT_ERROR
    # Each worker gets its share of the cores; more threads than cores only thrash.
    import torch

    torch.set_num_threads(max(1, (os.cpu_count() or 1) // max(options.workers, 1)))
    try:
        _PROCESSOR = _processor_factory(options, cache_path, None)()
    except BatchError as exc:
        # Raised from _work instead: an initializer that raises only breaks the pool,
        # and the user would never see why.
        _INIT_ERROR = str(exc)


def _work(output: Path, chunk: int, records: list[InputRecord]) -> ChunkDone:
    if _PROCESSOR is None:
        raise BatchError(_INIT_ERROR or "worker not initialised")
    return _process_chunk(_PROCESSOR, output, chunk, records)


def _process_chunk(
    processor: ChunkProcessor, output: Path, chunk: int, records: list[InputRecord]
) -> ChunkDone:
    result = processor.process(records)
    write_chunk(StateDir(output), chunk, result)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return ChunkDone(
        chunk, result.stats, os.getpid(), round(peak_mb, 1), processor.models, processor.corpus_info
    )


def _chunked(records: Iterator[InputRecord], size: int) -> Iterator[list[InputRecord]]:
    batch: list[InputRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _file_bases(files: list[InputFile]) -> dict[int, int]:
    bases, offset = {}, 0
    for file in files:
        bases[file.index] = offset
        offset += file.size
    return bases


def _dumps(value: object) -> str:
    import json

    return json.dumps(value, sort_keys=True)


def _read_json(path: Path) -> dict:
    import json

    return json.loads(path.read_text()) if path.exists() else {}
