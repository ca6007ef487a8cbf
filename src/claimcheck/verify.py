"""Verify: the stance of each retrieved record toward each claim.

For a finding the pair is (finding statement, claim). For a claim review it is (the
review's matched phrasing, claim): "supports" then means the article's claim says the
same thing as the reviewed claim, "contradicts" that it says the opposite (which flips
the review's rating in aggregation).
"""

from __future__ import annotations

from claimcheck.doc import Claim, Document, Stance
from claimcheck.stance_model import STANCE_LABELS, StanceModel


class Verifier:
    def __init__(self, model: StanceModel, batch_size: int = 64) -> None:
        self.model = model
        self.batch_size = batch_size

    def __call__(self, doc: Document) -> Document:
        self.verify_claims(doc.claims)
        return doc

    def verify_claims(self, claims: list[Claim]) -> None:
        """Score every (evidence, claim) pair of ``claims`` in one batched pass."""
        pairs = [(ev.text, claim.text) for claim in claims for ev in claim.evidence]
        probabilities = self.model.predict(pairs, batch_size=self.batch_size)
        row = 0
        for claim in claims:
            for evidence in claim.evidence:
                probs = probabilities[row]
                row += 1
                evidence.stance_probs = {
                    label: round(float(p), 4) for label, p in zip(STANCE_LABELS, probs, strict=True)
                }
                evidence.stance = Stance(STANCE_LABELS[int(probs.argmax())])
