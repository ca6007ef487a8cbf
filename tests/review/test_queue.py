"""The queue on SQLite and PostgreSQL: order, filters, counts, paging, hostile filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from claimcheck.review.decisions import DecisionRequest, assign, decide
from claimcheck.review.models import Action, ClaimGroup, ClaimOccurrence
from claimcheck.review.queue import QueueFilter, load_queue
from tests.review.conftest import add_user, seed


@pytest.fixture
def seeded(db, tmp_path: Path):
    seed(db, tmp_path)
    return db


def _texts(db, **params) -> list[str]:
    filters = QueueFilter.from_params(params)
    with db.read() as session:
        return [item.text for item in load_queue(session, filters, None).items]


def test_default_order_contradicted_then_safety_dosing_interactions(seeded) -> None:
    texts = _texts(seeded)
    assert texts == [
        "Kratom does not cause dependence.",  # contradicted, harm 0.9
        "Vitamin C cures the common cold.",  # contradicted, harm 0.3
        "Take 5 grams of kratom every night.",  # unverified dosing, harm 0.8
        "Kratom is fine to mix with alcohol.",  # unverified interaction, harm 0.6
        "Kratom helps with sleep.",  # unverified, harm 0.3
        "Vitamin C shortens colds a little.",  # unverified, harm 0.1
    ]


def test_filters(seeded) -> None:
    assert _texts(seeded, verdict=["contradicted"]) == [
        "Kratom does not cause dependence.",
        "Vitamin C cures the common cold.",
    ]
    assert _texts(seeded, topic="vitamin-c") == [
        "Vitamin C cures the common cold.",
        "Vitamin C shortens colds a little.",
    ]
    assert _texts(seeded, min_confidence="0.6", max_confidence="0.75") == [
        "Vitamin C cures the common cold.",
        "Take 5 grams of kratom every night.",
        "Kratom is fine to mix with alcohol.",
    ]
    assert _texts(seeded, domain="blog.example.org") == [
        "Kratom does not cause dependence.",
        "Kratom is fine to mix with alcohol.",
    ]
    assert (
        _texts(seeded, domain="www.kratom-news.example")[0] == "Kratom does not cause dependence."
    )
    assert _texts(seeded, q="VITAMIN c") == [
        "Vitamin C cures the common cold.",
        "Vitamin C shortens colds a little.",
    ]


def test_status_and_assignee_filters(seeded) -> None:
    mod = add_user(seeded, "mod")
    with seeded.read() as session:
        first = session.scalar(select(ClaimGroup).where(ClaimGroup.text.like("Kratom does%")))
        second = session.scalar(select(ClaimGroup).where(ClaimGroup.text.like("Vitamin C cures%")))
    decide(seeded, first.id, mod, DecisionRequest(Action.CONFIRM, first.version))
    assign(seeded, second.id, mod, "mod")
    assert "Kratom does not cause dependence." not in _texts(seeded)
    assert _texts(seeded, status="confirmed") == ["Kratom does not cause dependence."]
    assert _texts(seeded, status="decided") == ["Kratom does not cause dependence."]
    assert len(_texts(seeded, status="all")) == 6
    assert _texts(seeded, assignee="mod") == ["Vitamin C cures the common cold."]
    with seeded.read() as session:
        mine = load_queue(session, QueueFilter(assignee="me"), mod.id)
    assert [i.text for i in mine.items] == ["Vitamin C cures the common cold."]
    assert mine.items[0].assignee == "mod"
    assert len(_texts(seeded, assignee="none")) == 4


def test_counts_sorting_and_paging(seeded) -> None:
    with seeded.read() as session:
        page = load_queue(session, QueueFilter(verdicts=("unverified",), page_size=25), None)
    assert page.total == 4
    assert page.by_verdict == {"contradicted": 2, "unverified": 4}  # counted without verdict
    assert page.by_status == {"open": 4}
    assert _texts(seeded, sort="confidence_asc")[0] == "Vitamin C shortens colds a little."
    assert _texts(seeded, sort="occurrences")[0] == "Kratom does not cause dependence."
    assert _texts(seeded, sort="newest")[0] == "Vitamin C shortens colds a little."
    everything = _texts(seeded)
    paged: list[str] = []
    for number in (1, 2, 3, 4):
        with seeded.read() as session:
            page = load_queue(session, QueueFilter(page=number, page_size=25), None)
        paged.extend(item.text for item in page.items)
        assert page.pages == 1
    assert paged == everything  # pages past the end are empty


def test_out_of_range_params_fall_back_to_defaults() -> None:
    filters = QueueFilter.from_params(
        {"status": "bogus", "sort": "x", "page": "-3", "page_size": "7", "min_confidence": "2"}
    )
    assert (filters.status, filters.sort, filters.page, filters.page_size) == (
        "open",
        "priority",
        1,
        50,
    )
    assert filters.min_confidence is None


HOSTILE = [
    "' OR '1'='1",
    "'; DROP TABLE claim_groups; --",
    '" OR 1=1 --',
    "%",
    "_",
    "\\",
    "kratom%' UNION SELECT * FROM users --",
    "%' OR 1=1 OR text LIKE '%",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_sql_metacharacters_in_every_filter_are_harmless(seeded, value: str) -> None:
    for name in ("topic", "domain", "assignee", "q", "status", "sort", "verdict"):
        params = {name: [value] if name == "verdict" else value}
        texts = _texts(seeded, **params)
        if name in ("status", "sort", "verdict"):
            assert len(texts) == 6  # unknown values fall back to the defaults
        else:
            assert texts == [], (name, value)
    for name in ("min_confidence", "max_confidence", "page", "page_size"):
        assert len(_texts(seeded, **{name: value})) == 6
    with seeded.read() as session:
        assert session.scalar(select(func.count(ClaimGroup.id))) == 6
        assert session.scalar(select(func.count(ClaimOccurrence.id))) == 7


def test_like_wildcards_match_literally(seeded, tmp_path: Path) -> None:
    from tests.review.fixtures import ClaimSpec, DocSpec

    claims = [ClaimSpec("100% of users get 50_mg."), ClaimSpec("1000 users get 50 mg daily.")]
    seed(seeded, tmp_path / "more", [DocSpec("https://x.example/", "t", claims)])
    # Unescaped, "%" and "_" would be wildcards and match the second claim too.
    assert _texts(seeded, q="100%") == ["100% of users get 50_mg."]
    assert _texts(seeded, q="50_mg") == ["100% of users get 50_mg."]
