"""What every importer shares: options, results, ids, and turning texts into findings.

Imported records are marked as such: their ``checked`` field says which file and line they
came from and that claimcheck did not read or grade the source. Where the input says
nothing about a source's study type or certainty, the importer uses the documented
defaults in :class:`ImportOptions` rather than guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from claimcheck.corpus.schema import EvidenceGrade, Finding, StudyType
from claimcheck.corpus.store import Problem

# The schema has no "unknown" study type; narrative_review carries the same middle weight
# the aggregator gives a type it does not know, and ``checked`` says it was not assessed.
DEFAULT_STUDY_TYPE = StudyType.NARRATIVE_REVIEW
# Nobody graded an imported record: it counts as the weakest evidence until someone does.
DEFAULT_GRADE = EvidenceGrade.VERY_LOW
MIN_STATEMENT = 20
MAX_STATEMENT = 600
_SLUG = re.compile(r"[^a-z0-9._-]+")


@dataclass(frozen=True)
class ImportOptions:
    name: str  # the imported corpus's name; prefixes every generated id
    topic: str | None = None  # topic for records whose input gives none
    study_type: StudyType | None = None  # default study type (else DEFAULT_STUDY_TYPE)
    grade: EvidenceGrade = DEFAULT_GRADE
    url_template: str | None = None  # BEIR: link built from the document id, "{id}"
    year: int | None = None  # BEIR: publication year for documents that carry none
    reviewed: date = field(default_factory=date.today)

    @property
    def prefix(self) -> str:
        return slug(self.name)


@dataclass
class ImportResult:
    """The findings read from one input file and the records that had to be skipped."""

    source: Path
    format: str
    findings: list[Finding] = field(default_factory=list)
    lines: list[int | None] = field(default_factory=list)  # input line of each finding
    problems: list[Problem] = field(default_factory=list)

    def add(self, finding: Finding, line: int | None) -> None:
        self.findings.append(finding)
        self.lines.append(line)

    def skip(self, line: int | None, message: str, record: str | None = None) -> None:
        self.problems.append(Problem(str(self.source), line, record, None, message))

    def warn(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(str(self.source), line, None, None, message, "warning"))

    @property
    def skipped(self) -> int:
        return sum(problem.severity == "error" for problem in self.problems)


def slug(text: str) -> str:
    value = _SLUG.sub("-", text.lower()).strip("-._")
    return value or "imported"


def source_slug(path: Path) -> str:
    """'statements.csv' -> 'statements-csv': names the input in ids and record files."""
    return slug(path.name.replace(".", "-"))


def checked_note(source: Path, line: int | None, fmt: str, assessed: str) -> str:
    where = f"{source.name}:{line}" if line else source.name
    return f"Imported from {where} ({fmt}) by claimcheck corpus import; {assessed}."


def validation_message(exc: ValidationError) -> str:
    """One line: the first error, located by field ('citation.year: ...')."""
    error = exc.errors()[0]
    loc = ".".join(str(part) for part in error["loc"])
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{loc + ': ' if loc else ''}{error['msg']}{more}"


def build_finding(data: dict[str, Any]) -> Finding:
    """Validate one finding; raises ValidationError (message via validation_message)."""
    return Finding.model_validate({key: value for key, value in data.items() if value is not None})


def assessment(study_type_given: bool, grade_given: bool) -> str:
    """What ``checked`` says about who classified the source."""
    if study_type_given and grade_given:
        return "study type and grade as given in the file; claimcheck did not read the source"
    return "claimcheck did not read the source; study type and grade not assessed (defaults)"


def statements_of(texts: Iterable[str]) -> Iterator[tuple[int, str | None, str]]:
    """Abstract sentences as finding statements: (sentence number, problem, statement).

    Fragments shorter than a statement may be ("Results.") are joined to the sentence
    that follows; a sentence longer than a statement may be is split at semicolons, and
    reported (problem set) when it still does not fit.
    """
    pending = ""
    number = 0
    for text in texts:
        text = " ".join(text.split())
        if not text:
            continue
        joined = f"{pending} {text}".strip()
        if len(joined) < MIN_STATEMENT:
            pending = joined
            continue
        pending = ""
        for part in _fit(joined):
            number += 1
            if len(part) > MAX_STATEMENT:
                yield number, f"sentence {number} is over {MAX_STATEMENT} characters", part
            else:
                yield number, None, part
    if pending:
        number += 1
        yield number, f"sentence {number} is under {MIN_STATEMENT} characters", pending


def _fit(text: str) -> list[str]:
    if len(text) <= MAX_STATEMENT:
        return [text]
    parts: list[str] = []
    for piece in text.split("; "):
        if parts and len(parts[-1]) + len(piece) + 2 <= MAX_STATEMENT:
            parts[-1] = f"{parts[-1]}; {piece}"
        else:
            parts.append(piece)
    return parts


def split_sentences(text: str) -> list[str]:
    """Sentences of an abstract, by the same rule-based splitter scans use."""
    from claimcheck.segment import sentence_splitter

    return [s.text.strip() for s in sentence_splitter()(text).sents if s.text.strip()]
