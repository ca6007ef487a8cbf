"""Build the verb lexicon the parse repairs consult (models/parser/verb_lemmas.tsv).

Every lemma that UD English-EWT's training split tags as a verb, with how often it is a
verb and how often a noun there: "numb" (a verb) lets "Clove oil numbs tooth pain" be
repaired, "worker" (never a verb) keeps "farm workers" a noun phrase.

    python -m claimcheck.train.verb_lexicon \\
        ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu.gz models/parser/verb_lemmas.tsv
"""

from __future__ import annotations

import gzip
import sys
from collections import Counter
from pathlib import Path


def count_lemmas(conllu: Path) -> tuple[Counter[str], Counter[str]]:
    verbs: Counter[str] = Counter()
    nouns: Counter[str] = Counter()
    opener = gzip.open if conllu.suffix == ".gz" else open
    with opener(conllu, "rt", encoding="utf-8") as lines:
        for line in lines:
            columns = line.split("\t")
            if len(columns) < 4 or not columns[0].isdigit():
                continue  # comments, multiword tokens ("3-4") and empty nodes ("3.1")
            lemma, upos = columns[2].lower(), columns[3]
            if upos == "VERB":
                verbs[lemma] += 1
            elif upos == "NOUN":
                nouns[lemma] += 1
    return verbs, nouns


def write_lexicon(conllu: Path, output: Path) -> int:
    verbs, nouns = count_lemmas(conllu)
    rows = [f"{lemma}\t{count}\t{nouns[lemma]}" for lemma, count in sorted(verbs.items())]
    output.write_text("lemma\tverb\tnoun\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m claimcheck.train.verb_lexicon TRAIN.conllu[.gz] OUTPUT.tsv")
    count = write_lexicon(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{count} verb lemmas -> {sys.argv[2]}")
