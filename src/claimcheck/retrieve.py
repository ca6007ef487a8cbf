"""Retrieve: the corpus records most likely to bear on a claim.

Hybrid search: BM25 (bm25s, stemmed) and dense MiniLM cosine similarity, fused by
reciprocal rank. Records about the entities a claim names (kratom, its aliases ketum and
Mitragyna speciosa, ...) are preferred; the others are only used when a claim names no
known entity. A brand name or alias in the claim ("Benadryl") also brings its canonical
name ("diphenhydramine") into the BM25 query, since records are written with canonical
names. The index is built once per corpus content and cached on disk.

Retrieval quality is measured by benchmarks/retrieval.py (figures in benchmarks/README.md).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from claimcheck.corpus import ClaimReview, Corpus, Finding
from claimcheck.doc import Citation, Claim, Evidence
from claimcheck.encoder import ENCODER_VERSION, embed
from claimcheck.entities import EntityFinder
from claimcheck.paths import cache_dir

INDEX_FORMAT = 1
_STEMMER = Stemmer.Stemmer("english")


@dataclass(frozen=True, slots=True)
class RetrievalSettings:
    """How the ranking is made. The defaults are what the pipeline uses; the benchmark
    compares them with single-method baselines and with the fusion alone."""

    method: str = "hybrid"  # "hybrid" (BM25 + dense, fused by rank), "bm25" or "dense"
    rrf_k: int = 30  # reciprocal rank fusion constant: 1 / (rrf_k + rank)
    # Hybrid only: records about none of the entities a query names keep this share of
    # their score (1.0 turns the preference off).
    entity_penalty: float = 0.25
    # Hybrid only: add the canonical names of the aliases a query uses to its BM25 query.
    # (Adding them to the dense query too measured worse.)
    expand_aliases: bool = True


@dataclass(frozen=True, slots=True)
class Hit:
    record_id: str
    score: float  # fused score, 0-1
    dense: float  # best cosine similarity of the query to the record's texts
    matched_text: str  # the indexed text that matched best (a claim variant, say)


class Retriever:
    def __init__(
        self,
        corpus: Corpus,
        index_dir: Path | None = None,
        settings: RetrievalSettings | None = None,
    ) -> None:
        self.corpus = corpus
        self.settings = settings or RetrievalSettings()
        self.texts, self.owners = _index_texts(corpus)
        self.entity_finder = EntityFinder(corpus)
        self.entities = [
            _record_entities(corpus.get(owner), text, self.entity_finder)
            for owner, text in zip(self.owners, self.texts, strict=True)
        ]
        self.kinds = np.array([corpus.get(owner).kind for owner in self.owners])
        self.bm25, self.vectors = _load_or_build(index_dir or index_directory(corpus), self.texts)
        # A finding has exactly one indexed text (its statement): its row in ``vectors``.
        self.finding_rows = {
            owner: row for row, owner in enumerate(self.owners) if owner in corpus.findings
        }

    def expand(self, query: str) -> str:
        """The query with the canonical names of the aliases it uses appended."""
        names = dict.fromkeys(self.entity_finder.names_in(query))
        missing = [name for name in names if name.lower() not in query.lower()]
        return f"{query} ({', '.join(missing)})" if missing else query

    def search(
        self,
        queries: list[str],
        k: int = 8,
        kind: str | None = None,
        query_vectors: np.ndarray | None = None,
    ) -> list[list[Hit]]:
        """The ``k`` best records per query; ``kind`` ("finding" or "claim_review") keeps
        only records of that kind. ``query_vectors``: the queries' embeddings, if the
        caller already has them."""
        if not queries:
            return []
        vectors = embed(queries) if query_vectors is None else query_vectors
        dense = vectors @ self.vectors.T
        expand = self.settings.method == "hybrid" and self.settings.expand_aliases
        tokens = bm25s.tokenize(
            [self.expand(query) for query in queries] if expand else queries,
            stopwords="en",
            stemmer=_STEMMER,
            return_ids=False,
            show_progress=False,
        )
        return [self._rank(query, dense[i], tokens[i], k, kind) for i, query in enumerate(queries)]

    def _rank(
        self, query: str, dense: np.ndarray, tokens: list[str], k: int, kind: str | None
    ) -> list[Hit]:
        fused = self._fused(query, dense, tokens)
        if kind is not None:
            fused = np.where(self.kinds == kind, fused, -np.inf)
        best: dict[str, Hit] = {}
        for index in np.argsort(-fused, kind="stable"):
            if not np.isfinite(fused[index]):
                break
            owner = self.owners[index]
            if owner not in best:
                best[owner] = Hit(
                    owner, float(fused[index]), float(dense[index]), self.texts[index]
                )
                if len(best) == k:
                    break
        return list(best.values())

    def _fused(self, query: str, dense: np.ndarray, tokens: list[str]) -> np.ndarray:
        """One score per indexed text, 0-1 (1.0 for a text both methods rank first)."""
        settings = self.settings
        if settings.method == "dense":
            return dense.astype(np.float64)
        lexical = self._bm25_scores(tokens)
        if settings.method == "bm25":
            return lexical / lexical.max() if lexical.max() > 0 else lexical
        fused = _rrf(dense, settings.rrf_k) + _rrf(lexical, settings.rrf_k, floor=0.0)
        fused /= 2.0 / (settings.rrf_k + 1)
        named = self.entity_finder.entities_in(query)
        if named and settings.entity_penalty < 1.0:
            about = np.array([bool(named & entities) for entities in self.entities])
            if about.any():
                fused = np.where(about, fused, fused * settings.entity_penalty)
        return fused

    def _bm25_scores(self, tokens: list[str]) -> np.ndarray:
        known = [t for t in tokens if t in self.bm25.vocab_dict]
        if not known:
            return np.zeros(len(self.texts))
        return np.asarray(self.bm25.get_scores(known), dtype=np.float64)


def index_directory(corpus: Corpus) -> Path:
    """Where the index of this corpus content lives (a new one when the content changes)."""
    return cache_dir() / "index" / f"{corpus.content_hash[:16]}-v{INDEX_FORMAT}"


def index_is_cached(corpus: Corpus) -> bool:
    return (index_directory(corpus) / "manifest.json").exists()


def _index_texts(corpus: Corpus) -> tuple[list[str], list[str]]:
    """One indexed text per finding statement, per claim and per claim variant."""
    texts: list[str] = []
    owners: list[str] = []
    for record in sorted(corpus.records(), key=lambda r: r.id):
        if isinstance(record, Finding):
            candidates = [record.statement]
        else:
            assert isinstance(record, ClaimReview)
            candidates = [record.claim, *record.variants]
        for text in candidates:
            texts.append(text)
            owners.append(record.id)
    return texts, owners


def _rrf(scores: np.ndarray, rrf_k: int, floor: float | None = None) -> np.ndarray:
    """Reciprocal-rank contribution of each text; texts scoring at or below ``floor``
    (BM25: no query term at all) get none rather than an arbitrary rank among ties."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(order))
    ranks[order] = np.arange(1, len(order) + 1)
    contribution = 1.0 / (rrf_k + ranks)
    if floor is not None:
        contribution[scores <= floor] = 0.0
    return contribution


