"""Import a BEIR or SciFact ``corpus.jsonl`` of abstracts: one finding per sentence.

Two line shapes are read:

* BEIR: ``{"_id": "4983", "title": "...", "text": "...", "metadata": {...}}``; the text is
  split into sentences.
* SciFact: ``{"doc_id": 4983, "title": "...", "abstract": ["sentence", ...]}``.

A citation needs an identifier and a year. They are taken from ``metadata`` (``doi``,
``pmid`` or ``pubmed_id``, ``url``, ``year``, ``authors``) when the line has them. Plain
BEIR and SciFact lines have neither: the importer then asks for ``--url-template`` (the
document id placed in a URL, e.g. ``https://pubmed.ncbi.nlm.nih.gov/{id}/`` for SciFact,
whose ids are PubMed ids) and ``--year`` rather than inventing them; a line that still
lacks one is reported and skipped.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from claimcheck.corpus.importers.common import (
    DEFAULT_STUDY_TYPE,
    ImportOptions,
    ImportResult,
    build_finding,
    checked_note,
    slug,
    split_sentences,
    statements_of,
    validation_message,
)

NO_IDENTIFIER = (
    "document {id} has no doi, pmid or url; pass --url-template (e.g. "
    "'https://pubmed.ncbi.nlm.nih.gov/{{id}}/' when the ids are PubMed ids)"
)
NO_YEAR = "document {id} has no publication year (metadata.year); pass --year to record one"


def import_beir(path: Path, options: ImportOptions) -> ImportResult:
    result = ImportResult(path, "beir")
    topic = options.topic or slug(path.parent.name if path.stem == "corpus" else path.stem)
    with path.open(encoding="utf-8-sig") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                line = json.loads(text)
            except json.JSONDecodeError as exc:
                result.skip(number, f"invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            if not isinstance(line, dict):
                result.skip(number, f"expected a JSON object, got {type(line).__name__}")
                continue
            _import_document(line, number, topic, options, result)
    return result


def _import_document(
    line: dict[str, Any], number: int, topic: str, options: ImportOptions, result: ImportResult
) -> None:
    doc_id = str(line.get("_id", line.get("doc_id", ""))).strip()
    if not doc_id:
        result.skip(number, "no document id (_id or doc_id)")
        return
    citation = _citation(line, doc_id, options, result.source)
    if isinstance(citation, str):
        result.skip(number, citation, doc_id)
        return
    abstract = line.get("abstract")
    if isinstance(abstract, list):
        sentences = [str(sentence) for sentence in abstract]
    else:
        sentences = split_sentences(str(line.get("text") or ""))
    if not sentences:
        result.skip(number, f"document {doc_id} has no text", doc_id)
        return
    note = checked_note(
        result.source,
        number,
        "beir",
        "claimcheck did not read the source; study type and grade not assessed (defaults)",
    )
    for index, problem, statement in statements_of(sentences):
        record_id = f"{options.prefix}-{slug(doc_id)}-s{index}"
        if problem:
            result.skip(number, f"document {doc_id}: {problem}", record_id)
            continue
        data = {
            "id": record_id,
            "topic": topic,
            "statement": statement,
            "study_type": options.study_type or DEFAULT_STUDY_TYPE,
            "evidence_grade": options.grade,
            "citation": citation,
            "reviewed": options.reviewed,
            "checked": note,
        }
        try:
            result.add(build_finding(data), number)
        except ValidationError as exc:
            result.skip(number, validation_message(exc), record_id)


def _citation(
    line: dict[str, Any], doc_id: str, options: ImportOptions, source: Path
) -> dict[str, Any] | str:
    """The citation fields, or why there can be none."""
    meta = line.get("metadata") if isinstance(line.get("metadata"), dict) else {}
    pmid = meta.get("pmid") or meta.get("pubmed_id")
    doi = meta.get("doi")
    url = meta.get("url")
    if not (pmid or doi or url):
        if not options.url_template:
            return NO_IDENTIFIER.format(id=doc_id)
        url = options.url_template.replace("{id}", doc_id)
    year = meta.get("year") or options.year
    if not year:
        return NO_YEAR.format(id=doc_id)
    authors = meta.get("authors")
    if isinstance(authors, list):
        authors = ", ".join(str(a) for a in authors)
    title = str(line.get("title") or "").strip()
    if not title:
        return f"document {doc_id} has no title"
    return {
        "authors": authors or f"authors not given in {source.name}",
        "title": title,
        "venue": meta.get("journal") or meta.get("venue"),
        "year": year,
        "pmid": str(pmid) if pmid else None,
        "doi": doi or None,
        "url": url or None,
    }
