"""Readers: every input format, every kind of bad record, directories and globs, and
memory that stays flat on a large input."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from claimcheck.batch.options import BatchError, FieldNames
from claimcheck.batch.readers import check_inputs, discover_inputs, read_records
from tests.batch.fixtures import build_pages, write_all, write_jsonl, write_parquet, write_warc

PAGES = build_pages(5, max_blocks=1, articles=5, junk_share=0.2, duplicate_share=0.0)
CAP = 200_000


def records(*paths: Path, fields: FieldNames | None = None, cap: int = CAP) -> list:
    files = discover_inputs([str(p) for p in paths])
    return list(read_records(files, fields or FieldNames(), cap))


@pytest.mark.parametrize("name", ["pages.jsonl", "pages.jsonl.gz", "pages.jsonl.zst"])
def test_jsonl_plain_and_compressed_read_alike(tmp_path: Path, name: str) -> None:
    path = write_jsonl(tmp_path / name, PAGES)
    found = records(path)
    assert [r.id for r in found] == [p.id for p in PAGES]
    assert [r.url for r in found] == [p.url for p in PAGES]
    assert all(r.error is None and r.media_type == "text/html" for r in found)
    assert found[0].content == PAGES[0].html.encode()
    assert [r.position for r in found] == [f"line {n}" for n in range(1, 6)]


def test_jsonl_bad_records_are_reported_with_their_line(tmp_path: Path) -> None:
    found = records(write_jsonl(tmp_path / "broken.jsonl", PAGES, broken=True))
    by_line = {r.position: r for r in found}
    assert "line 5" not in by_line  # a blank line is not a record
    assert by_line["line 2"].error.startswith("malformed JSON")
    assert by_line["line 4"].id == "no-text" and by_line["line 4"].error.startswith("no content")
    assert by_line["line 7"].error == "a JSON list, not an object"
    assert "over the 0.2 MB cap" in by_line["line 8"].error
    # Undecodable HTML reads fine here; ingest rejects it (see test_local).
    assert by_line["line 6"].error is None and by_line["line 6"].id == "binary"
    good = [r for r in found if r.error is None and r.id != "binary"]
    assert [r.id for r in good] == [p.id for p in PAGES]


def test_jsonl_field_names_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "custom.jsonl"
    lines = [{"doc": "d1", "link": "https://x.example/1", "body": "Plain text about walking."}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    fields = FieldNames(id="doc", url="link", html="page", text="body")
    (record,) = records(path, fields=fields)
    assert (record.id, record.url, record.media_type) == ("d1", "https://x.example/1", "text/plain")
    assert record.content == b"Plain text about walking."


def test_jsonl_line_longer_than_the_cap_is_skipped_unread(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    huge = json.dumps({"id": "huge", "text": "x" * 3_000_000})
    path.write_text(huge + "\n" + json.dumps({"id": "after", "text": "fine"}) + "\n")
    first, second = records(path, cap=10_000)
    assert first.position == "line 1" and "skipped unread" in first.error
    assert second.id == "after" and second.error is None


def test_truncated_gzip_keeps_what_was_read_and_reports_the_rest(tmp_path: Path) -> None:
    whole = gzip.compress(
        "".join(
            json.dumps({"id": f"d{n}", "text": f"Text {n} " * 400}) + "\n" for n in range(30)
        ).encode()
    )
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    found = records(path)
    assert found[-1].error.startswith("input ends in a damaged or truncated stream")
    assert [r.id for r in found[:-1]] == [f"d{n}" for n in range(len(found) - 1)]


def test_parquet_rows_and_bad_rows(tmp_path: Path) -> None:
    found = records(write_parquet(tmp_path / "pages.parquet", PAGES, broken=True))
    assert found[1].id == "pq-no-text" and found[1].error.startswith("no content")
    assert found[1].position == "row 2"
    assert found[3].id == "pq-binary" and found[3].error is None
    good = [r for r in found if r.id not in ("pq-no-text", "pq-binary")]
    assert [r.id for r in good] == [p.id for p in PAGES]


def test_parquet_without_content_columns_stops_with_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "wrong.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": ["text"]}), path)
    with pytest.raises(BatchError, match=r"wrong.parquet: has neither a 'html' nor a 'text'"):
        records(path)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_reads_html_responses_and_reports_a_truncated_record(
    tmp_path: Path, name: str
) -> None:
    found = records(write_warc(tmp_path / name, PAGES, broken=True))
    urls = [r.url for r in found]
    # Requests, warcinfo, the image and the redirect are skipped.
    assert "https://img.example/logo.png" not in urls
    assert "https://wellness.example/old" not in urls
    good = [r for r in found if r.error is None and "broken" not in (r.url or "")]
    assert [r.url for r in good] == [p.url for p in PAGES]
    assert all(r.id.startswith("<urn:uuid:") for r in found)
    last = found[-1]
    assert last.url == "https://broken.example/cut-short"
    assert last.error == "truncated WARC record: the file ends inside it"
    assert last.position.startswith("offset ")
    offsets = [r.record_index for r in found]
    assert offsets == sorted(offsets)


def test_directories_and_globs_expand_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    write_jsonl(tmp_path / "a" / "2.jsonl", PAGES[:1])
    write_jsonl(tmp_path / "a" / "1.jsonl.zst", PAGES[1:2])
    (tmp_path / "a" / "notes.txt").write_text("not an input")
    write_parquet(tmp_path / "b.parquet", PAGES[2:3])
    files = discover_inputs([str(tmp_path / "a"), str(tmp_path / "*.parquet")])
    assert [Path(f.path).name for f in files] == ["1.jsonl.zst", "2.jsonl", "b.parquet"]
    assert [f.index for f in files] == [0, 1, 2]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.jsonl", "no such file or directory"),
        (lambda d: d / "nothing-*.jsonl", "no files match"),
        (lambda d: (d / "page.html").write_text("<p>x</p>") and d / "page.html", "not a JSONL"),
    ],
)
def test_unusable_inputs_stop_with_one_line(tmp_path: Path, make, message: str) -> None:
    with pytest.raises(BatchError, match=message):
        discover_inputs([str(make(tmp_path))])


def test_memory_stays_flat_on_a_large_input(tmp_path: Path) -> None:
    """~60 MB of zstd JSONL streams through holding one record at a time."""
    path = tmp_path / "large.jsonl.zst"
    page = json.dumps({"id": "p", "html": "<p>" + "Sleep well tonight. " * 3000 + "</p>"})
    with path.open("wb") as raw, zstandard.ZstdCompressor().stream_writer(raw) as out:
        for _ in range(1000):
            out.write(page.encode() + b"\n")
    tracemalloc.start()
    count = sum(1 for _ in read_records(discover_inputs([str(path)]), FieldNames(), CAP))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 1000
    assert peak < 10 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB while reading 60 MB"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.jsonl.gz", b"plain text, not gzip", "not gzip data"),
        ("a.jsonl.zst", b"plain text, not zstd", "not zstd data"),
        ("a.warc", b"<html>not a warc</html>", "not a WARC file"),
        ("a.parquet", b"PAR1 not parquet", "not a readable Parquet file"),
    ],
)
def test_inputs_that_cannot_be_read_stop_before_any_work(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    good = write_jsonl(tmp_path / "good.jsonl", PAGES[:1])
    (tmp_path / name).write_bytes(data)
    files = discover_inputs([str(good), str(tmp_path / name)])
    with pytest.raises(BatchError, match=f"{name}: {message}"):
        check_inputs(files, FieldNames())


def test_a_few_hundred_pages_in_every_format_read_back_whole(tmp_path: Path) -> None:
    """The full fixture scrape: 300 pages (health, syndicated, mirrors, junk) split over
    JSONL, Parquet and WARC, each with its broken records."""
    pages = build_pages(300)
    assert len(pages) == 300
    assert sum(p.id.startswith("junk-") for p in pages) == 60
    assert sum(p.id.startswith("mirror-") for p in pages) == 30
    files = write_all(tmp_path, pages, broken=True)
    found = records(*files.values())
    planted = {"binary", "pq-binary"}  # undecodable: readers pass them, ingest rejects them
    good = [r for r in found if r.error is None and r.id not in planted]
    good = [r for r in good if "broken.example" not in (r.url or "")]
    assert len(good) == 300
    assert {r.url for r in good} == {p.url for p in pages}
    assert sum(r.error is not None for r in found) == 4 + 1 + 1  # JSONL, Parquet, WARC
