"""``claimcheck batch``: check many scraped pages, on this machine or on a Ray cluster."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from claimcheck.batch.options import OUTPUT_FORMATS, BatchError, BatchOptions, FieldNames
from claimcheck.batch.output import RunSummary
from claimcheck.batch.progress import Reporter, make_reporter
from claimcheck.cli.common import CorpusOption, fail, resolve_corpus_dirs
from claimcheck.ingest import DEFAULT_MAX_BYTES

EXAMPLES = """
[bold]Examples[/bold]

  claimcheck batch crawl/*.warc.gz --output results/
  claimcheck batch pages.jsonl.zst --html-field body --id-field doc_id --output results/ --workers 2
  claimcheck batch pages/ --output results/ --format jsonl --resume
  claimcheck batch s3-export/*.parquet --output results/ --engine ray --address ray://head:10001
"""


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="JSONL (.jsonl, .jsonl.gz, .jsonl.zst), Parquet or WARC (.warc, .warc.gz) "
            "files, directories of them, or globs.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Output directory.", show_default=False)
    ],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Table format: parquet or jsonl.")
    ] = "parquet",
    workers: Annotated[
        int,
        typer.Option(
            help="Worker processes (local engine) or model actors (ray); 0 runs in this process.",
            min=0,
        ),
    ] = 1,
    engine: Annotated[str, typer.Option(help="local or ray.")] = "local",
    address: Annotated[
        str | None,
        typer.Option(help="Ray cluster to join (e.g. ray://head:10001; default: start one here)."),
    ] = None,
    gpus_per_worker: Annotated[
        float, typer.Option(help="GPUs per Ray actor (when the cluster has them).", min=0.0)
    ] = 0.0,
    resume: Annotated[
        bool, typer.Option(help="Continue an interrupted run in the same --output.")
    ] = False,
    overwrite: Annotated[
        bool, typer.Option(help="Replace an earlier run's output in --output.")
    ] = False,
    id_field: Annotated[str, typer.Option(help="JSONL/Parquet field with the document id.")] = "id",
    url_field: Annotated[str, typer.Option(help="Field with the page URL.")] = "url",
    html_field: Annotated[str, typer.Option(help="Field with the page HTML.")] = "html",
    text_field: Annotated[
        str, typer.Option(help="Field with plain text (used when there is no HTML).")
    ] = "text",
    chunk_size: Annotated[
        int, typer.Option(help="Documents per checkpoint (and per part file).", min=1)
    ] = 64,
    batch_size: Annotated[int, typer.Option(help="Documents per model batch.", min=1)] = 16,
    max_bytes: Annotated[
        int, typer.Option(help="Skip (and report) documents larger than this.")
    ] = DEFAULT_MAX_BYTES,
    verdict_cache: Annotated[
        Path | None,
        typer.Option(help="SQLite verdict cache to reuse across runs (default: inside --output)."),
    ] = None,
    corpus: CorpusOption = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            help="Confidence floor for supported/contradicted (default: the calibrated floor).",
            min=0,
            max=1,
        ),
    ] = None,
    verifier: Annotated[
        Path | None, typer.Option(help="A local NLI checkpoint to use as the stance model.")
    ] = None,
    verifier_labels: Annotated[str | None, typer.Option(help="Label map for --verifier.")] = None,
    device: Annotated[str, typer.Option(help="auto, cpu or cuda.")] = "auto",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
    log_interval: Annotated[
        float, typer.Option(help="Seconds between progress lines when not on a terminal.")
    ] = 30.0,
) -> None:
    """Check the health claims in many pages; write claims and documents tables."""
    from claimcheck.pipeline import PipelineConfig

    if output_format not in OUTPUT_FORMATS:
        fail(f"--format {output_format}: expected one of {', '.join(OUTPUT_FORMATS)}", code=2)
    if engine not in ("local", "ray"):
        fail(f"--engine {engine}: expected local or ray", code=2)
    if resume and overwrite:
        fail("--resume and --overwrite cannot be used together", code=2)
    config = PipelineConfig(
        corpus_dirs=tuple(resolve_corpus_dirs(corpus)),
        verifier=str(verifier) if verifier else None,
        verifier_labels=verifier_labels,
        device=device,
        min_confidence=min_confidence,
    )
    options = BatchOptions(
        inputs=tuple(inputs),
        output=output,
        output_format=output_format,
        fields=FieldNames(id_field, url_field, html_field, text_field),
        workers=workers,
        chunk_size=chunk_size,
        batch_size=batch_size,
        max_bytes=max_bytes,
        resume=resume,
        overwrite=overwrite,
        verdict_cache=verdict_cache,
        pipeline_config=config,
    )
    summary = _execute(
        options, engine, address, gpus_per_worker, make_reporter(quiet, log_interval)
    )
    if not quiet:
        for line in summary.lines():
            typer.echo(line, err=True)
        typer.echo(f"output: {output}", err=True)


def _execute(
    options: BatchOptions, engine: str, address: str | None, gpus: float, reporter: Reporter
) -> RunSummary:
    """Run the chosen engine; a run-stopping problem becomes one line and exit 1."""
    try:
        if engine == "ray":
            from claimcheck.batch.ray_engine import run_ray

            return run_ray(options, reporter, address=address, gpus_per_worker=gpus)
        from claimcheck.batch.local import run_local

        return run_local(options, reporter)
    except BatchError as exc:
        reporter.close()
        fail(str(exc))
    except KeyboardInterrupt:
        reporter.close()
        fail("interrupted; finished chunks are kept: re-run with --resume to continue", 130)


batch.__doc__ = (batch.__doc__ or "") + "\n" + EXAMPLES
