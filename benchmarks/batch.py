"""Batch throughput: documents/s of ``claimcheck batch`` against a naive loop, in one run.

On the same N scraped pages (the team's articles in page boilerplate, syndicated copies,
exact mirrors and junk pages; see tests/batch/fixtures.py), measures:
- naive baseline: one pipeline calling ``scan`` once per page (no batching, no verdict
  cache, no deduplication), in this process;
- ``claimcheck batch --workers 1`` and ``--workers 2`` (local engine, real processes);
- ``claimcheck batch --engine ray`` on a local Ray instance;
each with documents/s, the ratio to the naive baseline, the verdict-cache hit rate and
the peak memory (max RSS) of each worker process. Every figure is end to end: model
loading is inside the time of each run, the baseline's included.

Usage: .venv/bin/python benchmarks/batch.py [--pages 1000] [--max-blocks N] [--articles N]
       [--chunk-size 8] [--ray-workers 2] [--skip-ray] [--skip-naive] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CLI = REPO / ".venv" / "bin" / "claimcheck"
sys.path.insert(0, str(REPO))

from tests.batch.fixtures import build_pages, write_jsonl  # noqa: E402


def naive(pages: list, directory: Path) -> dict:
    """One pipeline, ``scan`` per page: what a team would write without ``batch``."""
    from claimcheck.pipeline import Pipeline
    from claimcheck.render import document_record

    files = []
    for n, page in enumerate(pages):
        path = directory / f"{n:05d}.html"
        path.write_text(page.html or page.text or "", encoding="utf-8")
        files.append(path)
    started = time.perf_counter()  # model loading counts, as it does for the batch runs
    pipeline = Pipeline()
    claims = 0
    for path in files:
        doc = pipeline.scan(str(path))
        claims += len(document_record(doc, pipeline.models, pipeline.corpus_info)["claims"])
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 1),
        "documents_per_s": round(len(files) / seconds, 4),
        "claims": claims,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def batch(source: Path, output: Path, *args: str) -> dict:
    """A ``claimcheck batch`` process, timed end to end (start-up and model loading in)."""
    started = time.perf_counter()
    subprocess.run(
        [str(CLI), "batch", str(source), "--output", str(output), "--quiet", *args],
        check=True,
    )
    wall = time.perf_counter() - started
    summary = json.loads((output / "summary.json").read_text())
    return {
        "wall_seconds": round(wall, 1),
        "documents_per_s": round(summary["totals"]["documents"] / wall, 4),
        "claims": summary["totals"]["claims"],
        "cache_hit_rate": summary["cache_hit_rate"],
        "verified_afresh": summary["this_run"]["verified"],
        "duplicates": summary["totals"]["duplicates"],
        "peak_rss_mb_per_worker": summary["peak_rss_mb_per_worker"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument(
        "--max-blocks", type=int, default=None, help="shorten pages to N paragraphs"
    )
    parser.add_argument(
        "--articles", type=int, default=None, help="draw pages from the first N articles only"
    )
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=8,
        help="documents per chunk: small enough that every worker gets work",
    )
    parser.add_argument("--ray-workers", type=int, default=2)
    parser.add_argument("--skip-ray", action="store_true")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    pages = build_pages(args.pages, max_blocks=args.max_blocks, articles=args.articles)
    work = Path(tempfile.mkdtemp(prefix="claimcheck-bench-"))
    try:
        source = write_jsonl(work / "pages.jsonl.zst", pages)
        figures: dict = {
            "pages": len(pages),
            "max_blocks": args.max_blocks,
            "articles": args.articles,
            "chunk_size": args.chunk_size,
        }
        sizes = ("--chunk-size", str(args.chunk_size), "--batch-size", str(args.chunk_size))
        runs = [("workers_1", ("--workers", "1")), ("workers_2", ("--workers", "2"))]
        if not args.skip_ray:
            runs.append(("ray", ("--engine", "ray", "--workers", str(args.ray_workers))))
        for name, extra in runs:
            figures[name] = batch(source, work / name, *extra, *sizes)
            print(name, figures[name], flush=True)
        if not args.skip_naive:
            (work / "naive").mkdir()
            figures["naive"] = naive(pages, work / "naive")
            print("naive", figures["naive"], flush=True)
            for name, _ in runs:
                figures[name]["speedup_vs_naive"] = round(
                    figures[name]["documents_per_s"] / figures["naive"]["documents_per_s"], 2
                )
        print(json.dumps(figures, indent=2))
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
