"""Retrieval on a tiny corpus with the real encoder: ranking, aliases, kinds, caching."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from claimcheck.corpus import Corpus, load_corpus
from claimcheck.doc import Claim
from claimcheck.retrieve import (
    EvidenceRetriever,
    RetrievalSettings,
    Retriever,
    index_directory,
    index_is_cached,
)

TINY = Path(__file__).resolve().parent / "corpus" / "fixtures" / "tiny-corpus"
MOONROOT = {
    "moonroot-sleep-rct-2020",
    "moonroot-liver-case-series-2021",
    "moonroot-anxiety-review-2019",
    "review-moonroot-cures-insomnia",
}


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _load(*dirs: Path) -> Corpus:
    corpus, problems = load_corpus(list(dirs))
    assert [p for p in problems if p.severity == "error"] == []
    return corpus


def test_alias_brings_in_the_canonical_name(cache: Path) -> None:
    retriever = Retriever(_load(TINY))
    assert retriever.expand("Does Luna Calm help you sleep?") == (
        "Does Luna Calm help you sleep? (moonroot)"
    )
    assert retriever.expand("Moonroot helps you sleep") == "Moonroot helps you sleep"
    hits = retriever.search(["Luna Calm helps you fall asleep"], k=3, kind="finding")[0]
    assert hits[0].record_id == "moonroot-sleep-rct-2020"


def test_records_about_the_named_entity_come_first(cache: Path) -> None:
    retriever = Retriever(_load(TINY))
    hits = retriever.search(["Solara tea is safe with blood thinners like warfarin"], k=7)[0]
    assert hits[0].record_id == "sunleaf-warfarin-interaction-2018"
    kinds = [hit.record_id.startswith(("sunleaf", "review-sunleaf")) for hit in hits]
    assert kinds == sorted(kinds, reverse=True)  # every sunleaf record before any other
    assert 0.0 <= hits[-1].score <= hits[0].score <= 1.0


def test_kind_filter_and_matched_variant(cache: Path) -> None:
    retriever = Retriever(_load(TINY))
    reviews = retriever.search(["moonroot makes you fall asleep faster"], k=5, kind="claim_review")
    assert [hit.record_id for hit in reviews[0]] == [
        "review-moonroot-cures-insomnia",
        "review-sunleaf-lowers-bp",
    ]
    assert reviews[0][0].matched_text == "Moonroot helps you fall asleep faster."
    findings = retriever.search(["moonroot"], k=10, kind="finding")[0]
    assert {hit.record_id for hit in findings} == {
        "moonroot-sleep-rct-2020",
        "moonroot-liver-case-series-2021",
        "moonroot-anxiety-review-2019",
        "sunleaf-blood-pressure-meta-2022",
        "sunleaf-warfarin-interaction-2018",
    }


def test_baselines_rank_by_one_method_only(cache: Path) -> None:
    corpus = _load(TINY)
    for method in ("bm25", "dense"):
        retriever = Retriever(corpus, settings=RetrievalSettings(method=method))
        hits = retriever.search(["liver injury jaundice"], k=2)[0]
        assert hits[0].record_id == "moonroot-liver-case-series-2021", method


def test_imported_records_without_entities_are_about_what_they_mention(
    cache: Path, tmp_path: Path
) -> None:
    extra = tmp_path / "imported" / "records"
    extra.mkdir(parents=True)
    record = {
        "id": "imp-1",
        "kind": "finding",
        "topic": "pubmed",
        "statement": "Selenorhiza extract improved sleep diaries in a small open-label study.",
        "study_type": "narrative_review",
        "evidence_grade": "very_low",
        "citation": {"authors": "X Y", "title": "Open study", "year": 2020, "pmid": "1"},
        "reviewed": "2026-01-01",
        "checked": "Imported from test.jsonl:1 (statements).",
    }
    (extra / "imported.jsonl").write_text(json.dumps(record) + "\n")
    retriever = Retriever(_load(TINY, extra.parent))
    index = retriever.owners.index("imp-1")
    assert "moonroot" in retriever.entities[index]
    hits = retriever.search(["Does Luna Calm improve sleep?"], k=5, kind="finding")[0]
    assert "imp-1" in [hit.record_id for hit in hits[:3]]


def test_evidence_stage_adds_the_findings_behind_a_review(cache: Path) -> None:
    stage = EvidenceRetriever(Retriever(_load(TINY)), k=1)
    claim = Claim("c1", "Moonroot cures insomnia.", 0, 0, 24)
    stage([claim])
    assert [ev.record_id for ev in claim.evidence] == [
        "review-moonroot-cures-insomnia",
        "moonroot-sleep-rct-2020",
    ]
    assert claim.evidence[1].citation is not None


def test_index_is_cached_per_corpus_content(cache: Path, tmp_path: Path) -> None:
    corpus = _load(TINY)
    assert not index_is_cached(corpus)
    Retriever(corpus)
    directory = index_directory(corpus)
    assert directory.parent == cache / "index" and index_is_cached(corpus)
    stamps = {p.name: p.stat().st_mtime_ns for p in directory.rglob("*") if p.is_file()}
    Retriever(_load(TINY))  # same content: loaded, not rebuilt
    assert stamps == {p.name: p.stat().st_mtime_ns for p in directory.rglob("*") if p.is_file()}

    changed = tmp_path / "changed"
    shutil.copytree(TINY, changed)
    records = changed / "records" / "herbs.yaml"
    records.write_text(records.read_text().replace("about 4 mmHg", "about 5 mmHg"))
    other = _load(changed)
    assert other.content_hash != corpus.content_hash
    assert not index_is_cached(other)
    retriever = Retriever(other)
    assert index_directory(other) != directory and index_is_cached(other)
    assert (
        "about 5 mmHg"
        in retriever.texts[retriever.owners.index("sunleaf-blood-pressure-meta-2022")]
    )


def test_stale_index_is_rebuilt(cache: Path) -> None:
    corpus = _load(TINY)
    Retriever(corpus)
    manifest = index_directory(corpus) / "manifest.json"
    meta = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**meta, "encoder": "some-other-encoder"}))
    Retriever(corpus)
    assert json.loads(manifest.read_text()) == meta


def test_corrupt_index_is_rebuilt(cache: Path) -> None:
    corpus = _load(TINY)
    Retriever(corpus)
    vectors = index_directory(corpus) / "dense.npy"
    vectors.write_bytes(vectors.read_bytes()[:100])  # as if a write had been cut short
    retriever = Retriever(corpus)
    assert retriever.vectors.shape == (len(retriever.texts), 384)
    assert vectors.stat().st_size > 100
