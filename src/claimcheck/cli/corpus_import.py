"""``claimcheck corpus import``: turn your own evidence files into a corpus directory."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from claimcheck.cli.common import CorpusOption, fail, resolve_corpus_dirs
from claimcheck.corpus.importers import (
    FORMATS,
    ImportOptions,
    ImportResult,
    WriteError,
    import_files,
    write_corpus,
)
from claimcheck.corpus.importers.common import DEFAULT_GRADE, DEFAULT_STUDY_TYPE, slug
from claimcheck.corpus.schema import EvidenceGrade, StudyType
from claimcheck.corpus.store import CorpusError, Problem, load_corpus

PARTIAL_EXIT = 3  # the corpus was written, but some input records were skipped
USAGE_ERROR = 2  # bad option or unusable --corpus, as for every claimcheck command
SHOWN_PROBLEMS = 20

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

EPILOG = f"""
[bold]Formats[/bold] (auto: from the file name and first line)

  statements  JSONL or CSV, one evidence statement per line, with its citation
  beir        BEIR or SciFact corpus.jsonl of abstracts: one finding per sentence
  pubmed      PubMed XML (PubmedArticleSet): one finding per results/conclusions sentence

[bold]Exit status[/bold]: 0 everything imported; {PARTIAL_EXIT} the corpus was written but some
records were skipped (each reported as file:line: problem); 1 nothing written; 2 bad option.

[bold]Examples[/bold]

  claimcheck corpus import my-statements.csv --output my-evidence/ --topic kratom
  claimcheck corpus import pubmed-result.xml --output my-evidence/
  claimcheck corpus import scifact/corpus.jsonl --output scifact-corpus/ \\
      --url-template 'https://pubmed.ncbi.nlm.nih.gov/{{id}}/' --year 2020
  claimcheck scan article.html --corpus corpus/ --corpus my-evidence/
"""


def import_(
    files: Annotated[
        list[Path], typer.Argument(help="Input files.", metavar="FILE", show_default=False)
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Corpus directory to write (or add to).")
    ],
    input_format: Annotated[
        str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")
    ] = "auto",
    topic: Annotated[
        str | None,
        typer.Option(help="Topic slug for records that have none (default: the file name)."),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(help="Corpus name; prefixes generated ids (default: the output dir name)."),
    ] = None,
    study_type: Annotated[
        StudyType | None,
        typer.Option(help=f"Study type for records without one [default: {DEFAULT_STUDY_TYPE}]."),
    ] = None,
    grade: Annotated[
        EvidenceGrade, typer.Option(help="Evidence grade for records without one.")
    ] = DEFAULT_GRADE,
    url_template: Annotated[
        str | None,
        typer.Option(help="BEIR: link for documents without doi/pmid/url; {id} is the doc id."),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(help="BEIR: publication year to record for documents that carry none."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace record files written before.")
    ] = False,
    all_problems: Annotated[
        bool,
        typer.Option("--all-problems", help=f"List every problem, not the first {SHOWN_PROBLEMS}."),
    ] = False,
    corpus: CorpusOption = None,
) -> None:
    """Import statements, abstracts or PubMed XML as a corpus directory.

    Each bad line or record is reported as file:line: problem and skipped; the rest is
    imported. The written corpus is then validated alone and beside --corpus (default: the
    bundled corpus), as `claimcheck corpus validate` would.
    """
    if input_format not in FORMATS:
        fail(f"--format {input_format}: expected one of {', '.join(FORMATS)}", USAGE_ERROR)
    for path in files:
        if not path.is_file():
            fail(f"{path}: no such file")
    corpus_name = name or output.resolve().name
    options = ImportOptions(
        name=corpus_name,
        topic=slug(topic) if topic else None,
        study_type=study_type,
        grade=grade,
        url_template=url_template,
        year=year,
        reviewed=date.today(),
    )
    results = import_files(files, input_format, options)
    _report_problems([p for r in results for p in r.problems], all_problems)
    if not any(result.findings for result in results):
        fail("nothing imported: every record was skipped (see above)")
    try:
        written = write_corpus(output, results, corpus_name, force=force)
    except (WriteError, OSError) as exc:
        fail(str(exc))
    for result in results:
        _summary_line(result)
    errors = _validate(output, resolve_corpus_dirs(corpus))
    imported = sum(len(result.findings) for result in results)
    skipped = sum(result.skipped for result in results)
    console.print(
        f"imported {imported} findings from {len(files)} file(s) into {output} "
        f"({len(written)} record file(s)); {skipped} skipped"
    )
    if errors:
        raise typer.Exit(1)
    if skipped:
        raise typer.Exit(PARTIAL_EXIT)


def _report_problems(problems: list[Problem], show_all: bool) -> None:
    shown = problems if show_all else problems[:SHOWN_PROBLEMS]
    for problem in shown:
        label = "[red]skipped[/red]" if problem.severity == "error" else "[yellow]warning[/yellow]"
        err_console.print(f"{label} {problem}", soft_wrap=True)
    if len(problems) > len(shown):
        err_console.print(f"... and {len(problems) - len(shown)} more (--all-problems lists them)")


def _summary_line(result: ImportResult) -> None:
    console.print(
        f"{result.source} ({result.format}): {len(result.findings)} findings, "
        f"{result.skipped} skipped"
    )


def _validate(output: Path, beside: list[Path]) -> int:
    """Validate the written corpus alone and beside the others; returns the error count."""
    errors: list[Problem] = []
    others = [d for d in beside if d.resolve() != output.resolve()]
    for dirs in ([output], [*others, output]):
        try:
            _, problems = load_corpus(dirs)
        except CorpusError as exc:
            fail(str(exc))
        errors.extend(p for p in problems if p.severity == "error" and p not in errors)
    for problem in errors[:SHOWN_PROBLEMS]:
        err_console.print(f"[red]invalid[/red] {problem}", soft_wrap=True)
    return len(errors)
