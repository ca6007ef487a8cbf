"""Claim extraction evaluation on the team's annotated articles.

* sentence level: each gold unit is a claim unit or not; a predicted claim counts for the
  gold unit it overlaps most;
* atomic claims: predicted and gold atomic claims of the same unit are matched one to one
  by meaning (cosine similarity of MiniLM embeddings >= ``MATCH_THRESHOLD``) and the
  negation must agree; precision and recall over all claims;
* attributes: accuracy of negated, strength, hedged, type, dose and population over the
  matched pairs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from claimcheck.datasources.articles import (
    Article,
    GoldClaim,
    load_articles,
    render_html,
    render_text,
)
from claimcheck.detect import ClaimDetector
from claimcheck.detect.classifier import ClaimClassifier
from claimcheck.doc import Claim, Document
from claimcheck.encoder import embed
from claimcheck.ingest import document_from_bytes
from claimcheck.segment import segment_many

MATCH_THRESHOLD = 0.75
HEDGED_STRENGTHS = {"correlational", "conditional_causal"}


@dataclass
class ArticleRun:
    article: Article
    doc: Document
    gold_spans: list[tuple[int, int] | None]  # each gold unit's span in doc.text


def run_articles(detector: ClaimDetector, split: str) -> list[ArticleRun]:
    runs = prepare_articles(split)
    detector.detect_many([r.doc for r in runs])
    return runs


def prepare_articles(split: str) -> list[ArticleRun]:
    """The split's articles rendered, ingested and segmented, ready for detection."""
    runs = []
    for article in load_articles(split):
        if article.format == "html":
            doc = document_from_bytes(
                render_html(article).encode(), source=article.id, media_type="text/html"
            )
        else:
            doc = document_from_bytes(render_text(article).encode(), source=article.id)
        runs.append(ArticleRun(article, doc, _locate_units(article, doc.text)))
    segment_many([r.doc for r in runs])
    return runs


def _locate_units(article: Article, text: str) -> list[tuple[int, int] | None]:
    spans, cursor = [], 0
    for unit in article.units:
        at = text.find(unit.text, cursor)
        if at < 0:
            at = text.find(unit.text)
        spans.append((at, at + len(unit.text)) if at >= 0 else None)
        if at >= 0:
            cursor = at + len(unit.text)
    return spans


def _owner(claim: Claim, spans: list[tuple[int, int] | None]) -> int | None:
    """The gold unit a predicted claim belongs to (largest character overlap)."""
    best, best_overlap = None, 0
    for index, span in enumerate(spans):
        if span is None:
            continue
        overlap = min(span[1], claim.end) - max(span[0], claim.start)
        if overlap > best_overlap:
            best, best_overlap = index, overlap
    return best


def evaluate_claims(detector: ClaimDetector, split: str = "test") -> dict:
    return score_runs(run_articles(detector, split), split)


def score_runs(runs: list[ArticleRun], split: str) -> dict:
    """Sentence, atomic-claim and attribute scores of runs whose claims are filled in."""
    gold_flags: list[int] = []
    predicted_flags: list[int] = []
    matched_pairs: list[tuple[GoldClaim, Claim]] = []
    gold_claims: list[GoldClaim] = []
    predicted_claims: list[Claim] = []
    for run in runs:
        by_unit: dict[int, list[Claim]] = defaultdict(list)
        for claim in run.doc.claims:
            owner = _owner(claim, run.gold_spans)
            if owner is not None:
                by_unit[owner].append(claim)
        predicted_claims.extend(run.doc.claims)
        for index, unit in enumerate(run.article.units):
            predicted = by_unit.get(index, [])
            gold_flags.append(int(unit.is_claim))
            predicted_flags.append(int(bool(predicted)))
            gold_claims.extend(unit.claims)
            matched_pairs.extend(_match(list(unit.claims), predicted))
    matched, predicted_n, gold_n = len(matched_pairs), len(predicted_claims), len(gold_claims)
    atomic = {
        "precision": matched / predicted_n if predicted_n else 0.0,
        "recall": matched / gold_n if gold_n else 0.0,
        "gold": gold_n,
        "predicted": predicted_n,
        "matched": matched,
        "match_threshold": MATCH_THRESHOLD,
    }
    per_type = _per_type(gold_claims, predicted_claims, matched_pairs)
    return {
        "split": split,
        "articles": len(runs),
        "sentence": _prf(gold_flags, predicted_flags),
        "atomic": atomic,
        "attributes": _attribute_accuracy(matched_pairs),
        "per_type": per_type,
        "missed_by_type": {t: row["gold"] - row["matched"] for t, row in per_type.items()},
    }


