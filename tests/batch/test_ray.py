"""The Ray engine on a local Ray instance: same rows as the local engine on the same scrape."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from claimcheck.batch.output import RunSummary
from claimcheck.batch.schema import CLAIMS, DOCUMENTS
from tests.batch.conftest import Run, Scrape, options

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def ray_run(
    scrape: Scrape, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, RunSummary]]:
    from claimcheck.batch.ray_engine import run_ray

    output = tmp_path_factory.mktemp("ray") / "out"
    try:
        summary = run_ray(options(scrape, output, workers=1, chunk_size=4, batch_size=4))
        yield output, summary
    finally:
        ray.shutdown()


def _rows(directory: Path, schema: pa.Schema) -> list[dict]:
    table = ds.dataset(directory, format="parquet").to_table()
    assert table.schema.remove_metadata().equals(schema.remove_metadata())
    return sorted(table.to_pylist(), key=lambda r: (r["input_index"], r["record_index"]))


def test_ray_writes_the_same_documents_as_the_local_engine(
    ray_run: tuple[Path, RunSummary], baseline: Run
) -> None:
    output, summary = ray_run
    got = {(r["input_index"], r["record_index"]): r for r in _rows(output / "documents", DOCUMENTS)}
    expected = baseline.table("documents")
    assert sorted(got) == [(r["input_index"], r["record_index"]) for r in expected]
    for row in expected:
        ray_row = got[(row["input_index"], row["record_index"])]
        if row["duplicate_of"]:
            # Ray checks duplicates again instead of pointing to the first copy.
            assert ray_row["status"] == ("error" if row["status"] == "error" else "ok")
            assert ray_row["claims"] == row["claims"] and ray_row["error"] == row["error"]
        else:
            assert ray_row == row
    assert summary.totals.documents == len(expected)
    assert summary.peak_rss_mb_per_worker, "the actor reports its memory"


def test_ray_writes_the_same_claims_and_errors(
    ray_run: tuple[Path, RunSummary], baseline: Run
) -> None:
    output, _ = ray_run
    duplicates = {r["doc_id"] for r in baseline.table("documents") if r["status"] == "duplicate"}
    got = [r for r in _rows(output / "claims", CLAIMS) if r["doc_id"] not in duplicates]
    assert got == baseline.table("claims")
    errors = sorted(
        (
            json.loads(line)
            for part in sorted((output / "errors").glob("*.jsonl"))
            for line in part.read_text().splitlines()
        ),
        key=lambda r: (r["input_index"], r["record_index"]),
    )
    expected = [json.loads(x) for x in (baseline.output / "errors.jsonl").read_text().splitlines()]
    assert errors == expected
