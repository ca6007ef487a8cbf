"""Everything the claim view shows: the group, where it was seen, the article around the
claim, the model's evidence, and the history of decisions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimcheck.review.models import (
    ClaimGroup,
    ClaimOccurrence,
    Decision,
    Document,
    User,
    utcnow,
)
from claimcheck.review.queue import current_reviewer

CONTEXT_CHARS = 3000  # article text shown on each side of the claim
OCCURRENCES_SHOWN = 50


@dataclass(frozen=True)
class Passage:
    """The article around a claim; ``marked`` is the claim's span (may be empty)."""

    before: str
    marked: str
    after: str
    clipped_before: bool
    clipped_after: bool
    from_article: bool  # False: only the claim's sentence was available


@dataclass(frozen=True)
class GroupDetail:
    group: ClaimGroup
    occurrence: ClaimOccurrence
    document: Document
    passage: Passage
    occurrences: list[ClaimOccurrence]
    occurrence_total: int
    history: list[Decision]
    assignee: str | None
    reviewer: str | None
    users: list[str]


def passage(occurrence: ClaimOccurrence, text: str | None) -> Passage:
    if text:
        start, end = _locate(occurrence, text)
        if start is not None and end is not None:
            lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
            return Passage(
                text[lo:start], text[start:end], text[end:hi], lo > 0, hi < len(text), True
            )
    sentence = occurrence.sentence or occurrence.text
    span = occurrence.span or occurrence.text
    at = sentence.find(span) if span else -1
    if at < 0:
        return Passage("", sentence, "", False, False, False)
    return Passage(sentence[:at], span, sentence[at + len(span) :], False, False, False)


def _locate(occurrence: ClaimOccurrence, text: str) -> tuple[int | None, int | None]:
    """The claim's offsets, trusted only if they hold its span; else found by search."""
    start, end, span = occurrence.start, occurrence.end, occurrence.span
    in_range = start is not None and end is not None and 0 <= start < end <= len(text)
    if in_range and (not span or text[start:end] == span):
        return start, end
    for needle in (span, occurrence.sentence, occurrence.text):
        if needle:
            at = text.find(needle)
            if at >= 0:
                return at, at + len(needle)
    return None, None


def load_detail(session: Session, group_id: int, occurrence_id: int | None) -> GroupDetail | None:
    group = session.get(ClaimGroup, group_id)
    if group is None:
        return None
    occurrences = list(
        session.scalars(
            select(ClaimOccurrence)
            .where(ClaimOccurrence.group_id == group_id)
            .order_by(ClaimOccurrence.id)
            .limit(OCCURRENCES_SHOWN)
        )
    )
    total = session.scalar(
        select(func.count(ClaimOccurrence.id)).where(ClaimOccurrence.group_id == group_id)
    )
    chosen = occurrences[0] if occurrences else None
    if occurrence_id is not None:
        picked = session.get(ClaimOccurrence, occurrence_id)
        if picked is not None and picked.group_id == group_id:
            chosen = picked
    if chosen is None:
        return None
    history = list(
        session.scalars(
            select(Decision).where(Decision.group_id == group_id).order_by(Decision.id.desc())
        )
    )
    names = dict(session.execute(select(User.id, User.username)).all())
    active = sorted(session.scalars(select(User.username).where(User.active.is_(True))))
    return GroupDetail(
        group=group,
        occurrence=chosen,
        document=chosen.document,
        passage=passage(chosen, chosen.document.text),
        occurrences=occurrences,
        occurrence_total=total or 0,
        history=history,
        assignee=names.get(group.assignee_id) if group.assignee_id else None,
        reviewer=current_reviewer(group, names, utcnow()),
        users=active,
    )
