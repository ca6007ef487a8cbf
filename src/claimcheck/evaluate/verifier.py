"""Stance model evaluation on a named dataset: macro-F1, per-class table, accuracy, ECE."""

from __future__ import annotations

import numpy as np

from claimcheck.datasources import stance as stance_data
from claimcheck.metrics import classification_report, expected_calibration_error
from claimcheck.stance_model import STANCE_LABELS, StanceModel

EVAL_DATASETS = {
    "healthver-test": "healthver-test",
    "healthver-val": "healthver-val",
    "scifact-dev": "scifact-dev",
    "scifact-dev-abstracts": "scifact-dev-abstracts",
    "covidfact-test": "covidfact-test",
    "indomain-test": "indomain-test",
    "nli4ct-dev": "nli4ct-dev",
}


def evaluate_stance(model: StanceModel, dataset: str, limit: int | None = None) -> dict:
    pairs = stance_data.load(EVAL_DATASETS.get(dataset, dataset))
    if limit:
        pairs = pairs[:limit]
    probabilities = model.predict([(p.premise, p.hypothesis) for p in pairs])
    gold = [p.label for p in pairs]
    labels = list(STANCE_LABELS)
    if not any(label == "neutral" for label in gold):
        # Two-class sets (COVID-Fact): a neutral prediction is decided by the larger of the
        # other two, as those sets' authors score it.
        probabilities = probabilities[:, :2] / probabilities[:, :2].sum(axis=1, keepdims=True)
        labels = labels[:2]
    predicted = [labels[i] for i in probabilities.argmax(axis=1)]
    report = classification_report(gold, predicted, labels)
    gold_index = np.array([labels.index(g) for g in gold])
    report["ece"] = expected_calibration_error(
        probabilities.max(axis=1), probabilities.argmax(axis=1) == gold_index
    )
    return {"dataset": dataset, "model": model.info.name, "version": model.info.version, **report}
