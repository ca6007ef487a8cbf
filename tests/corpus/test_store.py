"""Corpus loading and validation: every problem located by file, line, record and field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from claimcheck.corpus import CorpusError, load_corpus
from tests.conftest import REPO

FINDING = """\
- id: {id}
  kind: finding
  topic: demo
  entities: [demo herb]
  statement: {statement}
  study_type: rct
  evidence_grade: moderate
  citation:
    authors: Doe J, Roe R
    title: A trial of the demo herb
    venue: Journal of Demos
    year: 2020
    doi: 10.1000/demo.{id}
  reviewed: 2026-01-01
  checked: Read the abstract on PubMed.
"""


def _corpus(tmp_path: Path, records: str, entities: str | None = None) -> Path:
    (tmp_path / "corpus.yaml").write_text("name: demo\nversion: '1'\n")
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "demo.yaml").write_text(records)
    if entities is not None:
        (tmp_path / "entities").mkdir()
        (tmp_path / "entities" / "demo.yaml").write_text(entities)
    return tmp_path


def test_bundled_corpus_is_valid_and_broad() -> None:
    corpus, problems = load_corpus([REPO / "corpus"])
    assert [str(p) for p in problems] == []
    assert len(corpus.findings) >= 600
    assert len(corpus.reviews) >= 200
    topics = {f.topic for f in corpus.findings.values()}
    assert len(topics) >= 80
    for topic in topics:
        assert sum(f.topic == topic for f in corpus.findings.values()) >= 5, topic


def test_every_bundled_citation_has_a_traceable_identifier() -> None:
    corpus, _ = load_corpus([REPO / "corpus"])
    for finding in corpus.findings.values():
        citation = finding.citation
        assert citation.pmid or citation.doi or citation.url, finding.id
        assert "not shown" not in citation.authors, finding.id
        if citation.url and not (citation.pmid or citation.doi):
            # An agency's home page is not a citation: the document's own page is.
            assert citation.url.rstrip("/").count("/") >= 3, (finding.id, citation.url)


def test_valid_records_load(tmp_path: Path) -> None:
    text = FINDING.format(id="f01", statement="The demo herb lowered blood pressure by 5 mmHg.")
    corpus, problems = load_corpus([_corpus(tmp_path, text, "- name: demo herb\n")])
    assert problems == []
    assert corpus.findings["f01"].citation.link == "https://doi.org/10.1000/demo.f01"
    assert corpus.version.startswith("demo@1#")


def test_schema_error_names_file_line_record_and_field(tmp_path: Path) -> None:
    good = FINDING.format(id="f01", statement="The demo herb lowered blood pressure by 5 mmHg.")
    bad = FINDING.format(id="f02", statement="A second trial found no effect on sleep at all.")
    bad = bad.replace("evidence_grade: moderate", "evidence_grade: excellent")
    _, problems = load_corpus([_corpus(tmp_path, good + bad, "- name: demo herb\n")])
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path.endswith("records/demo.yaml")
    assert problem.line == good.count("\n") + 1
    assert problem.record == "f02"
    assert problem.field == "evidence_grade"


def test_citation_without_identifier(tmp_path: Path) -> None:
    text = FINDING.format(id="f01", statement="The demo herb lowered blood pressure by 5 mmHg.")
    text = text.replace("    doi: 10.1000/demo.f01\n", "")
    _, problems = load_corpus([_corpus(tmp_path, text)])
    assert any("pmid, doi or url" in p.message and p.field == "citation" for p in problems)


def test_duplicate_ids_dangling_references_and_repeated_statements(tmp_path: Path) -> None:
    statement = "The demo herb lowered blood pressure by 5 mmHg."
    records = (
        FINDING.format(id="f01", statement=statement)
        + FINDING.format(id="f01", statement="Another statement about the demo herb here.")
        + FINDING.format(id="f02", statement=statement.upper())
        + textwrap.dedent("""\
            - id: r01
              kind: claim_review
              topic: demo
              claim: The demo herb cures high blood pressure.
              rating: contradicted
              explanation: Trials show a small effect, not a cure.
              findings: [f01, f09]
              reviewed: 2026-01-01
            """)
    )
    _, problems = load_corpus([_corpus(tmp_path, records)])
    messages = [p.message for p in problems]
    assert any(m.startswith("duplicate id") for m in messages)
    assert any("unknown finding 'f09'" in m for m in messages)
    assert any("repeats record 'f01' verbatim" in m for m in messages)


def test_unknown_entity_is_a_warning(tmp_path: Path) -> None:
    text = FINDING.format(id="f01", statement="The demo herb lowered blood pressure by 5 mmHg.")
    _, problems = load_corpus([_corpus(tmp_path, text, "- name: other herb\n")])
    assert [p.severity for p in problems] == ["warning"]


def test_broken_yaml_is_reported_not_raised(tmp_path: Path) -> None:
    _, problems = load_corpus([_corpus(tmp_path, "- id: [unclosed\n")])
    assert problems and problems[0].path.endswith("demo.yaml")


def test_missing_directory_raises_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus([tmp_path / "nope"])


def test_content_hash_changes_with_content(tmp_path: Path) -> None:
    text = FINDING.format(id="f01", statement="The demo herb lowered blood pressure by 5 mmHg.")
    first, _ = load_corpus([_corpus(tmp_path, text)])
    (tmp_path / "records" / "demo.yaml").write_text(text.replace("5 mmHg", "6 mmHg"))
    second, _ = load_corpus([tmp_path])
    assert first.content_hash != second.content_hash
