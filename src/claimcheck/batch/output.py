"""The output directory: checked before any work starts, summarised after it ends."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass, field
from pathlib import Path

from claimcheck.batch.checkpoint import STATE, write_atomic
from claimcheck.batch.options import BatchError, BatchOptions
from claimcheck.batch.process import ChunkStats

_OURS = (
    "claims.parquet",
    "claims.jsonl",
    "documents.parquet",
    "documents.jsonl",
    "errors.jsonl",
    "summary.json",
    "claims",
    "documents",
    "errors",
    STATE,
)


def prepare_output(options: BatchOptions) -> None:
    """Create OUT, or refuse: OUT holds another run and neither --resume nor --overwrite."""
    out = options.output
    if out.exists() and not out.is_dir():
        raise BatchError(f"{out}: exists and is not a directory")
    existing = [name for name in _OURS if (out / name).exists()] if out.exists() else []
    if existing and options.overwrite:
        for name in existing:
            target = out / name
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink()
    elif existing and not options.resume:
        raise BatchError(
            f"{out}: already holds a batch run; use --resume to continue it "
            "or --overwrite to start again"
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".claimcheck-write-test.{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise BatchError(f"{out}: cannot write the output ({exc.strerror or exc})") from exc


@dataclass
class RunSummary:
    engine: str
    output: str
    output_format: str
    inputs: int
    totals: ChunkStats
    this_run: ChunkStats
    seconds: float
    workers: int
    resumed_chunks: int = 0
    peak_rss_mb_per_worker: dict[str, float] = field(default_factory=dict)
    models: dict = field(default_factory=dict)
    corpus: dict = field(default_factory=dict)

    @property
    def cache_hit_rate(self) -> float:
        run = self.this_run
        return run.cache_hits / run.cache_lookups if run.cache_lookups else 0.0

    @property
    def docs_per_s(self) -> float:
        return self.this_run.documents / self.seconds if self.seconds else 0.0

    @property
    def claims_per_s(self) -> float:
        return self.this_run.claims / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        data = asdict(self)
        data["cache_hit_rate"] = round(self.cache_hit_rate, 4)
        data["documents_per_s"] = round(self.docs_per_s, 4)
        data["claims_per_s"] = round(self.claims_per_s, 4)
        return data

    @classmethod
    def load(cls, path: Path) -> RunSummary:
        """The summary of a finished run (a ``--resume`` of it has nothing left to do)."""
        data = json.loads(path.read_text())
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        fields["totals"] = ChunkStats(**data["totals"])
        fields["this_run"] = ChunkStats()
        fields["seconds"] = 0.0
        return cls(**fields)

    def write(self, path: Path) -> None:
        write_atomic(path, json.dumps(self.to_dict(), indent=2) + "\n")

    def lines(self) -> list[str]:
        t = self.totals
        verdicts = ", ".join(f"{n} {v}" for v, n in sorted(t.verdicts.items())) or "none"
        lines = [
            f"{t.documents:,} documents: {t.processed:,} checked, {t.duplicates:,} duplicates, "
            f"{t.errors:,} skipped with errors",
            f"{t.claims:,} claims ({verdicts})",
            f"{self.this_run.documents:,} documents this run in {self.seconds:.1f} s "
            f"({self.docs_per_s:.2f} documents/s, {self.claims_per_s:.1f} claims/s); "
            f"verdict cache hit rate {self.cache_hit_rate:.0%}",
        ]
        if t.error_reasons:
            reasons = "; ".join(f"{n} {r}" for r, n in sorted(t.error_reasons.items()))
            lines.append(f"errors: {reasons} (see errors.jsonl)")
        return lines
