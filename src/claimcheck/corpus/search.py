"""``claimcheck corpus search``: the records the scanner's retrieval finds for a query."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from claimcheck.corpus.schema import Finding

if TYPE_CHECKING:
    from claimcheck.retrieve import Retriever


@dataclass(frozen=True)
class SearchResult:
    rank: int
    id: str
    kind: str
    topic: str
    score: float  # fused retrieval score, 0-1
    cosine: float  # dense similarity of the query to the best-matching text
    text: str  # the finding's statement, or the claim review's claim
    matched: str  # the indexed text that matched (a claim variant, say)
    citation: str | None = None  # findings: "Singh D et al. (2014), Journal"
    link: str | None = None
    study_type: str | None = None
    evidence_grade: str | None = None
    rating: str | None = None  # claim reviews
    findings: tuple[str, ...] = ()  # claim reviews: the findings behind the rating

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["findings"] = list(self.findings)
        return {key: value for key, value in data.items() if value not in (None, [])}


def search_corpus(
    retriever: Retriever, query: str, k: int = 8, kind: str | None = None
) -> list[SearchResult]:
    hits = retriever.search([query], k=k, kind=kind)[0]
    results = []
    for rank, hit in enumerate(hits, start=1):
        record = retriever.corpus.get(hit.record_id)
        common = {
            "rank": rank,
            "id": record.id,
            "kind": record.kind,
            "topic": record.topic,
            "score": round(hit.score, 4),
            "cosine": round(hit.dense, 4),
            "matched": hit.matched_text,
        }
        if isinstance(record, Finding):
            results.append(
                SearchResult(
                    **common,
                    text=record.statement,
                    citation=record.citation.short(),
                    link=record.citation.link,
                    study_type=record.study_type.value,
                    evidence_grade=record.evidence_grade.value,
                )
            )
        else:
            results.append(
                SearchResult(
                    **common,
                    text=record.claim,
                    rating=record.rating.value,
                    findings=tuple(record.findings),
                )
            )
    return results
