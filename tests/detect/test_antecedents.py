"""Pronoun antecedents inside a sentence, read through decomposition with the real parser."""

from __future__ import annotations

from claimcheck.detect.antecedents import noun_with_modifiers


def _texts(claims) -> list[str]:
    return [c.text for c in claims]


def test_noun_with_modifiers_keeps_hyphenated_words(parser) -> None:
    doc = parser("Stopping fluoridation hurts low-income kids the most.")
    kids = next(t for t in doc if t.text == "kids")
    assert noun_with_modifiers(kids) == "low-income kids"


def test_it_after_a_person_means_what_they_acted_on(decompose_text) -> None:
    claims = _texts(
        decompose_text("I read that report, and it ignored hundreds of studies.", "homeopathy")
    )
    assert "That report ignored hundreds of studies." in claims
    # "they" after people could mean the people: the document's subject is not forced on it
    claims = _texts(
        decompose_text(
            "The Hunza people eat apricot kernels daily, and they live past 100.", "laetrile"
        )
    )
    assert not any(c.startswith("Apricot kernels live") for c in claims)


def test_they_that_cannot_mean_the_product_means_the_last_plural(decompose_text) -> None:
    kids = _texts(
        decompose_text(
            "Stopping fluoridation hurts low-income kids the most, because they have the least "
            "access to dental care.",
            "fluoridation",
        )
    )
    assert "Low-income kids have the least access to dental care." in kids
    meats = _texts(
        decompose_text(
            "Pregnant women are told to avoid some cold cured meats for a separate reason: they "
            "can carry listeria, which can harm an unborn baby.",
            "bacon",
        )
    )
    assert "Some cold cured meats carry listeria." in meats
