"""What the review produces: training data (JSONL) and published verdicts (ClaimReview).

* Decisions JSONL: one line per occurrence of every decided group (confirmed, changed or
  dismissed), with the model's output and the moderator's label: the training data for the
  next detector (dismissed: not a claim) and verifier (the verdict).
* ClaimReview: schema.org JSON-LD for every group whose verdict a moderator confirmed or
  set, with the pages it was seen on and the evidence behind it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimcheck.corpus.claimreview import RATING_NAMES, RATING_VALUES
from claimcheck.corpus.schema import Rating
from claimcheck.review.models import ClaimGroup, ClaimOccurrence, Document, User
from claimcheck.review.templating import safe_url

EXPORT_VERSION = 1
DECIDED = ("confirmed", "changed", "dismissed")
# schema.org Rating for each verdict: a 1-5 scale with a plain-words name.
# The same scale and names as the corpus's own ClaimReview export, so both publish alike.
RATINGS = {rating.value: (RATING_VALUES[rating], RATING_NAMES[rating]) for rating in Rating}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _decided_groups(session: Session, statuses: tuple[str, ...]) -> Iterator[ClaimGroup]:
    # Ids first, then groups in chunks: no cursor stays open while each group's
    # occurrences are read.
    ids = list(
        session.scalars(
            select(ClaimGroup.id).where(ClaimGroup.status.in_(statuses)).order_by(ClaimGroup.id)
        )
    )
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        yield from session.scalars(
            select(ClaimGroup).where(ClaimGroup.id.in_(chunk)).order_by(ClaimGroup.id)
        )


def decision_lines(session: Session) -> Iterator[str]:
    names = dict(session.execute(select(User.id, User.username)).all())
    for group in _decided_groups(session, DECIDED):
        label = "not_a_claim" if group.status == "dismissed" else group.final_verdict
        decision = {
            "status": group.status,
            "label": label,
            "verdict": group.final_verdict,
            "moderator": names.get(group.decided_by_id),
            "decided_at": _iso(group.decided_at),
            "note": group.note,
        }
        occurrences = session.execute(
            select(ClaimOccurrence, Document)
            .join(Document, Document.id == ClaimOccurrence.document_id)
            .where(ClaimOccurrence.group_id == group.id)
            .order_by(ClaimOccurrence.id)
        )
        for occurrence, document in occurrences:
            line = {
                "export_version": EXPORT_VERSION,
                "group_id": group.id,
                "claim_id": occurrence.id,
                "text": occurrence.text,
                "sentence": occurrence.sentence,
                "span": occurrence.span,
                "start": occurrence.start,
                "end": occurrence.end,
                "source": document.source,
                "title": document.title,
                "topic": group.topic,
                "attributes": occurrence.attributes,
                "model": {
                    "verdict": occurrence.verdict,
                    "confidence": occurrence.confidence,
                    "evidence": [
                        {"id": ev.get("id"), "stance": ev.get("stance"), "score": ev.get("score")}
                        for ev in occurrence.evidence
                    ],
                },
                "decision": decision,
            }
            yield json.dumps(line, ensure_ascii=False) + "\n"


def claim_reviews(session: Session, publisher: str) -> dict:
    """A JSON-LD document whose @graph holds one ClaimReview per confirmed verdict."""
    graph = [
        _claim_review(session, group, publisher)
        for group in _decided_groups(session, ("confirmed", "changed"))
        if group.final_verdict in RATINGS
    ]
    return {"@context": "https://schema.org", "@graph": graph}


def _claim_review(session: Session, group: ClaimGroup, publisher: str) -> dict:
    rows = session.execute(
        select(ClaimOccurrence, Document)
        .join(Document, Document.id == ClaimOccurrence.document_id)
        .where(ClaimOccurrence.group_id == group.id)
        .order_by(ClaimOccurrence.id)
    ).all()
    appearances = []
    seen: set[str] = set()
    citations: dict[str, dict] = {}
    for occurrence, document in rows:
        url = safe_url(document.source)
        if url and url not in seen:
            seen.add(url)
            work: dict = {"@type": "CreativeWork", "url": url}
            if document.title:
                work["headline"] = document.title
            appearances.append(work)
        for evidence in occurrence.evidence:
            citation = evidence.get("citation") or {}
            link = safe_url(citation.get("link") or citation.get("url"))
            if evidence.get("decisive") and link and link not in citations:
                citations[link] = {
                    "@type": "CreativeWork",
                    "name": citation.get("title") or evidence.get("id"),
                    "url": link,
                }
    value, name = RATINGS[group.final_verdict or "unverified"]
    review: dict = {
        "@type": "ClaimReview",
        "identifier": f"claimcheck-review-{group.id}",
        "claimReviewed": group.text,
        "datePublished": group.decided_at.date().isoformat() if group.decided_at else None,
        "author": {"@type": "Organization", "name": publisher},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": max(RATING_VALUES.values()),
            "worstRating": min(RATING_VALUES.values()),
            "alternateName": name,
        },
        "itemReviewed": {"@type": "Claim", "appearance": appearances},
    }
    if appearances:
        review["itemReviewed"]["firstAppearance"] = appearances[0]
    if group.note:
        review["reviewBody"] = group.note
    if citations:
        review["citation"] = list(citations.values())
    return review
