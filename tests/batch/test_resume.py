"""The resume guarantee: a run killed with SIGKILL in the middle, then re-run with
``--resume``, gives the same tables as an uninterrupted run, with no document lost and
none duplicated. Real processes: the CLI with a worker pool, killed for real."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pyarrow.parquet as pq

from tests.batch.conftest import MAX_BYTES, Run, Scrape
from tests.conftest import CLI


def batch_command(scrape: Scrape, output: Path, *extra: str) -> list[str]:
    return [
        str(CLI),
        "batch",
        str(scrape.directory),
        "--output",
        str(output),
        "--chunk-size",
        "2",
        "--batch-size",
        "2",
        "--max-bytes",
        str(MAX_BYTES),
        *extra,
    ]


def kill_after_first_chunk(command: list[str], parts: Path, timeout_s: float = 900) -> int:
    """Start the run, SIGKILL its whole process group once a chunk is done; return how
    many chunks were done at the kill."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            done = list(parts.glob("*.done.json")) if parts.exists() else []
            if done:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=60)
                return len(done)
            if process.poll() is not None:
                raise AssertionError(
                    f"the run ended before it could be killed: {process.stderr.read()}"
                )
            time.sleep(0.05)
        raise AssertionError("no chunk finished in time")
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=60)


def test_resume_after_kill_matches_an_uninterrupted_run(
    baseline: Run, scrape: Scrape, tmp_path: Path
) -> None:
    output = tmp_path / "out"
    parts = output / "_state" / "parts"
    killed_at = kill_after_first_chunk(
        batch_command(scrape, output, "--workers", "1", "--quiet"), parts
    )
    assert killed_at >= 1
    assert not (output / "claims.parquet").exists(), "the run was killed before it finished"

    resumed = subprocess.run(
        batch_command(scrape, output, "--workers", "1", "--resume"),
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert resumed.returncode == 0, resumed.stderr
    summary = json.loads((output / "summary.json").read_text())
    assert summary["resumed_chunks"] >= killed_at
    assert summary["this_run"]["documents"] < summary["totals"]["documents"]

    for name in ("documents", "claims"):
        got = pq.read_table(output / f"{name}.parquet").to_pylist()
        assert got == baseline.table(name), f"{name}: {first_difference(got, baseline.table(name))}"
    documents = pq.read_table(output / "documents.parquet").to_pylist()
    keys = [(d["input_index"], d["record_index"]) for d in documents]
    assert len(keys) == len(set(keys)) == baseline.summary.totals.documents
    assert (output / "errors.jsonl").read_text() == (baseline.output / "errors.jsonl").read_text()


def first_difference(got: list[dict], expected: list[dict]) -> str:
    if len(got) != len(expected):
        return f"{len(got)} rows, expected {len(expected)}"
    for index, (row, want) in enumerate(zip(got, expected, strict=True)):
        fields = {k: (row.get(k), want.get(k)) for k in want if row.get(k) != want.get(k)}
        if fields:
            return f"row {index} ({want.get('doc_id')}): {fields} (got, expected)"
    return "no difference"
