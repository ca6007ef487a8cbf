"""Progress output: plain lines with rates and ETA off a terminal, nothing when quiet."""

from __future__ import annotations

import re

import pytest

from claimcheck.batch.process import ChunkStats
from claimcheck.batch.progress import LogReporter, QuietReporter, make_reporter


def test_off_a_terminal_progress_is_periodic_plain_lines(capsys: pytest.CaptureFixture) -> None:
    assert isinstance(make_reporter(quiet=False), LogReporter)  # pytest's stderr is no tty
    reporter = LogReporter(interval_s=0.0)
    reporter.start(total_bytes=1000)
    stats = ChunkStats(documents=40, claims=120, errors=2)
    reporter.update(250, stats, stats)
    line = capsys.readouterr().err.strip()
    assert re.fullmatch(
        r"batch: 40 docs \([\d.]+/s\) · 120 claims \([\d.]+/s\) · 2 errors · 25% of input · "
        r"ETA \d+s",
        line,
    ), line


def test_lines_come_no_more_often_than_the_interval(capsys: pytest.CaptureFixture) -> None:
    reporter = LogReporter(interval_s=3600.0)
    reporter.start(total_bytes=10)
    reporter.update(5, ChunkStats(), ChunkStats())
    assert capsys.readouterr().err == ""


def test_quiet_prints_nothing(capsys: pytest.CaptureFixture) -> None:
    reporter = make_reporter(quiet=True)
    assert isinstance(reporter, QuietReporter)
    reporter.start(10)
    reporter.update(5, ChunkStats(documents=1), ChunkStats(documents=1))
    reporter.close()
    assert capsys.readouterr() == ("", "")
