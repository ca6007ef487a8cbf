"""Import evidence statements with citations from JSONL or CSV.

Columns (JSONL keys or CSV header names):

* ``statement`` (required): the evidence statement, 20-600 characters.
* citation: ``authors``, ``title``, ``year`` (required), ``venue``, and at least one of
  ``pmid``, ``doi`` or ``url``. In JSONL they may also sit in a nested ``citation`` object.
* optional: ``id``, ``topic``, ``entities`` (a JSON list, or names separated by ``;``),
  ``study_type``, ``evidence_grade``, ``population``, ``intervention``, ``outcome``,
  ``published``, ``reviewed``, ``checked``.

Missing ids are made from the corpus name, file name and line; a missing topic comes from
``--topic`` or the file name; a missing study type or grade from the import defaults.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from claimcheck.corpus.importers.common import (
    DEFAULT_STUDY_TYPE,
    ImportOptions,
    ImportResult,
    assessment,
    build_finding,
    checked_note,
    slug,
    source_slug,
    validation_message,
)

CITATION_COLUMNS = ("authors", "title", "year", "venue", "pmid", "doi", "url")
RECORD_COLUMNS = (
    "id",
    "topic",
    "entities",
    "statement",
    "study_type",
    "evidence_grade",
    "population",
    "intervention",
    "outcome",
    "published",
    "reviewed",
    "checked",
)
KNOWN_COLUMNS = frozenset((*CITATION_COLUMNS, *RECORD_COLUMNS, "citation", "kind"))


def import_statements(path: Path, options: ImportOptions) -> ImportResult:
    result = ImportResult(path, "statements")
    rows = _csv_rows(path, result) if path.suffix.lower() in (".csv", ".tsv") else None
    if rows is None:
        rows = _jsonl_rows(path, result)
    unknown: dict[str, int] = {}
    for line, row in rows:
        for key in row:
            if key not in KNOWN_COLUMNS:
                unknown.setdefault(key, line)
        _import_row(row, line, path, options, result)
    for key, line in unknown.items():
        result.warn(line, f"unknown column {key!r} ignored (see the documented columns)")
    return result


def _import_row(
    row: dict[str, Any], line: int, path: Path, options: ImportOptions, result: ImportResult
) -> None:
    if row.get("kind") not in (None, "", "finding"):
        result.skip(line, f"kind {row['kind']!r}: only findings can be imported")
        return
    if not _text(row.get("statement")):
        result.skip(line, "no statement")
        return
    citation = row.get("citation") if isinstance(row.get("citation"), dict) else {}
    citation = {**{c: row.get(c) for c in CITATION_COLUMNS}, **citation}
    study_type, grade = _text(row.get("study_type")), _text(row.get("evidence_grade"))
    record_id = _text(row.get("id")) or f"{options.prefix}-{source_slug(path)}-{line}"
    checked = _text(row.get("checked"))
    note = checked_note(path, line, "statements", assessment(bool(study_type), bool(grade)))
    data = {
        "id": record_id,
        "topic": _text(row.get("topic")) or options.topic or slug(path.stem),
        "entities": _entities(row.get("entities")),
        "statement": _text(row.get("statement")),
        "population": _text(row.get("population")),
        "intervention": _text(row.get("intervention")),
        "outcome": _text(row.get("outcome")),
        "study_type": study_type or options.study_type or DEFAULT_STUDY_TYPE,
        "evidence_grade": grade or options.grade,
        "citation": {key: _text(value) for key, value in citation.items()},
        "published": _text(row.get("published")),
        "reviewed": _text(row.get("reviewed")) or options.reviewed,
        "checked": f"{checked} ({note})" if checked else note,
    }
    try:
        result.add(build_finding(data), line)
    except ValidationError as exc:
        result.skip(line, validation_message(exc), record_id)


def _jsonl_rows(path: Path, result: ImportResult) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8-sig") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                row = json.loads(text)
            except json.JSONDecodeError as exc:
                result.skip(number, f"invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            if not isinstance(row, dict):
                result.skip(number, f"expected a JSON object, got {type(row).__name__}")
                continue
            yield number, row


def _csv_rows(path: Path, result: ImportResult) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        reader = csv.DictReader(handle, delimiter=delimiter, strict=True)
        try:
            header = reader.fieldnames or []
        except csv.Error as exc:
            result.skip(1, f"unreadable CSV header: {exc}")
            return
        if "statement" not in header:
            result.skip(1, f"no 'statement' column (columns: {', '.join(header) or 'none'})")
            return
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                result.skip(start, f"unreadable CSV row: {exc}")
                continue
            if None in row:
                result.skip(start, f"{len(row[None])} more fields than the header has")
                continue
            yield start, row


def _entities(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = _text(value)
    return [part.strip() for part in text.split(";") if part.strip()] if text else []


def _text(value: object) -> str | None:
    """The value as one line of text (CSV cells may hold line breaks), or None if empty."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
