"""Read a UD treebank (CoNLL-U, plain or gzipped) into plain sentences."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class TreebankSentence:
    words: list[str] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)  # universal part of speech
    tags: list[str] = field(default_factory=list)  # Penn tags (XPOS)
    heads: list[int] = field(default_factory=list)  # 0 = root, words from 1
    relations: list[str] = field(default_factory=list)


def read_conllu(path: Path) -> list[TreebankSentence]:
    """Every sentence's words with their tags and tree; multiword-token lines and empty
    nodes (ids like "1-2" and "8.1") are skipped, as the words carry the tree."""
    sentences: list[TreebankSentence] = []
    current = TreebankSentence()
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            columns = line.rstrip("\n").split("\t")
            if len(columns) < 8:
                if current.words and not line.startswith("#"):
                    sentences.append(current)
                    current = TreebankSentence()
                continue
            if columns[0].isdigit():
                current.words.append(columns[1])
                current.upos.append(columns[3])
                current.tags.append(columns[4])
                current.heads.append(int(columns[6]))
                current.relations.append(columns[7])
    if current.words:
        sentences.append(current)
    return sentences
