"""Rendering: JSONL carries the source on each line; HTML never lets article text become markup."""

from __future__ import annotations

import json

from claimcheck.doc import (
    Citation,
    Claim,
    Document,
    Evidence,
    Label,
    Stance,
    Unit,
    UnitKind,
    Verdict,
)
from claimcheck.render import document_record, to_json, to_jsonl
from claimcheck.render.html import render_html

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def _document() -> Document:
    text = f"Title {HOSTILE}\n\nSilver cures flu {HOSTILE}. It is safe."
    sentence_start = text.index("Silver")
    doc = Document(text, "javascript:alert(3)", title=f"Silver {HOSTILE}")
    end = text.index(".", sentence_start) + 1
    doc.units = [Unit(0, UnitKind.SENTENCE, sentence_start, end, text[sentence_start:end])]
    evidence = Evidence(
        "f1",
        "finding",
        f"No trial found a benefit {HOSTILE}",
        0.8,
        citation=Citation("Doe J", f"Trial {HOSTILE}", 2020, link="javascript:alert(4)"),
        stance=Stance.CONTRADICTS,
        stance_probs={"supports": 0.05, "contradicts": 0.9, "neutral": 0.05},
    )
    claim = Claim(
        "c1",
        f"Silver cures flu {HOSTILE}.",
        0,
        sentence_start,
        end,
        evidence=[evidence],
        verdict=Verdict(Label.CONTRADICTED, 0.9, f"because {HOSTILE}", ["f1"]),
    )
    doc.claims = [claim]
    return doc


def _record() -> dict:
    return document_record(
        _document(), {"verifier": {"name": "v", "version": "1"}}, {"version": "c", "records": 1}
    )


def test_json_round_trip_and_decisive_evidence() -> None:
    record = json.loads(to_json(_record()))
    claim = record["claims"][0]
    assert claim["verdict"] == "contradicted"
    assert claim["evidence"][0]["decisive"] is True
    assert claim["evidence"][0]["score"] == 0.9
    assert record["summary"] == {"claims": 1, "supported": 0, "contradicted": 1, "unverified": 0}


def test_jsonl_has_one_line_per_claim_with_the_source() -> None:
    lines = to_jsonl(_record()).splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["source"] == "javascript:alert(3)"


def test_html_escapes_every_field() -> None:
    page = render_html(_record())
    assert "<script>alert(1)" not in page
    assert 'onerror="alert(2)"' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Claims travel as JSON inside a script element, with no raw "<" that could end it.
    data = page.split('id="claims-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data
    assert json.loads(data)[0]["id"] == "c1"
    # Links are only followed when they are http(s) (checked in report.js).
    assert "/^https?:\\/\\//.test(ev.citation.link)" in page
