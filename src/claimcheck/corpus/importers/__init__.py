"""Bring your own evidence: statements (JSONL/CSV), BEIR/SciFact abstracts, PubMed XML.

``import_file`` reads one input into validated findings, reporting each bad line or record
as a :class:`~claimcheck.corpus.store.Problem` (``file:line: problem``) and skipping it;
``write_corpus`` writes the findings as a corpus directory that ``load_corpus`` reads.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from claimcheck.corpus.importers.beir import import_beir
from claimcheck.corpus.importers.common import ImportOptions, ImportResult
from claimcheck.corpus.importers.pubmed import import_pubmed
from claimcheck.corpus.importers.statements import import_statements
from claimcheck.corpus.importers.write import WriteError, write_corpus
from claimcheck.corpus.store import Problem, normalise_statement

IMPORTERS: dict[str, Callable[[Path, ImportOptions], ImportResult]] = {
    "statements": import_statements,
    "beir": import_beir,
    "pubmed": import_pubmed,
}
FORMATS = ("auto", *IMPORTERS)

__all__ = [
    "FORMATS",
    "ImportOptions",
    "ImportResult",
    "UnknownFormat",
    "WriteError",
    "detect_format",
    "import_file",
    "import_files",
    "write_corpus",
]


class UnknownFormat(Exception):
    """The input's format cannot be told from its name or first line."""


def detect_format(path: Path) -> str:
    """statements, beir or pubmed, from the file's suffix and first non-blank content."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return "statements"
    if suffix == ".xml":
        return "pubmed"
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        first = next((line.strip() for line in handle if line.strip()), "")
    if first.startswith("<"):
        return "pubmed"
    try:
        row = json.loads(first)
    except json.JSONDecodeError:
        row = None
    if isinstance(row, dict):
        if "statement" in row:
            return "statements"
        if ("_id" in row or "doc_id" in row) and ("text" in row or "abstract" in row):
            return "beir"
    raise UnknownFormat(
        f"{path}: cannot tell the format from its name or first line; pass --format "
        "statements, beir or pubmed"
    )


def import_file(path: Path, fmt: str, options: ImportOptions) -> ImportResult:
    """Read one input. Raises UnknownFormat, OSError or UnicodeDecodeError for a file that
    cannot be read at all; everything else is reported in ``result.problems``."""
    fmt = detect_format(path) if fmt == "auto" else fmt
    return IMPORTERS[fmt](path, options)


def import_files(paths: list[Path], fmt: str, options: ImportOptions) -> list[ImportResult]:
    """Import several inputs; a record repeating an earlier id or statement is skipped."""
    results: list[ImportResult] = []
    for path in paths:
        try:
            results.append(import_file(path, fmt, options))
        except UnknownFormat as exc:
            results.append(_unreadable(path, fmt, str(exc).removeprefix(f"{path}: ")))
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            results.append(_unreadable(path, fmt, f"cannot read: {reason}"))
    _drop_repeats(results)
    return results


def _unreadable(path: Path, fmt: str, message: str) -> ImportResult:
    result = ImportResult(path, fmt)
    result.skip(None, message)
    return result


def _drop_repeats(results: list[ImportResult]) -> None:
    ids: dict[str, str] = {}
    statements: dict[str, str] = {}
    for result in results:
        kept, lines = [], []
        for finding, line in zip(result.findings, result.lines, strict=True):
            where = f"{result.source.name}:{line}"
            key = normalise_statement(finding.statement)
            if finding.id in ids:
                message = f"duplicate id {finding.id!r} (first at {ids[finding.id]})"
            elif key in statements:
                message = f"repeats the statement at {statements[key]} verbatim"
            else:
                ids[finding.id] = statements[key] = where
                kept.append(finding)
                lines.append(line)
                continue
            result.problems.append(Problem(str(result.source), line, finding.id, None, message))
        result.findings, result.lines = kept, lines
