"""The three output tables and their column types (documented in the README).

claims     one row per claim: the ``scan`` JSON claim fields, flattened, plus the
           document's id, url and place in the input
documents  one row per input record: status, counts per verdict, the highest-risk claim
errors     one row per bad record: where it is and why it was skipped

Rows are sorted by (input_index, record_index), then claim order. Types never change
within a ``schema_version``; columns are only ever added.
"""

from __future__ import annotations

import json

import pyarrow as pa

from claimcheck.batch.records import InputRecord
from claimcheck.render import SCHEMA_VERSION

_KEY = [
    pa.field("input_index", pa.int32(), nullable=False),
    pa.field("record_index", pa.int64(), nullable=False),
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("url", pa.string()),
]

CLAIMS = pa.schema(
    [
        *_KEY,
        pa.field("claim_id", pa.string(), nullable=False),
        pa.field("text", pa.string()),
        pa.field("sentence", pa.string()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
        pa.field("span", pa.string()),
        pa.field("verdict", pa.string()),
        pa.field("confidence", pa.float64()),
        pa.field("rationale", pa.string()),
        pa.field("negated", pa.bool_()),
        pa.field("hedged", pa.bool_()),
        pa.field("strength", pa.string()),
        pa.field("claim_type", pa.string()),
        pa.field("dose", pa.string()),
        pa.field("population", pa.string()),
        pa.field("harm_risk", pa.float64()),
        pa.field("subject", pa.string()),
        pa.field("detection_score", pa.float64()),
        pa.field("evidence_count", pa.int32()),
        pa.field("deciding_ids", pa.list_(pa.string())),
        pa.field("top_citation", pa.string()),
        pa.field("evidence_json", pa.string()),
    ],
    metadata={"claimcheck.schema_version": str(SCHEMA_VERSION), "table": "claims"},
)

DOCUMENTS = pa.schema(
    [
        *_KEY,
        pa.field("input", pa.string(), nullable=False),
        pa.field("position", pa.string(), nullable=False),
        pa.field("status", pa.string(), nullable=False),  # ok | duplicate | error
        pa.field("error", pa.string()),
        pa.field("duplicate_of", pa.string()),
        pa.field("content_hash", pa.string()),
        pa.field("title", pa.string()),
        pa.field("chars", pa.int64()),
        pa.field("claims", pa.int32()),
        pa.field("supported", pa.int32()),
        pa.field("contradicted", pa.int32()),
        pa.field("unverified", pa.int32()),
        pa.field("top_risk_claim_id", pa.string()),
        pa.field("top_risk_claim", pa.string()),
        pa.field("top_risk_verdict", pa.string()),
        pa.field("top_risk_harm", pa.float64()),
    ],
    metadata={"claimcheck.schema_version": str(SCHEMA_VERSION), "table": "documents"},
)

ERRORS = pa.schema(
    [
        pa.field("input_index", pa.int32(), nullable=False),
        pa.field("record_index", pa.int64(), nullable=False),
        pa.field("input", pa.string(), nullable=False),
        pa.field("position", pa.string(), nullable=False),
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("url", pa.string()),
        pa.field("reason", pa.string(), nullable=False),
    ],
    metadata={"claimcheck.schema_version": str(SCHEMA_VERSION), "table": "errors"},
)

TABLES = {"claims": CLAIMS, "documents": DOCUMENTS, "errors": ERRORS}
_VERDICT_RISK = {"contradicted": 2, "unverified": 1, "supported": 0}


def _key(record: InputRecord) -> dict:
    return {
        "input_index": record.input_index,
        "record_index": record.record_index,
        "doc_id": record.id,
        "url": record.url,
    }


def claim_rows(record: InputRecord, report: dict) -> list[dict]:
    """The claims of one ``document_record`` report as flat rows."""
    rows = []
    for claim in report["claims"]:
        attributes = claim["attributes"]
        evidence = claim["evidence"]
        deciding = [ev["id"] for ev in evidence if ev.get("decisive")]
        top = next((ev for ev in evidence if ev.get("decisive")), None)
        rows.append(
            {
                **_key(record),
                "claim_id": claim["id"],
                "text": claim["text"],
                "sentence": claim["sentence"],
                "start": claim["start"],
                "end": claim["end"],
                "span": claim["span"],
                "verdict": claim["verdict"],
                "confidence": claim["confidence"],
                "rationale": claim["rationale"],
                "negated": attributes["negated"],
                "hedged": attributes["hedged"],
                "strength": attributes["strength"],
                "claim_type": attributes["type"],
                "dose": attributes["dose"],
                "population": attributes["population"],
                "harm_risk": attributes["harm_risk"],
                "subject": attributes["subject"],
                "detection_score": claim["detection_score"],
                "evidence_count": len(evidence),
                "deciding_ids": deciding,
                "top_citation": _citation_text(top),
                "evidence_json": json.dumps(evidence, ensure_ascii=False, sort_keys=True),
            }
        )
    return rows


def _citation_text(evidence: dict | None) -> str | None:
    if not evidence or not evidence.get("citation"):
        return None
    c = evidence["citation"]
    link = c.get("link") or c.get("url") or ""
    venue = f", {c['venue']}" if c.get("venue") else ""
    return f"{c['authors']} ({c['year']}). {c['title']}{venue}. {link}".strip()


def document_row(record: InputRecord, report: dict | None) -> dict:
    """The documents-table row of a record: processed (with ``report``), duplicate or bad."""
    status = "error" if record.error else "duplicate" if record.duplicate_of else "ok"
    row = {
        **_key(record),
        "input": record.input,
        "position": record.position,
        "status": status,
        "error": record.error,
        "duplicate_of": record.duplicate_of,
        "content_hash": record.content_hash,
    }
    if report is None:
        return row
    claims = report["claims"]
    summary = report["summary"]
    top = max(
        claims,
        key=lambda c: (c["attributes"]["harm_risk"], _VERDICT_RISK.get(c["verdict"], 0)),
        default=None,
    )
    row.update(
        {
            "title": report["document"]["title"],
            "chars": report["document"]["chars"],
            "claims": summary["claims"],
            "supported": summary["supported"],
            "contradicted": summary["contradicted"],
            "unverified": summary["unverified"],
            "top_risk_claim_id": top["id"] if top else None,
            "top_risk_claim": top["text"] if top else None,
            "top_risk_verdict": top["verdict"] if top else None,
            "top_risk_harm": top["attributes"]["harm_risk"] if top else None,
        }
    )
    return row


def to_table(name: str, rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=TABLES[name])
