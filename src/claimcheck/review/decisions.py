"""Moderators' decisions on claim groups, with optimistic locking.

A decision names the version of the group the moderator saw. If the group has changed since
(another moderator decided first), nothing is written and :class:`Conflict` carries the
current state, so the second moderator sees what happened instead of overwriting it. The
check is done twice: against the row read, and by the UPDATE itself (SQLAlchemy's version
counter), which catches a change committed between the read and the write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from claimcheck.review import audit
from claimcheck.review.db import Database
from claimcheck.review.models import (
    Action,
    ClaimGroup,
    Decision,
    Role,
    Status,
    User,
    utcnow,
)
from claimcheck.review.queue import LEASE, VERDICTS

MAX_NOTE = 4000


class DecisionError(Exception):
    """The decision is not allowed or not well formed (HTTP 400/403)."""

    def __init__(self, message: str, forbidden: bool = False) -> None:
        super().__init__(message)
        self.forbidden = forbidden


class NotFound(Exception):
    pass


@dataclass(frozen=True)
class GroupState:
    id: int
    status: str
    model_verdict: str
    final_verdict: str | None
    version: int
    note: str | None
    decided_by: str | None
    decided_at: datetime | None
    assignee: str | None

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "status": self.status,
            "model_verdict": self.model_verdict,
            "final_verdict": self.final_verdict,
            "version": self.version,
            "note": self.note,
            "decided_by": self.decided_by,
            "decided_at": self.decided_at.isoformat() if self.decided_at else None,
            "assignee": self.assignee,
        }


class Conflict(Exception):
    """Someone else changed the group after this moderator loaded it."""

    def __init__(self, current: GroupState, submitted_version: int) -> None:
        by = f" by {current.decided_by}" if current.decided_by else ""
        verdict = f" ({current.final_verdict})" if current.final_verdict else ""
        super().__init__(
            f"claim #{current.id} changed while you had it open: it is now "
            f"{current.status}{verdict}{by}, version {current.version} (you saw version "
            f"{submitted_version}); your decision was not saved"
        )
        self.current = current
        self.submitted_version = submitted_version


@dataclass(frozen=True)
class DecisionRequest:
    action: Action
    version: int
    verdict: str | None = None
    note: str | None = None


def state_of(session: Session, group: ClaimGroup) -> GroupState:
    def name(user_id: int | None) -> str | None:
        if user_id is None:
            return None
        return session.scalar(select(User.username).where(User.id == user_id))

    return GroupState(
        id=group.id,
        status=group.status,
        model_verdict=group.model_verdict,
        final_verdict=group.final_verdict,
        version=group.version,
        note=group.note,
        decided_by=name(group.decided_by_id),
        decided_at=group.decided_at,
        assignee=name(group.assignee_id),
    )


def load_state(db: Database, group_id: int) -> GroupState:
    with db.read() as session:
        group = session.get(ClaimGroup, group_id)
        if group is None:
            raise NotFound(f"claim {group_id} does not exist")
        return state_of(session, group)


def decide(db: Database, group_id: int, user: User, request: DecisionRequest) -> GroupState:
    """Apply one decision, or raise Conflict / DecisionError / NotFound."""
    try:
        with db.write() as session:
            group = session.get(ClaimGroup, group_id)
            if group is None:
                raise NotFound(f"claim {group_id} does not exist")
            if group.version != request.version:
                raise Conflict(state_of(session, group), request.version)
            _check_allowed(group, user, request)
            before = (group.status, group.final_verdict, group.version)
            _apply(group, user, request)
            session.flush()  # the versioned UPDATE; StaleDataError if it matched no row
            decision = Decision(
                group_id=group.id,
                user_id=user.id,
                action=request.action.value,
                created_at=group.decided_at or utcnow(),
                note=request.note,
                status_before=before[0],
                status_after=group.status,
                verdict_before=before[1],
                verdict_after=group.final_verdict,
                version_before=before[2],
            )
            session.add(decision)
            audit.record(
                session,
                f"decision.{request.action.value}",
                user,
                group_id=group.id,
                detail={
                    "before": {"status": before[0], "verdict": before[1], "version": before[2]},
                    "after": {
                        "status": group.status,
                        "verdict": group.final_verdict,
                        "version": group.version,
                    },
                    "model_verdict": group.model_verdict,
                    "note": request.note,
                },
            )
            session.flush()
            return state_of(session, group)
    except StaleDataError:
        current = load_state(db, group_id)
        conflict = Conflict(current, request.version)
    except Conflict as exc:
        conflict = exc
    _record_conflict(db, user, conflict)
    raise conflict


def _check_allowed(group: ClaimGroup, user: User, request: DecisionRequest) -> None:
    admin = user.role == Role.ADMIN.value
    if request.note is not None and len(request.note) > MAX_NOTE:
        raise DecisionError(f"note: longer than {MAX_NOTE} characters")
    if request.action == Action.REOPEN:
        if not admin:
            raise DecisionError("only an admin can reopen a decided claim", forbidden=True)
        if group.status == Status.OPEN.value:
            raise DecisionError("claim is already open")
        return
    if group.status == Status.ESCALATED.value and not admin:
        raise DecisionError("this claim was escalated: an admin decides it", forbidden=True)
    if group.status not in (Status.OPEN.value, Status.ESCALATED.value):
        raise DecisionError(f"claim is already {group.status}; an admin can reopen it")
    if request.action == Action.ESCALATE and group.status == Status.ESCALATED.value:
        raise DecisionError("claim is already escalated")
    if request.action == Action.CHANGE:
        if request.verdict not in VERDICTS:
            raise DecisionError(f"verdict: expected one of {', '.join(VERDICTS)}")
        if request.verdict == group.model_verdict:
            raise DecisionError(f"the model already says {request.verdict}: confirm instead")


def _apply(group: ClaimGroup, user: User, request: DecisionRequest) -> None:
    now = utcnow()
    action = request.action
    if action == Action.CONFIRM:
        group.status, group.final_verdict = Status.CONFIRMED.value, group.model_verdict
    elif action == Action.CHANGE:
        group.status, group.final_verdict = Status.CHANGED.value, request.verdict
    elif action == Action.DISMISS:
        group.status, group.final_verdict = Status.DISMISSED.value, None
    elif action == Action.ESCALATE:
        group.status, group.final_verdict = Status.ESCALATED.value, None
    else:
        group.status, group.final_verdict = Status.OPEN.value, None
    group.note = request.note or None
    group.decided_by_id = user.id
    group.decided_at = now
    group.reviewer_id = None
    group.review_started_at = None


def _record_conflict(db: Database, user: User, conflict: Conflict) -> None:
    with db.write() as session:
        audit.record(
            session,
            "conflict",
            user,
            group_id=conflict.current.id,
            detail={
                "submitted_version": conflict.submitted_version,
                "current": conflict.current.as_dict(),
            },
        )


def open_for_review(db: Database, group_id: int, user: User) -> str | None:
    """Mark the group as being reviewed by ``user``; returns who else holds it, if anyone.

    A plain UPDATE, not a versioned one: opening a claim is not a change of its decision
    and must not make another moderator's open form conflict.
    """
    now = utcnow()
    table = ClaimGroup.__table__
    with db.write() as session:
        taken = session.execute(
            update(table)
            .where(table.c.id == group_id)
            .where(
                or_(
                    table.c.reviewer_id.is_(None),
                    table.c.reviewer_id == user.id,
                    table.c.review_started_at < now - LEASE,
                )
            )
            .values(reviewer_id=user.id, review_started_at=now)
        )
        if taken.rowcount:
            return None
        holder = session.scalar(
            select(User.username)
            .join(ClaimGroup, ClaimGroup.reviewer_id == User.id)
            .where(ClaimGroup.id == group_id)
        )
        return holder


def release(db: Database, group_id: int, user: User) -> None:
    table = ClaimGroup.__table__
    with db.write() as session:
        session.execute(
            update(table)
            .where(table.c.id == group_id, table.c.reviewer_id == user.id)
            .values(reviewer_id=None, review_started_at=None)
        )


def assign(db: Database, group_id: int, actor: User, assignee: str | None) -> GroupState:
    """Assign the group to ``assignee`` (a username) or to nobody.

    Moderators may take a claim or give it back; admins may assign anyone.
    """
    with db.write() as session:
        group = session.get(ClaimGroup, group_id)
        if group is None:
            raise NotFound(f"claim {group_id} does not exist")
        target: User | None = None
        if assignee:
            target = session.scalar(select(User).where(User.username == assignee))
            if target is None or not target.active:
                raise DecisionError(f"assignee: no active user named {assignee!r}")
        is_admin = actor.role == Role.ADMIN.value
        if not is_admin and target is not None and target.id != actor.id:
            raise DecisionError("moderators can only assign claims to themselves", True)
        if not is_admin and target is None and group.assignee_id not in (None, actor.id):
            raise DecisionError("only an admin can unassign someone else's claim", True)
        table = ClaimGroup.__table__
        session.execute(
            update(table)
            .where(table.c.id == group_id)
            .values(assignee_id=target.id if target else None)
        )
        audit.record(
            session,
            "assign",
            actor,
            group_id=group_id,
            detail={"assignee": target.username if target else None},
        )
        session.expire(group)
        session.refresh(group)
        return state_of(session, group)
