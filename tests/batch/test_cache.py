"""The verdict cache: a checked claim survives the trip through SQLite unchanged, is shared
between processes' connections, and is never served across model or corpus versions."""

from __future__ import annotations

from pathlib import Path

from claimcheck.batch.cache import SqliteVerdictCache, decode_claim, encode_claim, fingerprint
from claimcheck.doc import Citation, Claim, Evidence, Label, Stance, Verdict


def checked_claim() -> Claim:
    evidence = Evidence(
        "kratom-dependence-survey",
        "finding",
        "Regular kratom users reported dependence.",
        0.8123,
        citation=Citation("Singh D", "Kratom dependence", 2014, venue="DAD", pmid="24698080"),
        study_type="survey",
        evidence_grade="low",
        stance=Stance.CONTRADICTS,
        stance_probs={"supports": 0.02, "contradicts": 0.95, "neutral": 0.03},
        weight=0.41,
    )
    verdict = Verdict(
        Label.CONTRADICTED, 0.93, "Contradicted by a survey.", ["kratom-dependence-survey"]
    )
    return Claim(
        "c1", "Kratom does not cause dependence.", 0, 0, 10, evidence=[evidence], verdict=verdict
    )


def test_encoding_keeps_evidence_and_verdict_exactly() -> None:
    claim = checked_claim()
    restored = decode_claim(encode_claim(claim))
    assert restored.evidence == claim.evidence
    assert restored.verdict == claim.verdict
    assert isinstance(restored.evidence[0].stance, Stance)
    assert isinstance(restored.verdict.label, Label)


def test_a_second_connection_sees_flushed_verdicts(tmp_path: Path) -> None:
    path = tmp_path / "verdicts.sqlite"
    writer = SqliteVerdictCache(path, "v1")
    writer.put("kratom does not cause dependence|kratom", checked_claim())
    reader = SqliteVerdictCache(path, "v1")
    assert reader.get("kratom does not cause dependence|kratom") is None  # not flushed yet
    writer.flush()
    found = reader.get("kratom does not cause dependence|kratom")
    assert found is not None and found.verdict == checked_claim().verdict
    assert (reader.stats.lookups, reader.stats.hits) == (2, 1)


def test_other_models_or_corpus_do_not_share_verdicts(tmp_path: Path) -> None:
    models = {"verifier": {"name": "stance", "version": "1"}}
    corpus = {"version": "health@1"}
    one = fingerprint(models, corpus, {"min_confidence": 0.5})
    assert one == fingerprint(models, corpus, {"min_confidence": 0.5})
    assert one != fingerprint(
        {"verifier": {"name": "stance", "version": "2"}}, corpus, {"min_confidence": 0.5}
    )
    assert one != fingerprint(models, {"version": "health@2"}, {"min_confidence": 0.5})
    assert one != fingerprint(models, corpus, {"min_confidence": 0.7})
    path = tmp_path / "verdicts.sqlite"
    old = SqliteVerdictCache(path, one)
    old.put("claim|", checked_claim())
    old.flush()
    new = SqliteVerdictCache(
        path, fingerprint(models, {"version": "health@2"}, {"min_confidence": 0.5})
    )
    assert new.get("claim|") is None
