"""Segment: split a document's blocks into units (sentences, headings, list items).

Headings and list items are units of their own; paragraphs are split into sentences by
spaCy's rule-based sentencizer, which is fast and predictable on edited web prose.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc

from claimcheck.doc import BlockKind, Document, Unit, UnitKind

_BLOCK_UNIT_KIND = {BlockKind.HEADING: UnitKind.HEADING, BlockKind.LIST_ITEM: UnitKind.LIST_ITEM}


_OPENING_QUOTES = {'"', "\u201c", "'", "\u2018"}


@Language.component("claimcheck_quote_boundaries")
def quote_boundaries(doc: SpacyDoc) -> SpacyDoc:
    """The sentencizer leaves an opening quote at the end of the previous sentence
    ('... groups. "' + 'For the ...'); move it to the sentence it opens."""
    for token in doc[1:-1]:
        if (
            token.text in _OPENING_QUOTES
            and not token.whitespace_
            and doc[token.i - 1].whitespace_
            and doc[token.i + 1].is_sent_start
        ):
            token.is_sent_start = True
            doc[token.i + 1].is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def sentence_splitter() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimcheck_quote_boundaries")
    return nlp


def segment(doc: Document) -> Document:
    """Fill ``doc.units`` from ``doc.blocks``."""
    return segment_many([doc])[0]


def segment_many(docs: list[Document]) -> list[Document]:
    nlp = sentence_splitter()
    paragraphs = [
        (doc, block) for doc in docs for block in doc.blocks if block.kind == BlockKind.PARAGRAPH
    ]
    parsed = dict(
        zip(
            ((id(doc), block.start) for doc, block in paragraphs),
            nlp.pipe(doc.text[block.start : block.end] for doc, block in paragraphs),
            strict=True,
        )
    )
    for doc in docs:
        units: list[Unit] = []
        for block in doc.blocks:
            if block.kind in _BLOCK_UNIT_KIND:
                spans = [(block.start, block.end)]
                kind = _BLOCK_UNIT_KIND[block.kind]
            else:
                sentences = parsed[(id(doc), block.start)].sents
                spans = [(block.start + s.start_char, block.start + s.end_char) for s in sentences]
                kind = UnitKind.SENTENCE
            for start, end in spans:
                start, end = _trim(doc.text, start, end)
                if end > start:
                    units.append(Unit(len(units), kind, start, end, doc.text[start:end]))
        doc.units = units
    return docs


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
