"""General NLI pairs (SNLI, FEVER, ANLI, SICK, Curriculum) mapped onto the three stances.

Used as the first training stage of the stance model: entailment is "supports",
contradiction "contradicts", neutral "neutral".
"""

from __future__ import annotations

import csv
import json
import re
import zipfile

from claimcheck.datasources import require, shared_data_dir
from claimcheck.datasources.stance_types import Pair

_NLI_LABELS = {
    "entailment": "supports",
    "e": "supports",
    "entailed": "supports",
    "contradiction": "contradicts",
    "c": "contradicts",
    "neutral": "neutral",
    "n": "neutral",
}


def _detok(text: str) -> str:
    """Undo PTB-style tokenisation (SNLI, FEVER)."""
    for token, char in (
        ("-LRB-", "("),
        ("-RRB-", ")"),
        ("-LSB-", "["),
        ("-RSB-", "]"),
        ("-COLON-", ":"),
        ("``", '"'),
        ("''", '"'),
    ):
        text = text.replace(token, char)
    text = re.sub(r"\s+([.,;:!?)\]'])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"\s+(n't|'s|'re|'ve|'ll|'d)\b", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def snli() -> list[Pair]:
    root = require(shared_data_dir() / "nli" / "snli-via-esnli")
    pairs = []
    for split in ("dev", "test"):
        s1 = (root / f"s1.{split}").read_text().splitlines()
        s2 = (root / f"s2.{split}").read_text().splitlines()
        labels = (root / f"labels.{split}").read_text().splitlines()
        for premise, hypothesis, label in zip(s1, s2, labels, strict=True):
            if label.strip() in _NLI_LABELS:
                pairs.append(
                    Pair(_detok(premise), _detok(hypothesis), _NLI_LABELS[label.strip()], "snli")
                )
    return pairs


def fever() -> list[Pair]:
    root = require(shared_data_dir() / "nli" / "fever-rte-via-covidfact")
    premises = (root / "dev.raw.input0").read_text().splitlines()
    claims = (root / "dev.raw.input1").read_text().splitlines()
    labels = (root / "dev.label").read_text().splitlines()
    mapping = {"entailment": "supports", "not_entailment": "contradicts"}  # NEI was removed
    return [
        Pair(_detok(p), _detok(c), mapping[label.strip()], "fever")
        for p, c, label in zip(premises, claims, labels, strict=True)
    ]


def anli() -> list[Pair]:
    root = require(shared_data_dir() / "nli" / "anli-v1.0")
    pairs = []
    for path in sorted(root.glob("R*/*.jsonl")):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            pairs.append(Pair(row["context"], row["hypothesis"], _NLI_LABELS[row["label"]], "anli"))
    return pairs


def sick() -> list[Pair]:
    path = require(shared_data_dir() / "nli" / "sick" / "SICK.txt")
    with path.open(newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return [
            Pair(
                r["sentence_A"], r["sentence_B"], _NLI_LABELS[r["entailment_label"].lower()], "sick"
            )
            for r in rows
        ]


_CURRICULUM_THREE_WAY = (
    "negation",
    "quantifier",
    "comparative",
    "conditional",
    "counting",
    "boolean",
    "control",
)


def curriculum() -> list[Pair]:
    root = require(shared_data_dir() / "nli" / "curriculum")
    pairs = []
    for task in _CURRICULUM_THREE_WAY:
        with zipfile.ZipFile(root / f"{task}.zip") as archive:
            name = next(
                n
                for n in archive.namelist()
                if n.endswith(f"{task}/train.jsonl") and "__MACOSX" not in n
            )
            for line in archive.read(name).decode().splitlines():
                row = json.loads(line)
                label = _NLI_LABELS.get(str(row.get("gold_label", "")).lower())
                if label:
                    pairs.append(
                        Pair(row["premise"], row["hypothesis"], label, f"curriculum-{task}")
                    )
    return pairs
