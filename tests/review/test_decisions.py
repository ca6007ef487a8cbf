"""Decisions on SQLite and PostgreSQL: every action, the audit trail, optimistic locking
under real concurrency, the in-review mark and assignment rules."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from claimcheck.review.decisions import (
    Conflict,
    DecisionError,
    DecisionRequest,
    assign,
    decide,
    load_state,
    open_for_review,
    release,
)
from claimcheck.review.models import Action, AuditEvent, ClaimGroup, Decision
from tests.review.conftest import add_user, seed


@pytest.fixture
def setup(db, tmp_path: Path):
    seed(db, tmp_path)
    users = {
        "admin": add_user(db, "admin", "admin"),
        "mod": add_user(db, "mod"),
        "mod2": add_user(db, "mod2"),
    }
    with db.read() as session:
        group = session.scalar(select(ClaimGroup).where(ClaimGroup.text.like("Kratom does%")))
    return db, users, group.id


def _request(action: Action, version: int, **kw) -> DecisionRequest:
    return DecisionRequest(action, version, **kw)


def test_confirm_keeps_the_previous_state_in_the_record_and_audit(setup) -> None:
    db, users, gid = setup
    state = decide(db, gid, users["mod"], _request(Action.CONFIRM, 1, note="clear case"))
    assert (state.status, state.final_verdict, state.version) == ("confirmed", "contradicted", 2)
    assert state.decided_by == "mod"
    with db.read() as session:
        decision = session.scalar(select(Decision).where(Decision.group_id == gid))
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "decision.confirm"))
    assert (decision.status_before, decision.verdict_before, decision.version_before) == (
        "open",
        None,
        1,
    )
    assert (decision.status_after, decision.verdict_after, decision.note) == (
        "confirmed",
        "contradicted",
        "clear case",
    )
    assert event.actor == "mod" and event.group_id == gid
    assert event.detail["before"] == {"status": "open", "verdict": None, "version": 1}
    assert event.detail["after"]["verdict"] == "contradicted"


def test_change_dismiss_escalate_reopen(setup) -> None:
    db, users, gid = setup
    state = decide(db, gid, users["mod"], _request(Action.CHANGE, 1, verdict="unverified"))
    assert (state.status, state.final_verdict) == ("changed", "unverified")
    with pytest.raises(DecisionError, match="already changed"):
        decide(db, gid, users["mod"], _request(Action.CONFIRM, 2))
    with pytest.raises(DecisionError, match="only an admin can reopen") as info:
        decide(db, gid, users["mod"], _request(Action.REOPEN, 2))
    assert info.value.forbidden
    state = decide(db, gid, users["admin"], _request(Action.REOPEN, 2))
    assert (state.status, state.final_verdict) == ("open", None)
    state = decide(db, gid, users["mod"], _request(Action.ESCALATE, 3))
    assert state.status == "escalated"
    with pytest.raises(DecisionError, match="escalated: an admin decides"):
        decide(db, gid, users["mod"], _request(Action.CONFIRM, 4))
    state = decide(db, gid, users["admin"], _request(Action.DISMISS, 4))
    assert (state.status, state.final_verdict, state.version) == ("dismissed", None, 5)
    with db.read() as session:
        actions = session.scalars(
            select(Decision.action).where(Decision.group_id == gid).order_by(Decision.id)
        ).all()
    assert actions == ["change", "reopen", "escalate", "dismiss"]


def test_malformed_decisions(setup) -> None:
    db, users, gid = setup
    with pytest.raises(DecisionError, match="verdict: expected one of"):
        decide(db, gid, users["mod"], _request(Action.CHANGE, 1, verdict="maybe"))
    with pytest.raises(DecisionError, match="confirm instead"):
        decide(db, gid, users["mod"], _request(Action.CHANGE, 1, verdict="contradicted"))
    with pytest.raises(DecisionError, match="note: longer than"):
        decide(db, gid, users["mod"], _request(Action.CONFIRM, 1, note="x" * 5000))
    assert load_state(db, gid).version == 1  # nothing was written


def test_stale_version_is_a_conflict_with_the_current_state(setup) -> None:
    db, users, gid = setup
    decide(db, gid, users["mod"], _request(Action.CONFIRM, 1))
    with pytest.raises(Conflict) as info:
        decide(db, gid, users["mod2"], _request(Action.CHANGE, 1, verdict="supported"))
    current = info.value.current
    assert (current.status, current.final_verdict, current.decided_by) == (
        "confirmed",
        "contradicted",
        "mod",
    )
    assert "changed while you had it open" in str(info.value)
    with db.read() as session:
        assert session.scalar(select(AuditEvent).where(AuditEvent.action == "conflict"))
        assert len(session.scalars(select(Decision)).all()) == 1


def test_concurrent_decisions_never_lose_an_update(setup) -> None:
    """Many moderators decide the same version at once: exactly one wins, the rest conflict."""
    db, users, gid = setup
    barrier = threading.Barrier(8)
    outcomes: list[str] = []
    lock = threading.Lock()

    def moderator(index: int) -> None:
        user = users["mod"] if index % 2 else users["mod2"]
        verdict = "supported" if index % 2 else "unverified"
        barrier.wait()
        try:
            decide(db, gid, user, _request(Action.CHANGE, 1, verdict=verdict, note=str(index)))
            result = "won"
        except Conflict:
            result = "conflict"
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=moderator, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict"] * 7 + ["won"]
    with db.read() as session:
        decisions = session.scalars(select(Decision).where(Decision.group_id == gid)).all()
        group = session.get(ClaimGroup, gid)
    assert len(decisions) == 1
    assert group.version == 2
    assert group.note == decisions[0].note  # the stored state is the winner's, whole


def test_in_review_mark(setup) -> None:
    db, users, gid = setup
    assert open_for_review(db, gid, users["mod"]) is None
    assert open_for_review(db, gid, users["mod"]) is None  # re-opening is fine
    assert open_for_review(db, gid, users["mod2"]) == "mod"
    assert load_state(db, gid).version == 1  # opening is not a change of the decision
    release(db, gid, users["mod"])
    assert open_for_review(db, gid, users["mod2"]) is None
    decide(db, gid, users["mod2"], _request(Action.CONFIRM, 1))
    assert open_for_review(db, gid, users["mod"]) is None  # deciding released it


def test_assignment_rules(setup) -> None:
    db, users, gid = setup
    assert assign(db, gid, users["mod"], "mod").assignee == "mod"
    with pytest.raises(DecisionError, match="only assign claims to themselves"):
        assign(db, gid, users["mod"], "mod2")
    with pytest.raises(DecisionError, match="only an admin can unassign"):
        assign(db, gid, users["mod2"], None)
    assert assign(db, gid, users["admin"], "mod2").assignee == "mod2"
    with pytest.raises(DecisionError, match="no active user"):
        assign(db, gid, users["admin"], "nobody")
    state = assign(db, gid, users["mod2"], None)
    assert state.assignee is None and state.version == 1
