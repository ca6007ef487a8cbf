"""The detection stage on the kratom example article, with the real models."""

from __future__ import annotations

import pytest

from claimcheck.doc import ClaimType, Document, Strength, UnitKind
from tests.conftest import KRATOM_ARTICLE


@pytest.fixture(scope="module")
def detect(parser):
    """The detector as the pipeline builds it (bundled corpus for the entity finder), but
    without the stance model, which detection does not need; text in, Document out."""
    from claimcheck.corpus import load_corpus
    from claimcheck.detect import ClaimDetector, load_classifier
    from claimcheck.entities import EntityFinder
    from claimcheck.ingest import document_from_bytes
    from claimcheck.paths import bundled_corpus_dir
    from claimcheck.segment import segment_many

    corpus, _ = load_corpus([bundled_corpus_dir()])
    detector = ClaimDetector(load_classifier(), parser, EntityFinder(corpus))

    def run(data: bytes, source: str) -> Document:
        doc = document_from_bytes(data, source=source)
        segment_many([doc])
        detector.detect_many([doc])
        return doc

    return run


@pytest.fixture(scope="module")
def kratom_doc(detect) -> Document:
    return detect(KRATOM_ARTICLE.read_bytes(), str(KRATOM_ARTICLE))


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


LISTICLE = b"""5 Natural Cold Remedies That Work
Nobody likes a cold, and these remedies are the ones readers ask about most.
1. Echinacea
It cures colds within two days.
2. Zinc Lozenges
They shorten colds in adults when started early.
"""

PRODUCT = b"""OmegaPure Fish Oil Softgels
Our fish oil is made from wild-caught anchovies.
- Lowers triglycerides for a healthier heart
- Soothes stiff, achy joints
- Relieve joint pain and morning stiffness
"""


def test_a_listicle_section_is_about_what_its_heading_names(detect) -> None:
    texts = [c.text for c in detect(LISTICLE, "listicle.txt").claims]
    assert "Echinacea cures colds within two days." in texts, texts
    assert any(t.startswith("Zinc lozenges shorten colds in adults") for t in texts), texts


def test_a_list_item_starting_with_its_verb_is_about_the_product(detect) -> None:
    texts = [c.text for c in detect(PRODUCT, "product.txt").claims]
    assert "Fish oil lowers triglycerides for a healthier heart." in texts, texts
    # a bullet in the base form says what the product does, not what the reader should do
    assert "Fish oil relieves morning stiffness." in texts, texts


def test_a_brand_written_before_its_product_stands_for_the_product(detect) -> None:
    page = (
        b"PureSilver Ultra 30 PPM Colloidal Silver\n"
        b"Our colloidal silver is made in small batches in Ohio.\n"
        b"PureSilver is non-toxic and has no side effects, even for children.\n"
    )
    texts = [c.text for c in detect(page, "product.txt").claims]
    assert "Colloidal silver is non-toxic." in texts, texts
    assert any(t.startswith("Colloidal silver has no side effects") for t in texts), texts
    assert not any(t.startswith("PureSilver") for t in texts), texts


@pytest.mark.parametrize(
    ("text", "kind", "holds"),
    [
        ("The Truth About the MMR Vaccine and Autism", "list_item", False),
        ("Boosts Energy Naturally", "list_item", True),
        ("Relief from tinnitus", "list_item", True),
        ("Kratom is not addictive?", "sentence", False),
        ("Q: I read that statins cause memory loss and diabetes.", "sentence", False),
        ("A: Statins cause muscle aches in a small share of people.", "sentence", True),
        (
            "*These statements have not been evaluated by the Food and Drug Administration.",
            "sentence",
            False,
        ),
        (
            "This product is not intended to diagnose, treat, cure or prevent any disease.",
            "sentence",
            False,
        ),
        ("Kava has not been evaluated for safety in pregnancy.", "sentence", True),
        ("The study followed 25,000 adults aged 50 and older for five years.", "sentence", False),
        ("The study was published this week in a leading cardiology journal.", "sentence", False),
        (
            "Researchers followed 1,000 kratom users and found that most became dependent.",
            "sentence",
            True,
        ),
        ("Here are eight ways a daily probiotic can change your life.", "sentence", False),
        ("These are the reasons doctors recommend it.", "sentence", False),
        ("Here are the facts: kratom causes dependence.", "sentence", True),
        ("These are safe for children.", "sentence", True),
    ],
)
def test_which_units_can_hold_a_claim(text: str, kind: str, holds: bool) -> None:
    from claimcheck.detect import can_hold_claim_text

    assert can_hold_claim_text(text, kind) is holds


