"""Measured amounts and the amounts a sentence leaves the substance out of."""

from __future__ import annotations

from claimcheck.detect.amounts import is_measured_amount, owned_amounts


def test_a_measured_amount_takes_the_singular(parser) -> None:
    doc = parser("Two grams a day is enough.")
    assert is_measured_amount(doc[1])
    assert not is_measured_amount(parser("Grams matter.")[0])


def test_an_amount_with_no_substance_is_the_products(parser) -> None:
    doc = parser("Most adults do well with 200-400 mg a day.")
    owned = owned_amounts(list(doc), "magnesium")
    assert list(owned.values()) == ["mg of magnesium"]
    # a sentence that names the product leaves its amounts alone
    named = parser("Most adults do well with 200-400 mg of magnesium a day.")
    assert owned_amounts(list(named), "magnesium") == {}
