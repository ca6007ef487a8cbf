"""Cost of the stand-in reparse (detect/reparse.py) on top of parsing.

Parses every sentence unit of the annotated articles (all splits) with the parser alone
(baseline); then parses them and applies ``repaired_parse`` with the lexicon rules only;
then with the verb tagger's tags too (the detector's path: one MiniLM pass over the
sentences), in the same run, and reports seconds, the ratios, and how many sentences were
parsed again.

Usage: .venv/bin/python benchmarks/reparse.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

from claimcheck.datasources.articles import load_articles
from claimcheck.detect import load_parser
from claimcheck.detect.reparse import repaired_parse
from claimcheck.detect.verb_tagger import load_verb_tagger
from claimcheck.encoder import forget_word_states


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
    tagger = load_verb_tagger()
    list(nlp.pipe(sentences[:50]))  # warm up
    tagger.tag(list(nlp.pipe(sentences[:50])))
    seconds: dict[str, list[float]] = {"baseline": [], "lexicon": [], "tagger": []}
    changed = {"lexicon": 0, "tagger": 0}
    sides = list(seconds)
    for repeat in range(args.repeats):
        # rotate the order so that no side always runs on warmer caches
        for side in sides[repeat % 3 :] + sides[: repeat % 3]:
            forget_word_states()  # no side reads states another side left in the cache
            started = time.perf_counter()
            docs = list(nlp.pipe(sentences))
            if side != "baseline":
                tags = tagger.tag(docs) if side == "tagger" else [None] * len(docs)
                fixed = [repaired_parse(d, nlp, tags=t) for d, t in zip(docs, tags, strict=True)]
                changed[side] = sum(a is not b for a, b in zip(docs, fixed, strict=True))
            seconds[side].append(time.perf_counter() - started)
    base = statistics.median(seconds["baseline"])
    print(f"sentences: {len(sentences)}")
    print(f"parse only (baseline): {base:.2f} s ({len(sentences) / base:.0f} sentences/s)")
    for side, label in (
        ("lexicon", "parse + reparse (lexicon)"),
        ("tagger", "parse + tagger + reparse"),
    ):
        median = statistics.median(seconds[side])
        print(
            f"{label}: {median:.2f} s ({median / base:.2f}x baseline), "
            f"parsed again: {changed[side]}"
        )


if __name__ == "__main__":
    main()
