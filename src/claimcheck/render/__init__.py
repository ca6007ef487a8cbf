"""Render: a checked document as text (for people), JSON / JSONL (for programs) or HTML."""

from __future__ import annotations

from claimcheck.render.jsonout import (
    SCHEMA_VERSION,
    claim_record,
    document_record,
    to_json,
    to_jsonl,
)

FORMATS = ("text", "json", "jsonl", "html")

__all__ = ["FORMATS", "SCHEMA_VERSION", "claim_record", "document_record", "to_json", "to_jsonl"]
