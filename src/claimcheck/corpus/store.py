"""Reading corpus directories into validated records, with every problem located.

A corpus directory holds ``corpus.yaml`` (the manifest), optionally entity files
(``entities.yaml`` or any file under ``entities/``: canonical names and aliases), and
record files (usually under ``records/``): YAML files holding a list of records, or JSONL
files with one record per line. Several corpus
directories can be loaded together (the bundled one plus a user's own).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from claimcheck.corpus.schema import ClaimReview, CorpusManifest, Entity, Finding, Record

_RECORD_ADAPTER: TypeAdapter[Finding | ClaimReview] = TypeAdapter(Record)
RECORD_SUFFIXES = (".yaml", ".yml", ".jsonl")


class CorpusError(Exception):
    """A corpus cannot be used at all (missing directory, unreadable manifest)."""


@dataclass(frozen=True)
class Problem:
    """One validation problem, located by file, line, record id and field."""

    path: str
    line: int | None
    record: str | None
    field: str | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        what = f" record {self.record}" if self.record else ""
        fld = f" field {self.field}" if self.field else ""
        return f"{where}:{what}{fld}: {self.message}" if what or fld else f"{where}: {self.message}"


@dataclass(frozen=True)
class SourcedRecord:
    record: Finding | ClaimReview
    path: str
    line: int | None


@dataclass
class Corpus:
    """All records of one or more corpus directories, by id."""

    manifests: list[CorpusManifest]
    findings: dict[str, Finding]
    reviews: dict[str, ClaimReview]
    entities: list[Entity]
    content_hash: str
    locations: dict[str, tuple[str, int | None]] = field(default_factory=dict)

    @property
    def version(self) -> str:
        names = "+".join(f"{m.name}@{m.version}" for m in self.manifests)
        return f"{names}#{self.content_hash[:12]}"

    @property
    def size(self) -> int:
        return len(self.findings) + len(self.reviews)

    def records(self) -> Iterator[Finding | ClaimReview]:
        yield from self.findings.values()
        yield from self.reviews.values()

    def get(self, record_id: str) -> Finding | ClaimReview:
        return self.findings.get(record_id) or self.reviews[record_id]

    @cached_property
    def alias_map(self) -> dict[str, str]:
        """Lower-cased alias or name -> canonical entity name."""
        mapping: dict[str, str] = {}
        for entity in self.entities:
            mapping[entity.name.lower()] = entity.name
            for alias in entity.aliases:
                mapping[alias.lower()] = entity.name
        return mapping


def load_corpus(directories: Sequence[Path]) -> tuple[Corpus, list[Problem]]:
    """Load and validate corpus directories; problems are returned, not raised."""
    problems: list[Problem] = []
    manifests: list[CorpusManifest] = []
    entities: list[Entity] = []
    sourced: list[SourcedRecord] = []
    digest = hashlib.sha256()
    for directory in directories:
        manifest, files = _corpus_files(directory)
        manifests.append(manifest)
        for path in files:
            digest.update(str(path.relative_to(directory)).encode())
            digest.update(path.read_bytes())
            if _is_entities_file(path):
                entities.extend(_read_entities(path, problems))
            elif path.name not in ("corpus.yaml", "corpus.yml"):
                sourced.extend(_read_records(path, problems))
    corpus = _assemble(manifests, entities, sourced, digest.hexdigest(), problems)
    return corpus, problems


def _corpus_files(directory: Path) -> tuple[CorpusManifest, list[Path]]:
    if not directory.exists():
        raise CorpusError(f"{directory}: corpus directory does not exist")
    if not directory.is_dir():
        raise CorpusError(f"{directory}: not a directory")
    manifest_path = directory / "corpus.yaml"
    if manifest_path.exists():
        try:
            manifest = CorpusManifest.model_validate(yaml.safe_load(manifest_path.read_text()))
        except (yaml.YAMLError, ValidationError) as exc:
            first = str(exc).splitlines()[0]
            raise CorpusError(f"{manifest_path}: invalid manifest: {first}") from exc
    else:
        manifest = CorpusManifest(name=directory.name, version="0")
    files = sorted(p for p in directory.rglob("*") if p.is_file() and p.suffix in RECORD_SUFFIXES)
    return manifest, files


def _is_entities_file(path: Path) -> bool:
    return path.parent.name == "entities" or path.stem == "entities"


def _read_entities(path: Path, problems: list[Problem]) -> list[Entity]:
    try:
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        problems.append(Problem(str(path), _yaml_line(exc), None, None, f"invalid YAML: {exc}"))
        return []
    found: list[Entity] = []
    for index, item in enumerate(items):
        try:
            found.append(Entity.model_validate(item))
        except ValidationError as exc:
            for error in exc.errors():
                loc = ".".join(str(part) for part in error["loc"])
                problems.append(Problem(str(path), None, f"#{index}", loc, error["msg"]))
    return found


def _read_records(path: Path, problems: list[Problem]) -> Iterator[SourcedRecord]:
    try:
        raw_items = list(_raw_items(path))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), _yaml_line(exc), None, None, f"unreadable: {exc}"))
        return
    for line, item in raw_items:
        if isinstance(item, Problem):
            problems.append(item)
            continue
        record_id = item.get("id") if isinstance(item, dict) else None
        try:
            record = _RECORD_ADAPTER.validate_python(item)
        except ValidationError as exc:
            for error in exc.errors():
                loc = ".".join(str(part) for part in error["loc"][1:] or error["loc"])
                problems.append(Problem(str(path), line, record_id, loc or None, error["msg"]))
            continue
        yield SourcedRecord(record, str(path), line)


def _raw_items(path: Path) -> Iterator[tuple[int | None, Any]]:
    """(line, raw mapping) for each record in a YAML or JSONL file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, Problem(str(path), number, None, None, f"invalid JSON: {exc.msg}")
        return
    root = yaml.compose(text)
    if root is None:
        return
    if isinstance(root, yaml.MappingNode):
        # ``records:`` key form; anything else in the mapping is file-level metadata.
        for key, value in root.value:
            if key.value == "records":
                root = value
                break
    if not isinstance(root, yaml.SequenceNode):
        raise yaml.YAMLError("expected a list of records (or a mapping with 'records:')")
    loader = yaml.SafeLoader("")
    for node in root.value:
        yield node.start_mark.line + 1, loader.construct_document(node)