def test_an_object_it_reads_as_the_document_writes_the_name_mid_sentence(detect) -> None:
    page = (
        b"Kratom for sleep\n\n"
        b"Kratom is a leaf from Southeast Asia. Many people take kratom at night.\n"
        b"My gym buddies all take it for muscle gains and say it helps with pain.\n"
    )
    texts = [c.text for c in detect(page, "case.txt").claims]
    assert not any(" Kratom" in t for t in texts), texts


def test_a_customers_quoted_experience_is_a_claim_but_a_taste_note_is_not(detect) -> None:
    page = (
        b"Radiant Marine Collagen\n\n"
        b"Our collagen peptides support skin, hair and nails.\n\n"
        b'"My nails stopped breaking within a month!" - Jess P.\n\n'
        b'"Dissolves completely, no taste at all." - Brian L.\n'
    )
    doc = detect(page, "collagen.txt")
    texts = [c.text for c in doc.claims]
    assert "My nails stopped breaking within a month." in texts
    assert not any("taste" in t for t in texts), texts
    quoted = next(c for c in doc.claims if c.text.startswith("My nails"))
    assert doc.text[quoted.start : quoted.end] == "My nails stopped breaking within a month!"


def test_a_sentence_label_names_the_topic_or_is_set_aside(detect) -> None:
    page = (
        b"The truth about cooking oils\n\n"
        b"Seed oils are everywhere in processed food, and they are cheap to make.\n\n"
        b"Extra virgin olive oil: two tablespoons a day lowers blood pressure, and it is safe "
        b"for children and people over 60.\n\n"
        b"One caveat: in a study of 407 children, seed oils did not raise inflammation.\n"
    )
    doc = detect(page, "oils.txt")
    texts = [c.text for c in doc.claims]
    assert "Extra virgin olive oil is safe for children." in texts, texts
    assert not any(t.startswith("One caveat") for t in texts), texts
    caveat = next(c for c in doc.claims if "inflammation" in c.text)
    assert caveat.attributes.negated
    assert doc.text[caveat.start : caveat.end].startswith("seed oils did not raise")


def test_a_remark_label_before_a_gerund_subject_is_set_aside(detect) -> None:
    page = (
        b"Larkmoor Zinc Lozenges\n\n"
        b"Zinc lozenges may shorten a cold when taken early.\n\n"
        b"Warning: taking high doses of zinc for weeks at a time can lower your copper levels "
        b"and lead to anemia.\n"
    )
    texts = [c.text for c in detect(page, "zinc.txt").claims]
    assert any(t.startswith("Taking high doses of zinc") for t in texts), texts
    assert not any(t.startswith("Warning") for t in texts), texts


def test_a_heading_that_says_what_the_product_does_names_no_section_subject(detect) -> None:
    page = (
        b"7 Reasons to Drink Alkaline Water\n\n"
        b"Everyone is talking about alkaline water these days.\n\n"
        b"4. It Soothes Acid Reflux\n\n"
        b"That means a glass after meals can stop heartburn for good.\n"
    )
    texts = [c.text for c in detect(page, "water.txt").claims]
    assert "A glass of alkaline water after meals stops heartburn for good." in texts, texts
