"""The stance model: our artifact, and any local Hugging Face NLI checkpoint with label mapping."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from claimcheck.stance_model import (
    STANCE_LABELS,
    StanceModelError,
    build_base_classifier,
    load_stance_model,
    parse_label_map,
    save_artifact,
)

PAIRS = [
    (
        "In a survey of 293 regular users, most became dependent on kratom.",
        "Kratom does not cause dependence.",
    ),
    (
        "Mitragynine is a partial agonist of the mu-opioid receptor.",
        "Mitragynine acts on opioid receptors.",
    ),
    (
        "Vitamin D supplements did not reduce cancer rates in a large trial.",
        "Kratom helps people sleep.",
    ),
]


@pytest.fixture(scope="module")
def artifact(tmp_path_factory: pytest.TempPathFactory) -> Path:
    torch.manual_seed(0)
    model = build_base_classifier()
    directory = tmp_path_factory.mktemp("artifact")
    save_artifact(model, directory, name="test", version="0", max_length=64)
    return directory


def test_artifact_is_small_and_round_trips(artifact: Path) -> None:
    size_mb = sum(p.stat().st_size for p in artifact.iterdir()) / 1e6
    assert size_mb < 25
    model = load_stance_model(str(artifact))
    probabilities = model.predict(PAIRS)
    assert probabilities.shape == (3, 3)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)


def test_hugging_face_checkpoint_with_its_own_label_order(artifact: Path, tmp_path: Path) -> None:
    ours = load_stance_model(str(artifact))
    # Re-export the same weights as a plain HF checkpoint whose labels are in NLI order.
    order = ["contradiction", "entailment", "neutral"]
    permutation = [STANCE_LABELS.index(s) for s in ("contradicts", "supports", "neutral")]
    hf = ours.model
    hf.classifier.weight.data = hf.classifier.weight.data[permutation].clone()
    hf.classifier.bias.data = hf.classifier.bias.data[permutation].clone()
    hf.config.id2label = dict(enumerate(order))
    hf.config.label2id = {label: i for i, label in enumerate(order)}
    hf.save_pretrained(tmp_path)
    ours.tokenizer.save_pretrained(tmp_path)
    load_stance_model.cache_clear()
    external = load_stance_model(str(tmp_path))
    reference = load_stance_model(str(artifact))
    np.testing.assert_allclose(external.predict(PAIRS), reference.predict(PAIRS), atol=1e-4)


def test_explicit_label_map_for_unusual_names(artifact: Path, tmp_path: Path) -> None:
    model = load_stance_model(str(artifact)).model
    model.config.id2label = {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"}
    model.save_pretrained(tmp_path)
    load_stance_model(str(artifact)).tokenizer.save_pretrained(tmp_path)
    with pytest.raises(StanceModelError, match="--verifier-labels"):
        load_stance_model(str(tmp_path))
    mapped = load_stance_model(
        str(tmp_path), "label_0=supports,label_1=contradicts,label_2=neutral"
    )
    assert mapped.predict(PAIRS).shape == (3, 3)


def test_bad_label_map_and_missing_directory(tmp_path: Path) -> None:
    with pytest.raises(StanceModelError, match="target must be one of"):
        parse_label_map("entailment=yes")
    with pytest.raises(StanceModelError, match="not found"):
        load_stance_model(str(tmp_path / "nope"))
