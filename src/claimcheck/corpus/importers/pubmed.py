"""Import PubMed XML (``PubmedArticleSet``, as efetch and PubMed's "Save as XML" write it).

Each article gives PMID, DOI, authors, title, journal and year for the citation, and its
abstract sentences become findings. In a structured abstract the BACKGROUND, OBJECTIVE and
METHODS sections are left out: they state aims and designs, not evidence. The study type
comes from the article's PubMed publication types where one maps onto the schema
(Meta-Analysis, Systematic Review, Randomized Controlled Trial, Practice Guideline, Case
Reports, Review); otherwise the import default applies.

The parser (lxml) never fetches the DTD or anything else from the network and does not
expand entities. Articles are parsed one at a time, so a malformed article is reported at
its line and skipped, and the articles after it are still read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree
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
from claimcheck.corpus.schema import StudyType

# First match wins: the most specific publication type decides.
PUBLICATION_TYPES: tuple[tuple[str, StudyType], ...] = (
    ("Meta-Analysis", StudyType.META_ANALYSIS),
    ("Systematic Review", StudyType.SYSTEMATIC_REVIEW),
    ("Practice Guideline", StudyType.GUIDELINE),
    ("Guideline", StudyType.GUIDELINE),
    ("Randomized Controlled Trial", StudyType.RCT),
    ("Case Reports", StudyType.CASE_REPORT),
    ("Review", StudyType.NARRATIVE_REVIEW),
)
_ARTICLE_OPEN = re.compile(rb"<Pubmed(?:Book)?Article(?=[\s>])")
SKIPPED_SECTIONS = frozenset({"BACKGROUND", "OBJECTIVE", "METHODS"})
_MONTHS = {
    name: f"{number:02d}"
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}


def import_pubmed(path: Path, options: ImportOptions) -> ImportResult:
    result = ImportResult(path, "pubmed")
    topic = options.topic or slug(path.stem)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    chunks = list(_article_chunks(path.read_bytes()))
    if not chunks:
        result.skip(None, "no PubmedArticle elements: is this a PubMed XML file?")
    for line, chunk in chunks:
        try:
            element = etree.fromstring(chunk, parser)
        except etree.XMLSyntaxError as exc:
            result.skip(line + (exc.lineno or 1) - 1, f"malformed XML: {_absolute(exc, line)}")
            continue
        element.sourceline = line
        if element.tag == "PubmedBookArticle":
            result.skip(line, "book articles (PubmedBookArticle) are skipped")
        else:
            _import_article(element, topic, options, result)
    return result


def _article_chunks(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(first line, bytes) of each article, from one article opening to the next.

    Articles are parsed one by one so that a malformed one costs only itself: a parser
    recovering from a missing closing tag would fold the next article into it.
    """
    starts = [match.start() for match in _ARTICLE_OPEN.finditer(data)]
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(data)
        chunk = data[start:end]
        close = max(chunk.rfind(b"</PubmedArticle>"), chunk.rfind(b"</PubmedBookArticle>"))
        if close >= 0:
            chunk = chunk[: chunk.index(b">", close) + 1]
        yield data.count(b"\n", 0, start) + 1, chunk


def _absolute(exc: etree.XMLSyntaxError, first_line: int) -> str:
    """lxml's message with its line numbers made relative to the file, not the article."""
    message = re.sub(r", line \d+, column \d+$", "", exc.msg or str(exc))
    return re.sub(r"line (\d+)", lambda m: f"line {int(m[1]) + first_line - 1}", message)


