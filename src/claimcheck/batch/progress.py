"""Progress of a run: a live bar on a terminal, periodic log lines otherwise, or nothing.

Progress is measured in input bytes (known up front, unlike the number of records), so
the ETA holds for inputs of any size without a counting pass.
"""

from __future__ import annotations

import sys
import time
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from claimcheck.batch.process import ChunkStats


class Reporter(Protocol):
    def start(self, total_bytes: int) -> None: ...

    def update(self, done_bytes: int, run: ChunkStats, total: ChunkStats) -> None: ...

    def message(self, text: str) -> None: ...

    def close(self) -> None: ...


def make_reporter(quiet: bool, interval_s: float = 30.0) -> Reporter:
    if quiet:
        return QuietReporter()
    if sys.stderr.isatty():
        return BarReporter()
    return LogReporter(interval_s)


class QuietReporter:
    def start(self, total_bytes: int) -> None:
        pass

    def update(self, done_bytes: int, run: ChunkStats, total: ChunkStats) -> None:
        pass

    def message(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


class _Rates:
    def __init__(self) -> None:
        self.began = time.monotonic()

    def text(self, run: ChunkStats, total: ChunkStats) -> str:
        elapsed = max(time.monotonic() - self.began, 1e-6)
        return (
            f"{total.documents:,} docs ({run.documents / elapsed:.2f}/s) · "
            f"{total.claims:,} claims ({run.claims / elapsed:.1f}/s) · "
            f"{total.errors:,} errors"
        )


class BarReporter:
    def __init__(self) -> None:
        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("[bold]batch[/bold]"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rates]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
        )
        self.rates = _Rates()
        self.task = self.progress.add_task("batch", total=1, rates="loading the models")

    def start(self, total_bytes: int) -> None:
        self.rates = _Rates()
        self.progress.update(self.task, total=max(total_bytes, 1))
        self.progress.start()

    def update(self, done_bytes: int, run: ChunkStats, total: ChunkStats) -> None:
        self.progress.update(self.task, completed=done_bytes, rates=self.rates.text(run, total))

    def message(self, text: str) -> None:
        self.progress.console.print(text, highlight=False)

    def close(self) -> None:
        self.progress.stop()


class LogReporter:
    """Plain lines on stderr every ``interval_s`` seconds (for logs and CI)."""

    def __init__(self, interval_s: float) -> None:
        self.interval_s = interval_s
        self.rates = _Rates()
        self.total_bytes = 1
        self.last = 0.0

    def start(self, total_bytes: int) -> None:
        self.rates = _Rates()
        self.total_bytes = max(total_bytes, 1)
        self.last = time.monotonic()

    def update(self, done_bytes: int, run: ChunkStats, total: ChunkStats) -> None:
        now = time.monotonic()
        if now - self.last < self.interval_s:
            return
        self.last = now
        share = min(done_bytes / self.total_bytes, 1.0)
        elapsed = now - self.rates.began
        eta = _duration(elapsed * (1 - share) / share) if share > 0 else "unknown"
        print(
            f"batch: {self.rates.text(run, total)} · {share:.0%} of input · ETA {eta}",
            file=sys.stderr,
            flush=True,
        )

    def message(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def close(self) -> None:
        pass


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"
