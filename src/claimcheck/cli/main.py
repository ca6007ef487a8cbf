"""Entry point of the ``claimcheck`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from claimcheck import __version__
from claimcheck.cli import batch, corpus, evaluation, review, scan, train

app = typer.Typer(
    name="claimcheck",
    help="Find the health claims in an article and check them against curated evidence.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
app.command(name="scan")(scan.scan)
app.command(name="batch")(batch.batch)
app.add_typer(corpus.app, name="corpus")
app.add_typer(train.app, name="train")
app.command(name="serve")(review.serve)
app.add_typer(review.app, name="review")
app.add_typer(evaluation.app, name="eval")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """claimcheck: offline health-claim fact-checking."""
