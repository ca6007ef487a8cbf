"""Scan records built with claimcheck's own document model and JSON renderer, so the
review tests read exactly what ``claimcheck scan --format json`` writes, without loading
the models."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimcheck.doc import (
    Citation,
    Claim,
    ClaimAttributes,
    ClaimType,
    Document,
    Evidence,
    Label,
    Stance,
    Unit,
    UnitKind,
    Verdict,
)
from claimcheck.render import document_record

MODELS = {"claimcheck": "test"}
CORPUS = {"version": "test", "records": 0}


@dataclass
class ClaimSpec:
    text: str
    verdict: str = "contradicted"
    confidence: float = 0.9
    claim_type: str = "efficacy"
    harm_risk: float = 0.2
    evidence_id: str = "kratom-dependence-survey-malaysia-2014"
    citation_url: str | None = "https://doi.org/10.1016/j.drugalcdep.2014.03.017"
    statement: str = "In a community survey of 293 regular kratom users, most were dependent."
    citation_title: str = "Kratom dependence, withdrawal symptoms and craving"


@dataclass
class DocSpec:
    source: str
    title: str | None
    claims: list[ClaimSpec] = field(default_factory=list)
    intro: str = "Health news. "


def scan_record(spec: DocSpec) -> dict:
    """A schema-v1 scan record whose text holds each claim as one sentence."""
    text = spec.intro
    units: list[Unit] = []
    claims: list[Claim] = []
    for index, claim_spec in enumerate(spec.claims):
        start = len(text)
        sentence = claim_spec.text
        text += sentence + " Another sentence follows here. "
        units.append(Unit(index, UnitKind.SENTENCE, start, start + len(sentence), sentence))
        evidence = Evidence(
            record_id=claim_spec.evidence_id,
            kind="finding",
            text=claim_spec.statement,
            retrieval_score=0.8,
            citation=Citation(
                authors="Singh D, Müller CP",
                title=claim_spec.citation_title,
                year=2014,
                venue="Drug and Alcohol Dependence",
                url=claim_spec.citation_url,
                link=claim_spec.citation_url,
            ),
            study_type="survey",
            evidence_grade="low",
            stance=Stance.CONTRADICTS,
            stance_probs={"contradicts": 0.9, "supports": 0.05, "neutral": 0.05},
            weight=0.9,
        )
        claims.append(
            Claim(
                id=f"c{index + 1}",
                text=claim_spec.text,
                unit_index=index,
                start=start,
                end=start + len(sentence),
                subject="kratom",
                attributes=ClaimAttributes(
                    claim_type=ClaimType(claim_spec.claim_type), harm_risk=claim_spec.harm_risk
                ),
                evidence=[evidence],
                verdict=Verdict(
                    Label(claim_spec.verdict),
                    claim_spec.confidence,
                    "test rationale",
                    [claim_spec.evidence_id],
                ),
            )
        )
    doc = Document(text=text, source=spec.source, title=spec.title, units=units, claims=claims)
    return document_record(doc, MODELS, CORPUS)
