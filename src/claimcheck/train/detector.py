"""Train the claim-sentence classifier on our annotated articles and public sets.

Model selection (regularisation and how much the public, out-of-domain sets weigh) is on
the articles' dev split; the decision threshold maximises F1 over out-of-fold predictions
for train + dev. Test splits are only scored at the end.
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
from claimcheck.datasources.articles import load_articles
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
# each public training set and the grid setting that weighs it
PUBLIC_WEIGHT = {
    "clef2020-train": "tweets_weight",
    "cw-cure-train": "tweets_weight",
    "claimbuster-train": "claimbuster_weight",
}
FOLDS = 5
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


def _fit(sets: dict, x: np.ndarray, y: np.ndarray, setting: dict) -> LogisticRegression:
    """The articles' units (weighted IN_DOMAIN_WEIGHT) with the public sets at the
    setting's weights."""
    parts = [(x, y, IN_DOMAIN_WEIGHT)]
    parts += [(*sets[n], setting[key]) for n, key in PUBLIC_WEIGHT.items() if setting[key] > 0]
    model = LogisticRegression(C=setting["C"], max_iter=3000, class_weight="balanced")
    model.fit(
        np.vstack([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        sample_weight=np.concatenate([np.full(len(p[1]), p[2]) for p in parts]),
    )
    return model


def _out_of_fold_threshold(sets: dict, setting: dict) -> float:
    """The decision threshold that maximises F1 over out-of-fold predictions for all of
    train + dev (folds by article): the dev split alone is seven articles, too few to place
    a threshold steadily."""
    x = np.vstack([sets["articles-train"][0], sets["articles-dev"][0]])
    y = np.concatenate([sets["articles-train"][1], sets["articles-dev"][1]])
    groups = np.array(
        [a.id for split in ("train", "dev") for a in load_articles(split) for _ in a.units]
    )
    order = np.random.default_rng(0).permutation(np.unique(groups))
    fold_of = {article: k % FOLDS for k, article in enumerate(order)}
    folds = np.array([fold_of[g] for g in groups])
    out_of_fold = np.zeros(len(y))
    for k in range(FOLDS):
        model = _fit(sets, x[folds != k], y[folds != k], setting)
        out_of_fold[folds == k] = model.predict_proba(x[folds == k])[:, 1]
    return _best_threshold(out_of_fold, y)


def _best_threshold(probabilities: np.ndarray, gold: np.ndarray) -> float:
    candidates = np.linspace(0.2, 0.8, 25)
    return float(max(candidates, key=lambda t: _binary_f1(gold, probabilities >= t)["f1"]))


def train_detector(output: Path, progress: Callable[[str], None] = print) -> dict:
    started = time.time()
    cache: dict = {}
    sets = {n: _matrix(n, cache) for n in ("articles-train", "articles-dev", *PUBLIC_WEIGHT)}
    x_dev, y_dev = sets["articles-dev"]
    best: tuple[float, dict] | None = None
    for c, tweets, debates in itertools.product(*GRID.values()):
        setting = {"C": c, "tweets_weight": tweets, "claimbuster_weight": debates}
        model = _fit(sets, *sets["articles-train"], setting)
        probabilities = model.predict_proba(x_dev)[:, 1]
        threshold = _best_threshold(probabilities, y_dev)
        f1 = _binary_f1(y_dev, probabilities >= threshold)["f1"]
        progress(f"  {setting}: articles-dev F1 {f1:.4f} at threshold {threshold:.2f}")
        if best is None or f1 > best[0]:
            best = (f1, setting)
    assert best is not None
    _, setting = best
    model = _fit(sets, *sets["articles-train"], setting)
    threshold = _out_of_fold_threshold(sets, setting)
    progress(f"  threshold from out-of-fold predictions over train + dev: {threshold:.2f}")
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
        "threshold_from": f"out-of-fold predictions, {FOLDS} folds by article, train + dev",
        "report": report,
        "train_seconds": round(time.time() - started, 1),
    }
    classifier.save(output)
    (output / "metrics.json").write_text(json.dumps(classifier.meta, indent=2) + "\n")
    return classifier.meta
