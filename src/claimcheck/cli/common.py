"""Options and error handling shared by the CLI commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from claimcheck.paths import bundled_corpus_dir

_err = Console(stderr=True, highlight=False)

CorpusOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--corpus",
        help="Corpus directory; repeat to combine several (default: the bundled corpus/).",
        show_default=False,
    ),
]


def resolve_corpus_dirs(corpus: list[Path] | None) -> list[Path]:
    return list(corpus) if corpus else [bundled_corpus_dir()]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear line to stderr and exit non-zero."""
    _err.print(f"[red]error:[/red] {message}", soft_wrap=True)
    raise typer.Exit(code)
