"""Scan latency and memory on the canonical article.

Measures, in one run:
- cold start: a fresh `claimcheck scan ARTICLE --format json` process, start to report,
  against a baseline process that only starts Python and imports the pipeline module;
- warm latency: the same article through an already-loaded pipeline, repeated, with the
  time spent per stage;
- peak memory (max RSS) of the cold-start process;
- the verify stage's stance-model work: the pairs it reads now (findings only) against the
  earlier design that also ran it on every claim review (baseline), timed on the same claims.

Usage: .venv/bin/python benchmarks/scan.py [--repeats 5] [--article PATH] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CLI = REPO / ".venv" / "bin" / "claimcheck"


def _timed_process(args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    elapsed = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak_kb, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--article", type=Path, default=REPO / "examples" / "kratom-sleep-article.txt"
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    import_only, _ = _timed_process([sys.executable, "-c", "import claimcheck.pipeline"])
    cold, cold_rss = _timed_process([str(CLI), "scan", str(args.article), "--format", "json"])

    from claimcheck.pipeline import Pipeline

    started = time.perf_counter()
    pipeline = Pipeline()
    load_seconds = time.perf_counter() - started
    pipeline.scan(str(args.article))  # first pass warms caches (tokenizers, index pages)
    pipeline.timings.clear()
    latencies = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        doc = pipeline.scan(str(args.article))
        latencies.append(time.perf_counter() - started)
    warm = statistics.median(latencies)
    stages = {k: round(v / args.repeats, 3) for k, v in pipeline.timings.items()}
    figures = {
        "article": str(
            args.article.relative_to(REPO) if args.article.is_relative_to(REPO) else args.article
        ),
        "claims": len(doc.claims),
        "cold_start_s": round(cold, 2),
        "baseline_import_only_s": round(import_only, 2),
        "cold_over_import_only": round(cold / import_only, 2),
        "pipeline_load_s": round(load_seconds, 2),
        "warm_median_s": round(warm, 3),
        "warm_runs_s": [round(x, 3) for x in latencies],
        "cold_over_warm": round(cold / warm, 1),
        "warm_seconds_per_stage": stages,
        "cold_peak_rss_mb": round(cold_rss),
    }
    figures["stance_pairs"] = _stance_pairs(pipeline, doc)
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


def _stance_pairs(pipeline, doc) -> dict:
    """Stance-model pairs and seconds: findings only (now) vs every record (baseline)."""
    everything = [(ev.text, c.text) for c in doc.claims for ev in c.evidence]
    findings = [(ev.text, c.text) for c in doc.claims for ev in c.evidence if ev.kind == "finding"]
    model = pipeline.verifier.model
    seconds = {}
    for name, pairs in (("all_records", everything), ("findings_only", findings)):
        started = time.perf_counter()
        model.predict(pairs)
        seconds[name] = time.perf_counter() - started
    return {
        "all_records": len(everything),
        "findings_only": len(findings),
        "all_records_s": round(seconds["all_records"], 3),
        "findings_only_s": round(seconds["findings_only"], 3),
        "speedup": round(seconds["all_records"] / max(seconds["findings_only"], 1e-9), 2),
    }


if __name__ == "__main__":
    main()
