"""``claimcheck corpus`` search, import and export, run as the installed command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CLI

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TINY = FIXTURES / "tiny-corpus"


def claimcheck(*args: str | Path, cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLAIMCHECK_CACHE": str(cache), "COLUMNS": "200"}
    return subprocess.run(
        [str(CLI), "corpus", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


@pytest.fixture()
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_search_json_lists_records_with_scores(cache: Path) -> None:
    run = claimcheck(
        "search", "Is Solara tea OK with warfarin?", "--corpus", TINY, "-k", "3",
        "--format", "json", cache=cache,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    payload = json.loads(run.stdout)
    assert payload["corpus"].startswith("tiny@1#")
    results = payload["results"]
    assert [r["rank"] for r in results] == [1, 2, 3]
    top = results[0]
    assert top["id"] == "sunleaf-warfarin-interaction-2018"
    assert top["kind"] == "finding" and top["topic"] == "sunleaf"
    assert top["link"] == "https://doi.org/10.1000/tiny.5"
    assert top["citation"] == "Kim H (2018)"
    assert 0 < top["score"] <= 1 and -1 <= top["cosine"] <= 1
    assert "building the search index" in run.stderr  # first search of this corpus
    assert (cache / "index").is_dir()


def test_search_text_and_kind_filter(cache: Path) -> None:
    run = claimcheck(
        "search", "moonroot cures insomnia", "--corpus", TINY, "--kind", "claim_review",
        cache=cache,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].split()[-1] == "review-moonroot-cures-insomnia"
    assert "rated contradicted; findings: moonroot-sleep-rct-2020" in run.stdout
    headers = [line.split() for line in lines if line[:2].strip().isdigit()]
    assert [h[4] for h in headers] == ["claim_review", "claim_review"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["search", "x", "--format", "xml"], 2, "--format xml: expected text or json"),
        (["search", "x", "--kind", "study"], 2, "--kind study: expected finding or claim_review"),
        (["search", "  "], 2, "the query is empty"),
        (["search", "x", "--corpus", "no-such"], 2, "no-such: corpus directory does not exist"),
        (["export", "--format", "csv"], 2, "--format csv: expected claimreview"),
        (["import", "a.csv", "-o", "out", "--format", "tsv"], 2, "--format tsv: expected one of "
         "auto, statements, beir, pubmed"),
        (["import", "no-such.csv", "-o", "out"], 1, "no-such.csv: no such file"),
    ],
)  # fmt: skip
def test_bad_options_give_one_line_errors(
    args: list[str], code: int, message: str, cache: Path
) -> None:
    run = claimcheck(*args, cache=cache)
    assert run.returncode == code
    assert run.stderr.strip() == f"error: {message}"
    assert "Traceback" not in run.stderr


def test_export_writes_claimreview_json_ld(cache: Path, tmp_path: Path) -> None:
    output = tmp_path / "reviews.jsonld"
    run = claimcheck("export", "--corpus", TINY, "--output", output, cache=cache)
    assert run.returncode == 0, run.stderr
    graph = json.loads(output.read_text())["@graph"]
    assert [item["identifier"] for item in graph] == [
        "review-moonroot-cures-insomnia",
        "review-sunleaf-lowers-bp",
    ]
    assert graph[0]["reviewRating"]["alternateName"] == "Contradicted"
    assert graph[0]["citation"][0]["sameAs"] == ["https://doi.org/10.1000/tiny.1"]
    stdout = claimcheck("export", "--corpus", TINY, cache=cache)
    assert json.loads(stdout.stdout) == json.loads(output.read_text())


def test_export_refuses_an_invalid_corpus(cache: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    (broken / "records").mkdir(parents=True)
    (broken / "records" / "r.yaml").write_text(
        (TINY / "records" / "herbs.yaml").read_text().replace("[moonroot-sleep-rct-2020]", "[x]")
    )
    run = claimcheck("export", "--corpus", broken, cache=cache)
    assert run.returncode == 2
    assert "invalid corpus:" in run.stderr and "unknown finding 'x'" in run.stderr


def test_import_reports_skipped_lines_and_writes_a_valid_corpus(
    cache: Path, tmp_path: Path
) -> None:
    output = tmp_path / "my-evidence"
    run = claimcheck(
        "import", FIXTURES / "statements.jsonl", FIXTURES / "pubmed.xml", "--output", output,
        cache=cache,
    )  # fmt: skip
    assert run.returncode == 3, run.stderr  # written, with skipped records
    assert f"skipped {FIXTURES / 'statements.jsonl'}:3: invalid JSON" in run.stderr
    assert f"skipped {FIXTURES / 'pubmed.xml'}:40: malformed XML" in run.stderr
    assert f"warning {FIXTURES / 'statements.jsonl'}:8: unknown column 'colour'" in run.stderr
    assert "imported 8 findings from 2 file(s)" in run.stdout and "6 skipped" in run.stdout
    valid = claimcheck("validate", "--corpus", TINY, "--corpus", output, cache=cache)
    assert valid.returncode == 0, valid.stderr
    assert "valid: 13 findings, 2 claim reviews, 0 errors, 0 warnings" in valid.stdout
    again = claimcheck("import", FIXTURES / "pubmed.xml", "--output", output, cache=cache)
    assert again.returncode == 1
    assert "pubmed-xml.jsonl: already exists; pass --force" in again.stderr


def test_import_clean_file_exits_zero_and_is_searchable(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "moonroot-notes.csv"
    source.write_text(
        "statement,authors,title,year,doi,entities,study_type,evidence_grade\n"
        '"In 40 adults, moonroot tea taken for two weeks caused no change in blood pressure.",'
        "Ng T,Moonroot and blood pressure,2023,10.1000/tiny.9,moonroot,rct,low\n"
    )
    output = tmp_path / "notes"
    run = claimcheck("import", source, "--output", output, "--name", "notes", cache=cache)
    assert run.returncode == 0, run.stderr
    found = claimcheck(
        "search", "Luna Calm blood pressure", "--corpus", TINY, "--corpus", output, "-k", "1",
        "--format", "json", cache=cache,
    )  # fmt: skip
    assert json.loads(found.stdout)["results"][0]["id"] == "notes-moonroot-notes-csv-2"


def test_import_with_nothing_importable_fails(cache: Path, tmp_path: Path) -> None:
    output = tmp_path / "sf"
    run = claimcheck("import", FIXTURES / "scifact_corpus.jsonl", "--output", output, cache=cache)
    assert run.returncode == 1
    assert "--url-template" in run.stderr
    assert run.stderr.strip().endswith(
        "error: nothing imported: every record was skipped (see above)"
    )
    assert not output.exists()
    missing = claimcheck("import", tmp_path / "nope.xml", "--output", output, cache=cache)
    assert missing.returncode == 1 and "nope.xml: no such file" in missing.stderr


def test_stats_json_has_the_documented_keys(cache: Path) -> None:
    run = claimcheck("stats", "--corpus", TINY, "--format", "json", cache=cache)
    assert run.returncode == 0, run.stderr
    stats = json.loads(run.stdout)
    assert (stats["findings"], stats["claim_reviews"], stats["topics"]) == (5, 2, 2)
    assert stats["per_topic"] == {
        "moonroot": {"findings": 3, "claim_reviews": 1},
        "sunleaf": {"findings": 2, "claim_reviews": 1},
    }
    assert stats["study_types"]["rct"] == 2 and stats["evidence_grades"]["moderate"] == 2
    assert stats["oldest_review"] == "2026-01-01"


def test_validate_exit_status_follows_errors(cache: Path, tmp_path: Path) -> None:
    good = claimcheck("validate", "--corpus", TINY, cache=cache)
    assert good.returncode == 0 and "valid: 5 findings, 2 claim reviews" in good.stdout
    broken = tmp_path / "broken"
    shutil.copytree(TINY, broken)
    records = broken / "records" / "herbs.yaml"
    records.write_text(records.read_text().replace("evidence_grade: low", "evidence_grade: meh"))
    bad = claimcheck("validate", "--corpus", broken, cache=cache)
    assert bad.returncode == 1
    assert f"{records}:" in bad.stderr and "field evidence_grade" in bad.stderr
