"""Which units make a checkable health claim: a logistic-regression head over the
sentence's MiniLM embedding, the mean states of two middle layers (from the same pass:
they keep the wording, person and mood that the last layer's meaning vector smooths
over), its surface cues and its kind (heading, list item)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from claimcheck.detect.cues import HEALTH_CUE_NAMES, cue_vector
from claimcheck.encoder import ENCODER_VERSION, embed_with_layers
from claimcheck.paths import models_dir

KINDS = ("heading", "list_item")
CLASSIFIER_FILE = "classifier.json"
# hidden states (0: word embeddings, 6: the last layer) whose means join the features
LAYERS = (2, 4)


def default_detector_dir() -> Path:
    return models_dir() / "claim-detector"


def features(
    texts: Sequence[str],
    kinds: Sequence[str],
    encoded: tuple[np.ndarray, np.ndarray] | None = None,
    layers: tuple[int, ...] = LAYERS,
) -> np.ndarray:
    """The feature matrix; ``encoded`` is :func:`embed_with_layers`'s output for ``texts``
    and ``layers`` (computed here when not given)."""
    embeddings, layer_means = encoded or embed_with_layers(list(texts), layers)
    cues = np.array([cue_vector(t) for t in texts], dtype=np.float32).reshape(len(texts), -1)
    kind = np.array([[float(k == name) for name in KINDS] for k in kinds], dtype=np.float32)
    return np.hstack(
        [
            embeddings,
            cues,
            kind.reshape(len(texts), len(KINDS)),
            layer_means.reshape(len(texts), -1),
        ]
    )


def feature_names(layers: tuple[int, ...]) -> list[str]:
    return (
        ["embedding"] * 384
        + list(HEALTH_CUE_NAMES)
        + [f"kind={k}" for k in KINDS]
        + [f"layer{layer}" for layer in layers for _ in range(384)]
    )


@dataclass
class ClaimClassifier:
    coef: np.ndarray
    intercept: float
    threshold: float
    meta: dict = field(default_factory=dict)
    layers: tuple[int, ...] = LAYERS

    def probabilities(self, texts: Sequence[str], kinds: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros(0)
        return self.probabilities_from_features(features(texts, kinds, layers=self.layers))

    def probabilities_from_features(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(x @ self.coef + self.intercept)))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        payload = {
            "format": "claimcheck-claim-classifier-v2",
            "encoder": ENCODER_VERSION,
            "layers": list(self.layers),
            "features": feature_names(self.layers),
            "coef": [round(float(x), 6) for x in self.coef],
            "intercept": float(self.intercept),
            "threshold": float(self.threshold),
            **self.meta,
        }
        (directory / CLASSIFIER_FILE).write_text(json.dumps(payload) + "\n")

    @classmethod
    def load(cls, directory: Path) -> ClaimClassifier:
        payload = json.loads((directory / CLASSIFIER_FILE).read_text())
        meta = {
            k: v
            for k, v in payload.items()
            if k not in ("coef", "intercept", "threshold", "features", "layers")
        }
        return cls(
            np.array(payload["coef"], dtype=np.float32),
            payload["intercept"],
            payload["threshold"],
            meta,
            tuple(payload.get("layers", ())),  # a v1 file reads no layer states
        )


@lru_cache(maxsize=2)
def load_classifier(directory: str | None = None) -> ClaimClassifier:
    return ClaimClassifier.load(Path(directory) if directory else default_detector_dir())
