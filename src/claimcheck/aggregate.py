"""Aggregate: from per-evidence stances to one verdict per claim.

The rules, in order (this module is the single place they live):

1. **A matching claim review decides.** A review matches when verify.py found the claim
   saying what the review says (close phrasing, same polarity: stance "supports"): the
   claim inherits the review's rating; or the opposite (close phrasing, exactly one of the
   two negated: "kratom is addictive" against the myth "kratom is not addictive"): the
   rating flips, supported <-> contradicted, and an unverified rating stays unverified.
   The closest matching review decides.
2. **Otherwise the findings are weighed.** Each finding contributes
   ``quality x relevance x P(stance)`` to the supporting or contradicting side, where
   quality comes from its evidence grade and study type (a regulator statement or a
   systematic review counts more than a survey or a case report) and relevance is its
   dense similarity to the claim. The stronger side wins if its total reaches
   ``decision_threshold`` and beats the other side by ``margin``.
3. **Otherwise the claim is unverified**: nothing in the corpus confidently bears on it.
4. **A supported or contradicted verdict below ``min_confidence`` is reported as
   unverified**, with the leaning kept in the rationale.

``confidence`` is the probability that the verdict is right: the raw strength of the
decision (review agreement x similarity; the findings' net weight; for unverified, the
strongest side's weight) mapped through isotonic curves fitted on held-out claims with
known verdicts (:mod:`claimcheck.calibration`, ``claimcheck train calibration``). Without
curves a fixed logistic map is used. The one or two records that decided the verdict are
listed in ``verdict.deciding``; ``verdict.basis`` says which rule decided.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from claimcheck.calibration import Calibrator
from claimcheck.doc import Claim, ClaimType, Evidence, Label, Stance, Verdict

GRADE_WEIGHT = {"high": 1.0, "moderate": 0.8, "low": 0.55, "very_low": 0.35}
STUDY_WEIGHT = {
    "systematic_review": 1.0,
    "meta_analysis": 1.0,
    "guideline": 1.0,
    "regulator_statement": 1.0,
    "rct": 0.9,
    "cohort": 0.75,
    "case_control": 0.7,
    "cross_sectional": 0.6,
    "survey": 0.55,
    "case_series": 0.5,
    "narrative_review": 0.6,
    "mechanistic": 0.6,
    "case_report": 0.4,
}
_FLIP = {
    Label.SUPPORTED: Label.CONTRADICTED,
    Label.CONTRADICTED: Label.SUPPORTED,
    Label.UNVERIFIED: Label.UNVERIFIED,
}


@dataclass(frozen=True)
class AggregationSettings:
    min_relevance: float = 0.35
    decision_threshold: float = 0.35
    margin: float = 1.5
    min_confidence: float = 0.5


def finding_quality(evidence: Evidence, claim: Claim) -> float:
    grade = GRADE_WEIGHT.get(evidence.evidence_grade or "", 0.5)
    study = STUDY_WEIGHT.get(evidence.study_type or "", 0.6)
    if evidence.study_type == "mechanistic" and claim.attributes.claim_type == ClaimType.MECHANISM:
        study = 1.0  # receptor and cell studies are the right evidence for mechanism claims
    return grade * study


def relevance(evidence: Evidence, settings: AggregationSettings) -> float:
    """0 below ``min_relevance`` cosine, rising to 1 at a cosine of 0.8."""
    span = 0.8 - settings.min_relevance
    return min(1.0, max(0.0, (evidence.retrieval_score - settings.min_relevance) / span))


class Aggregator:
    def __init__(
        self, settings: AggregationSettings | None = None, calibrator: Calibrator | None = None
    ) -> None:
        self.settings = settings or AggregationSettings()
        self.calibrator = calibrator

    def __call__(self, claims: list[Claim]) -> None:
        for claim in claims:
            claim.verdict = self.decide(claim)

    def decide(self, claim: Claim) -> Verdict:
        verdict = self._from_review(claim) or self._from_findings(claim)
        calibrated = (
            self.calibrator(f"{verdict.basis}:{verdict.label.value}", verdict.strength)
            if self.calibrator
            else None
        )
        if calibrated is not None:
            verdict.confidence = round(calibrated, 4)
        floor = self.settings.min_confidence
        if verdict.label != Label.UNVERIFIED and verdict.confidence < floor:
            # the confidence is how often verdicts like this one were right on held-out
            # claims: say so, rather than print a bare "(0.00)" next to "leaning"
            verdict.rationale = (
                f"Leaning {verdict.label.value}, but verdicts like this were right too "
                f"rarely to report (confidence {verdict.confidence:.2f}, a verdict needs "
                f"{floor:.2f}). {verdict.rationale}"
            )
            verdict.label = Label.UNVERIFIED
        return verdict

    def _from_review(self, claim: Claim) -> Verdict | None:
        best: tuple[float, Evidence, bool] | None = None
        for evidence in claim.evidence:
            # verify.py decided whether the claim says what the review says (supports),
            # the opposite (contradicts) or neither (neutral).
            if evidence.kind != "claim_review" or evidence.stance == Stance.NEUTRAL:
                continue
            flipped = evidence.stance == Stance.CONTRADICTS
            strength = evidence.retrieval_score
            if best is None or strength > best[0]:
                best = (strength, evidence, flipped)
        if best is None:
            return None
        strength, review, flipped = best
        rating = Label(review.rating or "unverified")
        label = _FLIP[rating] if flipped else rating
        review.weight = round(strength, 4)
        confidence = _squash(strength, midpoint=0.7)
        how = "says the opposite of" if flipped else "matches"
        rationale = f"The claim {how} a reviewed claim rated {rating.value}: {review.text}"
        behind = [
            ev.record_id
            for ev in claim.evidence
            if ev.kind == "finding" and ev.record_id in review.supporting_ids
        ][:1]
        return Verdict(
            label, confidence, rationale, [review.record_id, *behind], "review", round(strength, 4)
        )

    def _from_findings(self, claim: Claim) -> Verdict:
        settings = self.settings
        totals = {Stance.SUPPORTS: 0.0, Stance.CONTRADICTS: 0.0}
        for evidence in claim.evidence:
            if evidence.kind != "finding":
                continue
            weight_base = finding_quality(evidence, claim) * relevance(evidence, settings)
            for stance in totals:
                contribution = weight_base * evidence.stance_probs.get(stance.value, 0.0)
                totals[stance] += contribution
            evidence.weight = round(
                weight_base
                * max(
                    evidence.stance_probs.get("supports", 0.0),
                    evidence.stance_probs.get("contradicts", 0.0),
                ),
                4,
            )
        side, other = sorted(totals, key=totals.get, reverse=True)
        strength, rival = totals[side], totals[other]
        if strength >= settings.decision_threshold and strength >= settings.margin * rival:
            label = Label.SUPPORTED if side == Stance.SUPPORTS else Label.CONTRADICTED
            deciding = _leaning_findings(claim, side, other)
            verb = "supports" if side == Stance.SUPPORTS else "contradicts"
            rationale = _count_rationale(sum(ev.stance == side for ev in deciding), verb)
            net = strength - rival
            return Verdict(
                label,
                _squash(net, 0.5),
                rationale,
                [ev.record_id for ev in deciding],
                "findings",
                round(net, 4),
            )
        # the closest record is worth showing only when it is about the same thing: a
        # testosterone review next to "Much of it is marketed with cartoon animals" is noise
        neutral_best = [
            ev
            for ev in sorted(claim.evidence, key=lambda ev: -ev.retrieval_score)[:1]
            if ev.retrieval_score >= settings.min_relevance
        ]
        rationale = (
            "No evidence in the corpus confidently supports or contradicts the claim."
            if neutral_best
            else "No related evidence in the corpus."
        )
        confidence = 1.0 - _squash(strength, 0.5) * 0.5
        return Verdict(
            Label.UNVERIFIED,
            confidence,
            rationale,
            [ev.record_id for ev in neutral_best],
            "none",
            round(strength, 4),
        )


def _leaning_findings(claim: Claim, side: Stance, other: Stance) -> list[Evidence]:
    """The two findings that weigh most towards ``side``: read on that side rather than
    the other, strongest first (a finding read as neutral can still lean the sum)."""
    leaning = [
        ev
        for ev in claim.evidence
        if ev.kind == "finding"
        and ev.weight > 0
        and ev.stance_probs.get(side.value, 0.0) > ev.stance_probs.get(other.value, 0.0)
    ]
    return sorted(leaning, key=lambda ev: (ev.stance != side, -ev.weight))[:2]


def _count_rationale(count: int, verb: str) -> str:
    if count == 0:
        # the weighed sum leans one way though no finding reads that way on its own
        return f"No finding in the corpus {verb} the claim outright, but together they lean so."
    if count == 1:
        return f"One finding in the corpus {verb} the claim."
    plural_verb = {"supports": "support", "contradicts": "contradict"}[verb]
    return f"{count} findings in the corpus {plural_verb} the claim."


def _squash(value: float, midpoint: float) -> float:
    """A logistic map of an evidence strength onto (0.5, 1)."""
    return round(0.5 + 0.5 / (1.0 + math.exp(-8.0 * (value - midpoint))), 4)
