"""Reading scan and batch output: JSON, JSONL (documents or claims), Parquet; bad records."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from claimcheck.render import to_jsonl
from claimcheck.review.readers import InputDocument, Problem, ReadError, read_path
from tests.review.conftest import sample_docs
from tests.review.fixtures import scan_record


def _read(path: Path) -> tuple[list[InputDocument], list[Problem]]:
    items = list(read_path(path))
    return (
        [i for i in items if isinstance(i, InputDocument)],
        [i for i in items if isinstance(i, Problem)],
    )


def test_scan_json_document(tmp_path: Path) -> None:
    record = scan_record(sample_docs()[0])
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record))
    docs, problems = _read(path)
    assert problems == []
    assert len(docs) == 1
    doc = docs[0]
    assert doc.document.source == record["document"]["source"]
    assert doc.document.text == record["document"]["text"]
    assert [c.text for c in doc.claims] == [c["text"] for c in record["claims"]]
    first = doc.claims[0]
    assert doc.document.text[first.start : first.end] == first.span


def test_jsonl_of_documents_and_of_claims(tmp_path: Path) -> None:
    records = [scan_record(spec) for spec in sample_docs()]
    documents = tmp_path / "batch.jsonl"
    documents.write_text("".join(json.dumps(r) + "\n" for r in records))
    docs, problems = _read(documents)
    assert (len(docs), problems) == (3, [])

    claims = tmp_path / "claims.jsonl"
    claims.write_text("".join(to_jsonl(r) for r in records))
    docs, problems = _read(claims)
    assert problems == []
    assert [d.document.source for d in docs] == [r["document"]["source"] for r in records]
    assert all(d.document.text is None for d in docs)  # claim lines carry no article text
    assert sum(len(d.claims) for d in docs) == sum(len(r["claims"]) for r in records)


def test_parquet_rows_with_json_columns(tmp_path: Path) -> None:
    records = [scan_record(spec) for spec in sample_docs()]
    rows = [json.loads(line) for r in records for line in to_jsonl(r).splitlines()]
    for row in rows:  # batch output may keep nested fields as JSON text
        row["evidence"] = json.dumps(row["evidence"])
        row["attributes"] = json.dumps(row["attributes"])
    path = tmp_path / "batch.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)
    docs, problems = _read(path)
    assert problems == []
    assert sum(len(d.claims) for d in docs) == len(rows)
    claim = docs[0].claims[0]
    assert claim.evidence[0].id == "kratom-dependence-survey-malaysia-2014"
    assert claim.attributes["type"] == "safety"


def test_parquet_document_rows(tmp_path: Path) -> None:
    records = [scan_record(spec) for spec in sample_docs()]
    path = tmp_path / "docs.parquet"
    pq.write_table(pa.Table.from_pylist([{"record": json.dumps(r)} for r in records]), path)
    docs, problems = _read(path)
    assert (len(docs), problems) == (3, [])


def test_bad_records_are_reported_and_skipped(tmp_path: Path) -> None:
    good = scan_record(sample_docs()[0])
    bad_claim = scan_record(sample_docs()[1])
    bad_claim["claims"][0]["verdict"] = "maybe"
    bad_claim["claims"][1]["confidence"] = 7
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps(bad_claim),
        json.dumps({"schema_version": 2, "document": {}, "claims": []}),
        json.dumps([1, 2]),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n")
    docs, problems = _read(path)
    messages = [str(p) for p in problems]
    assert len(docs) == 2  # the good one, and the bad-claim one without its two bad claims
    assert docs[1].claims == []
    assert messages[0].startswith("mixed.jsonl:2: not valid JSON")
    assert "mixed.jsonl:3: claim c1: verdict:" in messages[1]
    assert "mixed.jsonl:3: claim c2: confidence:" in messages[2]
    assert "mixed.jsonl:4: schema_version 2 is not supported" in messages[3]
    assert messages[4] == "mixed.jsonl:5: expected a JSON object"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.json", None, "no such file"),
        ("notes.txt", "hello", "expected a .json, .jsonl or .parquet file"),
        ("broken.json", "{", "not valid JSON"),
        ("broken.parquet", "not parquet", "not a Parquet file"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: str | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    with pytest.raises(ReadError, match=message):
        list(read_path(path))


def _batch_output(directory: Path, jsonl: bool = False) -> list[dict]:
    """A ``claimcheck batch`` output directory written with the batch package's own table
    schemas (claims and documents tables)."""
    from claimcheck.batch.records import InputRecord
    from claimcheck.batch.schema import claim_rows, document_row, to_table

    reports = [scan_record(spec) for spec in sample_docs()]
    claims, documents = [], []
    for index, report in enumerate(reports):
        record = InputRecord(0, index, "crawl.jsonl", f"line {index + 1}", f"doc{index}")
        record.url = report["document"]["source"]
        claims += claim_rows(record, report)
        documents.append(document_row(record, report))
    directory.mkdir(parents=True, exist_ok=True)
    if jsonl:
        for name, rows in (("claims", claims), ("documents", documents)):
            text = "".join(json.dumps(row) + "\n" for row in rows)
            (directory / f"{name}.jsonl").write_text(text)
    else:
        pq.write_table(to_table("claims", claims), directory / "claims.parquet")
        pq.write_table(to_table("documents", documents), directory / "documents.parquet")
    return reports


@pytest.mark.parametrize("jsonl", [False, True])
def test_batch_output_directory_and_claims_table(tmp_path: Path, jsonl: bool) -> None:
    reports = _batch_output(tmp_path / "out", jsonl)
    suffix = "jsonl" if jsonl else "parquet"
    for target in (tmp_path / "out", tmp_path / "out" / f"claims.{suffix}"):
        docs, problems = _read(target)
        assert problems == []
        assert [d.document.source for d in docs] == [r["document"]["source"] for r in reports]
        assert [d.document.title for d in docs] == [r["document"]["title"] for r in reports]
        first, expected = docs[0].claims[0], reports[0]["claims"][0]
        assert (first.text, first.verdict, first.start, first.end) == (
            expected["text"],
            expected["verdict"],
            expected["start"],
            expected["end"],
        )
        assert first.attributes["type"] == expected["attributes"]["type"]
        assert first.evidence[0].id == expected["evidence"][0]["id"]
        assert first.evidence[0].citation.link == expected["evidence"][0]["citation"]["link"]
    with pytest.raises(ReadError, match="a batch documents table"):
        list(read_path(tmp_path / "out" / f"documents.{suffix}"))
    with pytest.raises(ReadError, match="not a claimcheck batch output directory"):
        list(read_path(tmp_path))
