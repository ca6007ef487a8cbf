"""Import into SQLite and PostgreSQL: grouping, duplicates, flags only, topic, priority."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from claimcheck.review.importer import Importer, group_key
from claimcheck.review.models import AuditEvent, ClaimGroup, ClaimOccurrence, Document
from claimcheck.review.readers import read_path
from tests.review.conftest import seed, write_scan_json


def test_import_groups_the_same_claim_across_pages(db, tmp_path: Path) -> None:
    report = seed(db, tmp_path)
    # 8 claims, 1 supported (not queued); 7 flagged, of which two are the same claim.
    assert report.documents == 3
    assert report.claims == 7
    assert report.not_flagged == 1
    assert report.new_groups == 6
    with db.read() as session:
        group = session.scalar(
            select(ClaimGroup).where(
                ClaimGroup.key == group_key("Kratom does not cause dependence.")
            )
        )
        assert group is not None
        assert group.occurrences == 2
        domains = set(
            session.scalars(
                select(ClaimOccurrence.domain).where(ClaimOccurrence.group_id == group.id)
            )
        )
        assert domains == {"kratom-news.example", "blog.example.org"}
        assert session.scalar(select(func.count(ClaimOccurrence.id))) == 7


def test_reimport_changes_nothing(db, tmp_path: Path) -> None:
    seed(db, tmp_path)
    again = seed(db, tmp_path)
    assert (again.documents, again.duplicates, again.claims) == (0, 3, 0)
    with db.read() as session:
        assert session.scalar(select(func.count(Document.id))) == 3
        assert (
            session.scalar(select(func.count(AuditEvent.id)).where(AuditEvent.action == "import"))
            == 6
        )


def test_topic_concern_and_priority(db, tmp_path: Path) -> None:
    seed(db, tmp_path)
    with db.read() as session:
        rows = {g.text: g for g in session.scalars(select(ClaimGroup))}
    assert rows["Kratom does not cause dependence."].topic == "kratom"
    assert rows["Vitamin C cures the common cold."].topic == "vitamin-c"
    assert rows["Kratom does not cause dependence."].priority == 0  # contradicted
    assert rows["Take 5 grams of kratom every night."].concern == "dosing"
    assert rows["Take 5 grams of kratom every night."].priority == 1
    assert rows["Kratom is fine to mix with alcohol."].concern == "interaction"
    assert rows["Kratom is fine to mix with alcohol."].priority == 1
    assert rows["Kratom helps with sleep."].priority == 2  # unverified, no special concern


def test_include_supported(db, tmp_path: Path) -> None:
    paths = write_scan_json(tmp_path)
    report = Importer(db, include_supported=True).run(read_path(paths[0]))
    assert (report.claims, report.not_flagged) == (4, 0)
    with db.read() as session:
        supported = session.scalar(
            select(ClaimGroup).where(ClaimGroup.model_verdict == "supported")
        )
        assert supported is not None and supported.priority == 3


def test_bulk_import_of_many_documents(db, tmp_path: Path) -> None:
    from tests.review.fixtures import ClaimSpec, DocSpec

    docs = [
        DocSpec(
            f"https://site{i % 7}.example/p{i}",
            f"Page {i}",
            [ClaimSpec(f"Claim number {i % 40} is false.")],
        )
        for i in range(300)
    ]
    report = seed(db, tmp_path, docs)
    assert (report.documents, report.claims, report.new_groups) == (300, 300, 40)
    with db.read() as session:
        counts = session.scalars(select(ClaimGroup.occurrences)).all()
    assert sorted(set(counts)) == [7, 8] and sum(counts) == 300
