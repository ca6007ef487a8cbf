"""Verdict-level evaluation and calibration data from the corpus's own claim reviews.

Every phrasing of a claim review (its claim and variants) is a claim whose right verdict
is the review's rating. Two settings test the two decision paths:

* ``findings``: all claim reviews are hidden, so the verdict must come from the stance
  model over findings (the fallback path);
* ``paraphrase``: only the phrasing itself is hidden, so the claim must be matched to its
  review through another phrasing (the review-matching path).

Reviews are split in two halves by a hash of their id: ``fit`` (calibration curves and
the confidence floor are fitted on it) and ``eval`` (the figures are reported on it).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from claimcheck.aggregate import Aggregator
from claimcheck.calibration import Calibrator, fit_calibrator
from claimcheck.doc import Claim, Label
from claimcheck.encoder import embed
from claimcheck.metrics import classification_report, expected_calibration_error
from claimcheck.pipeline import Pipeline
from claimcheck.retrieve import Hit

MODES = ("findings", "paraphrase")
LABELS = [label.value for label in Label]
TARGET_PRECISION = 0.9


@dataclass(frozen=True)
class VerdictCase:
    text: str
    gold: str
    review_id: str
    entity: str | None
    half: str


def verdict_cases(pipeline: Pipeline) -> list[VerdictCase]:
    cases = []
    for review in sorted(pipeline.corpus.reviews.values(), key=lambda r: r.id):
        digest = hashlib.sha256(f"verdicts:{review.id}".encode()).digest()
        half = "fit" if digest[0] < 128 else "eval"
        entity = review.entities[0] if review.entities else review.topic
        for text in [review.claim, *review.variants]:
            cases.append(VerdictCase(text, review.rating.value, review.id, entity, half))
    return cases


def run_cases(
    pipeline: Pipeline, cases: list[VerdictCase], mode: str, aggregator: Aggregator, k: int = 6
) -> list[Claim]:
    claims = [
        Claim(f"v{i}", case.text, 0, 0, len(case.text), context_entity=case.entity)
        for i, case in enumerate(cases)
    ]
    queries = [pipeline.evidence.query(claim) for claim in claims]
    vectors = embed(queries)
    hits = pipeline.retriever.search(queries, k=k + 8, query_vectors=vectors)
    for claim, case, claim_hits, vector in zip(claims, cases, hits, vectors, strict=True):
        kept = _hidden(pipeline, claim_hits, case, mode)[:k]
        claim.evidence = pipeline.evidence.evidence_for(kept, vector)
    pipeline.verifier.verify_claims(claims)
    for claim in claims:
        claim.verdict = aggregator.decide(claim)
    return claims


def _hidden(pipeline: Pipeline, hits: list[Hit], case: VerdictCase, mode: str) -> list[Hit]:
    corpus = pipeline.corpus
    kept = []
    for hit in hits:
        if hit.record_id not in corpus.reviews:
            kept.append(hit)
        elif mode == "paraphrase" and hit.matched_text == case.text:
            # Hide the phrasing itself: the review can still match through its others.
            review = corpus.reviews[hit.record_id]
            others = [t for t in [review.claim, *review.variants] if t != case.text]
            if others:
                similarity = embed(others) @ embed([case.text])[0]
                best = int(similarity.argmax())
                kept.append(Hit(hit.record_id, hit.score, float(similarity[best]), others[best]))
        elif mode == "paraphrase":
            kept.append(hit)
    return kept


def score(claims: list[Claim], cases: list[VerdictCase]) -> dict:
    gold = [case.gold for case in cases]
    predicted = [claim.verdict.label.value for claim in claims]
    report = classification_report(gold, predicted, LABELS)
    confidence = np.array([claim.verdict.confidence for claim in claims])
    correct = np.array([g == p for g, p in zip(gold, predicted, strict=True)])
    report["ece"] = expected_calibration_error(confidence, correct)
    decided = [p != "unverified" for p in predicted]
    right = sum(d and c for d, c in zip(decided, correct, strict=True))
    report["decided_precision"] = right / sum(decided) if any(decided) else 0.0
    report["decided_share"] = sum(decided) / len(decided) if decided else 0.0
    report["basis"] = dict(Counter(claim.verdict.basis for claim in claims))
    return report


def calibration_samples(
    claims: list[Claim], cases: list[VerdictCase]
) -> list[tuple[str, float, bool]]:
    return [
        (
            f"{c.verdict.basis}:{c.verdict.label.value}",
            c.verdict.strength,
            c.verdict.label.value == case.gold,
        )
        for c, case in zip(claims, cases, strict=True)
    ]


def choose_threshold(claims: list[Claim], cases: list[VerdictCase]) -> float:
    """The lowest confidence floor at which decided verdicts reach the target precision."""
    rows = [
        (c.verdict.confidence, c.verdict.label.value == case.gold)
        for c, case in zip(claims, cases, strict=True)
        if c.verdict.label != Label.UNVERIFIED
    ]
    for floor in np.linspace(0.3, 0.95, 66):
        above = [right for confidence, right in rows if confidence >= floor]
        if above and sum(above) / len(above) >= TARGET_PRECISION:
            return round(float(floor), 2)
    return 0.95


def fit_and_evaluate(pipeline: Pipeline) -> tuple[Calibrator, dict]:
    """Fit calibration on the fit half (no floor), choose the floor there, then report the
    eval half with both applied."""
    cases = verdict_cases(pipeline)
    fit_cases = [c for c in cases if c.half == "fit"]
    eval_cases = [c for c in cases if c.half == "eval"]
    settings = replace(pipeline.aggregator.settings, min_confidence=0.0)
    raw = Aggregator(settings)
    samples = []
    for mode in MODES:
        samples += calibration_samples(run_cases(pipeline, fit_cases, mode, raw), fit_cases)
    calibrator = fit_calibrator(samples)
    calibrated = Aggregator(settings, calibrator)
    fitted_claims = []
    for mode in MODES:
        fitted_claims += run_cases(pipeline, fit_cases, mode, calibrated)
    calibrator.threshold = choose_threshold(fitted_claims, fit_cases * len(MODES))
    final = Aggregator(replace(settings, min_confidence=calibrator.threshold), calibrator)
    report = {
        "fit_cases": len(fit_cases),
        "eval_cases": len(eval_cases),
        "threshold": calibrator.threshold,
        "target_precision": TARGET_PRECISION,
    }
    for mode in MODES:
        report[mode] = score(run_cases(pipeline, eval_cases, mode, final), eval_cases)
        report[f"{mode}_uncalibrated"] = score(
            run_cases(pipeline, eval_cases, mode, Aggregator(settings)), eval_cases
        )
    calibrator.meta = {"evaluation": report}
    return calibrator, report


def evaluate_current(pipeline: Pipeline, half: str = "eval") -> dict:
    """The pipeline's verdicts, as configured (calibration and floor), on one half."""
    cases = [c for c in verdict_cases(pipeline) if c.half == half]
    report = {
        "cases": len(cases),
        "half": half,
        "floor": pipeline.aggregator.settings.min_confidence,
        "calibrated": pipeline.aggregator.calibrator is not None,
    }
    for mode in MODES:
        report[mode] = score(run_cases(pipeline, cases, mode, pipeline.aggregator), cases)
    return report
