"""Verify: findings are read by the stance model, claim reviews by phrasing and polarity."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from claimcheck.doc import Claim, Evidence, Stance
from claimcheck.verify import Verifier

DEPENDENCE = (
    "Regular kratom users commonly develop dependence, with withdrawal symptoms such as "
    "cravings, irritability and muscle aches when they stop."
)
MYTH = "Kratom is not addictive."


class CountingModel:
    """The real stance model, counting the pairs it is given."""

    def __init__(self, model) -> None:
        self.model = model
        self.pairs: list[tuple[str, str]] = []

    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> np.ndarray:
        self.pairs.extend(pairs)
        return self.model.predict(pairs, batch_size=batch_size)


@pytest.fixture(scope="module")
def model(pipeline) -> CountingModel:
    return CountingModel(pipeline.verifier.model)


def _claim(text: str, *evidence: Evidence) -> Claim:
    return Claim("c1", text, 0, 0, len(text), evidence=list(evidence))


def _review(text: str, similarity: float) -> Evidence:
    return Evidence("r1", "claim_review", text, similarity, rating="contradicted")


def test_findings_get_the_model_stance_and_probabilities(model: CountingModel) -> None:
    finding = Evidence("f1", "finding", DEPENDENCE, 0.7)
    Verifier(model).verify_claims([_claim("Kratom does not cause dependence.", finding)])
    assert finding.stance == Stance.CONTRADICTS
    assert set(finding.stance_probs) == {"supports", "contradicts", "neutral"}
    assert sum(finding.stance_probs.values()) == pytest.approx(1.0, abs=1e-3)


def test_review_matched_by_phrasing_and_polarity(model: CountingModel) -> None:
    same = _claim("Kratom does not cause addiction.", _review(MYTH, 0.86))
    opposite = _claim("Kratom is addictive.", _review(MYTH, 0.84))
    unrelated = _claim("Kratom helps with sleep.", _review(MYTH, 0.41))
    Verifier(model).verify_claims([same, opposite, unrelated])
    assert same.evidence[0].stance == Stance.SUPPORTS
    assert opposite.evidence[0].stance == Stance.CONTRADICTS
    assert unrelated.evidence[0].stance == Stance.NEUTRAL


def test_stance_model_reads_findings_only(model: CountingModel) -> None:
    model.pairs.clear()
    claim = _claim(
        "Kratom does not cause dependence.",
        _review(MYTH, 0.8),
        Evidence("f1", "finding", DEPENDENCE, 0.7),
    )
    Verifier(model).verify_claims([claim])
    assert model.pairs == [(DEPENDENCE, "Kratom does not cause dependence.")]
    assert claim.evidence[0].stance_probs == {}


def test_similarity_threshold_is_configurable(model: CountingModel) -> None:
    claim = _claim("Kratom does not cause addiction.", _review(MYTH, 0.7))
    Verifier(model, review_similarity=0.65).verify_claims([claim])
    assert claim.evidence[0].stance == Stance.SUPPORTS
    Verifier(model).verify_claims([claim])
    assert claim.evidence[0].stance == Stance.NEUTRAL


def test_a_lexical_negation_counts_for_polarity(model: CountingModel) -> None:
    review = Evidence(
        "r1",
        "claim_review",
        "Colloidal silver is non-toxic and has no side effects.",
        0.9,
        rating="contradicted",
    )
    claim = _claim("Colloidal silver is non-toxic.", review)
    Verifier(model).verify_claims([claim])
    assert review.stance == Stance.SUPPORTS  # the same myth, not its opposite


def test_polarity_is_read_from_the_part_of_a_compound_review_the_claim_says(
    model: CountingModel,
) -> None:
    myth = "Apple cider vinegar is completely safe and has no side effects."
    safe = _claim("Apple cider vinegar is completely safe.", _review(myth, 0.86))
    harmless = _claim("Apple cider vinegar has no side effects.", _review(myth, 0.88))
    harmful = _claim("Apple cider vinegar has side effects.", _review(myth, 0.8))
    Verifier(model).verify_claims([safe, harmless, harmful])
    assert safe.evidence[0].stance == Stance.SUPPORTS
    assert harmless.evidence[0].stance == Stance.SUPPORTS
    assert harmful.evidence[0].stance == Stance.CONTRADICTS
