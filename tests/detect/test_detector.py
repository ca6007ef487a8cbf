"""The detection stage on the kratom example article, with the real models."""

from __future__ import annotations

import pytest

from claimcheck.doc import ClaimType, Document, Strength, UnitKind
from tests.conftest import KRATOM_ARTICLE


@pytest.fixture(scope="module")
def kratom_doc(parser) -> Document:
    """The detector as the pipeline builds it (bundled corpus for the entity finder), but
    without the stance model, which detection does not need."""
    from claimcheck.corpus import load_corpus
    from claimcheck.detect import ClaimDetector, load_classifier
    from claimcheck.entities import EntityFinder
    from claimcheck.ingest import document_from_bytes
    from claimcheck.paths import bundled_corpus_dir
    from claimcheck.segment import segment_many

    corpus, _ = load_corpus([bundled_corpus_dir()])
    detector = ClaimDetector(load_classifier(), parser, EntityFinder(corpus))
    doc = document_from_bytes(KRATOM_ARTICLE.read_bytes(), source=str(KRATOM_ARTICLE))
    segment_many([doc])
    detector.detect_many([doc])
    return doc


def test_dependence_is_its_own_negated_safety_claim(kratom_doc: Document) -> None:
    by_text = {c.text: c for c in kratom_doc.claims}
    dependence = by_text.get("Kratom does not cause dependence.")
    assert dependence is not None, sorted(by_text)
    assert dependence.attributes.negated
    assert dependence.attributes.claim_type == ClaimType.SAFETY
    assert dependence.attributes.harm_risk >= 0.8
    assert "Kratom does not cause drowsiness." in by_text
    assert kratom_doc.text[dependence.start : dependence.end].startswith("without the risk")


def test_kratom_claims_cover_dosing_mechanism_and_efficacy(kratom_doc: Document) -> None:
    texts = [c.text for c in kratom_doc.claims]
    assert any("insomnia" in t for t in texts)
    assert any("opioid receptors" in t for t in texts)
    dosing = [c for c in kratom_doc.claims if c.attributes.dose == "1-3 g"]
    assert dosing, texts
    hedged = [c for c in kratom_doc.claims if c.attributes.hedged]
    assert hedged and all(
        c.attributes.strength in (Strength.CONDITIONAL_CAUSAL, Strength.CORRELATIONAL)
        for c in hedged
    )


def test_claims_are_well_formed(kratom_doc: Document) -> None:
    assert kratom_doc.claims
    ids = [c.id for c in kratom_doc.claims]
    assert ids == [f"c{n}" for n in range(1, len(ids) + 1)]
    for claim in kratom_doc.claims:
        unit = kratom_doc.unit(claim.unit_index)
        assert unit.kind != UnitKind.HEADING
        assert unit.start <= claim.start < claim.end <= unit.end
        assert claim.text.endswith(".") and claim.text[0].isupper()
        assert 0.0 <= claim.attributes.harm_risk <= 1.0
        assert 0.0 < claim.detection_score <= 1.0


def test_author_plans_and_questions_make_no_claims(kratom_doc: Document) -> None:
    claimed = {c.unit_index for c in kratom_doc.claims}
    for unit in kratom_doc.units:
        if unit.text.startswith(("This article explores", "We delve")) or unit.text.endswith("?"):
            assert unit.index not in claimed, unit.text


def test_table_of_contents_entries_are_not_claims(kratom_doc: Document) -> None:
    contents = [u for u in kratom_doc.units if u.kind == UnitKind.LIST_ITEM]
    assert contents, "the article's table of contents should be list items"
    for unit in contents:
        inside = [c for c in kratom_doc.claims if unit.start <= c.start < unit.end]
        assert not inside, f"claims made of a contents entry: {[c.text for c in inside]}"


@pytest.mark.parametrize(
    ("text", "kind", "holds"),
    [
        ("The Truth About the MMR Vaccine and Autism", "list_item", False),
        ("Boosts Energy Naturally", "list_item", True),
        ("Relief from tinnitus", "list_item", True),
        ("Kratom is not addictive?", "sentence", False),
    ],
)
def test_which_units_can_hold_a_claim(text: str, kind: str, holds: bool) -> None:
    from claimcheck.detect import can_hold_claim_text

    assert can_hold_claim_text(text, kind) is holds