def _import_article(
    article: etree._Element, topic: str, options: ImportOptions, result: ImportResult
) -> None:
    line = article.sourceline
    pmid = _text(article.find("MedlineCitation/PMID"))
    if not pmid:
        result.skip(line, "article without a PMID")
        return
    citation = _citation(article, pmid)
    if isinstance(citation, str):
        result.skip(line, f"PMID {pmid}: {citation}", pmid)
        return
    study_type = _study_type(article)
    assessed = (
        "study type from PubMed publication types; grade not assessed"
        if study_type
        else "study type and grade not assessed (defaults)"
    )
    note = checked_note(result.source, line, "pubmed", f"claimcheck did not read it; {assessed}")
    sentences = [s for text in _abstract_sections(article) for s in split_sentences(text)]
    if not sentences:
        result.skip(line, f"PMID {pmid} has no abstract", pmid)
        return
    for index, problem, statement in statements_of(sentences):
        record_id = f"{options.prefix}-pmid{pmid}-s{index}"
        if problem:
            result.skip(line, f"PMID {pmid}: {problem}", record_id)
            continue
        data = {
            "id": record_id,
            "topic": topic,
            "statement": statement,
            "study_type": study_type or options.study_type or DEFAULT_STUDY_TYPE,
            "evidence_grade": options.grade,
            "citation": citation,
            "published": _published(article),
            "reviewed": options.reviewed,
            "checked": note,
        }
        try:
            result.add(build_finding(data), line)
        except ValidationError as exc:
            result.skip(line, validation_message(exc), record_id)


def _citation(article: etree._Element, pmid: str) -> dict[str, object] | str:
    title = _text(article.find("MedlineCitation/Article/ArticleTitle"))
    if not title:
        return "no ArticleTitle"
    published = _published(article)
    if not published:
        return "no publication year (PubDate)"
    journal = article.find("MedlineCitation/Article/Journal")
    venue = _text(journal.find("Title")) if journal is not None else None
    if not venue and journal is not None:
        venue = _text(journal.find("ISOAbbreviation"))
    return {
        "authors": _authors(article) or "authors not listed in PubMed",
        "title": title.rstrip("."),
        "venue": venue,
        "year": int(published[:4]),
        "pmid": pmid,
        "doi": _doi(article),
    }


def _authors(article: etree._Element) -> str:
    names = []
    for author in article.iterfind("MedlineCitation/Article/AuthorList/Author"):
        collective = _text(author.find("CollectiveName"))
        last = _text(author.find("LastName"))
        initials = _text(author.find("Initials")) or ""
        if collective:
            names.append(collective)
        elif last:
            names.append(f"{last} {initials}".strip())
    return ", ".join(names)


def _doi(article: etree._Element) -> str | None:
    for xpath in (
        "PubmedData/ArticleIdList/ArticleId[@IdType='doi']",
        "MedlineCitation/Article/ELocationID[@EIdType='doi']",
    ):
        value = _text(article.find(xpath))
        if value:
            return value
    return None


def _published(article: etree._Element) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD from the journal issue's PubDate (or MedlineDate)."""
    date = article.find("MedlineCitation/Article/Journal/JournalIssue/PubDate")
    if date is None:
        return None
    year = _text(date.find("Year"))
    if not year:
        match = re.match(r"\s*(\d{4})", _text(date.find("MedlineDate")) or "")
        return match.group(1) if match else None
    month = (_text(date.find("Month")) or "").lower()
    month = _MONTHS.get(month[:3], month.zfill(2) if month.isdigit() else "")
    day = (_text(date.find("Day")) or "").zfill(2) if month else ""
    return "-".join(part for part in (year, month, day.strip("0") and day) if part)


def _abstract_sections(article: etree._Element) -> list[str]:
    texts = []
    for section in article.iterfind("MedlineCitation/Article/Abstract/AbstractText"):
        category = (section.get("NlmCategory") or "").upper()
        if category in SKIPPED_SECTIONS:
            continue
        text = _text(section)
        if text:
            texts.append(text)
    return texts


def _study_type(article: etree._Element) -> StudyType | None:
    types = {
        _text(node)
        for node in article.iterfind("MedlineCitation/Article/PublicationTypeList/PublicationType")
    }
    for name, study_type in PUBLICATION_TYPES:
        if name in types:
            return study_type
    return None


def _text(node: etree._Element | None) -> str | None:
    """All text inside ``node`` (titles and abstracts carry <i>, <sup> and the like)."""
    if node is None:
        return None
    text = " ".join("".join(node.itertext()).split())
    return text or None
