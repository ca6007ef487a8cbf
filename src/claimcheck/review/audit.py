"""Writing and reading the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimcheck.review.models import AuditEvent, User, utcnow


def record(
    session: Session,
    action: str,
    user: User | None = None,
    *,
    actor: str | None = None,
    group_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add one audit event to the session's transaction (it commits with the change)."""
    session.add(
        AuditEvent(
            at=utcnow(),
            user_id=user.id if user else None,
            actor=(user.username if user else actor or "")[:64],
            action=action,
            group_id=group_id,
            detail=detail or {},
        )
    )


@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    total: int
    page: int
    page_size: int


def events(
    session: Session,
    *,
    group_id: int | None = None,
    action: str | None = None,
    actor: str | None = None,
    page: int = 1,
    page_size: int = 100,
) -> AuditPage:
    query = select(AuditEvent)
    if group_id is not None:
        query = query.where(AuditEvent.group_id == group_id)
    if action:
        query = query.where(AuditEvent.action == action)
    if actor:
        query = query.where(AuditEvent.actor == actor)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(AuditEvent.id.desc()).offset((page - 1) * page_size).limit(page_size)
    ).all()
    return AuditPage(list(rows), total, page, page_size)