def _record_entities(record: Finding | ClaimReview, text: str, finder: EntityFinder) -> set[str]:
    """What a record is about: its declared entities and topic. A record that declares
    none (imported evidence, typically) is about the entities its text mentions."""
    if record.entities:
        return set(record.entities) | {record.topic}
    return finder.entities_in(text) | {record.topic}


def _load_or_build(directory: Path, texts: list[str]) -> tuple[bm25s.BM25, np.ndarray]:
    """The cached index if it is complete and matches; otherwise build and cache it.

    The manifest is written last and replaced atomically, so an interrupted build (or
    one still running in another process) is never taken for a finished index.
    """
    cached = _load_cached(directory, len(texts))
    if cached is not None:
        return cached
    bm25 = bm25s.BM25()
    bm25.index(
        bm25s.tokenize(texts, stopwords="en", stemmer=_STEMMER, show_progress=False),
        show_progress=False,
    )
    vectors = embed(texts)
    directory.mkdir(parents=True, exist_ok=True)
    manifest = directory / "manifest.json"
    manifest.unlink(missing_ok=True)
    bm25.save(str(directory / "bm25"))
    np.save(directory / "dense.npy", vectors)
    partial = directory / f"manifest.json.{os.getpid()}"
    partial.write_text(json.dumps({"texts": len(texts), "encoder": ENCODER_VERSION}))
    os.replace(partial, manifest)
    return bm25, vectors