def _per_type(
    gold: list[GoldClaim], predicted: list[Claim], pairs: list[tuple[GoldClaim, Claim]]
) -> dict:
    """Atomic recall by gold type and precision by predicted type (the error analysis)."""
    gold_by = Counter(g.type for g in gold)
    predicted_by = Counter(p.attributes.claim_type.value for p in predicted)
    recalled = Counter(g.type for g, _ in pairs)
    precise = Counter(p.attributes.claim_type.value for _, p in pairs)
    table = {}
    for kind in sorted(set(gold_by) | set(predicted_by)):
        table[kind] = {
            "gold": gold_by[kind],
            "matched": recalled[kind],
            "recall": recalled[kind] / gold_by[kind] if gold_by[kind] else 0.0,
            "predicted": predicted_by[kind],
            "precision": precise[kind] / predicted_by[kind] if predicted_by[kind] else 0.0,
        }
    return table


def _match(gold: list[GoldClaim], predicted: list[Claim]) -> list[tuple[GoldClaim, Claim]]:
    if not gold or not predicted:
        return []
    similarity = embed([g.text for g in gold]) @ embed([p.text for p in predicted]).T
    pairs = []
    used_gold, used_predicted = set(), set()
    for flat in np.argsort(-similarity, axis=None):
        i, j = divmod(int(flat), len(predicted))
        if similarity[i, j] < MATCH_THRESHOLD:
            break
        if i in used_gold or j in used_predicted:
            continue
        if gold[i].negated != predicted[j].attributes.negated:
            continue
        used_gold.add(i)
        used_predicted.add(j)
        pairs.append((gold[i], predicted[j]))
    return pairs


def _prf(gold: list[int], predicted: list[int]) -> dict:
    tp = sum(g and p for g, p in zip(gold, predicted, strict=True))
    fp = sum(p and not g for g, p in zip(gold, predicted, strict=True))
    fn = sum(g and not p for g, p in zip(gold, predicted, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "units": len(gold)}


def _attribute_accuracy(pairs: list[tuple[GoldClaim, Claim]]) -> dict:
    if not pairs:
        return {}
    checks = {
        "negated": lambda g, p: g.negated == p.attributes.negated,
        "strength": lambda g, p: g.strength == p.attributes.strength.value,
        "hedged": lambda g, p: (g.strength in HEDGED_STRENGTHS) == p.attributes.hedged,
        "type": lambda g, p: g.type == p.attributes.claim_type.value,
        "dose": lambda g, p: _norm(g.dose) == _norm(p.attributes.dose),
        "population": lambda g, p: bool(g.population) == bool(p.attributes.population),
    }
    return {name: sum(check(g, p) for g, p in pairs) / len(pairs) for name, check in checks.items()}


def _norm(dose: str | None) -> str:
    return "".join((dose or "").lower().split())


def evaluate_public_sets(classifier: ClaimClassifier) -> dict:
    """Sentence-level claim detection F1 on CLEF CheckThat! 2020 dev and CW-CURE dev."""
    from claimcheck.datasources import sentences

    scores = {}
    for name in ("clef2020-dev", "cw-cure-dev"):
        rows = sentences.load(name)
        probabilities = classifier.probabilities([r.text for r in rows], [r.kind for r in rows])
        predicted = [int(p >= classifier.threshold) for p in probabilities]
        scores[name] = _prf([r.label for r in rows], predicted)
    return scores
