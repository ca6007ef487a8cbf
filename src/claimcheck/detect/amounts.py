"""Amounts: a measured amount ("2 grams a day") and an amount whose substance the
sentence leaves out, which is the product's ("stay under 200 mg a day")."""

from __future__ import annotations

from spacy.tokens import Token

# units of an amount: "2 grams a day is enough", "a single tablespoon is" take the singular
MEASURE_UNITS = {
    "gram", "milligram", "microgram", "mg", "mcg", "g", "tablespoon", "teaspoon", "cup",
    "drop", "ounce", "glass", "serving", "capsule", "tablet", "pill", "gummy", "iu", "ml",
}  # fmt: skip
# units a label states what a product contains in: "13.3 mg zinc", "10 billion CFU"
WEIGHT_UNITS = {"mg", "mcg", "g", "gram", "milligram", "microgram", "iu", "ml", "billion"}


def says_of_what(noun: Token) -> bool:
    """'2 grams of fiber', 'the dose of melatonin': an 'of' phrase names the substance."""
    return any(
        c.dep_ == "nmod" and any(k.lower_ == "of" for k in c.children) for c in noun.children
    )


def is_measured_amount(token: Token) -> bool:
    """'2 grams a day', 'a single tablespoon': an amount, which takes a singular verb."""
    if token.lemma_.lower() not in MEASURE_UNITS and token.lower_.rstrip("s") not in MEASURE_UNITS:
        return False
    return any(
        c.dep_ in ("nmod:unmarked", "nmod:tmod", "obl:tmod") or c.lower_ in ("a", "single")
        for c in token.children
    )


AMOUNT_NOUNS = {"amount", "dose", "dosage", "intake"}


def owned_amounts(body: list[Token], owner: str) -> dict[int, str]:
    """'don't get the recommended amount from food', 'stay under 200 mg a day', '80% of
    Americans are deficient' in a sentence that never names the product: the amount is
    the product's ('the recommended amount of magnesium')."""
    if not body or owner.lower() in body[0].doc.text.lower():
        return {}
    words = {t.i for t in body}
    owned = {}
    for token in body:
        following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if following is not None and following.lower_ in ("of", "in") and following.i in words:
            continue
        if token.lower_ == "deficient":
            owned[token.i] = f"{token.text} in {owner}"
        elif token.pos_ == "NOUN" and _amount(token) and not _owned(token):
            owned[token.i] = f"{token.text} of {owner}"
    return owned


def _amount(token: Token) -> bool:
    if token.lemma_.lower() in AMOUNT_NOUNS:
        return True
    unit = token.lemma_.lower() in MEASURE_UNITS or token.lower_.rstrip("s") in MEASURE_UNITS
    return unit and any(c.dep_ == "nummod" for c in token.children)


def _owned(noun: Token) -> bool:
    """'its dose', 'a vitamin D dose', 'the dose of melatonin', 'the amount absorbed'; or
    the amount says no more than whose: 'a 10 mg gummy', 'a multi-dose vial', 'a patch of
    0.05 mg', 'per million doses', 'in small amounts', 'which is a safe amount'."""
    if noun.i > 0 and noun.doc[noun.i - 1].text in ("-", "‑"):
        return True
    if noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
        return True
    case = {c.lower_ for c in noun.children if c.dep_ == "case"}
    if case & {"per", "in"} or (noun.dep_ == "nmod" and "of" in case):
        return True
    return says_of_what(noun) or any(
        c.dep_ in ("nmod:poss", "compound", "cop", "acl") for c in noun.children
    )
