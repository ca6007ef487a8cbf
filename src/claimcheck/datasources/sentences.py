"""Sentences labelled claim / not claim: public check-worthiness sets and our articles."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass

from claimcheck.datasources import require, shared_data_dir
from claimcheck.datasources.articles import load_articles

CW_CURE_TOPICS = ("alzheimers", "cancer", "depression", "diabetes")


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    text: str
    label: int  # 1: makes a checkable (health) claim
    source: str
    kind: str = "sentence"  # sentence | heading | list_item


def articles(split: str) -> list[LabelledSentence]:
    return [
        LabelledSentence(unit.text, int(unit.is_claim), "articles", unit.kind)
        for article in load_articles(split)
        for unit in article.units
    ]


def claimbuster(split: str) -> list[LabelledSentence]:
    rows = json.loads(require(shared_data_dir() / "claimbuster" / f"{split}.json").read_text())
    return [LabelledSentence(r["text"], int(r["label"]), "claimbuster") for r in rows]


def clef2020(split: str) -> list[LabelledSentence]:
    name = {"train": "training_v2.tsv", "dev": "dev_v2.tsv"}[split]
    path = require(shared_data_dir() / "clef2020-checkthat-task1-en" / name)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            LabelledSentence(r["tweet_text"], int(r["claim"]), "clef2020")
            for r in rows
            if r.get("claim", "").strip() in ("0", "1")
        ]


def cw_cure(split: str) -> list[LabelledSentence]:
    """CW-CURE tweets; the label is IsCureClaim (a claim that something cures or treats)."""
    root = shared_data_dir() / "cw-cure"
    out = []
    for topic in CW_CURE_TOPICS:
        if split == "train":
            with require(root / topic / "train.tsv").open(newline="", encoding="utf-8") as handle:
                for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                    out.append(
                        LabelledSentence(row["Tweet"], int(row["IsCureClaim"] == "True"), "cw-cure")
                    )
        else:
            sources = require(root / topic / "dev.source").read_text().splitlines()
            targets = require(root / topic / "dev.target").read_text().splitlines()
            for text, target in zip(sources, targets, strict=True):
                out.append(
                    LabelledSentence(
                        text, int(target.split("[SEP]")[0].strip() == "True"), "cw-cure"
                    )
                )
    return out


READERS = {
    "articles-train": lambda: articles("train"),
    "articles-dev": lambda: articles("dev"),
    "articles-test": lambda: articles("test"),
    "claimbuster-train": lambda: claimbuster("train"),
    "claimbuster-test": lambda: claimbuster("test"),
    "clef2020-train": lambda: clef2020("train"),
    "clef2020-dev": lambda: clef2020("dev"),
    "cw-cure-train": lambda: cw_cure("train"),
    "cw-cure-dev": lambda: cw_cure("dev"),
}


def load(name: str) -> list[LabelledSentence]:
    return READERS[name]()
