"""Claims carried by a phrase: negated risks, mechanisms and pseudo-clefts."""

from __future__ import annotations

from claimcheck.detect.atomic import AtomicClaim
from claimcheck.detect.phrase_claims import (
    cleft_claim,
    mechanism_claims,
    negated_risks,
    risk_claims,
    side_effect_claim,
)


def test_each_risk_named_after_without_is_a_negated_claim(parser) -> None:
    doc = parser("Kratom promotes sleep without the risk of dependence or drowsiness.")
    risks = negated_risks(doc)
    claims = risk_claims(risks, "kratom")
    assert [c.text for c in claims] == [
        "Kratom does not cause dependence.",
        "Kratom does not cause drowsiness.",
    ]
    assert all(c.negated for c in claims)
    assert doc.text[claims[0].start : claims[0].end].startswith("without the risk")


def test_without_and_no_risk_noun_names_the_thing_itself(parser) -> None:
    doc = parser("It calms you down without side effects.")
    claims = risk_claims(negated_risks(doc), "CBD")
    assert [c.text for c in claims] == ["CBD does not cause side effects."]


def test_no_without_no_risk_claims(parser) -> None:
    assert negated_risks(parser("Kratom can cause dependence.")) == []


def test_a_mechanism_in_passing_is_a_claim_about_its_owner(parser) -> None:
    doc = parser(
        "It manages insomnia through its active compound mitragynine's interaction with "
        "opioid receptors."
    )
    claims = [claim.text for claim, _ in mechanism_claims(doc, "kratom")]
    assert claims == ["Mitragynine interacts with opioid receptors."]


def test_a_mechanism_with_a_pronoun_owner_is_the_products(parser) -> None:
    doc = parser("Kava calms the mind through its action on GABA receptors.")
    claims = [claim.text for claim, _ in mechanism_claims(doc, "kava")]
    assert claims == ["Kava acts on GABA receptors."]


def test_a_pseudo_cleft_says_what_helps_with_what(parser) -> None:
    doc = parser("Where melatonin clearly helps is jet lag, and it is cheap.")
    found = cleft_claim(doc, "melatonin")
    assert found is not None
    assert found[0].text == "Melatonin clearly helps with jet lag."
    assert cleft_claim(parser("Melatonin clearly helps with jet lag."), "melatonin") is None


def _side_effect(text: str, entity: str | None) -> str:
    return side_effect_claim(AtomicClaim(text, 0, len(text), False, None), entity).text


def test_a_side_effect_named_is_caused_by_the_product() -> None:
    assert _side_effect("The most common side effects are a sore arm.", "HPV vaccine") == (
        "HPV vaccine causes a sore arm."
    )
    assert _side_effect("Nausea is the most common side effect of semaglutide.", "x") == (
        "Semaglutide causes nausea."
    )
    assert _side_effect(
        "The only well-established side effect at current levels is mild fluorosis.", "fluoride"
    ) == ("Fluoride causes mild fluorosis at current levels.")


def test_a_risk_listed_is_one_the_product_can_cause() -> None:
    assert _side_effect("Potential risks include dependence.", "kratom") == (
        "Kratom can cause dependence."
    )


def test_side_effect_talk_that_names_no_effect_stays() -> None:
    for text in (
        "The risks are small.",
        "Muscle aches are the side effect people worry about most.",
        "The most common side effects are in teenagers.",
        "Statins cause the same side effects.",
    ):
        assert _side_effect(text, "statins") == text


def test_risks_named_by_their_source_are_a_claim_of_their_own(parser) -> None:
    doc = parser("It promotes relaxation without prescription medication risks.")
    claims = risk_claims(negated_risks(doc), "kratom")
    assert [c.text for c in claims] == ["Kratom does not carry prescription medication risks."]
