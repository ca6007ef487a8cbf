"""Request and response bodies of the JSON API (they make up /openapi.json)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from claimcheck.review.decisions import GroupState
from claimcheck.review.detail import GroupDetail
from claimcheck.review.models import ClaimOccurrence, Decision
from claimcheck.review.queue import QueueItem, QueuePage

Verdict = Literal["supported", "contradicted", "unverified"]


class Credentials(BaseModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)


class Me(BaseModel):
    username: str
    role: str
    csrf_token: str = Field(description="Send it back in the X-CSRF-Token header.")


class QueueEntry(BaseModel):
    id: int
    text: str
    model_verdict: str
    model_confidence: float
    topic: str
    claim_type: str
    concern: str
    harm_risk: float
    priority: int
    occurrences: int
    status: str
    final_verdict: str | None
    version: int
    assignee: str | None
    in_review_by: str | None
    domains: list[str]
    title: str | None

    @classmethod
    def of(cls, item: QueueItem) -> QueueEntry:
        fields = {name: getattr(item, name) for name in cls.model_fields if name != "in_review_by"}
        return cls(**fields, in_review_by=item.reviewer)


class QueueResponse(BaseModel):
    total: int
    page: int
    page_size: int
    pages: int
    counts_by_status: dict[str, int]
    counts_by_verdict: dict[str, int]
    items: list[QueueEntry]

    @classmethod
    def of(cls, page: QueuePage) -> QueueResponse:
        return cls(
            total=page.total,
            page=page.filter.page,
            page_size=page.filter.page_size,
            pages=page.pages,
            counts_by_status=page.by_status,
            counts_by_verdict=page.by_verdict,
            items=[QueueEntry.of(item) for item in page.items],
        )


class State(BaseModel):
    id: int
    status: str
    model_verdict: str
    final_verdict: str | None
    version: int
    note: str | None
    decided_by: str | None
    decided_at: datetime | None
    assignee: str | None

    @classmethod
    def of(cls, state: GroupState) -> State:
        return cls(**state.as_dict())


class Occurrence(BaseModel):
    id: int
    document_id: int
    source: str
    title: str | None
    domain: str
    text: str
    sentence: str
    span: str
    start: int | None
    end: int | None
    verdict: str
    confidence: float
    rationale: str
    attributes: dict[str, Any]
    evidence: list[dict[str, Any]]

    @classmethod
    def of(cls, o: ClaimOccurrence) -> Occurrence:
        return cls(
            id=o.id,
            document_id=o.document_id,
            source=o.document.source,
            title=o.document.title,
            domain=o.domain,
            text=o.text,
            sentence=o.sentence,
            span=o.span,
            start=o.start,
            end=o.end,
            verdict=o.verdict,
            confidence=o.confidence,
            rationale=o.rationale,
            attributes=o.attributes,
            evidence=o.evidence,
        )


class HistoryEntry(BaseModel):
    action: str
    moderator: str
    at: datetime
    note: str | None
    status_before: str
    status_after: str
    verdict_before: str | None
    verdict_after: str | None
    version_before: int

    @classmethod
    def of(cls, d: Decision) -> HistoryEntry:
        return cls(
            action=d.action,
            moderator=d.user.username,
            at=d.created_at,
            note=d.note,
            status_before=d.status_before,
            status_after=d.status_after,
            verdict_before=d.verdict_before,
            verdict_after=d.verdict_after,
            version_before=d.version_before,
        )


class ClaimDetail(BaseModel):
    state: State
    text: str
    topic: str
    claim_type: str
    concern: str
    harm_risk: float
    model_confidence: float
    occurrences_total: int
    in_review_by: str | None
    occurrences: list[Occurrence]
    history: list[HistoryEntry]

    @classmethod
    def of(cls, detail: GroupDetail, state: State) -> ClaimDetail:
        group = detail.group
        return cls(
            state=state,
            text=group.text,
            topic=group.topic,
            claim_type=group.claim_type,
            concern=group.concern,
            harm_risk=group.harm_risk,
            model_confidence=group.model_confidence,
            occurrences_total=detail.occurrence_total,
            in_review_by=detail.reviewer,
            occurrences=[Occurrence.of(o) for o in detail.occurrences],
            history=[HistoryEntry.of(d) for d in detail.history],
        )


class DecisionIn(BaseModel):
    action: Literal["confirm", "change", "dismiss", "escalate", "reopen"]
    version: int = Field(description="The version you saw; a newer one means a conflict (409).")
    verdict: Verdict | None = Field(None, description="The new verdict, for action=change.")
    note: str | None = Field(None, max_length=4000)


class ConflictOut(BaseModel):
    detail: str
    current: State


class AssignmentIn(BaseModel):
    assignee: str | None = Field(None, max_length=64, description="A user name, or null.")


class DocumentIn(BaseModel):
    source: str = Field(
        min_length=1, max_length=4000, description="Where the article is from (its URL)."
    )
    content: str = Field(min_length=1, max_length=5_000_000, description="Its text or HTML.")
    media_type: Literal["text/plain", "text/html"] | None = Field(
        None, description="Guessed from the content when left out."
    )
    title: str | None = Field(None, max_length=1000)


class DocumentOut(BaseModel):
    documents: int
    duplicates: int
    claims: int
    new_groups: int
    not_flagged: int
    groups: list[int]
    summary: dict[str, int]


class AuditEntry(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    group_id: int | None
    detail: dict[str, Any]


class AuditResponse(BaseModel):
    total: int
    page: int
    page_size: int
    events: list[AuditEntry]
