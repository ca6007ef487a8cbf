"""Storing scanned documents and their flagged claims in the review database.

Rows go in with bulk INSERTs, a batch of documents per transaction, so seeding 100,000
claims takes seconds rather than minutes. A document already imported (same source and
text) is skipped, so importing a file twice changes nothing. Claims are grouped by their
text with case and punctuation folded (:func:`group_key`).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from claimcheck.review import audit
from claimcheck.review.db import Database
from claimcheck.review.models import ClaimGroup, ClaimOccurrence, Document, User, utcnow
from claimcheck.review.readers import ClaimIn, InputDocument, Problem
from claimcheck.review.triage import TopicResolver, source_domain, triage

FLAGGED = ("contradicted", "unverified")
_CHUNK = 500  # parameters per IN (...) lookup


@dataclass
class ImportReport:
    documents: int = 0
    duplicates: int = 0
    claims: int = 0
    new_groups: int = 0
    not_flagged: int = 0
    problems: list[Problem] = field(default_factory=list)
    group_ids: list[int] = field(default_factory=list)

    def merge(self, other: ImportReport) -> None:
        self.documents += other.documents
        self.duplicates += other.duplicates
        self.claims += other.claims
        self.new_groups += other.new_groups
        self.not_flagged += other.not_flagged
        self.problems.extend(other.problems)
        self.group_ids.extend(other.group_ids)

    def summary(self) -> dict[str, int]:
        return {
            "documents": self.documents,
            "duplicates": self.duplicates,
            "claims": self.claims,
            "new_groups": self.new_groups,
            "not_flagged": self.not_flagged,
            "problems": len(self.problems),
        }


def group_key(text: str) -> str:
    """The group a claim belongs to: its text with case and punctuation folded."""
    folded = re.sub(r"[^a-z0-9%]+", " ", text.lower()).strip()
    # The trailing "|" keeps keys written by earlier versions (text|entity, no entity).
    return f"{folded}|"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def content_hash(item: InputDocument) -> str:
    body = item.document.text
    if body is None:  # claims-only input: the claims stand for the text
        body = json.dumps([(c.text, c.start, c.end) for c in item.claims])
    return _sha(item.document.source + "\x00" + body)


class Importer:
    def __init__(
        self,
        db: Database,
        topics: TopicResolver | None = None,
        *,
        include_supported: bool = False,
        origin: str = "",
        user: User | None = None,
    ) -> None:
        self.db = db
        self.topics = topics or TopicResolver()
        self.include_supported = include_supported
        self.origin = origin[:255]
        self.user = user

    def run(
        self, items: Iterable[InputDocument | Problem], batch_documents: int = 200
    ) -> ImportReport:
        report = ImportReport()
        iterator = iter(items)
        while batch := list(islice(iterator, batch_documents)):
            documents = [item for item in batch if isinstance(item, InputDocument)]
            report.problems.extend(item for item in batch if isinstance(item, Problem))
            if documents:
                with self.db.write() as session:
                    report.merge(self._store(session, documents))
        if report.documents or report.duplicates or report.problems:
            with self.db.write() as session:
                audit.record(
                    session,
                    "import",
                    self.user,
                    actor="cli",
                    detail={"origin": self.origin, **report.summary()},
                )
        return report

    def _store(self, session: Session, batch: list[InputDocument]) -> ImportReport:
        report = ImportReport()
        fresh = self._new_documents(session, batch, report)
        if not fresh:
            return report
        now = utcnow()
        rows = [self._document_row(item, digest, now) for digest, item in fresh]
        ids = session.scalars(
            insert(Document).returning(Document.id, sort_by_parameter_order=True), rows
        ).all()
        report.documents = len(ids)
        pending: list[tuple[int, InputDocument, ClaimIn, str]] = []
        for document_id, (_digest, item) in zip(ids, fresh, strict=True):
            for claim in item.claims:
                if claim.verdict not in FLAGGED and not self.include_supported:
                    report.not_flagged += 1
                    continue
                pending.append((document_id, item, claim, group_key(claim.text)))
        if not pending:
            return report
        groups = self._groups(session, pending, now, report)
        occurrences = [
            _occurrence_row(document_id, item, claim, groups[key])
            for document_id, item, claim, key in pending
        ]
        session.execute(insert(ClaimOccurrence), occurrences)
        report.claims = len(occurrences)
        touched = sorted(set(groups.values()))
        _recount(session, touched)
        report.group_ids = touched
        return report

    def _new_documents(
        self, session: Session, batch: list[InputDocument], report: ImportReport
    ) -> list[tuple[str, InputDocument]]:
        hashed: dict[str, InputDocument] = {}
        for item in batch:
            digest = content_hash(item)
            if digest in hashed:
                report.duplicates += 1
            else:
                hashed[digest] = item
        existing: set[str] = set()
        for chunk in _chunks(list(hashed)):
            existing.update(
                session.scalars(
                    select(Document.content_hash).where(Document.content_hash.in_(chunk))
                )
            )
        report.duplicates += len(existing)
        return [(digest, item) for digest, item in hashed.items() if digest not in existing]

    def _document_row(self, item: InputDocument, digest: str, now: object) -> dict:
        doc = item.document
        return {
            "source": doc.source,
            "domain": source_domain(doc.source),
            "title": doc.title,
            "published": (doc.published or None) and doc.published[:64],
            "media_type": doc.media_type[:64],
            "text": doc.text,
            "content_hash": digest,
            "origin": self.origin,
            "imported_at": now,
        }

    def _groups(
        self,
        session: Session,
        pending: list[tuple[int, InputDocument, ClaimIn, str]],
        now: object,
        report: ImportReport,
    ) -> dict[str, int]:
        """Group id for every key in ``pending``, creating the groups not seen before."""
        first: dict[str, ClaimIn] = {}
        for _document_id, _item, claim, key in pending:
            first.setdefault(key, claim)
        hashes = {_sha(key): key for key in first}
        found: dict[str, int] = {}
        for chunk in _chunks(list(hashes)):
            for key_hash, group_id in session.execute(
                select(ClaimGroup.key_hash, ClaimGroup.id).where(ClaimGroup.key_hash.in_(chunk))
            ):
                found[hashes[key_hash]] = group_id
        missing = [key for key in first if key not in found]
        if missing:
            rows = [self._group_row(key, first[key], now) for key in missing]
            new_ids = session.scalars(
                insert(ClaimGroup).returning(ClaimGroup.id, sort_by_parameter_order=True), rows
            ).all()
            found.update(zip(missing, new_ids, strict=True))
            report.new_groups = len(new_ids)
        return found

    def _group_row(self, key: str, claim: ClaimIn, now: object) -> dict:
        facts = triage(claim, self.topics.topic(claim))
        return {
            "key_hash": _sha(key),
            "key": key,
            "text": claim.text,
            "model_verdict": claim.verdict,
            "model_confidence": claim.confidence,
            "topic": facts.topic[:120],
            "claim_type": facts.claim_type[:32],
            "concern": facts.concern,
            "harm_risk": facts.harm_risk,
            "priority": facts.priority,
            "occurrences": 0,
            "status": "open",
            "first_seen": now,
            "version": 1,
        }


def _occurrence_row(document_id: int, item: InputDocument, claim: ClaimIn, group_id: int) -> dict:
    return {
        "group_id": group_id,
        "document_id": document_id,
        "domain": source_domain(item.document.source),
        "ref": claim.id[:64],
        "text": claim.text,
        "sentence": claim.sentence,
        "span": claim.span,
        "start": claim.start,
        "end": claim.end,
        "verdict": claim.verdict,
        "confidence": claim.confidence,
        "rationale": claim.rationale,
        "detection_score": claim.detection_score,
        "attributes": claim.attributes,
        "evidence": [evidence.model_dump() for evidence in claim.evidence],
    }


def _recount(session: Session, group_ids: list[int]) -> None:
    # Core UPDATE on the table: the version counter is for moderators' changes only, and a
    # new occurrence must not make a moderator's open decision form conflict.
    table = ClaimGroup.__table__
    count = (
        select(func.count(ClaimOccurrence.id))
        .where(ClaimOccurrence.group_id == table.c.id)
        .scalar_subquery()
    )
    for chunk in _chunks(group_ids):
        session.execute(update(table).where(table.c.id.in_(chunk)).values(occurrences=count))


def _chunks(values: list, size: int = _CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
