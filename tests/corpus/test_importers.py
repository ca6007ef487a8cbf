"""Importers: each format read into findings; bad lines reported by file and line and
skipped, the rest kept; the written corpus validates like the bundled one."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from claimcheck.corpus import load_corpus
from claimcheck.corpus.importers import (
    ImportOptions,
    ImportResult,
    UnknownFormat,
    WriteError,
    detect_format,
    import_file,
    import_files,
    write_corpus,
)
from claimcheck.corpus.importers.common import statements_of

FIXTURES = Path(__file__).resolve().parent / "fixtures"
OPTIONS = ImportOptions(name="my-evidence", reviewed=date(2026, 1, 1))


def _lines(result: ImportResult) -> dict[int | None, str]:
    """Skipped input line -> problem message."""
    return {p.line: p.message for p in result.problems if p.severity == "error"}


def test_formats_are_detected_from_name_and_first_line(tmp_path: Path) -> None:
    assert detect_format(FIXTURES / "statements.jsonl") == "statements"
    assert detect_format(FIXTURES / "statements.csv") == "statements"
    assert detect_format(FIXTURES / "scifact_corpus.jsonl") == "beir"
    assert detect_format(FIXTURES / "beir_corpus.jsonl") == "beir"
    assert detect_format(FIXTURES / "pubmed.xml") == "pubmed"
    odd = tmp_path / "notes.txt"
    odd.write_text("just some notes\n")
    with pytest.raises(UnknownFormat, match=r"notes\.txt: cannot tell the format"):
        detect_format(odd)


def test_statements_jsonl_keeps_good_lines_and_locates_bad_ones() -> None:
    result = import_file(FIXTURES / "statements.jsonl", "auto", OPTIONS)
    assert [f.id for f in result.findings] == [
        "my-evidence-statements-jsonl-1",
        "my-evidence-statements-jsonl-2",
        "my-evidence-statements-jsonl-8",
    ]
    skipped = _lines(result)
    assert set(skipped) == {3, 5, 6, 7}
    assert skipped[3].startswith("invalid JSON")
    assert "pmid, doi or url" in skipped[5]
    assert skipped[6].startswith("study_type:")
    assert "expected a JSON object" in skipped[7]
    warnings = [p for p in result.problems if p.severity == "warning"]
    assert [(p.line, "colour" in p.message) for p in warnings] == [(8, True)]
    assert all(str(p).startswith(f"{FIXTURES / 'statements.jsonl'}:") for p in result.problems)


def test_statement_fields_defaults_and_honest_provenance() -> None:
    graded, nested, _ = import_file(FIXTURES / "statements.jsonl", "auto", OPTIONS).findings
    assert graded.topic == "demo-herb"
    assert graded.entities == ["demo herb"]
    assert graded.study_type.value == "rct" and graded.evidence_grade.value == "moderate"
    assert graded.citation.link == "https://doi.org/10.1000/demo.1"
    assert "as given in the file" in graded.checked
    # Nested citation object; no study type or grade in the file: documented defaults.
    assert nested.citation.pmid == "90000002"
    assert nested.topic == "statements"  # from the file name
    assert (nested.study_type.value, nested.evidence_grade.value) == (
        "narrative_review",
        "very_low",
    )
    assert nested.checked.startswith("Imported from statements.jsonl:2 (statements)")
    assert "not assessed" in nested.checked
    assert nested.reviewed == date(2026, 1, 1)


def test_statements_csv_handles_quoted_multiline_rows_and_ragged_rows() -> None:
    result = import_file(FIXTURES / "statements.csv", "auto", OPTIONS)
    by_line = dict(zip(result.lines, result.findings, strict=True))
    assert sorted(by_line) == [2, 3, 8]
    assert by_line[2].entities == ["demo herb", "herbal tea"]
    assert "trials\nrunning" not in by_line[3].statement  # newlines inside quotes folded
    assert by_line[8].study_type.value == "case_series"
    skipped = _lines(result)
    assert set(skipped) == {5, 6, 7}
    assert "at least 20 characters" in skipped[5]
    assert skipped[6].startswith("citation.year:")
    assert "more fields than the header" in skipped[7]


def test_csv_without_statement_column_is_one_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("text,title\nsomething,else\n")
    result = import_file(path, "auto", OPTIONS)
    assert result.findings == []
    assert [str(p) for p in result.problems] == [
        f"{path}:1: no 'statement' column (columns: text, title)"
    ]


def test_scifact_needs_an_identifier_and_says_so() -> None:
    result = import_file(FIXTURES / "scifact_corpus.jsonl", "auto", OPTIONS)
    assert result.findings == []
    skipped = _lines(result)
    assert "--url-template" in skipped[1] and "PubMed ids" in skipped[1]
    assert skipped[3].startswith("invalid JSON")
    assert skipped[4] == "no document id (_id or doc_id)"


def test_scifact_with_url_template_and_year_gives_one_finding_per_sentence() -> None:
    # SciFact ids are PubMed ids, so a PubMed link is a real identifier; the year is the
    # user's call (SciFact has none) and is recorded as given.
    options = ImportOptions(
        name="sf",
        url_template="https://pubmed.ncbi.nlm.nih.gov/{id}/",
        year=2020,
        reviewed=date(2026, 1, 1),
    )
    result = import_file(FIXTURES / "scifact_corpus.jsonl", "beir", options)
    ids = [f.id for f in result.findings]
    assert ids == [f"sf-90000011-s{n}" for n in (1, 2, 3, 4)] + ["sf-90000012-s1"]
    first = result.findings[0]
    assert first.statement == "Hypertension is common."
    assert first.citation.url == "https://pubmed.ncbi.nlm.nih.gov/90000011/"
    assert first.citation.authors == "authors not given in scifact_corpus.jsonl"
    assert first.topic == "scifact_corpus"
    assert set(_lines(result)) == {3, 4}


def test_a_corpus_jsonl_takes_its_directory_name_as_topic(tmp_path: Path) -> None:
    (tmp_path / "scifact").mkdir()
    path = tmp_path / "scifact" / "corpus.jsonl"
    shutil.copy(FIXTURES / "scifact_corpus.jsonl", path)
    options = ImportOptions(name="sf", url_template="https://example.org/{id}", year=2020)
    assert {f.topic for f in import_file(path, "auto", options).findings} == {"scifact"}


def test_beir_metadata_supplies_citation_and_sentences_are_split() -> None:
    result = import_file(FIXTURES / "beir_corpus.jsonl", "auto", OPTIONS)
    d1 = [f for f in result.findings if f.id.startswith("my-evidence-d1-")]
    assert [f.statement for f in d1] == [
        "Sleep problems are common in older adults.",
        "In a trial of 80 older adults, the demo herb did not improve sleep quality "
        "compared with placebo.",
        "Adverse events were mild.",
    ]
    assert d1[0].citation.doi == "10.1000/demo.sleep"
    assert d1[0].citation.authors == "Doe J, Roe R"
    skipped = _lines(result)
    assert "has no doi, pmid or url" in skipped[3]
    assert "no publication year" in skipped[4] and "--year" in skipped[4]


def test_pubmed_article_fields_sections_and_study_types() -> None:
    result = import_file(FIXTURES / "pubmed.xml", "auto", OPTIONS)
    rct = [f for f in result.findings if "pmid90000021" in f.id]
    # BACKGROUND and METHODS sections are left out; RESULTS and CONCLUSIONS kept.
    assert [f.statement for f in rct] == [
        "Systolic blood pressure fell by 5 mmHg more with the demo herb than with placebo.",
        "Diastolic pressure did not change.",
        "The demo herb lowers systolic blood pressure a little.",
    ]
    citation = rct[0].citation
    assert citation.pmid == "90000021" and citation.doi == "10.1000/demo.21"
    assert citation.authors == "Doe J, Demo Herb Trial Group"
    assert citation.title == "The demo herb for high blood pressure: a randomized trial"
    assert (citation.venue, citation.year) == ("Journal of Demos", 2020)
    assert rct[0].published == "2020-06-01"
    assert rct[0].study_type.value == "rct"
    assert "study type from PubMed publication types" in rct[0].checked
    meta = [f for f in result.findings if "pmid90000023" in f.id]
    assert meta[0].study_type.value == "meta_analysis"  # most specific type wins
    assert meta[0].published == "2019"  # from MedlineDate "2019 Jan-Feb"


def test_pubmed_malformed_article_costs_only_itself() -> None:
    result = import_file(FIXTURES / "pubmed.xml", "auto", OPTIONS)
    assert {f.citation.pmid for f in result.findings} == {"90000021", "90000023"}
    skipped = _lines(result)
    assert skipped[40].startswith("malformed XML: Opening and ending tag mismatch")
    assert "line 39" in skipped[40]  # lxml's line numbers made relative to the file
    assert skipped[55] == "article without a PMID"


def test_pubmed_parser_does_not_expand_entities(tmp_path: Path) -> None:
    path = tmp_path / "xxe.xml"
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET CONTENT")
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>\n'
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        "<Journal><JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue></Journal>"
        "<ArticleTitle>Entity test</ArticleTitle><Abstract><AbstractText>"
        "The secret is &s; and this sentence is long enough.</AbstractText></Abstract>"
        "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n"
    )
    result = import_file(path, "pubmed", OPTIONS)
    assert all("TOP SECRET" not in f.statement for f in result.findings)


def test_not_pubmed_xml_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<root><item>nothing here</item></root>\n")
    result = import_file(path, "auto", OPTIONS)
    assert [p.message for p in result.problems] == [
        "no PubmedArticle elements: is this a PubMed XML file?"
    ]


def test_repeats_across_files_are_skipped_with_their_first_location() -> None:
    results = import_files(
        [FIXTURES / "statements.jsonl", FIXTURES / "statements.csv"], "auto", OPTIONS
    )
    csv_problems = _lines(results[1])
    assert csv_problems[2] == "repeats the statement at statements.jsonl:1 verbatim"
    assert len(results[1].findings) == 2


def test_unreadable_input_is_one_problem_not_an_exception(tmp_path: Path) -> None:
    binary = tmp_path / "blob.jsonl"
    binary.write_bytes(b'{"statement": "\xff\xfe broken"}\n')
    results = import_files([binary, FIXTURES / "pubmed.xml"], "statements", OPTIONS)
    assert results[0].findings == [] and "cannot read" in results[0].problems[0].message
    assert results[1].findings == []  # forced format: the XML is not statements
    assert results[1].problems


def test_sentences_too_short_or_long_are_joined_or_split() -> None:
    long = "; ".join(["the demo herb was studied in a long list of settings"] * 14)
    out = list(statements_of(["Results.", "Blood pressure fell by 5 mmHg.", long, "Ok."]))
    assert out[0] == (1, None, "Results. Blood pressure fell by 5 mmHg.")
    assert all(problem is None and len(text) <= 600 for _, problem, text in out[1:-1])
    assert out[-1][1] == f"sentence {out[-1][0]} is under 20 characters"


def test_written_corpus_validates_alone_and_beside_another(tmp_path: Path) -> None:
    results = import_files(
        [FIXTURES / "statements.jsonl", FIXTURES / "pubmed.xml", FIXTURES / "statements.csv"],
        "auto",
        OPTIONS,
    )
    output = tmp_path / "my-evidence"
    written = write_corpus(output, results, "my-evidence")
    assert sorted(p.name for p in written) == [
        "pubmed-xml.jsonl",
        "statements-csv.jsonl",
        "statements-jsonl.jsonl",
    ]
    corpus, problems = load_corpus([output])
    assert problems == []
    assert len(corpus.findings) == sum(len(r.findings) for r in results)
    assert corpus.manifests[0].name == "my-evidence"
    assert [e.name for e in corpus.entities] == [
        "demo herb"
    ]  # the csv row naming "herbal tea" repeats a statement
    _, together = load_corpus([FIXTURES / "tiny-corpus", output])
    assert [p for p in together if p.severity == "error"] == []


def test_existing_record_files_need_force(tmp_path: Path) -> None:
    results = import_files([FIXTURES / "pubmed.xml"], "auto", OPTIONS)
    output = tmp_path / "out"
    write_corpus(output, results, "out")
    (output / "corpus.yaml").write_text("name: kept\nversion: '7'\n")
    with pytest.raises(WriteError, match=r"pubmed-xml\.jsonl: already exists; pass --force"):
        write_corpus(output, results, "out")
    write_corpus(output, results, "out", force=True)
    assert (output / "corpus.yaml").read_text().startswith("name: kept")  # manifest kept
    shutil.rmtree(output / "records")
    (output / "records").write_text("not a directory")
    with pytest.raises(OSError):
        write_corpus(output, results, "out")
