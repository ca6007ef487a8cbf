"""The subject of one clause as self-contained text."""

from __future__ import annotations

from claimcheck.detect.clause_subject import clause_subject, subject_variants
from claimcheck.detect.clauses import find_clauses
from claimcheck.detect.reparse import repaired_parse


def _subjects(parser, sentence: str, entity: str | None) -> list[str | None]:
    doc = repaired_parse(parser(sentence), parser)  # as the detector parses
    return [clause_subject(c, entity)[0] for c in find_clauses(doc)]


def test_a_pronoun_is_the_document_entity(parser) -> None:
    assert _subjects(parser, "It promotes deep sleep.", "kratom") == ["kratom"]


def test_a_pointing_noun_phrase_is_the_document_entity(parser) -> None:
    assert _subjects(parser, "This herb promotes deep sleep.", "kratom") == ["kratom"]


def test_a_relative_clause_is_about_its_noun(parser) -> None:
    subjects = _subjects(
        parser, "Vaccines contain mercury, which has been linked to autism.", "MMR vaccine"
    )
    assert "mercury" in subjects


def test_an_unowned_effect_noun_is_the_products(parser) -> None:
    subjects = _subjects(parser, "Any discoloration fades within weeks.", "colloidal silver")
    assert subjects == ["Any discoloration from colloidal silver"]


def test_the_subject_ids_cover_the_subject_words(parser) -> None:
    doc = parser("Valerian root tea eases anxiety.")
    text, ids = clause_subject(find_clauses(doc)[0], "valerian")
    assert text == "Valerian root tea"
    assert {doc[i].text for i in ids} == {"Valerian", "root", "tea"}


def test_a_coordinated_subject_gives_one_variant_each(parser) -> None:
    doc = parser("Exercise, sleep and sunlight improve mood.")
    clause = find_clauses(doc)[0]
    text, _ = clause_subject(clause, None)
    assert [v for v, _ in subject_variants(clause, text, None)] == [
        "Exercise",
        "sleep",
        "sunlight",
    ]


def test_a_relative_clause_subject_keeps_the_nouns_own_modifiers(parser) -> None:
    subjects = _subjects(
        parser,
        "That is not true for people with kidney disease, who can build up dangerous "
        "levels from supplements.",
        "magnesium",
    )
    assert "people with kidney disease" in subjects


def test_of_it_in_a_subject_is_of_the_product(parser) -> None:
    subjects = _subjects(parser, "Much of it is marketed with cartoon animals.", "melatonin")
    assert subjects == ["Much of melatonin"]


def test_a_dose_without_its_substance_is_a_dose_of_the_product(parser) -> None:
    subjects = _subjects(parser, "Taking 1,000 mg every day prevents colds.", "vitamin C")
    assert subjects == ["Taking 1,000 mg of vitamin C every day"]


def test_a_dose_with_no_owner_is_the_products(parser) -> None:
    assert _subjects(parser, "The human dose is 0.2 mg per kg.", "ivermectin") == [
        "The human ivermectin dose"
    ]
    assert _subjects(parser, "Higher doses act like a stimulant.", "kratom") == [
        "Higher kratom doses"
    ]


def test_a_gerund_with_no_object_takes_the_product(parser) -> None:
    assert _subjects(parser, "Microdosing boosts creativity.", "psilocybin") == [
        "Microdosing psilocybin"
    ]


def test_an_owned_or_named_dose_is_left_alone(parser) -> None:
    assert _subjects(parser, "Its dose is 2 mg.", "kratom") == ["Its dose"]
    assert _subjects(parser, "The dose of melatonin is 1 mg.", "kratom") == [
        "The dose of melatonin"
    ]
    assert _subjects(parser, "The kratom dose is 2 grams.", "kratom") == ["The kratom dose"]


def test_a_name_cased_inside_keeps_its_case_first() -> None:
    from claimcheck.detect.subjects import cap

    assert cap("mRNA vaccines protect") == "mRNA vaccines protect"
    assert cap("kratom helps") == "Kratom helps"


def test_a_generic_noun_that_a_compound_names_is_not_the_product(parser) -> None:
    assert _subjects(parser, "The flu shot only covers a few strains.", "elderberry") == [
        "The flu shot"
    ]
    assert _subjects(parser, "Our noble-root formula carries no liver risk.", "kava") == ["kava"]


def test_a_vague_subject_with_a_named_example_is_about_the_example(decompose_text) -> None:
    claims = [
        c.text
        for c in decompose_text(
            "Some herbs, such as St. John's wort, interfere with birth control pills.", "herbs"
        )
    ]
    assert claims == ["St. John's wort interferes with birth control pills."]


def test_an_amount_with_no_substance_is_the_products(decompose_text) -> None:
    claims = [
        c.text
        for c in decompose_text(
            "Even a single tablespoon a day is enough to keep your body inflamed, and it is "
            "in every processed food.",
            "seed oils",
        )
    ]
    assert "A single tablespoon of seed oils a day is enough to keep the body inflamed." in claims
    assert any(c.startswith("Seed oils are in every processed food") for c in claims), claims
