"""Realisation: a claim's words normalised into a sentence that stands alone."""

from __future__ import annotations

from claimcheck.detect.realise import finish


def test_the_reader_becomes_people_contractions_spelled_out() -> None:
    assert (
        finish("A healthy microbiome", "means you'll never catch another cold")
        == "A healthy microbiome means people will never catch another cold."
    )
    assert finish("Kava", "won't leave you groggy if you're careful") == (
        "Kava won't leave people groggy if people are careful."
    )


def test_the_readers_own_body_is_peoples_own() -> None:
    assert finish("It", "does not shut down your own production of your hormones") == (
        "It does not shut down people's own production of the hormones."
    )


def test_a_verb_the_lemmatiser_reads_as_an_adjective_keeps_its_form(parser) -> None:
    from claimcheck.detect.realise import base_form, third_person

    doc = parser("They lower cholesterol.")
    lower = next(t for t in doc if t.lower_ == "lower")
    assert base_form(lower) == "lower"
    assert third_person(lower) == "lowers"


def test_a_past_form_tagged_present_is_not_conjugated_again(parser) -> None:
    from claimcheck.detect.realise import base_form, third_person

    doc = parser("A review pooled 40 studies.")
    pooled = next(t for t in doc if t.lower_ == "pooled")
    pooled.tag_ = "VBP"  # the parser's tag for it in a longer sentence
    pooled.lemma_ = "pool"
    assert base_form(pooled) == "pool"
    assert third_person(pooled) == "pools"


def test_gerunds(parser) -> None:
    from claimcheck.detect.realise import gerund

    verbs = {
        t.text: t for t in parser("They eat, take, stop, lie, visit and see.") if t.pos_ == "VERB"
    }
    assert {word: gerund(token) for word, token in verbs.items()} == {
        "eat": "eating",
        "take": "taking",
        "stop": "stopping",
        "lie": "lying",
        "visit": "visiting",
        "see": "seeing",
    }


def test_a_relative_clause_verb_agrees_with_its_own_subject(claim_texts) -> None:
    superbugs = claim_texts(
        "Tea tree oil kills MRSA and other superbugs that antibiotics can't touch.", "tea tree oil"
    )
    assert "Tea tree oil kills other superbugs that antibiotics do not touch." in superbugs
    toxin = claim_texts(
        "Raw or roasted ginkgo seeds contain a toxin that can cause seizures, so never eat them.",
        "ginkgo",
    )
    assert "Raw or roasted ginkgo seeds contain a toxin that causes seizures." in toxin


def test_a_study_that_found_no_risk_or_benefit_speaks_of_the_product(claim_texts) -> None:
    risk = claim_texts(
        "The same study found no increased risk in children who had an autistic sibling.",
        "MMR vaccine",
    )
    assert risk == [
        "MMR vaccine does not increase the risk in children who had an autistic sibling."
    ]
    # a benefit whose source is named, and "no evidence", keep their words
    named = claim_texts("Studies found no benefit from vitamin D pills.", "MMR vaccine")
    assert named == ["No benefit from vitamin D pills."]
