"""The local engine end to end (in-process, the session's pipeline): tables and their
types, every bad-record case in the errors file, duplicates, the verdict cache, and the
output directory rules."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from claimcheck.batch import BatchError
from claimcheck.batch.local import run_local
from claimcheck.batch.schema import CLAIMS, DOCUMENTS, ERRORS
from tests.batch.conftest import Run, Scrape, options


def test_every_input_record_has_one_document_row(baseline: Run, scrape: Scrape) -> None:
    documents = baseline.table("documents")
    keys = [(d["input_index"], d["record_index"]) for d in documents]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    ok_ids = {d["doc_id"] for d in documents if d["status"] == "ok"}
    # Every good page is checked exactly once, whichever file it came in.
    page_ids = {p.id for p in scrape.pages if not p.id.startswith("mirror-")}
    jsonl_and_parquet = {i for i in ok_ids if not i.startswith("<urn:")}
    warc_urls = {d["url"] for d in documents if d["status"] == "ok" and d["doc_id"] in ok_ids}
    assert jsonl_and_parquet | {p.id for p in scrape.pages if p.url in warc_urls} >= page_ids
    totals = baseline.summary.totals
    assert totals.documents == len(documents)
    assert totals.processed + totals.duplicates + totals.errors == totals.documents


def test_tables_have_the_documented_column_types(baseline: Run) -> None:
    for name, schema in (("claims", CLAIMS), ("documents", DOCUMENTS)):
        written = pq.read_schema(baseline.output / f"{name}.parquet")
        assert written.remove_metadata().equals(schema.remove_metadata()), name
        assert written.metadata[b"claimcheck.schema_version"] == b"1"
        models = json.loads(written.metadata[b"claimcheck.models"])
        assert "verifier" in models
    for line in (baseline.output / "errors.jsonl").read_text().splitlines():
        assert set(json.loads(line)) == set(ERRORS.names)


def test_claims_rows_carry_the_scan_fields_of_their_document(baseline: Run) -> None:
    claims = baseline.table("claims")
    documents = {d["doc_id"]: d for d in baseline.table("documents")}
    assert claims, "the health pages make claims"
    for claim in claims:
        doc = documents[claim["doc_id"]]
        assert doc["status"] == "ok" and claim["url"] == doc["url"]
        assert claim["verdict"] in ("supported", "contradicted", "unverified")
        evidence = json.loads(claim["evidence_json"])
        assert claim["evidence_count"] == len(evidence)
        assert claim["deciding_ids"] == [e["id"] for e in evidence if e["decisive"]]
        assert claim["span"] and claim["start"] < claim["end"]
    for doc in documents.values():
        if doc["status"] == "ok":
            own = [c for c in claims if c["doc_id"] == doc["doc_id"]]
            assert doc["claims"] == len(own)
            assert doc["supported"] + doc["contradicted"] + doc["unverified"] == len(own)
            if own:
                top = max(own, key=lambda c: c["harm_risk"])
                assert doc["top_risk_harm"] == top["harm_risk"]


def test_every_bad_record_is_in_the_errors_file_with_position_and_reason(
    baseline: Run, scrape: Scrape
) -> None:
    errors = [
        json.loads(line) for line in (baseline.output / "errors.jsonl").read_text().splitlines()
    ]
    found = {(Path(e["input"]).name, e["position"]): e["reason"] for e in errors}
    jsonl = scrape.files["jsonl"].name
    assert found[(jsonl, "line 2")].startswith("malformed JSON")
    assert found[(jsonl, "line 4")].startswith("no content")
    assert found[(jsonl, "line 6")] == "looks like a binary file, not text or HTML"
    assert found[(jsonl, "line 7")] == "a JSON list, not an object"
    assert "over the 0.2 MB cap" in found[(jsonl, "line 8")]
    parquet = scrape.files["parquet"].name
    assert found[(parquet, "row 2")].startswith("no content")
    # The same binary bytes again: a duplicate of a bad record is bad too.
    assert found[(parquet, "row 4")] == "looks like a binary file, not text or HTML"
    warc = scrape.files["warc"].name
    warc_reasons = [r for (name, _), r in found.items() if name == warc]
    assert "truncated WARC record: the file ends inside it" in warc_reasons
    assert "looks like a binary file, not text or HTML" in warc_reasons
    assert baseline.summary.totals.errors == len(errors)
    error_docs = [d for d in baseline.table("documents") if d["status"] == "error"]
    assert len(error_docs) == len(errors)


def test_identical_pages_are_checked_once(baseline: Run) -> None:
    documents = baseline.table("documents")
    by_id = {d["doc_id"]: d for d in documents}
    mirrors = [d for d in documents if (d["url"] or "").startswith("https://mirror.example/")]
    assert mirrors, "the fixture has mirrored pages"
    claims_of = {c["doc_id"] for c in baseline.table("claims")}
    for mirror in mirrors:
        original = by_id[mirror["duplicate_of"]]
        assert mirror["content_hash"] == original["content_hash"]
        assert mirror["doc_id"] not in claims_of
        if original["status"] == "ok":
            assert mirror["status"] == "duplicate"
            assert mirror["claims"] == original["claims"]
            assert mirror["top_risk_claim"] == original["top_risk_claim"]


def test_junk_pages_are_processed_and_make_few_claims(baseline: Run) -> None:
    junk = [d for d in baseline.table("documents") if d["doc_id"].startswith("junk-")]
    assert junk and all(d["status"] == "ok" for d in junk)


def test_a_second_run_takes_every_verdict_from_the_cache_and_writes_jsonl(
    baseline: Run, scrape: Scrape, pipeline, verdict_cache: Path, tmp_path: Path
) -> None:
    summary = run_local(
        options(scrape, tmp_path / "out", output_format="jsonl", verdict_cache=verdict_cache),
        pipeline_factory=lambda: pipeline,
    )
    assert summary.this_run.cache_lookups == baseline.summary.totals.claims
    assert summary.cache_hit_rate == 1.0 and summary.this_run.verified == 0
    for name in ("claims", "documents"):
        rows = [
            json.loads(x) for x in (tmp_path / "out" / f"{name}.jsonl").read_text().splitlines()
        ]
        assert rows == baseline.table(name), name


def test_existing_output_needs_resume_or_overwrite(baseline: Run, scrape: Scrape) -> None:
    with pytest.raises(BatchError, match="already holds a batch run; use --resume"):
        run_local(options(scrape, baseline.output))


def test_resuming_a_finished_run_does_nothing(baseline: Run, scrape: Scrape) -> None:
    summary = run_local(options(scrape, baseline.output, resume=True))
    assert summary.totals.documents == baseline.summary.totals.documents
    assert summary.this_run.documents == 0


def test_resume_refuses_changed_settings(scrape: Scrape, tmp_path: Path) -> None:
    out = tmp_path / "out"
    from claimcheck.batch.checkpoint import StateDir
    from claimcheck.batch.readers import discover_inputs

    StateDir(out).start(discover_inputs([str(scrape.directory)]), {"chunk_size": 4}, False)
    with pytest.raises(BatchError, match="options differ from the run being resumed"):
        run_local(options(scrape, out, resume=True, chunk_size=8))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only directories")
def test_unwritable_output_stops_with_one_line(scrape: Scrape, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    with pytest.raises(BatchError, match="cannot write the output"):
        run_local(options(scrape, locked / "out"))


def test_output_that_is_a_file_stops_with_one_line(scrape: Scrape, tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("")
    with pytest.raises(BatchError, match="exists and is not a directory"):
        run_local(options(scrape, target))


def test_output_under_a_file_cannot_be_written(scrape: Scrape, tmp_path: Path) -> None:
    """Unwritable even for root: the parent of the output directory is a file."""
    (tmp_path / "file").write_text("")
    with pytest.raises(BatchError, match=r"cannot write the output \(Not a directory\)"):
        run_local(options(scrape, tmp_path / "file" / "out"))
