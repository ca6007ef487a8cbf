"""Claim attributes: negation, strength (hedging), type, dose, population, harm risk.

Strength comes from a small model (strength.json beside the claim classifier: logistic
regression over the source span's MiniLM embedding and cue features, trained on
health-claim-strength and the annotated articles); without it, from cue rules. The other
attributes are read off the claim's own words with the cues in cues.py.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from claimcheck.detect.cues import (
    claim_type,
    dose_of,
    harm_risk,
    population_of,
    rule_strength,
    strength_cue_vector,
    type_cue_vector,
)
from claimcheck.doc import ClaimAttributes, ClaimType, Strength
from claimcheck.paths import models_dir

STRENGTH_FILE = "strength.json"
TYPE_FILE = "claim-type.json"
STRENGTH_LABELS = tuple(s.value for s in Strength)
HEDGED = {Strength.CORRELATIONAL, Strength.CONDITIONAL_CAUSAL}


class AtomicLike(Protocol):
    text: str
    negated: bool
    span_text: str


class StrengthModel(Protocol):
    def predict(self, texts: Sequence[str], spans: Sequence[str]) -> list[str]: ...


class RuleStrength:
    """Strength from hedge and correlation cues in the source words."""

    def predict(self, texts: Sequence[str], spans: Sequence[str]) -> list[str]:
        return [rule_strength(text, span).value for text, span in zip(texts, spans, strict=True)]


def attribute_features(
    reads: str, texts: Sequence[str], spans: Sequence[str], embeddings: np.ndarray | None = None
) -> np.ndarray:
    """[MiniLM(words), cues]: the span's words for strength, the claim's for type."""
    from claimcheck.encoder import embed

    sources = [s or t for t, s in zip(texts, spans, strict=True)]
    words = sources if reads == "span" else list(texts)
    cue = strength_cue_vector if reads == "span" else type_cue_vector
    cues = np.array([cue(t, s) for t, s in zip(texts, sources, strict=True)], dtype=np.float32)
    vectors = embed(list(words)) if embeddings is None else embeddings
    return np.hstack([vectors, cues.reshape(len(sources), -1)])


@dataclass
class LinearAttribute:
    """Multinomial logistic regression over [MiniLM(words), cue features].

    ``reads`` says which words: "span" (the source words, hedges included: strength) or
    "text" (the normalised claim: type)."""

    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray
    labels: tuple[str, ...]
    reads: str = "span"
    meta: dict = field(default_factory=dict)

    def features(self, texts: Sequence[str], spans: Sequence[str]) -> np.ndarray:
        return attribute_features(self.reads, texts, spans)

    def predict(self, texts: Sequence[str], spans: Sequence[str]) -> list[str]:
        if not texts:
            return []
        return self.predict_features(self.features(texts, spans))

    def predict_features(self, x: np.ndarray) -> list[str]:
        scores = x @ self.coef.T + self.intercept
        return [self.labels[i] for i in scores.argmax(axis=1)]

    def save(self, path: Path) -> None:
        payload = {
            "format": "claimcheck-linear-attribute-v1",
            "labels": list(self.labels),
            "reads": self.reads,
            "coef": np.round(self.coef, 5).tolist(),
            "intercept": np.round(self.intercept, 5).tolist(),
            **self.meta,
        }
        path.write_text(json.dumps(payload) + "\n")

    @classmethod
    def load(cls, path: Path) -> LinearAttribute:
        payload = json.loads(path.read_text())
        skip = ("coef", "intercept", "labels", "reads")
        return cls(
            np.array(payload["coef"], dtype=np.float32),
            np.array(payload["intercept"], dtype=np.float32),
            tuple(payload["labels"]),
            payload.get("reads", "span"),
            {k: v for k, v in payload.items() if k not in skip},
        )


@dataclass
class HybridStrength:
    """Hedge and correlation cues decide when present (they are reliable); otherwise the
    model tells a plain statement of fact ('none') from a causal claim."""

    model: LinearAttribute

    def predict(self, texts: Sequence[str], spans: Sequence[str]) -> list[str]:
        ruled = RuleStrength().predict(texts, spans)
        learned = self.model.predict(texts, spans)
        hedged = {Strength.CORRELATIONAL.value, Strength.CONDITIONAL_CAUSAL.value}
        return [
            r if r in hedged else (m if m not in hedged else r)
            for r, m in zip(ruled, learned, strict=True)
        ]


@lru_cache(maxsize=2)
def load_strength_model(directory: str | None = None) -> StrengthModel:
    path = Path(directory) if directory else models_dir() / "claim-detector"
    if (path / STRENGTH_FILE).is_file():
        return HybridStrength(LinearAttribute.load(path / STRENGTH_FILE))
    return RuleStrength()


class RuleType:
    """Claim type from cue words."""

    def predict(self, texts: Sequence[str], spans: Sequence[str]) -> list[str]:
        return [
            claim_type(text, span, has_dose=dose_of(span or text) is not None).value
            for text, span in zip(texts, spans, strict=True)
        ]


@lru_cache(maxsize=2)
def load_type_model(directory: str | None = None) -> StrengthModel:
    path = Path(directory) if directory else models_dir() / "claim-detector"
    if (path / TYPE_FILE).is_file():
        return LinearAttribute.load(path / TYPE_FILE)
    return RuleType()


def attributes_for(
    atomic: AtomicLike, unit_text: str, strength: str, kind: str | None = None
) -> ClaimAttributes:
    source = atomic.span_text or atomic.text
    level = Strength(strength)
    dose = dose_of(source) or dose_of(atomic.text) or dose_of(unit_text)
    kind = ClaimType(kind) if kind else claim_type(atomic.text, source, has_dose=dose is not None)
    return ClaimAttributes(
        negated=atomic.negated,
        hedged=level in HEDGED,
        strength=level,
        claim_type=kind,
        dose=dose,
        population=population_of(atomic.text) or population_of(source),
        harm_risk=harm_risk(kind, atomic.negated, f"{atomic.text} {unit_text}"),
    )


__all__ = ["STRENGTH_LABELS", "LinearAttribute", "RuleStrength", "RuleType", "attributes_for"]