def _load_cached(directory: Path, count: int) -> tuple[bm25s.BM25, np.ndarray] | None:
    try:
        meta = json.loads((directory / "manifest.json").read_text())
        if meta.get("texts") != count or meta.get("encoder") != ENCODER_VERSION:
            return None
        vectors = np.load(directory / "dense.npy")
        bm25 = bm25s.BM25.load(str(directory / "bm25"))
    except (OSError, ValueError, KeyError, EOFError):
        return None  # missing, partial or corrupt: rebuilt by the caller
    return (bm25, vectors) if vectors.shape[0] == count else None


class EvidenceRetriever:
    """Pipeline stage: attach candidate evidence records to every claim."""

    def __init__(self, retriever: Retriever, k: int = 6) -> None:
        self.retriever = retriever
        self.k = k

    def __call__(self, claims: list[Claim]) -> None:
        queries = [self.query(claim) for claim in claims]
        vectors = embed(queries)
        hits_per_claim = self.retriever.search(queries, k=self.k, query_vectors=vectors)
        for claim, hits, vector in zip(claims, hits_per_claim, vectors, strict=True):
            claim.evidence = self.evidence_for(hits, vector)

    def query(self, claim: Claim) -> str:
        """The claim, plus the document's entity when the claim names none itself."""
        finder = self.retriever.entity_finder
        if claim.context_entity and not finder.names_in(claim.text):
            return f"{claim.text} ({claim.context_entity})"
        return claim.text

    def evidence_for(self, hits: list[Hit], query_vector: np.ndarray) -> list[Evidence]:
        """Evidence records for a claim's hits, plus the findings behind any hit review
        (scored against the claim with their indexed vectors: no re-embedding)."""
        corpus = self.retriever.corpus
        chosen: dict[str, Evidence] = {}
        for hit in hits:
            chosen[hit.record_id] = to_evidence(
                corpus.get(hit.record_id), hit.dense, hit.matched_text
            )
        # The findings behind a retrieved review are evidence too (their citations decide).
        missing = [
            fid
            for ev in chosen.values()
            for fid in ev.supporting_ids
            if fid not in chosen and fid in corpus.findings
        ]
        if missing:
            rows = [self.retriever.finding_rows[fid] for fid in missing]
            similarity = self.retriever.vectors[rows] @ query_vector
            for fid, score in zip(missing, similarity, strict=True):
                chosen.setdefault(fid, to_evidence(corpus.findings[fid], float(score)))
        return list(chosen.values())


def to_evidence(
    record: Finding | ClaimReview, similarity: float, matched: str | None = None
) -> Evidence:
    if isinstance(record, Finding):
        c = record.citation
        citation = Citation(
            authors=c.authors,
            title=c.title,
            year=c.year,
            venue=c.venue,
            pmid=c.pmid,
            doi=c.doi,
            url=c.url,
            link=c.link,
        )
        return Evidence(
            record.id,
            "finding",
            record.statement,
            round(similarity, 4),
            citation=citation,
            study_type=record.study_type.value,
            evidence_grade=record.evidence_grade.value,
        )
    return Evidence(
        record.id,
        "claim_review",
        matched or record.claim,
        round(similarity, 4),
        rating=record.rating.value,
        supporting_ids=list(record.findings),
    )
