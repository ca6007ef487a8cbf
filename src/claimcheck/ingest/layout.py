"""Main text and its block structure (headings, paragraphs, list items), from text or HTML."""

from __future__ import annotations

import re
import unicodedata

import trafilatura
from lxml import etree

from claimcheck.doc import Block, BlockKind, Document
from claimcheck.ingest.errors import IngestError

_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25aa\u25cf\u2013]|\d{1,2}[.)])\s+")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
_SENTENCE_END = re.compile(r"[.!?:;,\u2026\"\u201d)]\s*$")
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p)\b", re.IGNORECASE)
_MAX_HEADING_WORDS = 14


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2048]
    return head.startswith("<") and bool(_HTML_SNIFF.search(head))


class _Builder:
    """Accumulates block texts into one document text with offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []

    def add(self, kind: BlockKind, text: str, separator: str = "\n\n") -> None:
        text = _clean(text)
        if not text:
            return
        if self.parts:
            self.parts.append(separator)
            self.length += len(separator)
        self.blocks.append(Block(kind, self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


def document_from_text(text: str, *, source: str) -> Document:
    builder = _Builder()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            builder.add(BlockKind.PARAGRAPH, " ".join(paragraph))
            paragraph.clear()

    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if _NUMBERED.match(stripped) and _is_heading_line(stripped, lines, index):
            # "3. It Eases Joint Pain" followed by a paragraph: a listicle heading.
            flush()
            builder.add(BlockKind.HEADING, stripped)
        elif _BULLET.match(stripped):
            flush()
            builder.add(BlockKind.LIST_ITEM, _BULLET.sub("", stripped), "\n")
        elif _MARKDOWN_HEADING.match(stripped) or _is_heading_line(stripped, lines, index):
            flush()
            builder.add(BlockKind.HEADING, _MARKDOWN_HEADING.sub("", stripped))
        elif paragraph and _SENTENCE_END.search(paragraph[-1]):
            # A line after a finished sentence starts a new paragraph (one paragraph a line).
            flush()
            paragraph.append(stripped)
        else:
            paragraph.append(stripped)
    flush()
    if not builder.blocks:
        raise IngestError(source, "has no text")
    title = next(
        (builder.text[b.start : b.end] for b in builder.blocks if b.kind == BlockKind.HEADING),
        None,
    )
    return Document(builder.text, source, title=title, blocks=builder.blocks)


def _is_heading_line(line: str, lines: list[str], index: int) -> bool:
    words = line.split()
    if len(words) > _MAX_HEADING_WORDS or _SENTENCE_END.search(line):
        return False
    following = next(
        (next_line.strip() for next_line in lines[index + 1 :] if next_line.strip()), ""
    )
    # A short unpunctuated line followed by more text is a heading; a trailing one is not.
    first_word = _NUMBERED.sub("", line)
    # "9 Cold and Flu Remedies ...": a listicle's title may start with its count.
    return bool(following) and (first_word[:1].isupper() or first_word[:1].isdigit())


def document_from_html(html: str, *, source: str) -> Document:
    try:
        xml = trafilatura.extract(
            html,
            output_format="xml",
            include_comments=False,
            include_tables=False,
            include_images=False,
            with_metadata=True,
        )
    except (ValueError, etree.LxmlError) as exc:
        raise IngestError(source, f"unreadable HTML ({exc})") from exc
    if not xml:
        raise IngestError(source, "no main text found in the HTML")
    root = etree.fromstring(xml.encode("utf-8"))
    builder = _Builder()
    main = root.find("main")
    for element in main if main is not None else []:
        _add_element(builder, element)
    if not builder.blocks:
        raise IngestError(source, "no main text found in the HTML")
    return Document(
        builder.text,
        source,
        title=root.get("title") or None,
        published=root.get("date") or None,
        media_type="text/html",
        blocks=builder.blocks,
    )


def _add_element(builder: _Builder, element: etree._Element) -> None:
    tag = element.tag
    if tag == "head":
        builder.add(BlockKind.HEADING, "".join(element.itertext()))
    elif tag == "list":
        for item in element.iter("item"):
            own_text = (item.text or "") + "".join(
                (child.tail or "")
                if child.tag == "list"
                else "".join(child.itertext()) + (child.tail or "")
                for child in item
            )
            builder.add(BlockKind.LIST_ITEM, own_text, "\n")
    elif tag in ("p", "quote", "code"):
        builder.add(BlockKind.PARAGRAPH, "".join(element.itertext()))
    elif tag in ("table", "graphic", "comments"):
        return
    else:
        builder.add(BlockKind.PARAGRAPH, "".join(element.itertext()))
