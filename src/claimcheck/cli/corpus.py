"""``claimcheck corpus``: validate, inspect, search, import and export evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from claimcheck.cli.common import CorpusOption, fail, resolve_corpus_dirs
from claimcheck.cli.corpus_import import EPILOG, USAGE_ERROR, import_
from claimcheck.corpus.claimreview import claim_review_graph
from claimcheck.corpus.search import SearchResult
from claimcheck.corpus.stats import corpus_stats
from claimcheck.corpus.store import Corpus, CorpusError, load_corpus

app = typer.Typer(
    help="Validate, inspect, search, import and export the evidence corpus.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
console = Console()
err_console = Console(stderr=True)


@app.command()
def validate(corpus: CorpusOption = None) -> None:
    """Check every record: schema, duplicate ids, dangling references, repeated statements.

    Example: claimcheck corpus validate --corpus corpus/ --corpus my-evidence/
    """
    dirs = resolve_corpus_dirs(corpus)
    try:
        loaded, problems = load_corpus(dirs)
    except CorpusError as exc:
        fail(str(exc), USAGE_ERROR)
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        style = "red" if problem.severity == "error" else "yellow"
        err_console.print(f"[{style}]{problem.severity}[/{style}] {problem}", highlight=False)
    summary = (
        f"{len(loaded.findings)} findings, {len(loaded.reviews)} claim reviews, "
        f"{len(errors)} errors, {len(problems) - len(errors)} warnings"
    )
    if errors:
        err_console.print(f"[red]invalid[/red]: {summary}")
        raise typer.Exit(1)
    console.print(f"[green]valid[/green]: {summary} ({loaded.version})")


@app.command()
def stats(
    corpus: CorpusOption = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """Records per topic, kind, study type and grade; the oldest review date.

    Example: claimcheck corpus stats --format json
    """
    try:
        loaded, _ = load_corpus(resolve_corpus_dirs(corpus))
    except CorpusError as exc:
        fail(str(exc), USAGE_ERROR)
    numbers = corpus_stats(loaded)
    if output_format == "json":
        console.print_json(json.dumps(numbers))
        return
    if output_format != "text":
        fail(f"--format {output_format}: expected text or json", USAGE_ERROR)
    console.print(
        f"[bold]{numbers['version']}[/bold]: {numbers['findings']} findings, "
        f"{numbers['claim_reviews']} claim reviews, {numbers['topics']} topics, "
        f"oldest review {numbers['oldest_review']}"
    )
    table = Table("topic", "findings", "claim reviews")
    for topic, counts in numbers["per_topic"].items():
        table.add_row(topic, str(counts["findings"]), str(counts["claim_reviews"]))
    console.print(table)
    for key in ("study_types", "evidence_grades", "ratings"):
        pairs = ", ".join(f"{k} {v}" for k, v in numbers[key].items())
        console.print(f"{key.replace('_', ' ')}: {pairs}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="A claim or question, in any wording.")],
    corpus: CorpusOption = None,
    k: Annotated[int, typer.Option("-k", help="How many records to show.", min=1)] = 8,
    kind: Annotated[
        str | None, typer.Option(help="Only 'finding' or only 'claim_review' records.")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="text or json")] = "text",
) -> None:
    """The records the scanner's retrieval finds for QUERY, best first, with their scores.

    Example: claimcheck corpus search "ACV gummies melt belly fat" -k 5
    """
    if output_format not in ("text", "json"):
        fail(f"--format {output_format}: expected text or json", USAGE_ERROR)
    if kind not in (None, "finding", "claim_review"):
        fail(f"--kind {kind}: expected finding or claim_review", USAGE_ERROR)
    if not query.strip():
        fail("the query is empty", USAGE_ERROR)
    loaded = _load(corpus)
    from claimcheck.corpus.search import search_corpus
    from claimcheck.retrieve import Retriever, index_is_cached

    if not index_is_cached(loaded):
        err_console.print(f"building the search index for {loaded.size} records (once per corpus)")
    results = search_corpus(Retriever(loaded), query, k=k, kind=kind)
    if output_format == "json":
        payload = {"query": query, "corpus": loaded.version, "results": results}
        payload["results"] = [result.to_dict() for result in results]
        console.print_json(json.dumps(payload, ensure_ascii=False))
        return
    for result in results:
        print_result(result)


def print_result(result: SearchResult) -> None:
    console.print(
        f"[bold]{result.rank:>2}[/bold]  {result.score:.3f}  cos {result.cosine:.2f}  "
        f"{result.kind}  {result.topic}  [cyan]{result.id}[/cyan]",
        highlight=False,
    )
    if result.kind == "finding":
        detail = f"{result.citation}  {result.link}  [{result.study_type}, {result.evidence_grade}]"
    else:
        detail = f"rated {result.rating}; findings: {', '.join(result.findings)}"
        if result.matched != result.text:
            detail += f"\nmatched: {result.matched}"
    body = Text(result.text)
    body.append("\n" + detail, style="dim")
    console.print(Padding(body, (0, 0, 0, 6), expand=False))


@app.command()
def export(
    corpus: CorpusOption = None,
    output_format: Annotated[
        str, typer.Option("--format", help="claimreview: schema.org ClaimReview JSON-LD")
    ] = "claimreview",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(help="Where the reviews are published: each gets url = BASE_URL/<id>."),
    ] = None,
) -> None:
    """Write the claim reviews as schema.org ClaimReview JSON-LD (an @graph).

    Example: claimcheck corpus export --format claimreview --output claimreviews.jsonld
    """
    if output_format != "claimreview":
        fail(f"--format {output_format}: expected claimreview", USAGE_ERROR)
    loaded = _load(corpus, require_valid=True)
    document = json.dumps(claim_review_graph(loaded, base_url), ensure_ascii=False, indent=2)
    if output is None:
        typer.echo(document)
        return
    try:
        output.write_text(document + "\n", encoding="utf-8")
    except OSError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    err_console.print(f"wrote {len(loaded.reviews)} claim reviews to {output}")


def _load(corpus: list[Path] | None, require_valid: bool = False) -> Corpus:
    try:
        loaded, problems = load_corpus(resolve_corpus_dirs(corpus))
    except CorpusError as exc:
        fail(str(exc), USAGE_ERROR)
    errors = [p for p in problems if p.severity == "error"]
    if errors and require_valid:
        fail(
            f"invalid corpus: {errors[0]} ({len(errors)} errors; run claimcheck corpus validate)",
            USAGE_ERROR,
        )
    if errors:
        err_console.print(
            f"[yellow]warning[/yellow] the corpus has {len(errors)} errors "
            "(records with errors are left out; run claimcheck corpus validate)"
        )
    return loaded


app.command(name="import", epilog=EPILOG)(import_)
