"""How the review is going: decisions per moderator, agreement with the model, overrides."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimcheck.review.models import ClaimGroup, Decision, User

DECIDED = ("confirmed", "changed", "dismissed")


@dataclass
class ModeratorStats:
    username: str
    decisions: int = 0
    by_action: dict[str, int] = field(default_factory=dict)

    @property
    def agreement(self) -> float | None:
        """Share of verdict decisions (confirm or change) that kept the model's verdict."""
        confirm = self.by_action.get("confirm", 0)
        change = self.by_action.get("change", 0)
        return confirm / (confirm + change) if confirm + change else None


@dataclass
class TopicStats:
    topic: str
    decided: int = 0
    confirmed: int = 0
    changed: int = 0
    dismissed: int = 0

    @property
    def override_rate(self) -> float | None:
        return (self.changed + self.dismissed) / self.decided if self.decided else None


@dataclass
class Metrics:
    status_counts: dict[str, int]
    moderators: list[ModeratorStats]
    agreement: float | None  # over decided groups: the final verdict is the model's
    decided: int
    topics: list[TopicStats]
    # model verdict -> final outcome ("supported", ..., or "dismissed") -> groups
    overrides: dict[str, dict[str, int]]

    def as_dict(self) -> dict:
        return {
            "status_counts": self.status_counts,
            "decided": self.decided,
            "agreement_with_model": self.agreement,
            "moderators": [
                {
                    "username": m.username,
                    "decisions": m.decisions,
                    "by_action": m.by_action,
                    "agreement_with_model": m.agreement,
                }
                for m in self.moderators
            ],
            "topics": [
                {
                    "topic": t.topic,
                    "decided": t.decided,
                    "confirmed": t.confirmed,
                    "changed": t.changed,
                    "dismissed": t.dismissed,
                    "override_rate": t.override_rate,
                }
                for t in self.topics
            ],
            "overrides_by_verdict": self.overrides,
        }


def compute(session: Session) -> Metrics:
    status_counts = {
        status: count
        for status, count in session.execute(
            select(ClaimGroup.status, func.count()).group_by(ClaimGroup.status)
        )
    }
    return Metrics(
        status_counts=status_counts,
        moderators=_moderators(session),
        agreement=_agreement(session),
        decided=sum(status_counts.get(s, 0) for s in DECIDED),
        topics=_topics(session),
        overrides=_overrides(session),
    )


def _moderators(session: Session) -> list[ModeratorStats]:
    stats: dict[str, ModeratorStats] = {}
    rows = session.execute(
        select(User.username, Decision.action, func.count())
        .join(User, User.id == Decision.user_id)
        .group_by(User.username, Decision.action)
    )
    for username, action, count in rows:
        entry = stats.setdefault(username, ModeratorStats(username))
        entry.by_action[action] = count
        entry.decisions += count
    return sorted(stats.values(), key=lambda m: (-m.decisions, m.username))


def _agreement(session: Session) -> float | None:
    rows = dict(
        session.execute(
            select(ClaimGroup.status, func.count())
            .where(ClaimGroup.status.in_(("confirmed", "changed")))
            .group_by(ClaimGroup.status)
        ).all()
    )
    total = rows.get("confirmed", 0) + rows.get("changed", 0)
    return rows.get("confirmed", 0) / total if total else None


def _topics(session: Session) -> list[TopicStats]:
    stats: dict[str, TopicStats] = {}
    rows = session.execute(
        select(ClaimGroup.topic, ClaimGroup.status, func.count())
        .where(ClaimGroup.status.in_(DECIDED))
        .group_by(ClaimGroup.topic, ClaimGroup.status)
    )
    for topic, status, count in rows:
        entry = stats.setdefault(topic or "(none)", TopicStats(topic or "(none)"))
        setattr(entry, status, count)
        entry.decided += count
    return sorted(stats.values(), key=lambda t: (-(t.override_rate or 0.0), -t.decided, t.topic))


def _overrides(session: Session) -> dict[str, dict[str, int]]:
    matrix: dict[str, dict[str, int]] = defaultdict(dict)
    rows = session.execute(
        select(ClaimGroup.model_verdict, ClaimGroup.status, ClaimGroup.final_verdict, func.count())
        .where(ClaimGroup.status.in_(DECIDED))
        .group_by(ClaimGroup.model_verdict, ClaimGroup.status, ClaimGroup.final_verdict)
    )
    for model, status, final, count in rows:
        outcome = "dismissed" if status == "dismissed" else (final or "unverified")
        matrix[model][outcome] = matrix[model].get(outcome, 0) + count
    return dict(matrix)
