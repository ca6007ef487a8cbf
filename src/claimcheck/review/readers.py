"""Reading ``claimcheck scan`` and ``claimcheck batch`` output into documents to import.

Accepted, all in the scan JSON schema (version 1, claimcheck.render.jsonout):

* ``.json``: one document record (``{"document": ..., "claims": [...]}``) or a list of them;
* ``.jsonl``: one document record per line, or one claim per line (``scan --format
  jsonl``: each claim carries its document's ``source`` and ``title``; such documents have
  no article text, so the claim view shows the claim's sentence instead);
* ``.parquet``: rows of either shape; nested columns may be structs/lists or JSON strings;
* ``claimcheck batch`` output: its claims table (``claims.parquet`` or ``claims.jsonl``, one
  flat row per claim) or the whole output directory; titles come from the documents table
  beside it. Batch output holds no article text either.

Every problem is reported with the file, line (or row) and field, and the record is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

MAX_TEXT_CHARS = 5_000_000


class ReadError(Exception):
    """The whole file cannot be read (missing, wrong format, not JSON at all)."""


class CitationIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    authors: str = ""
    title: str = ""
    year: int | None = None
    venue: str | None = None
    pmid: str | None = None
    doi: str | None = None
    url: str | None = None
    link: str | None = None


class EvidenceIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=300)
    kind: str = "finding"
    statement: str = ""
    stance: str = "neutral"
    score: float = 0.0
    relevance: float | None = None
    weight: float | None = None
    decisive: bool = False
    citation: CitationIn | None = None
    study_type: str | None = None
    evidence_grade: str | None = None
    rating: str | None = None
    findings: list[str] = Field(default_factory=list)


class ClaimIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = ""
    text: str = Field(min_length=1, max_length=5000)
    sentence: str = ""
    span: str = ""
    start: int | None = Field(None, ge=0)
    end: int | None = Field(None, ge=0)
    verdict: Literal["supported", "contradicted", "unverified"]
    confidence: float = Field(ge=0.0, le=1.0)
    rationale: str = ""
    attributes: dict[str, Any] = Field(default_factory=dict)
    detection_score: float | None = None
    evidence: list[EvidenceIn] = Field(default_factory=list)


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    source: str = Field(min_length=1, max_length=4000)
    title: str | None = None
    published: str | None = None
    media_type: str = "text/plain"
    text: str | None = Field(None, max_length=MAX_TEXT_CHARS)


@dataclass
class InputDocument:
    document: DocumentIn
    claims: list[ClaimIn]
    where: str  # "file:line", for messages


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def read_path(path: Path) -> Iterator[InputDocument | Problem]:
    """Documents (and problems) of one scan/batch output file or batch output directory."""
    if not path.exists():
        raise ReadError(f"{path}: no such file")
    if path.is_dir():
        files = batch_claim_files(path)
        titles = batch_titles(path)
        rows = (row for file in files for row in _rows(file))
        yield from _from_rows(rows, path.name, titles)
        return
    if not path.is_file():
        raise ReadError(f"{path}: not a file")
    yield from _from_rows(_rows(path), path.name, batch_titles(path.parent))


def _rows(path: Path) -> Iterator[tuple[int, Any]]:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _json_rows(path)
    if suffix == ".jsonl":
        return _jsonl_rows(path)
    if suffix == ".parquet":
        return _parquet_rows(path)
    raise ReadError(f"{path}: expected a .json, .jsonl or .parquet file")


def batch_claim_files(directory: Path) -> list[Path]:
    """The claims table of a ``claimcheck batch`` output directory (one file, or the parts
    the Ray engine writes under claims/)."""
    for name in ("claims.parquet", "claims.jsonl"):
        if (directory / name).is_file():
            return [directory / name]
    parts = sorted(
        p for p in (directory / "claims").glob("*") if p.suffix in (".parquet", ".jsonl")
    )
    if parts:
        return parts
    raise ReadError(f"{directory}: not a claimcheck batch output directory (no claims table)")


def batch_titles(directory: Path) -> dict[str, str]:
    """doc_id -> title, from a batch documents table in ``directory`` if there is one."""
    files = [directory / n for n in ("documents.parquet", "documents.jsonl")]
    files += sorted((directory / "documents").glob("*.parquet"))
    files += sorted((directory / "documents").glob("*.jsonl"))
    titles: dict[str, str] = {}
    for file in (f for f in files if f.is_file()):
        try:
            for _number, row in _rows(file):
                if isinstance(row, dict) and row.get("doc_id") and row.get("title"):
                    titles[str(row["doc_id"])] = str(row["title"])
        except ReadError:
            continue
    return titles


def parse_record(record: Any, name: str) -> list[InputDocument | Problem]:
    """One scan document record (as POST /api/documents builds it)."""
    return list(_from_rows(iter([(1, record)]), name))


def _json_rows(path: Path) -> Iterator[tuple[int, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReadError(f"{path}: not valid JSON ({exc})") from exc
    items = data if isinstance(data, list) else [data]
    yield from enumerate(items, 1)


def _jsonl_rows(path: Path) -> Iterator[tuple[int, Any]]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                yield number, json.loads(raw)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                yield number, _Bad(f"not valid JSON ({exc.__class__.__name__}: {exc})")


def _parquet_rows(path: Path) -> Iterator[tuple[int, Any]]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several unrelated types for a bad file
        raise ReadError(f"{path}: not a Parquet file ({exc})") from exc
    number = 0
    for batch in parquet.iter_batches(batch_size=1000):
        for row in batch.to_pylist():
            number += 1
            yield number, {key: _maybe_json(value) for key, value in row.items()}


def _maybe_json(value: Any) -> Any:
    """Batch output may store nested fields (evidence, attributes) as JSON strings."""
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    return value


@dataclass
class _Bad:
    message: str


def _from_rows(
    rows: Iterator[tuple[int, Any]], name: str, titles: dict[str, str] | None = None
) -> Iterator[InputDocument | Problem]:
    """Document records pass straight through; claim lines are gathered by document."""
    by_document: dict[str, InputDocument] = {}
    for number, row in rows:
        where = f"{name}:{number}"
        if isinstance(row, _Bad):
            yield Problem(where, row.message)
            continue
        if isinstance(row, dict) and isinstance(row.get("record"), dict):
            row = row["record"]
        if not isinstance(row, dict):
            yield Problem(where, "expected a JSON object")
            continue
        if "document" in row:
            yield from _document_record(row, where)
        elif "claim_id" in row and "doc_id" in row:
            yield from _claim_line(_from_batch_row(row, titles or {}), where, by_document)
        elif "status" in row and "position" in row:
            raise ReadError(
                f"{name}: a batch documents table; import the claims table (claims.parquet "
                "or claims.jsonl) or the whole output directory"
            )
        else:
            yield from _claim_line(row, where, by_document)
    yield from by_document.values()


def _from_batch_row(row: dict[str, Any], titles: dict[str, str]) -> dict[str, Any]:
    """A flat ``claimcheck batch`` claims-table row in the scan JSONL claim shape."""
    evidence = _maybe_json(row.get("evidence_json"))
    doc_id = str(row["doc_id"])
    return {
        "_document_key": doc_id,
        "source": row.get("url") or doc_id,
        "title": titles.get(doc_id),
        "id": row.get("claim_id") or "",
        "text": row.get("text"),
        "sentence": row.get("sentence") or "",
        "span": row.get("span") or "",
        "start": row.get("start"),
        "end": row.get("end"),
        "verdict": row.get("verdict"),
        "confidence": row.get("confidence"),
        "rationale": row.get("rationale") or "",
        "detection_score": row.get("detection_score"),
        "attributes": {
            "negated": row.get("negated"),
            "hedged": row.get("hedged"),
            "strength": row.get("strength"),
            "type": row.get("claim_type"),
            "dose": row.get("dose"),
            "population": row.get("population"),
            "harm_risk": row.get("harm_risk"),
            "subject": row.get("subject"),
        },
        "evidence": evidence if isinstance(evidence, list) else [],
    }


def _document_record(row: dict[str, Any], where: str) -> Iterator[InputDocument | Problem]:
    version = row.get("schema_version", 1)
    if version != 1:
        yield Problem(where, f"schema_version {version!r} is not supported (expected 1)")
        return
    try:
        document = DocumentIn.model_validate(row["document"])
    except ValidationError as exc:
        yield Problem(where, "document: " + _one_line(exc))
        return
    claims: list[ClaimIn] = []
    raw_claims = row.get("claims") or []
    if not isinstance(raw_claims, list):
        yield Problem(where, "claims: expected a list")
        return
    for index, raw in enumerate(raw_claims):
        try:
            claims.append(ClaimIn.model_validate(raw))
        except ValidationError as exc:
            label = raw.get("id") if isinstance(raw, dict) and raw.get("id") else index + 1
            yield Problem(where, f"claim {label}: {_one_line(exc)}")
    yield InputDocument(document, claims, where)


def _claim_line(
    row: dict[str, Any], where: str, by_document: dict[str, InputDocument]
) -> Iterator[Problem]:
    if row.get("schema_version", 1) != 1:
        yield Problem(where, f"schema_version {row.get('schema_version')!r} is not supported")
        return
    try:
        document = DocumentIn.model_validate(
            {"source": row.get("source"), "title": row.get("title")}
        )
        claim = ClaimIn.model_validate(row)
    except ValidationError as exc:
        yield Problem(where, _one_line(exc))
        return
    key = str(row.get("_document_key") or document.source)
    entry = by_document.get(key)
    if entry is None:
        entry = by_document[key] = InputDocument(document, [], where)
    entry.claims.append(claim)


def _one_line(exc: ValidationError) -> str:
    error = exc.errors()[0]
    location = ".".join(str(part) for part in error["loc"]) or "record"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{location}: {error['msg']}{more}"
