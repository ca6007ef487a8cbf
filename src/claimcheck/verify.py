"""Verify: the stance of each retrieved record toward each claim.

* A **finding** is read against the claim by the stance model: the pair is (finding
  statement, claim) and the stance is the model's most probable label.
* A **claim review** is a question of phrasing, not of evidence: does the article's claim
  say what the reviewed claim says? It does ("supports") when the two phrasings are close
  (dense cosine >= ``review_similarity``, MiniLM's strength) and agree in polarity; it says
  the opposite ("contradicts", which flips the review's rating in aggregation) when they are
  close and exactly one is negated; otherwise the review is "neutral" and decides nothing.
  Of a compound reviewed claim ("X is completely safe and has no side effects") only the
  part closest to the claim counts for polarity.
  The stance model, trained on evidence against claims, reads close paraphrases as
  contradicting too often to decide this (measured in models/verifier/README.md), so it is
  not run on reviews at all, which also spares it about 40% of its pairs.
"""

from __future__ import annotations

import re

import numpy as np

from claimcheck.detect.cues import NEGATION
from claimcheck.doc import Claim, Document, Evidence, Stance
from claimcheck.encoder import embed
from claimcheck.stance_model import STANCE_LABELS, StanceModel

REVIEW_SIMILARITY = 0.75
# "non-toxic" negates as "not toxic" does ("Colloidal silver is non-toxic" says what the
# myth "Colloidal silver is non-toxic and has no side effects" says).
LEXICAL_NEGATION = re.compile(r"\bnon-\w+", re.IGNORECASE)


def is_negated(text: str) -> bool:
    return bool(NEGATION.search(text) or LEXICAL_NEGATION.search(text))


class Verifier:
    def __init__(
        self,
        model: StanceModel,
        batch_size: int = 64,
        review_similarity: float = REVIEW_SIMILARITY,
    ) -> None:
        self.model = model
        self.batch_size = batch_size
        self.review_similarity = review_similarity

    def __call__(self, doc: Document) -> Document:
        self.verify_claims(doc.claims)
        return doc

    def verify_claims(self, claims: list[Claim]) -> None:
        """Stances for every record retrieved for ``claims``; findings in one batched pass."""
        findings = [
            (claim, evidence)
            for claim in claims
            for evidence in claim.evidence
            if evidence.kind != "claim_review"
        ]
        probabilities = self.model.predict(
            [(evidence.text, claim.text) for claim, evidence in findings],
            batch_size=self.batch_size,
        )
        for (_, evidence), probs in zip(findings, probabilities, strict=True):
            evidence.stance_probs = {
                label: round(float(p), 4) for label, p in zip(STANCE_LABELS, probs, strict=True)
            }
            evidence.stance = Stance(STANCE_LABELS[int(probs.argmax())])
        for claim in claims:
            for evidence in claim.evidence:
                if evidence.kind == "claim_review":
                    evidence.stance = self.review_stance(claim.text, evidence)

    def review_stance(self, claim_text: str, review: Evidence) -> Stance:
        if review.retrieval_score < self.review_similarity:
            return Stance.NEUTRAL
        opposite = is_negated(claim_text) != is_negated(matching_part(claim_text, review.text))
        return Stance.CONTRADICTS if opposite else Stance.SUPPORTS


_PARTS = re.compile(r"\s*;\s*|,\s*(?:and|but|or)?\s*|\s+(?:and|but|or)\s+")


def matching_part(claim_text: str, review_text: str) -> str:
    """The part of a compound reviewed claim that the claim says ("completely safe" of
    "Apple cider vinegar is completely safe and has no side effects"): its polarity is
    the one to compare, not that of the other part."""
    parts = [p for p in _PARTS.split(review_text) if len(p.split()) >= 2]
    if len(parts) < 2:
        return review_text
    # The subject the two share ("Apple cider vinegar") would pull the claim towards the
    # first part, which alone repeats it: compare what is said of it.
    shared = _shared_words(claim_text, parts[0])
    predicate = " ".join(claim_text.split()[shared:]) or claim_text
    heads = [" ".join(parts[0].split()[shared:]) or parts[0], *parts[1:]]
    vectors = embed([predicate, *heads])
    return parts[int(np.argmax(vectors[1:] @ vectors[0]))]


def _shared_words(first: str, second: str) -> int:
    count = 0
    for a, b in zip(first.lower().split(), second.lower().split(), strict=False):
        if a != b:
            break
        count += 1
    return count
