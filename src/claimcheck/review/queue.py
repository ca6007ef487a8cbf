"""The review queue: claim groups filtered, counted, sorted and paged.

Every filter value reaches the database as a bound parameter (LIKE patterns escaped too),
so quotes, semicolons and wildcards in a filter are just characters to match.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from claimcheck.review.models import ClaimGroup, ClaimOccurrence, Document, Status, User, utcnow

VERDICTS = ("contradicted", "unverified", "supported")
STATUSES = tuple(s.value for s in Status)
STATUS_CHOICES = ("open", "escalated", "decided", "all", *STATUSES[2:])
SORTS = {
    "priority": "Priority (contradicted, then safety/dosing/interactions)",
    "confidence": "Model confidence, highest first",
    "confidence_asc": "Model confidence, lowest first",
    "harm": "Harm risk, highest first",
    "occurrences": "Most pages first",
    "newest": "Newest first",
    "oldest": "Oldest first",
}
PAGE_SIZES = (25, 50, 100, 200)
LEASE = timedelta(minutes=15)


@dataclass(frozen=True)
class QueueFilter:
    verdicts: tuple[str, ...] = ()
    topic: str = ""
    min_confidence: float | None = None
    max_confidence: float | None = None
    domain: str = ""
    status: str = "open"
    assignee: str = ""  # "", "me", "none" or a username
    q: str = ""
    sort: str = "priority"
    page: int = 1
    page_size: int = 50

    @classmethod
    def from_params(cls, params: Mapping[str, str | list[str]]) -> QueueFilter:
        """From query parameters; values out of range fall back to the defaults."""

        def one(name: str) -> str:
            value = params.get(name, "")
            if isinstance(value, list):
                value = value[0] if value else ""
            return str(value).strip()[:200]

        raw_verdicts = params.get("verdict", [])
        if isinstance(raw_verdicts, str):
            raw_verdicts = [raw_verdicts]
        verdicts = tuple(v for v in VERDICTS if v in raw_verdicts)
        status = one("status") or "open"
        sort = one("sort") or "priority"
        page_size = _int(one("page_size"), 50)
        return cls(
            verdicts=verdicts,
            topic=one("topic"),
            min_confidence=_fraction(one("min_confidence")),
            max_confidence=_fraction(one("max_confidence")),
            domain=one("domain").lower().removeprefix("www."),
            status=status if status in STATUS_CHOICES else "open",
            assignee=one("assignee"),
            q=one("q"),
            sort=sort if sort in SORTS else "priority",
            page=max(1, min(_int(one("page"), 1), 1_000_000)),
            page_size=page_size if page_size in PAGE_SIZES else 50,
        )

    def params(self, **changes: object) -> dict[str, str | list[str]]:
        """Query parameters that reproduce this filter (with ``changes``), defaults left out."""
        current = replace(self, **changes) if changes else self  # type: ignore[arg-type]
        out: dict[str, str | list[str]] = {}
        if current.verdicts:
            out["verdict"] = list(current.verdicts)
        for name in ("topic", "domain", "assignee", "q"):
            if getattr(current, name):
                out[name] = getattr(current, name)
        for name in ("min_confidence", "max_confidence"):
            if getattr(current, name) is not None:
                out[name] = f"{getattr(current, name):g}"
        if current.status != "open":
            out["status"] = current.status
        if current.sort != "priority":
            out["sort"] = current.sort
        if current.page != 1:
            out["page"] = str(current.page)
        if current.page_size != 50:
            out["page_size"] = str(current.page_size)
        return out


def _int(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default


def _fraction(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if 0.0 <= number <= 1.0 else None


@dataclass(frozen=True)
class QueueItem:
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
    reviewer: str | None  # who has it open now (lease not expired)
    domains: list[str] = field(default_factory=list)
    title: str | None = None


@dataclass(frozen=True)
class QueuePage:
    filter: QueueFilter
    items: list[QueueItem]
    total: int
    by_status: dict[str, int]
    by_verdict: dict[str, int]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.filter.page_size))


def _conditions(filters: QueueFilter, user_id: int | None) -> list[ColumnElement[bool]]:
    """WHERE conditions for ``filters``."""
    where: list[ColumnElement[bool]] = []
    if filters.verdicts:
        where.append(ClaimGroup.model_verdict.in_(filters.verdicts))
    if filters.status not in ("all", ""):
        if filters.status == "decided":
            where.append(ClaimGroup.status.in_(("confirmed", "changed", "dismissed")))
        else:
            where.append(ClaimGroup.status == filters.status)
    if filters.topic:
        where.append(ClaimGroup.topic == filters.topic)
    if filters.min_confidence is not None:
        where.append(ClaimGroup.model_confidence >= filters.min_confidence)
    if filters.max_confidence is not None:
        where.append(ClaimGroup.model_confidence <= filters.max_confidence)
    if filters.domain:
        in_domain = select(ClaimOccurrence.group_id).where(ClaimOccurrence.domain == filters.domain)
        where.append(ClaimGroup.id.in_(in_domain))
    if filters.assignee == "none":
        where.append(ClaimGroup.assignee_id.is_(None))
    elif filters.assignee == "me":
        where.append(ClaimGroup.assignee_id == (user_id or -1))
    elif filters.assignee:
        named = select(User.id).where(User.username == filters.assignee)
        where.append(ClaimGroup.assignee_id.in_(named))
    if filters.q:
        pattern = "%" + _escape_like(filters.q.lower()) + "%"
        where.append(func.lower(ClaimGroup.text).like(pattern, escape="\\"))
    return where


def _filtered(filters: QueueFilter, user_id: int | None) -> Select[tuple[ClaimGroup]]:
    return select(ClaimGroup).where(*_conditions(filters, user_id))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _ordered(query: Select[tuple[ClaimGroup]], sort: str) -> Select[tuple[ClaimGroup]]:
    g = ClaimGroup
    orders = {
        "priority": (g.priority, g.harm_risk.desc(), g.model_confidence.desc(), g.id),
        "confidence": (g.model_confidence.desc(), g.id),
        "confidence_asc": (g.model_confidence, g.id),
        "harm": (g.harm_risk.desc(), g.id),
        "occurrences": (g.occurrences.desc(), g.id),
        "newest": (g.id.desc(),),
        "oldest": (g.id,),
    }
    return query.order_by(*orders.get(sort, orders["priority"]))


def load_queue(session: Session, filters: QueueFilter, user_id: int | None) -> QueuePage:
    base = _filtered(filters, user_id)
    offset = (filters.page - 1) * filters.page_size
    groups = session.scalars(_ordered(base, filters.sort).offset(offset).limit(filters.page_size))
    items = _items(session, list(groups), utcnow())
    by_status, by_verdict, total = _counts(session, filters, user_id)
    return QueuePage(
        filter=filters,
        items=items,
        total=total,
        by_status=by_status,
        by_verdict=by_verdict,
    )


def _statuses(status: str) -> tuple[str, ...]:
    if status == "decided":
        return ("confirmed", "changed", "dismissed")
    if status in ("all", ""):
        return STATUSES
    return (status,)


def _counts(
    session: Session, filters: QueueFilter, user_id: int | None
) -> tuple[dict[str, int], dict[str, int], int]:
    """Counts per status (with the verdict filter applied) and per verdict (with the status
    filter applied), and the total, from one GROUP BY status, verdict over the other
    filters: a single pass over the (status, model_verdict) index."""
    everything = replace(filters, status="all", verdicts=())
    grouped = (
        select(ClaimGroup.status, ClaimGroup.model_verdict, func.count())
        .where(*_conditions(everything, user_id))
        .group_by(ClaimGroup.status, ClaimGroup.model_verdict)
    )
    statuses = _statuses(filters.status)
    verdicts = filters.verdicts or VERDICTS
    by_status: dict[str, int] = {}
    by_verdict: dict[str, int] = {}
    total = 0
    for status, verdict, count in session.execute(grouped):
        if verdict in verdicts:
            by_status[status] = by_status.get(status, 0) + count
        if status in statuses:
            by_verdict[verdict] = by_verdict.get(verdict, 0) + count
            if verdict in verdicts:
                total += count
    return by_status, by_verdict, total


def _items(session: Session, groups: list[ClaimGroup], now: datetime) -> list[QueueItem]:
    if not groups:
        return []
    ids = [group.id for group in groups]
    domains: dict[int, list[str]] = {}
    titles: dict[int, str | None] = {}
    rows = session.execute(
        select(ClaimOccurrence.group_id, ClaimOccurrence.domain, Document.title)
        .join(Document, Document.id == ClaimOccurrence.document_id)
        .where(ClaimOccurrence.group_id.in_(ids))
        .order_by(ClaimOccurrence.id)
    )
    for group_id, domain, title in rows:
        seen = domains.setdefault(group_id, [])
        if domain and domain not in seen and len(seen) < 5:
            seen.append(domain)
        titles.setdefault(group_id, title)
    names = _usernames(session, groups)
    return [
        QueueItem(
            id=g.id,
            text=g.text,
            model_verdict=g.model_verdict,
            model_confidence=g.model_confidence,
            topic=g.topic,
            claim_type=g.claim_type,
            concern=g.concern,
            harm_risk=g.harm_risk,
            priority=g.priority,
            occurrences=g.occurrences,
            status=g.status,
            final_verdict=g.final_verdict,
            version=g.version,
            assignee=names.get(g.assignee_id) if g.assignee_id else None,
            reviewer=current_reviewer(g, names, now),
            domains=domains.get(g.id, []),
            title=titles.get(g.id),
        )
        for g in groups
    ]


def current_reviewer(group: ClaimGroup, names: dict[int, str], now: datetime) -> str | None:
    if group.reviewer_id is None or group.review_started_at is None:
        return None
    if now - group.review_started_at > LEASE:
        return None
    return names.get(group.reviewer_id)


def _usernames(session: Session, groups: list[ClaimGroup]) -> dict[int, str]:
    wanted = {g.assignee_id for g in groups} | {g.reviewer_id for g in groups}
    wanted.discard(None)
    if not wanted:
        return {}
    found = session.execute(select(User.id, User.username).where(User.id.in_(wanted)))
    return {user_id: name for user_id, name in found}


_TOPICS_TTL = 60.0
_topics_cache: dict[str, tuple[float, list[str]]] = {}


def topics(session: Session) -> list[str]:
    """The topics in the queue, for the filter menu; kept a minute per database, since they
    change only when claims are imported."""
    key = str(session.get_bind().url)
    now = time.monotonic()
    cached = _topics_cache.get(key)
    if cached is not None and now - cached[0] < _TOPICS_TTL:
        return cached[1]
    rows = session.scalars(select(ClaimGroup.topic).where(ClaimGroup.topic != "").distinct())
    found = sorted(rows)
    _topics_cache[key] = (now, found)
    return found
