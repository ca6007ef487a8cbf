"""Cost of the stand-in reparse (detect/reparse.py) on top of parsing.

Parses every sentence unit of the annotated articles (all splits) with the parser alone
(baseline), then parses them and applies ``repaired_parse``, in the same run, and reports
seconds, the ratio, and how many sentences were parsed again.

Usage: .venv/bin/python benchmarks/reparse.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

from claimcheck.datasources.articles import load_articles
from claimcheck.detect import load_parser
from claimcheck.detect.reparse import repaired_parse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    nlp = load_parser()
    sentences = [
        unit.text
        for article in load_articles()
        for unit in article.units
        if unit.kind == "sentence"
    ]
    list(nlp.pipe(sentences[:50]))  # warm up
    baseline: list[float] = []
    repaired: list[float] = []
    changed = 0
    for repeat in range(args.repeats):
        # alternate the order so that neither side always runs on warmer caches
        for side in ("baseline", "repaired") if repeat % 2 == 0 else ("repaired", "baseline"):
            started = time.perf_counter()
            docs = list(nlp.pipe(sentences))
            if side == "repaired":
                fixed = [repaired_parse(doc, nlp) for doc in docs]
                changed = sum(a is not b for a, b in zip(docs, fixed, strict=True))
                repaired.append(time.perf_counter() - started)
            else:
                baseline.append(time.perf_counter() - started)
    base, with_repair = statistics.median(baseline), statistics.median(repaired)
    print(f"sentences: {len(sentences)}, parsed again: {changed}")
    print(f"parse only (baseline): {base:.2f} s ({len(sentences) / base:.0f} sentences/s)")
    print(f"parse + reparse:       {with_repair:.2f} s ({with_repair / base:.2f}x baseline)")


if __name__ == "__main__":
    main()
