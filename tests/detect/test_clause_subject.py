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
