"""Surface cues: doses, populations, strength, claim type, harm risk."""

from __future__ import annotations

import pytest

from claimcheck.detect.cues import (
    claim_type,
    cue_vector,
    dose_of,
    harm_risk,
    population_of,
    rule_strength,
)
from claimcheck.doc import ClaimType, Strength


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("Start low: 1-3 grams of powder relaxes the body.", "1-3 g"),
        ("taking more than 4,000 IU a day for long periods", "more than 4,000 IU a day"),
        ("I take 300 milligrams three times a day with meals.", "300 mg three times a day"),
        ("Most studies have used 500-2,000 mg of curcumin per day.", "500-2,000 mg per day"),
        ("Kratom helps with sleep.", None),
    ],
)
def test_dose_keeps_amount_unit_qualifier_and_rate(text: str, dose: str | None) -> None:
    assert dose_of(text) == dose


def test_population_is_found_when_narrower_than_everyone() -> None:
    assert population_of("CBD is safe for pregnant women.") == "pregnant women"
    assert population_of("It reduces seizures in children with epilepsy.") == "children"
    assert population_of("Kratom relieves pain.") is None


@pytest.mark.parametrize(
    ("span", "strength"),
    [
        ("it can quiet a racing mind", Strength.CONDITIONAL_CAUSAL),
        ("high-dose supplements have been linked to liver injury", Strength.CORRELATIONAL),
        ("kratom cured my insomnia in a matter of days", Strength.DIRECT_CAUSAL),
        ("The leaves contain mitragynine", Strength.NONE),
    ],
)
def test_rule_strength(span: str, strength: Strength) -> None:
    assert rule_strength(span, span) == strength


def test_claim_type_from_cues() -> None:
    assert claim_type("Kratom does not cause dependence.", "without the risk of dependence") == (
        ClaimType.SAFETY
    )
    assert claim_type("Turmeric is as effective as ibuprofen.") == ClaimType.COMPARISON
    assert claim_type("Statins lower LDL by 30 percent.") == ClaimType.STATISTIC
    assert claim_type("Mitragynine binds to opioid receptors.") == ClaimType.MECHANISM
    assert claim_type("Kratom cures insomnia.") == ClaimType.EFFICACY


def test_harm_risk_puts_stopping_medication_and_denied_risks_first() -> None:
    stop = harm_risk(ClaimType.EFFICACY, False, "You can stop your insulin once you start.")
    denied = harm_risk(ClaimType.SAFETY, True, "Kratom does not cause dependence.")
    mechanism = harm_risk(ClaimType.MECHANISM, False, "Kratom acts on opioid receptors.")
    assert stop >= 0.95
    assert denied > harm_risk(ClaimType.SAFETY, False, "Kratom causes nausea.")
    assert mechanism < denied < stop or denied == stop


def test_cue_vector_has_one_value_per_name() -> None:
    from claimcheck.detect.cues import HEALTH_CUE_NAMES

    vector = cue_vector("Is kratom safe? Buy now and take 2 capsules daily.")
    assert len(vector) == len(HEALTH_CUE_NAMES)
    assert vector[HEALTH_CUE_NAMES.index("question")] == 0.0  # the text ends with '.'
    assert vector[HEALTH_CUE_NAMES.index("call_to_action")] == 1.0
