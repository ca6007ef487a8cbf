"""Stance-model throughput and accuracy per runtime, measured in one run.

torch fp32 is the baseline; ONNX Runtime fp32 and int8 (dynamic quantization) are
reported as speed ratios against it, with macro-F1 on the same pairs so the cost of
quantization is visible. Threads: the process's torch thread count (2 on our CPU hosts).

Usage: .venv/bin/python benchmarks/verifier_speed.py [--dataset indomain-test] [--pairs 600]
       [--verifier models/verifier] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch

from claimcheck.datasources import stance as stance_data
from claimcheck.metrics import classification_report
from claimcheck.stance_model import STANCE_LABELS, load_stance_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="indomain-test")
    parser.add_argument("--pairs", type=int, default=600)
    parser.add_argument("--verifier", default=None)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    pairs = stance_data.load(args.dataset)[: args.pairs]
    inputs = [(p.premise, p.hypothesis) for p in pairs]
    gold = [p.label for p in pairs]
    results = {"dataset": args.dataset, "pairs": len(pairs), "threads": torch.get_num_threads()}
    baseline = None
    for backend in ("torch", "onnx", "onnx-int8"):
        model = load_stance_model(args.verifier, None, "cpu", backend)
        model.predict(inputs[:64], args.batch_size)  # warm-up (and ONNX export on first use)
        started = time.perf_counter()
        probabilities = model.predict(inputs, args.batch_size)
        seconds = time.perf_counter() - started
        predicted = [STANCE_LABELS[i] for i in probabilities.argmax(axis=1)]
        report = classification_report(gold, predicted, STANCE_LABELS)
        rate = len(inputs) / seconds
        baseline = baseline or rate
        results[backend] = {
            "pairs_per_s": round(rate, 1),
            "speedup": round(rate / baseline, 2),
            "macro_f1": round(report["macro_f1"], 4),
            "accuracy": round(report["accuracy"], 4),
        }
        print(backend, results[backend], flush=True)
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
