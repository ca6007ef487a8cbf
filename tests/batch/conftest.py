"""Batch fixtures: one small scrape (every format, every kind of bad record) and one
uninterrupted run over it that other tests compare against.

Pages are short (one paragraph of each article) so a run over them is quick on a CPU;
the verdict cache is shared by the runs of the session, as a team would share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from claimcheck.batch import BatchOptions
from claimcheck.batch.local import run_local
from claimcheck.batch.output import RunSummary
from tests.batch.fixtures import Page, build_pages, write_all

MAX_BYTES = 200_000  # below fixtures.OVERSIZED_BYTES: the oversized page is an error


@dataclass
class Scrape:
    directory: Path
    files: dict[str, Path]
    pages: list[Page]


@dataclass
class Run:
    output: Path
    summary: RunSummary

    def table(self, name: str) -> list[dict]:
        return pq.read_table(self.output / f"{name}.parquet").to_pylist()


@pytest.fixture(scope="session")
def scrape(tmp_path_factory: pytest.TempPathFactory) -> Scrape:
    directory = tmp_path_factory.mktemp("scrape")
    pages = build_pages(12, max_blocks=1, articles=8, junk_share=0.25, duplicate_share=0.15)
    return Scrape(directory, write_all(directory, pages, broken=True), pages)


@pytest.fixture(scope="session")
def verdict_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache") / "verdicts.sqlite"


def options(scrape: Scrape, output: Path, **overrides: object) -> BatchOptions:
    settings: dict = {
        "inputs": (str(scrape.directory),),
        "output": output,
        "workers": 0,
        "chunk_size": 4,
        "batch_size": 4,
        "max_bytes": MAX_BYTES,
    }
    settings.update(overrides)
    return BatchOptions(**settings)


@pytest.fixture(scope="session")
def baseline(
    scrape: Scrape, pipeline, verdict_cache: Path, tmp_path_factory: pytest.TempPathFactory
) -> Run:
    """The whole scrape in one uninterrupted in-process run (its own verdict cache)."""
    output = tmp_path_factory.mktemp("baseline")
    summary = run_local(
        options(scrape, output, verdict_cache=verdict_cache), pipeline_factory=lambda: pipeline
    )
    return Run(output, summary)
