"""The document and its annotation layers, passed from stage to stage.

Like a spaCy ``Doc``, a :class:`Document` owns the text; every layer refers back to it by
character offsets. Each pipeline stage reads the layers before it and adds its own:

    ingest   -> Document(text, blocks)
    segment  -> units (sentences, headings, list items)
    detect   -> claims (atomic claims with attributes)
    retrieve -> claim.evidence (candidate records)
    verify   -> claim.evidence[*].stance
    aggregate-> claim.verdict
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"


class UnitKind(StrEnum):
    HEADING = "heading"
    LIST_ITEM = "list_item"
    SENTENCE = "sentence"


class Stance(StrEnum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    NEUTRAL = "neutral"


class Label(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNVERIFIED = "unverified"


class Strength(StrEnum):
    """How strongly a claim asserts a relation (the health-claim-strength scale)."""

    NONE = "none"
    CORRELATIONAL = "correlational"
    CONDITIONAL_CAUSAL = "conditional_causal"
    DIRECT_CAUSAL = "direct_causal"


class ClaimType(StrEnum):
    EFFICACY = "efficacy"
    SAFETY = "safety"
    DOSING = "dosing"
    MECHANISM = "mechanism"
    COMPARISON = "comparison"
    STATISTIC = "statistic"


@dataclass(frozen=True, slots=True)
class Block:
    """A structural block found by ingest: a heading, a paragraph or a list item."""

    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence, heading or list item: the unit claims are detected in."""

    index: int
    kind: UnitKind
    start: int
    end: int
    text: str


@dataclass(slots=True)
class ClaimAttributes:
    negated: bool = False
    hedged: bool = False
    strength: Strength = Strength.DIRECT_CAUSAL
    claim_type: ClaimType = ClaimType.EFFICACY
    dose: str | None = None
    population: str | None = None
    harm_risk: float = 0.0


@dataclass(slots=True)
class Citation:
    """The citation of a piece of evidence, as shown to readers."""

    authors: str
    title: str
    year: int
    venue: str | None = None
    pmid: str | None = None
    doi: str | None = None
    url: str | None = None
    link: str | None = None


@dataclass(slots=True)
class Evidence:
    """One corpus record considered for a claim, with the model's stance on it."""

    record_id: str
    kind: str  # "finding" or "claim_review"
    text: str
    retrieval_score: float  # cosine similarity of the claim and the record's matched text
    citation: Citation | None = None
    study_type: str | None = None
    evidence_grade: str | None = None
    rating: str | None = None  # claim reviews only
    supporting_ids: list[str] = field(default_factory=list)  # claim reviews: findings behind it
    stance: Stance = Stance.NEUTRAL
    stance_probs: dict[str, float] = field(default_factory=dict)
    weight: float = 0.0  # contribution to the verdict, set by aggregate


@dataclass(slots=True)
class Verdict:
    label: Label
    confidence: float
    rationale: str
    deciding: list[str] = field(default_factory=list)
    basis: str = "none"  # "review" (a matching claim review), "findings", or "none"
    strength: float = 0.0  # the raw evidence strength the confidence is calibrated from


@dataclass(slots=True)
class Claim:
    """An atomic, self-contained claim with its span in the document."""

    id: str
    text: str
    unit_index: int
    start: int
    end: int
    subject: str | None = None
    context_entity: str | None = None  # what the document is about, for retrieval
    attributes: ClaimAttributes = field(default_factory=ClaimAttributes)
    detection_score: float = 1.0
    evidence: list[Evidence] = field(default_factory=list)
    verdict: Verdict | None = None


@dataclass(slots=True)
class Document:
    text: str
    source: str
    title: str | None = None
    published: str | None = None
    media_type: str = "text/plain"
    entity: str | None = None  # the corpus entity the document is mainly about
    blocks: list[Block] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def unit(self, index: int) -> Unit:
        return self.units[index]
