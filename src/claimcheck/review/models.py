"""The review database: documents, claim groups and their occurrences, people and decisions.

A *group* is one normalised claim (``importer.group_key``: case and punctuation folded);
every time it is seen on a page it gets an *occurrence* row. Moderators decide on groups,
so one decision applies to every occurrence. ``claim_groups.version`` is SQLAlchemy's
version counter: an UPDATE that does not find the version it read changes no row, which
is how two moderators acting on the same group never overwrite each other (optimistic
locking).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Stable constraint names so Alembic migrations match on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps in UTC, aware on the way out: SQLite keeps no zone, PostgreSQL does."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the review database")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012
        dict[str, Any]: JSON,
        list[Any]: JSON,
        datetime: UTCDateTime,
    }


class Role(StrEnum):
    MODERATOR = "moderator"
    ADMIN = "admin"


class Status(StrEnum):
    OPEN = "open"
    ESCALATED = "escalated"
    CONFIRMED = "confirmed"
    CHANGED = "changed"
    DISMISSED = "dismissed"


DECIDED = (Status.CONFIRMED, Status.CHANGED, Status.DISMISSED)


class Action(StrEnum):
    CONFIRM = "confirm"
    CHANGE = "change"
    DISMISS = "dismiss"
    ESCALATE = "escalate"
    REOPEN = "reopen"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default=Role.MODERATOR.value)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LoginSession(Base):
    """A signed-in browser. ``id`` is the SHA-256 of the cookie value, so a copy of the
    database does not hand out live sessions."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(lazy="joined")


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    domain: Mapped[str] = mapped_column(String(255), index=True, default="")
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(64), default="text/plain")
    text: Mapped[str | None] = mapped_column(Text)  # None when the input had claims only
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    origin: Mapped[str] = mapped_column(String(255), default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ClaimGroup(Base):
    __tablename__ = "claim_groups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    key: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    model_verdict: Mapped[str] = mapped_column(String(16), index=True)
    model_confidence: Mapped[float] = mapped_column(Float)
    topic: Mapped[str] = mapped_column(String(120), index=True, default="")
    claim_type: Mapped[str] = mapped_column(String(32), default="")
    concern: Mapped[str] = mapped_column(String(32), default="")  # safety, dosing, interaction
    harm_risk: Mapped[float] = mapped_column(Float, default=0.0)
    priority: Mapped[int] = mapped_column(Integer)  # 0 is reviewed first
    occurrences: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default=Status.OPEN.value)
    final_verdict: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    review_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime())
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


# The queue's default order: priority, then the riskiest and most confident first.
Index(
    "ix_claim_groups_queue",
    ClaimGroup.status,
    ClaimGroup.priority,
    ClaimGroup.harm_risk.desc(),
    ClaimGroup.model_confidence.desc(),
    ClaimGroup.id,
)
Index("ix_claim_groups_status_verdict", ClaimGroup.status, ClaimGroup.model_verdict)
# The other sort orders of the queue (migration 0003).
Index(
    "ix_claim_groups_status_confidence",
    ClaimGroup.status,
    ClaimGroup.model_confidence,
    ClaimGroup.id,
)
Index("ix_claim_groups_status_harm", ClaimGroup.status, ClaimGroup.harm_risk, ClaimGroup.id)
Index(
    "ix_claim_groups_status_occurrences",
    ClaimGroup.status,
    ClaimGroup.occurrences,
    ClaimGroup.id,
)
Index("ix_claim_groups_status_id", ClaimGroup.status, ClaimGroup.id)


class ClaimOccurrence(Base):
    """One place a claim was found: its document, span and the model's output there."""

    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("claim_groups.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    domain: Mapped[str] = mapped_column(String(255), default="")
    ref: Mapped[str] = mapped_column(String(64), default="")
    text: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text, default="")
    span: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[int | None] = mapped_column(Integer)
    end: Mapped[int | None] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)
    rationale: Mapped[str] = mapped_column(Text, default="")
    detection_score: Mapped[float | None] = mapped_column(Float)
    attributes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    evidence: Mapped[list[Any]] = mapped_column(default=list)

    __table_args__ = (Index("ix_claims_domain_group", "domain", "group_id"),)

    document: Mapped[Document] = relationship(lazy="joined")


class Decision(Base):
    """One moderator action on a group, with the state before and after it."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("claim_groups.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    status_before: Mapped[str] = mapped_column(String(16))
    status_after: Mapped[str] = mapped_column(String(16))
    verdict_before: Mapped[str | None] = mapped_column(String(16))
    verdict_after: Mapped[str | None] = mapped_column(String(16))
    version_before: Mapped[int] = mapped_column(Integer)

    user: Mapped[User] = relationship(lazy="joined")


class AuditEvent(Base):
    """Everything that changes state or touches security: decisions, assignments,
    imports, sign-ins (failed ones too), accounts and conflicts."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    actor: Mapped[str] = mapped_column(String(64), default="")  # name kept if the user goes
    action: Mapped[str] = mapped_column(String(32), index=True)
    group_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
