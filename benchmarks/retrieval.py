"""Retrieval quality on 100 SEO-style health claims (benchmarks/data/retrieval_claims.yaml).

For each claim the data file lists the findings a reviewer would read to check it. The
script ranks the corpus's findings for every claim and reports, overall, per topic group
and for the two halves of the claim set (odd-numbered claims were looked at while tuning
src/claimcheck/retrieve.py, even-numbered ones were not):

* recall@1, @5, @10: the share of a claim's gold findings in the top k, averaged;
* MRR: the mean reciprocal rank of the first gold finding (0 when not in the top 50);
* success@5: the share of claims with at least one gold finding in the top 5.

Claim reviews are left out of this ranking (``kind="finding"``): they are not evidence
themselves and the gold lists name findings. The pipeline's own view is reported
separately as "evidence recall": what share of the gold findings end up in the evidence
set EvidenceRetriever gives the verifier (top 6 records of either kind, plus the findings
behind any retrieved claim review).

Five rankers run in the same process on the same index: BM25 only, dense (MiniLM cosine)
only, their reciprocal-rank fusion alone ("rrf"), the fusion with the preference for
records about the entities a claim names ("rrf+ent"), and the hybrid the pipeline uses
(which also expands aliases in the BM25 query); the hybrid's gains are given as ratios.

    .venv/bin/python benchmarks/retrieval.py [--corpus corpus/] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from claimcheck.corpus import Corpus, load_corpus
from claimcheck.doc import Claim
from claimcheck.paths import bundled_corpus_dir
from claimcheck.retrieve import EvidenceRetriever, RetrievalSettings, Retriever

DATA = Path(__file__).resolve().parent / "data" / "retrieval_claims.yaml"
DEPTH = 50  # ranks scored for MRR
EVIDENCE_K = 6  # PipelineConfig.evidence_per_claim
# name -> settings; the last one is what the pipeline uses.
METHODS: dict[str, RetrievalSettings] = {
    "bm25": RetrievalSettings(method="bm25"),
    "dense": RetrievalSettings(method="dense"),
    "rrf": RetrievalSettings(entity_penalty=1.0, expand_aliases=False),
    "rrf+ent": RetrievalSettings(expand_aliases=False),
    "hybrid": RetrievalSettings(),
}


@dataclass(frozen=True)
class GoldClaim:
    id: str
    topic: str
    group: str
    text: str
    findings: frozenset[str]

    @property
    def tuning_half(self) -> bool:
        return int(self.id.lstrip("c")) % 2 == 1


def load_claims(path: Path, corpus: Corpus) -> list[GoldClaim]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    group_of = {topic: group for group, topics in data["groups"].items() for topic in topics}
    claims = []
    for item in data["claims"]:
        unknown = [fid for fid in item["findings"] if fid not in corpus.findings]
        if unknown:
            sys.exit(f"{path}: claim {item['id']}: unknown finding ids {unknown}")
        claims.append(
            GoldClaim(
                item["id"],
                item["topic"],
                group_of[item["topic"]],
                item["claim"],
                frozenset(item["findings"]),
            )
        )
    return claims


def rank_metrics(rankings: list[list[str]], claims: list[GoldClaim]) -> dict[str, float]:
    totals = {"recall@1": 0.0, "recall@5": 0.0, "recall@10": 0.0, "mrr": 0.0, "success@5": 0.0}
    for ranking, claim in zip(rankings, claims, strict=True):
        for k in (1, 5, 10):
            totals[f"recall@{k}"] += len(claim.findings & set(ranking[:k])) / len(claim.findings)
        first = next((i for i, rid in enumerate(ranking, 1) if rid in claim.findings), None)
        totals["mrr"] += 1.0 / first if first else 0.0
        totals["success@5"] += float(bool(claim.findings & set(ranking[:5])))
    return {key: round(value / len(claims), 4) for key, value in totals.items()}


def evidence_recall(retriever: Retriever, claims: list[GoldClaim]) -> float:
    """Share of gold findings in the evidence set the pipeline stage builds."""
    stage = EvidenceRetriever(retriever, k=EVIDENCE_K)
    probes = [Claim(c.id, c.text, 0, 0, len(c.text)) for c in claims]
    stage(probes)
    recall = 0.0
    for probe, claim in zip(probes, claims, strict=True):
        found = {ev.record_id for ev in probe.evidence}
        recall += len(claim.findings & found) / len(claim.findings)
    return round(recall / len(claims), 4)


def subsets(claims: list[GoldClaim]) -> dict[str, list[int]]:
    named: dict[str, list[int]] = {"all": list(range(len(claims)))}
    named["tuning half (odd ids)"] = [i for i, c in enumerate(claims) if c.tuning_half]
    named["held-out half (even ids)"] = [i for i, c in enumerate(claims) if not c.tuning_half]
    for group in sorted({c.group for c in claims}):
        named[f"group {group}"] = [i for i, c in enumerate(claims) if c.group == group]
    return named


def run(corpus: Corpus, claims: list[GoldClaim]) -> dict:
    texts = [claim.text for claim in claims]
    results: dict = {"claims": len(claims), "topics": len({c.topic for c in claims})}
    rankings: dict[str, list[list[str]]] = {}
    for method, settings in METHODS.items():
        retriever = Retriever(corpus, settings=settings)
        retriever.search(texts[:2], k=DEPTH)  # load the encoder before timing
        started = time.perf_counter()
        hits = retriever.search(texts, k=DEPTH, kind="finding")
        elapsed = time.perf_counter() - started
        rankings[method] = [[hit.record_id for hit in claim_hits] for claim_hits in hits]
        results.setdefault("ms_per_query", {})[method] = round(1000 * elapsed / len(texts), 1)
        if method == "hybrid":
            results["evidence_recall@pipeline"] = evidence_recall(retriever, claims)
    results["subsets"] = {}
    for name, indexes in subsets(claims).items():
        chosen = [claims[i] for i in indexes]
        results["subsets"][name] = {
            "n": len(chosen),
            **{
                method: rank_metrics([rankings[method][i] for i in indexes], chosen)
                for method in METHODS
            },
        }
    overall = results["subsets"]["all"]
    results["ratios"] = {
        f"hybrid/{base} {metric}": round(overall["hybrid"][metric] / overall[base][metric], 3)
        for base in ("bm25", "dense")
        for metric in ("recall@5", "mrr")
        if overall[base][metric]
    }
    results["misses@10"] = [
        {"claim": c.id, "gold": sorted(c.findings), "top3": rankings["hybrid"][i][:3]}
        for i, c in enumerate(claims)
        if not c.findings & set(rankings["hybrid"][i][:10])
    ]
    return results


def print_report(results: dict) -> None:
    print(f"{results['claims']} claims over {results['topics']} topics; findings ranked")
    columns = ("recall@1", "recall@5", "recall@10", "mrr", "success@5")
    print(f"{'subset':34} {'n':>3}  {'ranker':8}" + "".join(f"{c:>10}" for c in columns))
    for name, block in results["subsets"].items():
        # Per group, only the baselines and the pipeline's ranker (the table stays short).
        shown = METHODS if not name.startswith("group") else ("bm25", "dense", "hybrid")
        for method in shown:
            row = "".join(f"{block[method][c]:>10.3f}" for c in columns)
            print(f"{name:34} {block['n']:>3}  {method:8}{row}")
    for key, value in results["ratios"].items():
        print(f"{key}: {value:.3f}x")
    recall = results["evidence_recall@pipeline"]
    print(f"evidence recall (pipeline stage, k={EVIDENCE_K}, with reviews' findings): {recall:.3f}")
    print("ms per query (2-core CPU, shared):", results["ms_per_query"])
    print(f"claims with no gold finding in the hybrid top 10: {len(results['misses@10'])}")
    for miss in results["misses@10"]:
        print(f"  {miss['claim']}: gold {miss['gold']} top3 {miss['top3']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="corpus dir (repeatable)")
    parser.add_argument("--claims", type=Path, default=DATA)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    corpus, problems = load_corpus(args.corpus or [bundled_corpus_dir()])
    if any(p.severity == "error" for p in problems):
        sys.exit(f"invalid corpus: {problems[0]}")
    claims = load_claims(args.claims, corpus)
    results = run(corpus, claims)
    print_report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
