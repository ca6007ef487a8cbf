"""Exports (training JSONL, ClaimReview JSON-LD) and metrics on both databases."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from claimcheck.review import export, metrics
from claimcheck.review.decisions import DecisionRequest, decide
from claimcheck.review.models import Action, ClaimGroup
from tests.review.conftest import add_user, seed


def _decide_some(db, tmp_path: Path) -> dict[str, int]:
    seed(db, tmp_path)
    mod, admin = add_user(db, "mod"), add_user(db, "admin", "admin")
    with db.read() as session:
        ids = {g.text: g.id for g in session.scalars(select(ClaimGroup))}
    decide(db, ids["Kratom does not cause dependence."], mod, DecisionRequest(Action.CONFIRM, 1))
    decide(
        db,
        ids["Vitamin C cures the common cold."],
        admin,
        DecisionRequest(Action.CHANGE, 1, verdict="unverified", note="weak evidence"),
    )
    decide(db, ids["Kratom helps with sleep."], mod, DecisionRequest(Action.DISMISS, 1))
    decide(db, ids["Kratom is fine to mix with alcohol."], mod, DecisionRequest(Action.ESCALATE, 1))
    return ids


def test_decisions_jsonl_has_one_line_per_decided_occurrence(db, tmp_path: Path) -> None:
    ids = _decide_some(db, tmp_path)
    with db.read() as session:
        lines = [json.loads(line) for line in export.decision_lines(session)]
    by_text: dict[str, list[dict]] = {}
    for line in lines:
        by_text.setdefault(line["text"], []).append(line)
    assert len(lines) == 4  # the confirmed claim was seen twice; escalated is not decided
    kratom = (
        by_text["Kratom does not cause dependence."] + by_text["kratom does NOT cause dependence!"]
    )
    assert {line["source"] for line in kratom} == {
        "https://www.kratom-news.example/sleep",
        "https://blog.example.org/kratom",
    }
    assert all(line["decision"]["label"] == "contradicted" for line in kratom)
    assert kratom[0]["decision"]["moderator"] == "mod"
    assert kratom[0]["model"]["evidence"][0]["id"] == "kratom-dependence-survey-malaysia-2014"
    changed = by_text["Vitamin C cures the common cold."][0]
    assert changed["model"]["verdict"] == "contradicted"
    assert changed["decision"] | {"decided_at": None} == {
        "status": "changed",
        "label": "unverified",
        "verdict": "unverified",
        "moderator": "admin",
        "decided_at": None,
        "note": "weak evidence",
    }
    assert by_text["Kratom helps with sleep."][0]["decision"]["label"] == "not_a_claim"
    assert changed["group_id"] == ids["Vitamin C cures the common cold."]


def test_claimreview_json_ld(db, tmp_path: Path) -> None:
    _decide_some(db, tmp_path)
    with db.read() as session:
        document = export.claim_reviews(session, "Example Health Desk")
    assert document["@context"] == "https://schema.org"
    reviews = {r["claimReviewed"]: r for r in document["@graph"]}
    assert set(reviews) == {"Kratom does not cause dependence.", "Vitamin C cures the common cold."}
    kratom = reviews["Kratom does not cause dependence."]
    assert kratom["@type"] == "ClaimReview"
    assert kratom["author"] == {"@type": "Organization", "name": "Example Health Desk"}
    assert kratom["reviewRating"]["alternateName"] == "Contradicted"
    assert kratom["reviewRating"]["bestRating"] == 3
    assert kratom["reviewRating"]["ratingValue"] == 1
    urls = [a["url"] for a in kratom["itemReviewed"]["appearance"]]
    assert urls == ["https://www.kratom-news.example/sleep", "https://blog.example.org/kratom"]
    assert kratom["citation"][0]["url"] == "https://doi.org/10.1016/j.drugalcdep.2014.03.017"
    vitamin = reviews["Vitamin C cures the common cold."]
    assert vitamin["reviewRating"]["alternateName"] == "Unverified"
    assert vitamin["reviewBody"] == "weak evidence"


def test_metrics(db, tmp_path: Path) -> None:
    _decide_some(db, tmp_path)
    with db.read() as session:
        figures = metrics.compute(session)
    assert figures.status_counts == {
        "open": 2,
        "confirmed": 1,
        "changed": 1,
        "dismissed": 1,
        "escalated": 1,
    }
    assert figures.agreement == 0.5
    mods = {m.username: m for m in figures.moderators}
    assert mods["mod"].decisions == 3
    assert mods["mod"].by_action == {"confirm": 1, "dismiss": 1, "escalate": 1}
    assert mods["mod"].agreement == 1.0
    assert mods["admin"].agreement == 0.0
    assert figures.overrides == {
        "contradicted": {"contradicted": 1, "unverified": 1},
        "unverified": {"dismissed": 1},
    }
    topics = {t.topic: t for t in figures.topics}
    assert (topics["vitamin-c"].changed, topics["vitamin-c"].override_rate) == (1, 1.0)
    assert (topics["kratom"].decided, topics["kratom"].override_rate) == (2, 0.5)
