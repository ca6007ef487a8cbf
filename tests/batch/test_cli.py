"""``claimcheck batch`` as a user runs it: stops that need one clear line."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import CLI


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CLI), "batch", *args], capture_output=True, text=True, timeout=300, check=False
    )


def test_missing_input_is_one_line_and_non_zero(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope.jsonl"), "--output", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'nope.jsonl'}: no such file or directory"
    assert "Traceback" not in result.stderr


def test_unreadable_parquet_stops_the_run(tmp_path: Path) -> None:
    bad = tmp_path / "broken.parquet"
    bad.write_bytes(b"PAR1 this is not parquet")
    result = run(str(bad), "--output", str(tmp_path / "out"), "--workers", "0", "--quiet")
    assert result.returncode == 1
    assert "broken.parquet: not a readable Parquet file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_format_option_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("{}\n")
    result = run(str(tmp_path / "a.jsonl"), "--output", str(tmp_path / "o"), "--format", "csv")
    assert result.returncode == 2 and "--format csv" in result.stderr


def test_a_verifier_that_cannot_load_stops_the_workers_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "a", "text": "Walking is good for you."}\n')
    result = run(
        str(tmp_path / "a.jsonl"),
        "--output",
        str(tmp_path / "out"),
        "--workers",
        "1",
        "--quiet",
        "--verifier",
        str(tmp_path / "no-such-model"),
    )
    assert result.returncode == 1
    assert "no-such-model: verifier checkpoint directory not found" in result.stderr
    assert "Traceback" not in result.stderr
