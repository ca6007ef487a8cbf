"""The pipeline: ingest -> segment -> detect -> retrieve -> verify -> aggregate.

A :class:`Pipeline` loads the corpus and the models once; ``scan`` runs one source end to
end, ``process_many`` runs already-ingested documents through the stages in batches
(what ``claimcheck batch`` and the review app use).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from claimcheck import __version__
from claimcheck.aggregate import AggregationSettings, Aggregator
from claimcheck.calibration import load_calibrator
from claimcheck.corpus import Corpus, CorpusError, load_corpus
from claimcheck.detect import ClaimDetector, load_classifier, load_parser
from claimcheck.doc import Claim, Document
from claimcheck.encoder import ENCODER_NAME, ENCODER_VERSION
from claimcheck.ingest import FetchLimits, ingest
from claimcheck.paths import bundled_corpus_dir
from claimcheck.retrieve import EvidenceRetriever, Retriever
from claimcheck.segment import segment_many
from claimcheck.stance_model import load_stance_model
from claimcheck.verify import Verifier


@dataclass(frozen=True)
class PipelineConfig:
    corpus_dirs: tuple[Path, ...] = field(default_factory=lambda: (bundled_corpus_dir(),))
    verifier: str | None = None  # a claimcheck artifact or Hugging Face NLI checkpoint dir
    verifier_labels: str | None = None  # "entailment=supports,contradiction=contradicts,..."
    detector: str | None = None
    device: str = "auto"
    backend: str = "auto"  # stance model: torch, onnx, onnx-int8 (auto: per the model card)
    evidence_per_claim: int = 6
    min_confidence: float | None = None  # None: the calibrated floor (or 0.5 without one)
    limits: FetchLimits = field(default_factory=FetchLimits)


class Pipeline:
    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        self.corpus = _load_valid_corpus(list(self.config.corpus_dirs))
        self.retriever = Retriever(self.corpus)
        classifier = load_classifier(self.config.detector)
        self.detector = ClaimDetector(classifier, load_parser(), self.retriever.entity_finder)
        self.evidence = EvidenceRetriever(self.retriever, k=self.config.evidence_per_claim)
        stance = load_stance_model(
            self.config.verifier, self.config.verifier_labels, self.config.device
        )
        self.verifier = Verifier(stance)
        self.timings: dict[str, float] = {}  # seconds spent per stage, for benchmarks
        calibrator = None if self.config.verifier else load_calibrator()
        floor = self.config.min_confidence
        if floor is None:
            floor = calibrator.threshold if calibrator and calibrator.threshold else 0.5
        self.aggregator = Aggregator(AggregationSettings(min_confidence=floor), calibrator)

    def scan(self, source: str) -> Document:
        with self._timed("ingest"):
            doc = ingest(source, self.config.limits)
        return self.process(doc)

    @contextmanager
    def _timed(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - started

    def process(self, doc: Document) -> Document:
        return self.process_many([doc])[0]

    def process_many(
        self, docs: list[Document], cache: VerdictCache | None = None
    ) -> list[Document]:
        """Run the stages over ``docs`` in one batch. With a ``cache``, a claim already
        checked under the same :func:`cache_key` is not checked again."""
        with self._timed("segment"):
            segment_many(docs)
        with self._timed("detect"):
            self.detector.detect_many(docs)
        claims = [claim for doc in docs for claim in doc.claims]
        todo = claims
        if cache is not None:
            todo = [claim for claim in claims if not _restore(claim, cache.get(cache_key(claim)))]
        unique: dict[str, Claim] = {}
        for claim in todo:
            unique.setdefault(cache_key(claim), claim)
        fresh = list(unique.values())
        with self._timed("retrieve"):
            self.evidence(fresh)
        with self._timed("verify"):
            self.verifier.verify_claims(fresh)
        with self._timed("aggregate"):
            self.aggregator(fresh)
        for claim in todo:
            _restore(claim, unique[cache_key(claim)])
        if cache is not None:
            for key, claim in unique.items():
                cache.put(key, claim)
        return docs

    @property
    def models(self) -> dict:
        stance = self.verifier.model.info
        return {
            "claimcheck": __version__,
            "encoder": {"name": ENCODER_NAME, "version": ENCODER_VERSION},
            "detector": {
                "name": "claim-detector",
                "version": self.detector.classifier.meta.get("version", "1"),
            },
            "parser": {
                "name": load_parser().meta.get("name", "parser"),
                "version": load_parser().meta.get("version", ""),
            },
            "verifier": {"name": stance.name, "version": stance.version, "backend": stance.backend},
        }

    @property
    def corpus_info(self) -> dict:
        return {"version": self.corpus.version, "records": self.corpus.size}


class VerdictCache(Protocol):
    """Where checked claims are kept by :func:`cache_key` (batch runs share one)."""

    def get(self, key: str) -> Claim | None: ...

    def put(self, key: str, claim: Claim) -> None: ...


def cache_key(claim: Claim) -> str:
    """Everything a verdict depends on: the claim text (whitespace normalised), the entity
    its document is about and its claim type. A looser key (case or punctuation folded)
    would hand a claim the verdict of a near twin whose retrieval scored differently, and a
    resumed batch would then disagree with an uninterrupted one."""
    text = " ".join(claim.text.split())
    return f"{text}|{claim.context_entity or ''}|{claim.attributes.claim_type}"


def _restore(claim: Claim, checked: Claim | None) -> bool:
    """Copy evidence and verdict of an already checked claim; False if there is none."""
    if checked is None:
        return False
    if checked is not claim:
        claim.evidence = copy.deepcopy(checked.evidence)
        claim.verdict = copy.deepcopy(checked.verdict)
    return True


def _load_valid_corpus(directories: list[Path]) -> Corpus:
    corpus, problems = load_corpus(directories)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        more = (
            f" (and {len(errors) - 1} more; run `claimcheck corpus validate`)"
            if len(errors) > 1
            else ""
        )
        raise CorpusError(f"invalid corpus: {errors[0]}{more}")
    return corpus
