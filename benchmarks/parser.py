"""Cost of the MiniLM dependency parser against the spaCy CNN parser it replaced.

Parses every sentence unit of the annotated articles (all splits) with our spaCy pipeline
and its own CNN parser (baseline), then with the MiniLM parser giving the trees; both
also with the detector's whole parse path (verb tagger + stand-in reparse), in the same
run; and the verb tagger after the MiniLM parse with the encoder's states cache emptied
(baseline) and as the detector runs it, reading the states the parser left. Reports
median seconds of ``--repeats`` runs and the ratios to the baseline.

Usage: .venv/bin/python benchmarks/parser.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

from claimcheck.datasources.articles import load_articles
from claimcheck.detect import PARSE_CHUNK, load_parser
from claimcheck.detect.reparse import repaired_parse
from claimcheck.detect.verb_tagger import load_verb_tagger
from claimcheck.encoder import forget_word_states


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    units = [unit for article in load_articles() for unit in article.units]
    sentences = [unit.text for unit in units if unit.kind == "sentence"]
    pipelines = {"cnn": load_parser(minilm_trees=False), "minilm": load_parser()}
    tagger = load_verb_tagger()
    for nlp in pipelines.values():
        tagger.tag(list(nlp.pipe(sentences[:50])))  # warm up
    sides = [(trees, path) for trees in pipelines for path in ("parse", "detector path")]
    seconds: dict[tuple[str, str], list[float]] = {side: [] for side in sides}
    for repeat in range(args.repeats):
        # rotate the order so that no side always runs on warmer caches
        shift = repeat % len(sides)
        for trees, path in sides[shift:] + sides[:shift]:
            nlp = pipelines[trees]
            forget_word_states()  # no side reads states another side left in the cache
            started = time.perf_counter()
            docs = list(nlp.pipe(sentences))
            if path == "detector path":
                tags = tagger.tag(docs)
                [repaired_parse(d, nlp, tags=t) for d, t in zip(docs, tags, strict=True)]
            seconds[(trees, path)].append(time.perf_counter() - started)
    # the verb tagger reads the states the MiniLM parser has just computed (encoder cache),
    # a chunk at a time as the detector runs them
    nlp = pipelines["minilm"]
    shared, cold = [], []
    for _ in range(args.repeats):
        forget_word_states()
        docs = list(nlp.pipe(sentences[:PARSE_CHUNK]))
        started = time.perf_counter()
        tagger.tag(docs)
        shared.append(time.perf_counter() - started)
        forget_word_states()
        started = time.perf_counter()
        tagger.tag(docs)
        cold.append(time.perf_counter() - started)
    print(f"sentences: {len(sentences)}")
    for path in ("parse", "detector path"):
        base = statistics.median(seconds[("cnn", path)])
        mini = statistics.median(seconds[("minilm", path)])
        print(
            f"{path}: CNN trees (baseline) {base:.2f} s, MiniLM trees {mini:.2f} s "
            f"({mini / base:.2f}x)"
        )
    cold_s, shared_s = statistics.median(cold), statistics.median(shared)
    print(
        f"verb tagger on {PARSE_CHUNK} sentences after the MiniLM parse: cold encoder "
        f"(baseline) {cold_s:.2f} s, "
        f"states shared with the parser {shared_s:.2f} s ({shared_s / cold_s:.2f}x)"
    )


if __name__ == "__main__":
    main()
