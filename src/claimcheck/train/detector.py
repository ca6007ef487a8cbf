"""Train the claim-sentence classifier on our annotated articles and public sets.

Model selection (regularisation and how much the public, out-of-domain sets weigh) is on
the articles' dev split; the decision threshold maximises dev F1. Test splits are only
scored at the end.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from claimcheck.datasources import sentences as sentence_data
from claimcheck.detect.classifier import LAYERS, ClaimClassifier, features
from claimcheck.encoder import embed_with_layers
from claimcheck.metrics import classification_report
from claimcheck.paths import cache_dir

IN_DOMAIN_WEIGHT = 4.0
GRID = {
    "C": (0.3, 1.0, 3.0),
    "tweets_weight": (0.3, 1.0),  # CW-CURE and CLEF CheckThat! 2020
    "claimbuster_weight": (0.0, 0.2),
}
REPORT_SETS = ("articles-dev", "articles-test", "clef2020-dev", "cw-cure-dev")


def _matrix(name: str, cache: dict) -> tuple[np.ndarray, np.ndarray]:
    if name not in cache:
        rows = sentence_data.load(name)
        texts = [r.text for r in rows]
        x = features(texts, [r.kind for r in rows], cached_encoding(texts, LAYERS))
        cache[name] = (x, np.array([r.label for r in rows]))
    return cache[name]


def cached_encoding(texts: list[str], layers: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`embed_with_layers` output, kept on disk by content (the public sets never
    change)."""
    key = hashlib.sha256(f"{layers}\n".encode() + "\n".join(texts).encode()).hexdigest()[:20]
    path = cache_dir() / "embeddings" / f"{key}.npz"
    if path.exists():
        stored = np.load(path)
        return stored["embeddings"], stored["layer_means"]
    embeddings, layer_means = embed_with_layers(texts, layers)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, embeddings=embeddings, layer_means=layer_means)
    return embeddings, layer_means


def cached_embeddings(texts: list[str]) -> np.ndarray:
    return cached_encoding(texts, ())[0]


def _binary_f1(gold: np.ndarray, predicted: np.ndarray) -> dict:
    report = classification_report(
        [str(int(g)) for g in gold], [str(int(p)) for p in predicted], ["1"]
    )
    claim = report["per_class"]["1"]
    return {
        "precision": claim["precision"],
        "recall": claim["recall"],
        "f1": claim["f1"],
        "n": len(gold),
    }


def _best_threshold(probabilities: np.ndarray, gold: np.ndarray) -> float:
    candidates = np.linspace(0.2, 0.8, 25)
    return float(max(candidates, key=lambda t: _binary_f1(gold, probabilities >= t)["f1"]))


def train_detector(output: Path, progress: Callable[[str], None] = print) -> dict:
    started = time.time()
    cache: dict = {}
    sets = {
        n: _matrix(n, cache)
        for n in (
            "articles-train",
            "articles-dev",
            "clef2020-train",
            "cw-cure-train",
            "claimbuster-train",
        )
    }
    x_dev, y_dev = sets["articles-dev"]
    best: tuple[float, dict, LogisticRegression, float] | None = None
    for c, tweets, debates in itertools.product(*GRID.values()):
        parts = [
            ("articles-train", IN_DOMAIN_WEIGHT),
            ("clef2020-train", tweets),
            ("cw-cure-train", tweets),
            ("claimbuster-train", debates),
        ]
        x = np.vstack([sets[n][0] for n, w in parts if w > 0])
        y = np.concatenate([sets[n][1] for n, w in parts if w > 0])
        weights = np.concatenate([np.full(len(sets[n][1]), w) for n, w in parts if w > 0])
        model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        model.fit(x, y, sample_weight=weights)
        probabilities = model.predict_proba(x_dev)[:, 1]
        threshold = _best_threshold(probabilities, y_dev)
        f1 = _binary_f1(y_dev, probabilities >= threshold)["f1"]
        setting = {"C": c, "tweets_weight": tweets, "claimbuster_weight": debates}
        progress(f"  {setting}: articles-dev F1 {f1:.4f} at threshold {threshold:.2f}")
        if best is None or f1 > best[0]:
            best = (f1, setting, model, threshold)
    assert best is not None
    _, setting, model, threshold = best
    classifier = ClaimClassifier(
        model.coef_[0].astype(np.float32), float(model.intercept_[0]), threshold
    )
    report = {}
    for name in REPORT_SETS:
        x, y = _matrix(name, cache)
        report[name] = _binary_f1(y, classifier.probabilities_from_features(x) >= threshold)
    classifier.meta = {
        "selected": setting,
        "in_domain_weight": IN_DOMAIN_WEIGHT,
        "report": report,
        "train_seconds": round(time.time() - started, 1),
    }
    classifier.save(output)
    (output / "metrics.json").write_text(json.dumps(classifier.meta, indent=2) + "\n")
    return classifier.meta
