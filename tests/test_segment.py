"""Segment: sentences, headings and list items, with exact character offsets."""

from __future__ import annotations

from claimcheck.doc import UnitKind
from claimcheck.ingest import document_from_bytes, ingest
from claimcheck.segment import segment
from tests.conftest import KRATOM_ARTICLE


def test_units_point_into_the_document_text() -> None:
    doc = segment(ingest(str(KRATOM_ARTICLE)))
    assert len(doc.units) == 42
    for unit in doc.units:
        assert doc.text[unit.start : unit.end] == unit.text
        assert unit.text == unit.text.strip()


def test_headings_and_list_items_are_their_own_units() -> None:
    doc = segment(ingest(str(KRATOM_ARTICLE)))
    kinds = [u.kind for u in doc.units]
    assert kinds.count(UnitKind.LIST_ITEM) == 3
    assert kinds.count(UnitKind.HEADING) == 3
    heading = next(u for u in doc.units if u.kind == UnitKind.HEADING)
    assert heading.text == "Understanding Kratom and Its Potential for Addiction Treatment"


def test_dependence_sentence_is_one_unit() -> None:
    doc = segment(ingest(str(KRATOM_ARTICLE)))
    sentence = next(u for u in doc.units if "without the risk of dependence" in u.text)
    assert sentence.text.startswith("It works by interacting with opioid receptors")
    assert sentence.text.endswith("prescription medications.")


def test_opening_quote_starts_its_sentence() -> None:
    doc = segment(document_from_bytes(b'It worked. "Great stuff," she said. Done.', source="q"))
    assert [u.text for u in doc.units] == ["It worked.", '"Great stuff," she said.', "Done."]


def test_numbered_listicle_headings() -> None:
    text = b"Seven Benefits of Turmeric\n\n1. It Fights Inflammation\n\nCurcumin calms it.\n"
    doc = segment(document_from_bytes(text, source="l"))
    assert [(u.kind, u.text) for u in doc.units][1] == (
        UnitKind.HEADING,
        "1. It Fights Inflammation",
    )
