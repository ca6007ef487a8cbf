"""Splitting coordinated objects and predicates, and keeping names whole."""

from __future__ import annotations

from claimcheck.detect.clauses import find_clauses
from claimcheck.detect.coordination import split_coordinations


def _variants(parser, sentence: str) -> list[str]:
    doc = parser(sentence)
    clause = find_clauses(doc)[0]
    body = [t for t in doc if not t.is_punct]
    return [" ".join(t.text for t in variant) for variant in split_coordinations(body, clause)]


def test_coordinated_objects_give_one_variant_each(parser) -> None:
    assert _variants(parser, "Magnesium eases insomnia and anxiety.") == [
        "Magnesium eases insomnia",
        "Magnesium eases anxiety",
    ]


def test_coordinated_adjectives_share_the_copula(parser) -> None:
    assert _variants(parser, "Kratom is safe and effective.") == [
        "Kratom is safe",
        "Kratom is effective",
    ]


def test_an_agency_name_is_one_name(parser) -> None:
    variants = _variants(parser, "It was approved by the Food and Drug Administration.")
    assert len(variants) == 1


def test_a_range_is_not_split(parser) -> None:
    variants = _variants(parser, "Cases rose between 2010 and 2015.")
    assert len(variants) == 1


def test_numbers_in_one_estimate_are_not_split(decompose_text) -> None:
    claims = [
        c.text
        for c in decompose_text(
            "Serious reactions to the flu vaccine happen in about one or two people per "
            "million doses.",
            "flu vaccine",
        )
    ]
    assert claims == [
        "Serious reactions to the flu vaccine happen in about one or two people per million doses."
    ]


def test_the_conditions_of_one_population_are_not_split(decompose_text) -> None:
    claims = [
        c.text
        for c in decompose_text(
            "It cut strokes by 20 percent in people with heart disease and excess weight.",
            "semaglutide",
        )
    ]
    assert claims == [
        "Semaglutide cut strokes by 20 percent in people with heart disease and excess weight."
    ]


def test_a_verb_ending_in_a_double_letter_keeps_it(decompose_text) -> None:
    claims = [c.text for c in decompose_text("It can add to the effects of alcohol.", "valerian")]
    assert claims == ["Valerian adds to the effects of alcohol."]