def _yaml_line(exc: Exception) -> int | None:
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else None


def _assemble(
    manifests: list[CorpusManifest],
    entities: list[Entity],
    sourced: Iterable[SourcedRecord],
    content_hash: str,
    problems: list[Problem],
) -> Corpus:
    findings: dict[str, Finding] = {}
    reviews: dict[str, ClaimReview] = {}
    locations: dict[str, tuple[str, int | None]] = {}
    for item in sourced:
        record = item.record
        if record.id in locations:
            first_path, first_line = locations[record.id]
            problems.append(
                Problem(
                    item.path,
                    item.line,
                    record.id,
                    "id",
                    f"duplicate id (first at {first_path}:{first_line})",
                )
            )
            continue
        locations[record.id] = (item.path, item.line)
        if isinstance(record, Finding):
            findings[record.id] = record
        else:
            reviews[record.id] = record
    corpus = Corpus(manifests, findings, reviews, entities, content_hash, locations)
    problems.extend(cross_record_problems(corpus))
    return corpus


def normalise_statement(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def cross_record_problems(corpus: Corpus) -> list[Problem]:
    """Checks that need the whole corpus: references, repeated statements, entities."""
    problems: list[Problem] = []

    def located(record_id: str, fld: str, message: str, severity: str = "error") -> Problem:
        path, line = corpus.locations.get(record_id, ("?", None))
        return Problem(path, line, record_id, fld, message, severity)

    for review in corpus.reviews.values():
        for finding_id in review.findings:
            if finding_id not in corpus.findings:
                problems.append(located(review.id, "findings", f"unknown finding {finding_id!r}"))
    seen: dict[str, str] = {}
    for record in corpus.records():
        text = record.statement if isinstance(record, Finding) else record.claim
        key = normalise_statement(text)
        if key in seen:
            problems.append(
                located(
                    record.id,
                    "statement" if isinstance(record, Finding) else "claim",
                    f"repeats record {seen[key]!r} verbatim",
                )
            )
        else:
            seen[key] = record.id
    if corpus.entities:
        known = {entity.name for entity in corpus.entities}
        for record in corpus.records():
            for name in record.entities:
                if name not in known:
                    message = f"entity {name!r} is not defined in any entities file"
                    problems.append(located(record.id, "entities", message, severity="warning"))
    return problems
