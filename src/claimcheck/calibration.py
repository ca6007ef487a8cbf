"""Verdict confidence calibration: raw verdict strength -> probability the verdict is right.

One isotonic curve per decision path and label ("review:contradicted",
"findings:supported", "none:unverified", ...), fitted on held-out claims with known
verdicts (see :mod:`claimcheck.evaluate.verdicts`). Stored as plain JSON points and
applied by linear interpolation, so loading needs no pickles.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.isotonic import IsotonicRegression

from claimcheck.paths import models_dir

CALIBRATION_FILE = "verdict-calibration.json"
_MIN_SAMPLES = 15


@dataclass
class Calibrator:
    curves: dict[str, tuple[list[float], list[float]]] = field(default_factory=dict)
    threshold: float | None = None  # the confidence floor chosen for precision
    meta: dict = field(default_factory=dict)

    def __call__(self, key: str, raw: float) -> float | None:
        """Calibrated confidence, or None when no curve covers this key."""
        curve = self.curves.get(key) or self.curves.get(key.split(":")[-1])
        if curve is None:
            return None
        xs, ys = curve
        return float(np.interp(raw, xs, ys))

    def save(self, path: Path) -> None:
        payload = {
            "format": "claimcheck-verdict-calibration-v1",
            "threshold": self.threshold,
            "curves": {k: {"x": x, "y": y} for k, (x, y) in self.curves.items()},
            **self.meta,
        }
        path.write_text(json.dumps(payload, indent=1) + "\n")

    @classmethod
    def load(cls, path: Path) -> Calibrator:
        payload = json.loads(path.read_text())
        curves = {k: (v["x"], v["y"]) for k, v in payload.pop("curves").items()}
        threshold = payload.pop("threshold", None)
        return cls(curves, threshold, payload)


def fit_calibrator(samples: list[tuple[str, float, bool]]) -> Calibrator:
    """Isotonic curves from (path:label key, raw strength, verdict was right) samples.

    Keys with too few samples fall back to a curve pooled over their label."""
    by_key: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for key, raw, correct in samples:
        by_key[key].append((raw, correct))
        by_key[key.split(":")[-1]].append((raw, correct))
    curves = {}
    for key, points in by_key.items():
        if len(points) < _MIN_SAMPLES:
            continue
        x = np.array([p[0] for p in points])
        y = np.array([float(p[1]) for p in points])
        model = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(x, y)
        curves[key] = (
            [round(float(v), 5) for v in model.X_thresholds_],
            [round(float(v), 5) for v in model.y_thresholds_],
        )
    return Calibrator(curves)


@lru_cache(maxsize=2)
def load_calibrator(directory: str | None = None) -> Calibrator | None:
    path = Path(directory or models_dir() / "verifier") / CALIBRATION_FILE
    return Calibrator.load(path) if path.exists() else None
