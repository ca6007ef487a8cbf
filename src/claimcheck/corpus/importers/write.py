"""Write imported findings as a corpus directory (corpus.yaml + records/<input>.jsonl).

The entity names imported records carry are listed in ``entities/<input>.yaml`` (without
aliases), so the imported corpus validates on its own and retrieval knows the names.
Importing into an existing directory adds record files beside the ones there and keeps its
manifest; an existing record file is only replaced with ``force``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import yaml

from claimcheck.corpus.importers.common import ImportResult, source_slug
from claimcheck.corpus.schema import SCHEMA_VERSION


class WriteError(Exception):
    """The output directory cannot take the import (nothing was written)."""


def record_paths(output: Path, results: Sequence[ImportResult]) -> list[Path | None]:
    """Where each result's findings go (None for a result with nothing to write)."""
    taken: set[str] = set()
    paths: list[Path | None] = []
    for result in results:
        if not result.findings:
            paths.append(None)
            continue
        stem = source_slug(result.source)
        name, number = stem, 1
        while name in taken:
            number += 1
            name = f"{stem}-{number}"
        taken.add(name)
        paths.append(output / "records" / f"{name}.jsonl")
    return paths


def write_corpus(
    output: Path, results: Sequence[ImportResult], name: str, *, force: bool = False
) -> list[Path]:
    """Write every result's findings; returns the record files written."""
    if output.exists() and not output.is_dir():
        raise WriteError(f"{output}: exists and is not a directory")
    targets = record_paths(output, results)
    clashes = [path for path in targets if path is not None and path.exists()]
    if clashes and not force:
        raise WriteError(f"{clashes[0]}: already exists; pass --force to replace it")
    (output / "records").mkdir(parents=True, exist_ok=True)
    manifest = output / "corpus.yaml"
    if not manifest.exists():
        manifest.write_text(
            yaml.safe_dump(
                {
                    "name": name,
                    "version": date.today().isoformat(),
                    "schema_version": SCHEMA_VERSION,
                    "description": "Evidence imported with `claimcheck corpus import`.",
                },
                sort_keys=False,
            ),
            encoding="utf-8",
        )
    written: list[Path] = []
    for result, path in zip(results, targets, strict=True):
        if path is None:
            continue
        lines = [
            json.dumps(finding.model_dump(mode="json", exclude_none=True), ensure_ascii=False)
            for finding in result.findings
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
        _write_entities(output / "entities" / f"{path.stem}.yaml", result)
    return written


def _write_entities(path: Path, result: ImportResult) -> None:
    names = sorted({name for finding in result.findings for name in finding.entities})
    if not names:
        return
    path.parent.mkdir(exist_ok=True)
    entities = [{"name": name} for name in names]
    path.write_text(yaml.safe_dump(entities, allow_unicode=True, sort_keys=False), "utf-8")
