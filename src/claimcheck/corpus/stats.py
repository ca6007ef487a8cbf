"""Coverage statistics of a loaded corpus."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from claimcheck.corpus.store import Corpus


def corpus_stats(corpus: Corpus) -> dict[str, Any]:
    per_topic: dict[str, dict[str, int]] = defaultdict(lambda: {"findings": 0, "claim_reviews": 0})
    for finding in corpus.findings.values():
        per_topic[finding.topic]["findings"] += 1
    for review in corpus.reviews.values():
        per_topic[review.topic]["claim_reviews"] += 1
    study_types = Counter(f.study_type.value for f in corpus.findings.values())
    grades = Counter(f.evidence_grade.value for f in corpus.findings.values())
    ratings = Counter(r.rating.value for r in corpus.reviews.values())
    reviewed = [record.reviewed for record in corpus.records()]
    return {
        "version": corpus.version,
        "findings": len(corpus.findings),
        "claim_reviews": len(corpus.reviews),
        "topics": len(per_topic),
        "entities": len(corpus.entities),
        "per_topic": dict(sorted(per_topic.items())),
        "study_types": dict(study_types.most_common()),
        "evidence_grades": dict(grades.most_common()),
        "ratings": dict(ratings.most_common()),
        "oldest_review": min(reviewed).isoformat() if reviewed else None,
        "topics_under_5_findings": sorted(
            topic for topic, counts in per_topic.items() if counts["findings"] < 5
        ),
    }
