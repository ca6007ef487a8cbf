"""Cost of the claim classifier's middle-layer features.

Computes the classifier's features for every unit of the annotated articles (all splits)
as before the layer means (the sentence-transformers embedding and the cues: baseline)
and as now (embedding and the mean states of the classifier's layers from one pass of the
encoder with all hidden states), in the same run, order alternated, and reports seconds
and the ratio.

Usage: .venv/bin/python benchmarks/classifier.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from claimcheck.datasources.articles import load_articles
from claimcheck.detect.classifier import LAYERS, features
from claimcheck.encoder import embed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    units = [unit for article in load_articles() for unit in article.units]
    texts, kinds = [u.text for u in units], [u.kind for u in units]
    features(texts[:64], kinds[:64])  # warm up: load the encoder
    no_layers = np.zeros((len(texts), 0, 384), dtype=np.float32)
    seconds: dict[str, list[float]] = {"baseline": [], "layers": []}
    for repeat in range(args.repeats):
        sides = list(seconds) if repeat % 2 == 0 else list(seconds)[::-1]
        for side in sides:
            started = time.perf_counter()
            if side == "baseline":
                features(texts, kinds, (embed(texts), no_layers), layers=())
            else:
                features(texts, kinds)
            seconds[side].append(time.perf_counter() - started)
    base = statistics.median(seconds["baseline"])
    with_layers = statistics.median(seconds["layers"])
    print(f"units: {len(texts)}")
    print(f"embedding and cues only (baseline): {base:.2f} s ({len(texts) / base:.0f} units/s)")
    print(f"+ layers {LAYERS}: {with_layers:.2f} s ({with_layers / base:.2f}x baseline)")


if __name__ == "__main__":
    main()
