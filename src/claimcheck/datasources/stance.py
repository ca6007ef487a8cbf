"""Claim-evidence pairs with a stance label, from the public sets and our in-domain pairs.

Every reader returns :class:`Pair` lists with labels mapped onto our three stances.
``premise`` is the evidence, ``hypothesis`` the claim.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import yaml

from claimcheck.datasources import nli, project_data_dir, require, shared_data_dir
from claimcheck.datasources.stance_types import Pair

STANCES = ("supports", "contradicts", "neutral")
__all__ = ["READERS", "STANCES", "Pair", "label_counts", "load"]
_CITATION_MARK = re.compile(r"\s*\[<\|[a-z_]+\|>\]")


def _stable_fraction(key: str) -> float:
    digest = hashlib.sha256(key.encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def healthver(split: str) -> list[Pair]:
    """HealthVer ``test``, or its dev file divided by claim into ``train`` (85%) and ``val``."""
    name = "healthver_test.csv" if split == "test" else "healthver_dev.csv"
    path = require(shared_data_dir() / "healthver" / name)
    mapping = {"Supports": "supports", "Refutes": "contradicts", "Neutral": "neutral"}
    pairs = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            claim = row["claim"].strip()
            if split != "test":
                in_val = _stable_fraction("healthver:" + claim) < 0.15
                if in_val != (split == "val"):
                    continue
            pairs.append(
                Pair(
                    row["evidence"].strip(),
                    claim,
                    mapping[row["label"].strip()],
                    "healthver",
                    group=claim,
                )
            )
    return pairs


def _abstracts(path: Path) -> dict[int, list[str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return {int(row["doc_id"]): row["abstract"] for row in map(json.loads, handle)}


def _overlap_ranked(claim: str, sentences: list[str], exclude: set[int]) -> list[int]:
    words = set(re.findall(r"[a-z0-9]+", claim.lower()))
    scored = [
        (len(words & set(re.findall(r"[a-z0-9]+", s.lower()))), -i, i)
        for i, s in enumerate(sentences)
        if i not in exclude
    ]
    return [i for _, _, i in sorted(scored, reverse=True)]


def multivers_pairs(
    claims_path: Path,
    corpus_path: Path,
    source: str,
    negatives: int = 1,
    nei_sentences: int = 2,
) -> list[Pair]:
    """SciFact-format claims as pairs.

    Rationale sentences give supports/contradicts. Neutral pairs are retrieved negatives:
    for a claim without evidence (NEI), the ``nei_sentences`` sentences of each cited
    abstract that share most words with the claim; for a claim with evidence, its
    ``negatives`` most claim-like non-rationale sentences, one pair each.
    """
    corpus = _abstracts(corpus_path)
    mapping = {"SUPPORT": "supports", "CONTRADICT": "contradicts", "REFUTE": "contradicts"}
    pairs = []
    for row in map(json.loads, claims_path.read_text().splitlines()):
        claim = _CITATION_MARK.sub("", row["claim"]).strip()
        for doc_id in row.get("cited_doc_ids", []):
            sentences = corpus.get(int(doc_id))
            if not sentences:
                continue
            evidence_sets = row["evidence"].get(str(doc_id), [])
            used: set[int] = set()
            for evidence_set in evidence_sets:
                ids = [i for i in evidence_set["sentences"] if i < len(sentences)]
                used.update(ids)
                premise = " ".join(sentences[i] for i in ids)
                label = mapping[evidence_set["label"]]
                pairs.append(Pair(premise, claim, label, source, group=str(row["id"])))
            ranked = _overlap_ranked(claim, sentences, used)
            if not evidence_sets and nei_sentences and ranked:
                premise = " ".join(sentences[i] for i in sorted(ranked[:nei_sentences]))
                pairs.append(Pair(premise, claim, "neutral", source, group=str(row["id"])))
            elif evidence_sets:
                for i in ranked[:negatives]:
                    pairs.append(Pair(sentences[i], claim, "neutral", source, group=str(row["id"])))
    return pairs


def scifact(split: str) -> list[Pair]:
    """Training: rationales plus retrieved negatives. Dev: the gold-rationale setting, where
    only claims without evidence get retrieved sentences (as neutral)."""
    root = shared_data_dir() / "scifact"
    return multivers_pairs(
        require(root / f"claims_{split}.jsonl"),
        require(root / "corpus.jsonl.gz"),
        "scifact",
        negatives=1 if split == "train" else 0,
    )


def scifact_abstracts(split: str) -> list[Pair]:
    """SciFact claims against whole cited abstracts (the retrieved-abstract setting)."""
    root = shared_data_dir() / "scifact"
    corpus = _abstracts(require(root / "corpus.jsonl.gz"))
    mapping = {"SUPPORT": "supports", "CONTRADICT": "contradicts"}
    pairs = []
    for row in map(json.loads, require(root / f"claims_{split}.jsonl").read_text().splitlines()):
        for doc_id in row.get("cited_doc_ids", []):
            sentences = corpus.get(int(doc_id))
            if not sentences:
                continue
            sets = row["evidence"].get(str(doc_id), [])
            label = mapping[sets[0]["label"]] if sets else "neutral"
            pairs.append(
                Pair(
                    " ".join(sentences),
                    row["claim"],
                    label,
                    "scifact-abstract",
                    group=str(row["id"]),
                )
            )
    return pairs


def citation_integrity(split: str) -> list[Pair]:
    root = shared_data_dir() / "citation-integrity"
    return multivers_pairs(
        require(root / f"claims_{split}.jsonl"),
        require(root / "corpus.jsonl"),
        "citation-integrity",
        negatives=0,
    )


def covidfact(split: str) -> list[Pair]:
    name = {
        "train": "rte_covidfact_train.tsv",
        "dev": "rte_covidfact_dev.tsv",
        "test": "rte_covidfact_test1.tsv",
    }[split]
    path = require(shared_data_dir() / "covidfact" / name)
    mapping = {"entailment": "supports", "not_entailment": "contradicts"}
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    return [
        Pair(r[1], r[2], mapping[r[3].strip()], "covidfact", group=r[2])
        for r in rows
        if len(r) >= 4 and r[3].strip() in mapping
    ]


def climate_fever() -> list[Pair]:
    path = require(shared_data_dir() / "climate-fever" / "climate-fever.jsonl")
    mapping = {"SUPPORTS": "supports", "REFUTES": "contradicts", "NOT_ENOUGH_INFO": "neutral"}
    pairs = []
    for row in map(json.loads, path.read_text().splitlines()):
        for evidence in row["evidences"]:
            label = mapping.get(evidence["evidence_label"])
            if label:
                pairs.append(
                    Pair(
                        evidence["evidence"],
                        row["claim"],
                        label,
                        "climate-fever",
                        group=row["claim_id"],
                    )
                )
    return pairs


def nli4ct(split: str) -> list[Pair]:
    root = shared_data_dir() / "nli4ct"
    name = {"train": "train.json", "dev": "dev.json", "test": "Gold_test.json"}[split]
    rows = json.loads(require(root / name).read_text())
    with gzip.open(require(root / "ct_reports.jsonl.gz"), "rt", encoding="utf-8") as handle:
        reports = {r["Clinical Trial ID"]: r for r in map(json.loads, handle)}
    mapping = {"Entailment": "supports", "Contradiction": "contradicts"}
    pairs = []
    for uid, row in rows.items():
        if row.get("Type") != "Single" or row.get("Label") not in mapping:
            continue
        section = reports.get(row["Primary_id"], {}).get(row["Section_id"], [])
        lines = [
            section[i].strip() for i in row.get("Primary_evidence_index", []) if i < len(section)
        ]
        if lines:
            pairs.append(
                Pair(" ".join(lines), row["Statement"], mapping[row["Label"]], "nli4ct", group=uid)
            )
    return pairs


# -- our own in-domain pairs ---------------------------------------------------------------


def indomain(split: str, root: Path | None = None) -> list[Pair]:
    """Pairs written by the team (data/pairs/<topic>.yaml), split by evidence group.

    ``test`` is the files' held-out split; their ``train`` groups are divided by a hash of
    the group id into ``train`` (88%) and ``val`` (12%, for model selection and calibration).
    """
    root = root or project_data_dir() / "pairs"
    pairs = []
    for path in sorted(root.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for group in document.get("groups", []):
            declared = group.get("split", "train")
            if declared == "train" and _stable_fraction("indomain:" + group["group"]) < 0.12:
                declared = "val"
            if declared != split:
                continue
            for pair in group.get("pairs", []):
                pairs.append(
                    Pair(
                        group["evidence"],
                        pair["claim"],
                        pair["label"],
                        f"indomain-{document.get('topic', path.stem)}",
                        group=group["group"],
                    )
                )
    return pairs


READERS: dict[str, Callable[[], list[Pair]]] = {
    "snli": nli.snli,
    "fever": nli.fever,
    "anli": nli.anli,
    "sick": nli.sick,
    "curriculum": nli.curriculum,
    "healthver-train": lambda: healthver("train"),
    "healthver-val": lambda: healthver("val"),
    "healthver-test": lambda: healthver("test"),
    "scifact-train": lambda: scifact("train"),
    "scifact-dev": lambda: scifact("dev"),
    "scifact-dev-abstracts": lambda: scifact_abstracts("dev"),
    "covidfact-train": lambda: covidfact("train"),
    "covidfact-dev": lambda: covidfact("dev"),
    "covidfact-test": lambda: covidfact("test"),
    "citation-integrity-train": lambda: citation_integrity("train"),
    "citation-integrity-dev": lambda: citation_integrity("dev"),
    "climate-fever": climate_fever,
    "nli4ct-train": lambda: nli4ct("train"),
    "nli4ct-dev": lambda: nli4ct("dev"),
    "indomain-train": lambda: indomain("train"),
    "indomain-val": lambda: indomain("val"),
    "indomain-test": lambda: indomain("test"),
}


def load(name: str) -> list[Pair]:
    try:
        reader = READERS[name]
    except KeyError:
        known = ", ".join(sorted(READERS))
        raise KeyError(f"unknown dataset {name!r}; known: {known}") from None
    return reader()


def label_counts(pairs: Iterable[Pair]) -> dict[str, int]:
    counts = dict.fromkeys(STANCES, 0)
    for pair in pairs:
        counts[pair.label] += 1
    return counts


def iter_names() -> Iterator[str]:
    yield from READERS
