"""Aggregation rules: review match, flipped match, weighed findings, unverified, floor."""

from __future__ import annotations

from claimcheck.aggregate import AggregationSettings, Aggregator
from claimcheck.calibration import Calibrator, fit_calibrator
from claimcheck.doc import Claim, ClaimAttributes, ClaimType, Evidence, Label, Stance


def _probs(supports: float, contradicts: float) -> dict[str, float]:
    return {
        "supports": supports,
        "contradicts": contradicts,
        "neutral": round(1 - supports - contradicts, 4),
    }


def review(rating: str, similarity: float, stance: Stance) -> Evidence:
    """A claim review as verify.py leaves it: its stance says whether the claim matches it."""
    return Evidence(
        "r1",
        "claim_review",
        "Kratom can be used without the risk of dependence.",
        similarity,
        rating=rating,
        supporting_ids=["f1"],
        stance=stance,
    )


def finding(
    record_id: str,
    similarity: float,
    supports: float,
    contradicts: float,
    grade: str = "moderate",
    study: str = "systematic_review",
) -> Evidence:
    probs = _probs(supports, contradicts)
    return Evidence(
        record_id,
        "finding",
        "A finding.",
        similarity,
        study_type=study,
        evidence_grade=grade,
        stance_probs=probs,
        stance=Stance(max(probs, key=probs.get)),
    )


def claim(
    *evidence: Evidence,
    claim_type: ClaimType = ClaimType.SAFETY,
    text: str = "Kratom does not cause dependence.",
) -> Claim:
    return Claim(
        "c1",
        text,
        0,
        0,
        10,
        attributes=ClaimAttributes(claim_type=claim_type),
        evidence=list(evidence),
    )


NO_FLOOR = Aggregator(AggregationSettings(min_confidence=0.0))


def test_matching_review_decides_with_its_rating() -> None:
    verdict = NO_FLOOR.decide(
        claim(review("contradicted", 0.95, Stance.SUPPORTS), finding("f1", 0.6, 0.2, 0.7))
    )
    assert verdict.label == Label.CONTRADICTED
    assert verdict.basis == "review"
    assert verdict.deciding[0] == "r1"


def test_opposite_of_a_reviewed_myth_flips_the_rating() -> None:
    opposite = claim(
        review("contradicted", 0.9, Stance.CONTRADICTS), text="Kratom causes dependence."
    )
    verdict = NO_FLOOR.decide(opposite)
    assert verdict.label == Label.SUPPORTED
    assert "opposite" in verdict.rationale


def test_unverified_review_stays_unverified_when_flipped() -> None:
    opposite = claim(
        review("unverified", 0.9, Stance.CONTRADICTS), text="Kratom causes dependence."
    )
    verdict = NO_FLOOR.decide(opposite)
    assert verdict.label == Label.UNVERIFIED


def test_closest_matching_review_decides() -> None:
    closer = review("supported", 0.92, Stance.SUPPORTS)
    closer.record_id = "r2"
    verdict = NO_FLOOR.decide(claim(review("contradicted", 0.8, Stance.SUPPORTS), closer))
    assert (verdict.label, verdict.deciding[0]) == (Label.SUPPORTED, "r2")


def test_review_that_verify_found_unrelated_does_not_decide() -> None:
    verdict = NO_FLOOR.decide(claim(review("contradicted", 0.4, Stance.NEUTRAL)))
    assert verdict.basis != "review"


def test_findings_are_weighed_by_quality_and_relevance() -> None:
    strong = finding("f1", 0.8, 0.05, 0.9, grade="high", study="meta_analysis")
    weak = finding("f2", 0.8, 0.9, 0.05, grade="very_low", study="case_report")
    verdict = NO_FLOOR.decide(claim(strong, weak))
    assert verdict.label == Label.CONTRADICTED
    assert verdict.basis == "findings"
    assert verdict.deciding == ["f1"]
    assert verdict.rationale == "One finding in the corpus contradicts the claim."


def test_the_rationale_counts_the_deciding_findings() -> None:
    first, second = finding("f1", 0.8, 0.9, 0.05), finding("f2", 0.7, 0.85, 0.05)
    verdict = NO_FLOOR.decide(claim(first, second))
    assert verdict.rationale == "2 findings in the corpus support the claim."


def test_mechanistic_studies_count_fully_for_mechanism_claims() -> None:
    lab = finding("f1", 0.75, 0.9, 0.02, grade="moderate", study="mechanistic")
    as_mechanism = NO_FLOOR.decide(claim(lab, claim_type=ClaimType.MECHANISM))
    as_efficacy = NO_FLOOR.decide(claim(lab, claim_type=ClaimType.EFFICACY))
    assert as_mechanism.strength > as_efficacy.strength


def test_irrelevant_or_neutral_evidence_leaves_the_claim_unverified() -> None:
    assert NO_FLOOR.decide(claim(finding("f1", 0.2, 0.9, 0.05))).label == Label.UNVERIFIED
    assert NO_FLOOR.decide(claim(finding("f1", 0.9, 0.1, 0.1))).label == Label.UNVERIFIED
    assert NO_FLOOR.decide(claim()).rationale == "No related evidence in the corpus."


def test_only_related_evidence_is_named_for_an_unverified_claim() -> None:
    unrelated = NO_FLOOR.decide(claim(finding("f1", 0.2, 0.1, 0.1)))
    assert unrelated.deciding == []
    assert unrelated.rationale == "No related evidence in the corpus."
    related = NO_FLOOR.decide(claim(finding("f1", 0.6, 0.1, 0.1)))
    assert related.deciding == ["f1"]
    assert related.rationale.startswith("No evidence in the corpus confidently")


def test_balanced_evidence_is_unverified() -> None:
    verdict = NO_FLOOR.decide(claim(finding("f1", 0.8, 0.85, 0.05), finding("f2", 0.8, 0.05, 0.85)))
    assert verdict.label == Label.UNVERIFIED


def test_confidence_floor_reports_weak_verdicts_as_unverified() -> None:
    calibrator = Calibrator({"findings:contradicted": ([0.0, 1.0], [0.3, 0.4])})
    aggregator = Aggregator(AggregationSettings(min_confidence=0.6), calibrator)
    verdict = aggregator.decide(claim(finding("f1", 0.8, 0.05, 0.9)))
    assert verdict.label == Label.UNVERIFIED
    assert verdict.rationale.startswith("Leaning contradicted, but verdicts like this")
    assert "(confidence 0.37, a verdict needs 0.60)" in verdict.rationale
    assert verdict.rationale.endswith("One finding in the corpus contradicts the claim.")


def test_isotonic_calibration_is_monotone_and_bounded() -> None:
    samples = [("findings:supported", x / 100, x > 40 and (x % 7 != 0)) for x in range(100)]
    calibrator = fit_calibrator(samples)
    values = [calibrator("findings:supported", x / 10) for x in range(11)]
    assert values == sorted(values)
    assert all(0.0 <= v <= 1.0 for v in values)
    assert calibrator("review:contradicted", 0.5) is None


def test_a_lean_with_no_outright_finding_names_the_leaning_findings() -> None:
    # each finding reads neutral on its own, but both lean towards supports
    first, second = finding("f1", 0.8, 0.42, 0.1), finding("f2", 0.8, 0.4, 0.12)
    verdict = NO_FLOOR.decide(claim(first, second))
    assert verdict.label == Label.SUPPORTED
    assert verdict.deciding == ["f1", "f2"]
    assert verdict.rationale == (
        "No finding in the corpus supports the claim outright, but together they lean so."
    )
