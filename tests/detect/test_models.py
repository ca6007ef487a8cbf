"""Saving and loading the detector's small models (real classes, tiny weights)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from claimcheck.detect.attributes import LinearAttribute, RuleStrength, RuleType
from claimcheck.detect.classifier import LAYERS, ClaimClassifier, features


def test_classifier_round_trip(tmp_path: Path) -> None:
    encoded = (np.zeros((1, 384), np.float32), np.zeros((1, len(LAYERS), 384), np.float32))
    width = features(["x"], ["sentence"], encoded).shape[1]
    rng = np.random.default_rng(0)
    classifier = ClaimClassifier(rng.normal(size=width).astype(np.float32), -0.2, 0.4, {"a": 1})
    classifier.save(tmp_path)
    loaded = ClaimClassifier.load(tmp_path)
    x = rng.normal(size=(3, width)).astype(np.float32)
    assert np.allclose(
        loaded.probabilities_from_features(x), classifier.probabilities_from_features(x), atol=1e-4
    )
    assert loaded.threshold == 0.4 and loaded.meta["a"] == 1
    assert loaded.layers == LAYERS


def test_classifier_features_read_the_layers_it_was_trained_on() -> None:
    texts, kinds = ["Kratom promotes sleep.", "Subscribe now"], ["sentence", "sentence"]
    with_layers = features(texts, kinds)
    without = features(texts, kinds, layers=())
    assert with_layers.shape[1] == without.shape[1] + 384 * len(LAYERS)
    assert np.allclose(with_layers[:, : without.shape[1]], without, atol=1e-5)


def test_linear_attribute_round_trip(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    model = LinearAttribute(
        rng.normal(size=(3, 10)).astype(np.float32),
        np.zeros(3, dtype=np.float32),
        ("none", "correlational", "direct_causal"),
        "span",
    )
    model.save(tmp_path / "m.json")
    loaded = LinearAttribute.load(tmp_path / "m.json")
    x = rng.normal(size=(4, 10)).astype(np.float32)
    assert loaded.predict_features(x) == model.predict_features(x)
    assert loaded.reads == "span"


def test_rule_models_return_one_label_per_claim() -> None:
    texts = ["Kratom may help sleep.", "Statins lower LDL by 30 percent."]
    assert RuleStrength().predict(texts, texts) == ["conditional_causal", "direct_causal"]
    assert RuleType().predict(texts, texts) == ["efficacy", "statistic"]
