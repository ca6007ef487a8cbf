"""The run's state directory: what was asked for, and which chunks are done.

    OUT/_state/manifest.json          inputs (path, size, mtime) and settings of the run
    OUT/_state/parts/NNNNNNNN.*.parquet   the rows of each finished chunk
    OUT/_state/parts/NNNNNNNN.done.json   written last: the chunk is complete

Part files are written under a temporary name and renamed, and the ``done`` marker comes
after them, so a ``kill -9`` at any instant leaves only whole chunks behind. Chunks are
fixed runs of ``chunk_size`` records in input order, so a resumed run cuts the input at
the same places and skips exactly the chunks that are done.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict
from pathlib import Path

from claimcheck.batch.options import BatchError
from claimcheck.batch.process import ChunkStats
from claimcheck.batch.records import InputFile

STATE = "_state"


class StateDir:
    def __init__(self, output: Path) -> None:
        self.root = output / STATE
        self.parts = self.root / "parts"
        self.manifest = self.root / "manifest.json"

    def start(self, files: list[InputFile], settings: dict, resume: bool) -> None:
        wanted = {"inputs": [_describe(f) for f in files], "settings": settings}
        if resume and self.manifest.exists():
            found = json.loads(self.manifest.read_text())
            if found.get("inputs") != wanted["inputs"]:
                raise BatchError(
                    f"{self.root.parent}: the inputs changed since this run began; "
                    "--resume needs the same files (or start again with --overwrite)"
                )
            if found.get("settings") != settings:
                raise BatchError(
                    f"{self.root.parent}: options differ from the run being resumed "
                    f"(it used {found.get('settings')})"
                )
            self.parts.mkdir(parents=True, exist_ok=True)
            return
        self.parts.mkdir(parents=True, exist_ok=True)
        write_atomic(self.manifest, json.dumps({**wanted, "complete": False}, indent=2))

    def is_complete(self) -> bool:
        return self.manifest.exists() and json.loads(self.manifest.read_text()).get("complete")

    def mark_complete(self) -> None:
        data = json.loads(self.manifest.read_text())
        data["complete"] = True
        write_atomic(self.manifest, json.dumps(data, indent=2))
        # Parts are in the final tables now; the hash tables are rebuilt by any new run.
        shutil.rmtree(self.parts, ignore_errors=True)
        for scratch in ("seen.sqlite", "originals.sqlite"):
            (self.root / scratch).unlink(missing_ok=True)

    def part(self, chunk: int, table: str) -> Path:
        return self.parts / f"{chunk:08d}.{table}.parquet"

    def done_marker(self, chunk: int) -> Path:
        return self.parts / f"{chunk:08d}.done.json"

    def done_chunks(self) -> dict[int, ChunkStats]:
        done = {}
        for marker in sorted(self.parts.glob("*.done.json")):
            data = json.loads(marker.read_text())
            done[int(marker.name.split(".")[0])] = ChunkStats(**data)
        return done

    def mark_done(self, chunk: int, stats: ChunkStats) -> None:
        write_atomic(self.done_marker(chunk), json.dumps(asdict(stats)))


def write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _describe(file: InputFile) -> dict:
    stat = os.stat(file.path)
    return {"path": os.path.abspath(file.path), "size": stat.st_size, "mtime": stat.st_mtime_ns}
