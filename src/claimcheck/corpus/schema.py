"""The evidence corpus record schema (version 1).

Two kinds of record live in a corpus:

* ``finding``: one evidence statement in plain language, summarising one source, with
  the source's study type, a GRADE-like evidence grade and a citation that can be traced
  (PMID, DOI or the issuing organisation's own URL).
* ``claim_review``: a claim that circulates online, our rating of it and the findings
  behind the rating. Its fields map one-to-one onto schema.org ``ClaimReview``.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = 1

_ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


class StudyType(StrEnum):
    SYSTEMATIC_REVIEW = "systematic_review"
    META_ANALYSIS = "meta_analysis"
    RCT = "rct"
    COHORT = "cohort"
    CASE_CONTROL = "case_control"
    CROSS_SECTIONAL = "cross_sectional"
    CASE_SERIES = "case_series"
    CASE_REPORT = "case_report"
    SURVEY = "survey"
    MECHANISTIC = "mechanistic"
    NARRATIVE_REVIEW = "narrative_review"
    REGULATOR_STATEMENT = "regulator_statement"
    GUIDELINE = "guideline"


class EvidenceGrade(StrEnum):
    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very_low"


class Rating(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNVERIFIED = "unverified"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Citation(_Strict):
    """Where a finding comes from. At least one of pmid, doi or url is required."""

    authors: str = Field(
        min_length=2, description="Authors ('Singh D, Narayanan S, ...') or organisation."
    )
    title: str = Field(min_length=3)
    venue: str | None = Field(None, description="Journal, report series or website.")
    year: int = Field(ge=1900, le=2100)
    pmid: str | None = Field(None, pattern=r"^\d{1,9}$")
    doi: str | None = None
    url: str | None = Field(None, pattern=r"^https?://\S+$")

    @field_validator("doi")
    @classmethod
    def _doi_is_bare(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.removeprefix("https://doi.org/").removeprefix("doi:")
        if not _DOI.match(value):
            raise ValueError(f"not a DOI: {value!r} (expected 10.NNNN/...)")
        return value

    @model_validator(mode="after")
    def _has_identifier(self) -> Citation:
        if not (self.pmid or self.doi or self.url):
            raise ValueError("citation needs a pmid, doi or url")
        return self

    @property
    def link(self) -> str:
        """The canonical link a reader can follow."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url or ""

    def short(self) -> str:
        """'Singh D et al. (2019), Current Psychopharmacology' style reference."""
        authors = self.authors.split(",")[0].strip()
        if "," in self.authors:
            authors += " et al."
        venue = f", {self.venue}" if self.venue else ""
        return f"{authors} ({self.year}){venue}"


PartialDate = Annotated[str, Field(description="YYYY, YYYY-MM or YYYY-MM-DD")]


def _check_partial_date(value: str | None) -> str | None:
    if value is None:
        return None
    value = str(value)
    if not _PARTIAL_DATE.match(value):
        raise ValueError(f"not a date: {value!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    return value


class _Record(_Strict):
    id: str = Field(pattern=_ID_PATTERN, min_length=3, max_length=120)
    topic: str = Field(pattern=_ID_PATTERN, description="Topic slug, e.g. 'kratom', 'vitamin-d'.")
    entities: list[str] = Field(default_factory=list, description="Canonical entity names.")
    reviewed: date = Field(description="When we last checked the record against its source.")


class Finding(_Record):
    kind: Literal["finding"] = "finding"
    statement: str = Field(min_length=20, max_length=600)
    population: str | None = None
    intervention: str | None = None
    outcome: str | None = None
    study_type: StudyType
    evidence_grade: EvidenceGrade
    citation: Citation
    published: PartialDate | None = None
    checked: str = Field(min_length=10, description="How the citation was verified.")

    @field_validator("published", mode="before")
    @classmethod
    def _published_is_partial_date(cls, value: object) -> str | None:
        # YAML reads 2019 as int and 2019-04-20 as a date; both are fine here.
        return _check_partial_date(None if value is None else str(value))


class ClaimReview(_Record):
    kind: Literal["claim_review"] = "claim_review"
    claim: str = Field(min_length=10, max_length=300, description="The claim as it circulates.")
    variants: list[str] = Field(
        default_factory=list, description="Other common phrasings of the same claim."
    )
    rating: Rating
    explanation: str = Field(min_length=20, max_length=800)
    findings: list[str] = Field(min_length=1, description="Ids of the findings behind the rating.")


Record = Annotated[Finding | ClaimReview, Field(discriminator="kind")]


class Entity(_Strict):
    name: str = Field(min_length=2)
    aliases: list[str] = Field(default_factory=list)
    topic: str | None = None
    # a disease, symptom or outcome ("cervical cancer", "autism"): an article may name it
    # more often than its product, but "it" and "the vaccine" never stand for it
    condition: bool = False


class CorpusManifest(_Strict):
    """``corpus.yaml`` at the root of a corpus directory."""

    name: str
    version: str
    schema_version: int = SCHEMA_VERSION
    description: str | None = None
    license: str | None = None
