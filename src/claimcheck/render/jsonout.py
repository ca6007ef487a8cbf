"""The versioned JSON report (schema_version 1), and JSONL with one claim per line.

The schema is documented in the README ("JSON output"); batch output, the review app and
users' scripts read it, so fields are only ever added, never renamed or removed, within a
schema version.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict

from claimcheck.doc import Claim, Document, Evidence

SCHEMA_VERSION = 1


def evidence_record(evidence: Evidence, decisive: bool) -> dict:
    record = {
        "id": evidence.record_id,
        "kind": evidence.kind,
        "statement": evidence.text,
        "stance": evidence.stance.value,
        "score": _stance_score(evidence),
        "stance_probs": evidence.stance_probs,
        "relevance": evidence.retrieval_score,
        "weight": evidence.weight,
        "decisive": decisive,
        "citation": asdict(evidence.citation) if evidence.citation else None,
        "study_type": evidence.study_type,
        "evidence_grade": evidence.evidence_grade,
    }
    if evidence.kind == "claim_review":
        record["rating"] = evidence.rating
        record["findings"] = evidence.supporting_ids
    return record


def _stance_score(evidence: Evidence) -> float:
    """How sure the stance is: the model's probability for a finding; for a claim review,
    whose stance is matched by phrasing, the similarity of the two phrasings."""
    if evidence.kind == "claim_review":
        return round(evidence.retrieval_score, 4)
    return round(evidence.stance_probs.get(evidence.stance.value, 0.0), 4)


def claim_record(doc: Document, claim: Claim) -> dict:
    verdict = claim.verdict
    deciding = verdict.deciding if verdict else []
    order = {record_id: rank for rank, record_id in enumerate(deciding)}
    evidence = sorted(
        claim.evidence,
        key=lambda ev: (order.get(ev.record_id, len(order)), -ev.weight, -ev.retrieval_score),
    )
    attributes = claim.attributes
    return {
        "id": claim.id,
        "text": claim.text,
        "sentence": doc.units[claim.unit_index].text,
        "start": claim.start,
        "end": claim.end,
        "span": doc.text[claim.start : claim.end],
        "verdict": verdict.label.value if verdict else "unverified",
        "confidence": verdict.confidence if verdict else 0.0,
        "rationale": verdict.rationale if verdict else "",
        "basis": verdict.basis if verdict else "none",
        "attributes": {
            "negated": attributes.negated,
            "hedged": attributes.hedged,
            "strength": attributes.strength.value,
            "type": attributes.claim_type.value,
            "dose": attributes.dose,
            "population": attributes.population,
            "harm_risk": attributes.harm_risk,
            "subject": claim.subject,
        },
        "detection_score": claim.detection_score,
        "evidence": [evidence_record(ev, ev.record_id in order) for ev in evidence],
    }


def document_record(doc: Document, models: dict, corpus: dict) -> dict:
    claims = [claim_record(doc, claim) for claim in doc.claims]
    counts = Counter(c["verdict"] for c in claims)
    return {
        "schema_version": SCHEMA_VERSION,
        "document": {
            "source": doc.source,
            "title": doc.title,
            "published": doc.published,
            "media_type": doc.media_type,
            "chars": len(doc.text),
            "text": doc.text,
        },
        "summary": {
            "claims": len(claims),
            "supported": counts.get("supported", 0),
            "contradicted": counts.get("contradicted", 0),
            "unverified": counts.get("unverified", 0),
        },
        "claims": claims,
        "models": models,
        "corpus": corpus,
    }


def to_json(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def to_jsonl(record: dict) -> str:
    """One claim per line, each carrying the document's source and title."""
    lines = []
    for claim in record["claims"]:
        line = {
            "schema_version": SCHEMA_VERSION,
            "source": record["document"]["source"],
            "title": record["document"]["title"],
            **claim,
        }
        lines.append(json.dumps(line, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)
