"""``claimcheck scan``: check the health claims in one article."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from claimcheck.cli.common import CorpusOption, fail, resolve_corpus_dirs
from claimcheck.ingest import DEFAULT_MAX_BYTES, FetchLimits, IngestError, ingest
from claimcheck.render import FORMATS, document_record, to_json, to_jsonl

if TYPE_CHECKING:
    from claimcheck.pipeline import Pipeline

EXAMPLES = """
[bold]Examples[/bold]

  claimcheck scan article.txt
  claimcheck scan page.html --format html --output report.html
  claimcheck scan https://example.com/post --format json
  curl -s https://example.com/post | claimcheck scan - --format jsonl
  claimcheck scan article.txt --corpus corpus/ --corpus my-evidence/ --min-confidence 0.7
"""


def scan(
    source: Annotated[
        str, typer.Argument(help="A text or HTML file, an http(s) URL, or - for stdin.")
    ],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help=f"Report format: {', '.join(FORMATS)}.")
    ] = "text",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report here instead of stdout.")
    ] = None,
    corpus: CorpusOption = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            help="Supported/contradicted verdicts below this confidence are reported "
            "as unverified (default: the calibrated floor).",
            min=0.0,
            max=1.0,
        ),
    ] = None,
    verifier: Annotated[
        Path | None,
        typer.Option(
            help="A local Hugging Face NLI checkpoint (or claimcheck artifact) to use "
            "as the stance model instead of the bundled one."
        ),
    ] = None,
    verifier_labels: Annotated[
        str | None,
        typer.Option(
            help="Map the --verifier model's labels, e.g. "
            "'entailment=supports,contradiction=contradicts,neutral=neutral'."
        ),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option(help="Refuse inputs larger than this.")
    ] = DEFAULT_MAX_BYTES,
    timeout: Annotated[float, typer.Option(help="URL fetch timeout in seconds.")] = 15.0,
    device: Annotated[str, typer.Option(help="auto, cpu or cuda.")] = "auto",
    backend: Annotated[
        str, typer.Option(help="Stance model runtime: auto, torch, onnx or onnx-int8.")
    ] = "auto",
) -> None:
    """Find the health claims in an article and check each against the evidence corpus."""
    if output_format not in FORMATS:
        fail(f"--format {output_format}: expected one of {', '.join(FORMATS)}", code=2)
    try:
        doc = ingest(source, FetchLimits(max_bytes=max_bytes, timeout_s=timeout))
    except IngestError as exc:
        fail(str(exc))
    pipeline = build_pipeline(corpus, verifier, verifier_labels, device, min_confidence, backend)
    pipeline.process(doc)
    record = document_record(doc, pipeline.models, pipeline.corpus_info)
    write_report(record, output_format, output)


scan.__doc__ = (scan.__doc__ or "") + "\n" + EXAMPLES


def build_pipeline(
    corpus: list[Path] | None,
    verifier: Path | None,
    verifier_labels: str | None,
    device: str,
    min_confidence: float | None,
    backend: str = "auto",
) -> Pipeline:
    """The pipeline, or a one-line error for a bad corpus or verifier."""
    from claimcheck.corpus import CorpusError
    from claimcheck.pipeline import Pipeline, PipelineConfig
    from claimcheck.stance_model import StanceModelError

    config = PipelineConfig(
        corpus_dirs=tuple(resolve_corpus_dirs(corpus)),
        verifier=str(verifier) if verifier else None,
        verifier_labels=verifier_labels,
        device=device,
        backend=backend,
        min_confidence=min_confidence,
    )
    try:
        return Pipeline(config)
    except (CorpusError, StanceModelError) as exc:
        fail(str(exc), code=2)


def write_report(record: dict, output_format: str, output: Path | None) -> None:
    from claimcheck.render.html import render_html
    from claimcheck.render.text import render_text

    try:
        handle = output.open("w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        fail(f"{output}: cannot write the report ({exc.strerror or exc})")
    try:
        if output_format == "json":
            handle.write(to_json(record))
        elif output_format == "jsonl":
            handle.write(to_jsonl(record))
        elif output_format == "html":
            handle.write(render_html(record))
        else:
            console = Console(file=handle, width=110) if output else Console()
            render_text(record, console)
    finally:
        if output:
            handle.close()
