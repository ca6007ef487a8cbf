"""The verb our parser missed, found again by parsing with a stand-in."""

from __future__ import annotations

from claimcheck.detect.realise import xpos
from claimcheck.detect.reparse import repaired_parse


def test_a_verb_tagged_as_a_noun_is_the_verb_again(parser) -> None:
    original = parser("Clove oil numbs tooth pain within minutes.")
    assert not any(xpos(t) == "VBZ" for t in original)  # the parser's mistake
    doc = repaired_parse(original, parser)
    numbs = doc[2]
    assert (numbs.text, numbs.dep_, xpos(numbs), numbs.lemma_) == ("numbs", "ROOT", "VBZ", "numb")
    assert {c.text for c in numbs.children if c.dep_ == "nsubj"} == {"oil"}
    assert doc.text == original.text
    assert [t.idx for t in doc] == [t.idx for t in original]


def test_a_plural_subject_gets_a_plural_verb(parser) -> None:
    doc = repaired_parse(parser("Antibiotics wipe out good bacteria along with the bad."), parser)
    assert (doc[1].text, xpos(doc[1]), doc[1].lemma_) == ("wipe", "VBP", "wipe")


def test_a_sentence_with_a_verb_is_left_alone(parser) -> None:
    original = parser("Melatonin helps people fall asleep faster.")
    assert repaired_parse(original, parser) is original


def test_a_counted_noun_is_not_taken_for_a_verb(parser) -> None:
    original = parser("Mix 10 grams (one scoop) into any drink once a day.")
    assert repaired_parse(original, parser) is original


def test_the_claim_reads_as_the_sentence_says(decompose_text, parser) -> None:
    from claimcheck.detect.decompose import decompose

    doc = repaired_parse(parser("The flu kills tens of thousands of Americans."), parser)
    assert [c.text for c in decompose(doc, "flu vaccine")] == [
        "The flu kills tens of thousands of Americans."
    ]


def test_a_second_verb_after_and_is_found_too(decompose_text, parser) -> None:
    from claimcheck.detect.decompose import decompose

    doc = repaired_parse(parser("Magnesium calms the nervous system and cures anxiety."), parser)
    assert [c.text for c in decompose(doc, "magnesium")] == [
        "Magnesium calms the nervous system.",
        "Magnesium cures anxiety.",
    ]


def test_the_lexicon_knows_verbs_from_nouns() -> None:
    from claimcheck.detect.reparse import _known_verb

    assert _known_verb("numb") and _known_verb("drive") and _known_verb("soothe")
    assert not _known_verb("worker") and not _known_verb("block")


def test_farm_workers_stay_a_noun_phrase(parser) -> None:
    original = parser(
        "Kratom is a tropical tree in the coffee family, and farm workers in Thailand and "
        "Malaysia have chewed its leaves for generations."
    )
    assert repaired_parse(original, parser) is original


def test_contractions_are_parsed_spelled_out_but_keep_their_words(parser) -> None:
    original = parser("It's one of the safest drugs, and there's zero risk.")
    doc = repaired_parse(original, parser, find_verbs=False)
    assert doc.text == original.text
    assert [t.text for t in doc] == [t.text for t in original]
    assert doc[1].lemma_ == "be" and doc[1].dep_ == "cop"  # "'s" read as "is"


def test_a_possessive_is_not_a_contraction(parser) -> None:
    original = parser("Kratom's leaves are chewed.")
    assert repaired_parse(original, parser) is original


def test_a_verb_inside_a_noun_compound_is_found(decompose_text) -> None:
    claims = [
        c.text
        for c in decompose_text(
            "Frankincense oil shrinks tumors and is being studied as a cancer treatment.",
            "essential oils",
        )
    ]
    assert claims[0] == "Frankincense oil shrinks tumors."


def test_the_verb_tagger_reads_verbs_in_context(parser, verb_tagger) -> None:
    doc = parser("About 70% of your immune system lives in your gut.")
    tags = dict(zip([t.text for t in doc], verb_tagger.tag([doc])[0], strict=True))
    assert tags["lives"].tag == "VBZ" and tags["lives"].verb_probability > 0.9
    assert tags["gut"].verb_probability < 0.1 and tags["system"].verb_probability < 0.1


def test_a_verb_the_tagger_finds_is_repaired_with_a_finite_verb_elsewhere(
    decompose_text,
) -> None:
    # "lives" is a noun to our parser, and "means" already makes the sentence finite
    claims = decompose_text(
        "About 70% of your immune system lives in your gut, so a healthy microbiome "
        "means you'll never catch another cold.",
        "probiotics",
    )
    assert claims[0].text == "About 70% of the immune system lives in the gut."


def test_a_bare_verb_after_an_auxiliary_is_repaired_and_split(decompose_text) -> None:
    claims = decompose_text(
        "Ginkgo did not lower the rate of dementia or Alzheimer's disease.", "ginkgo"
    )
    assert [(c.text, c.negated) for c in claims] == [
        ("Ginkgo does not lower the rate of dementia.", True),
        ("Ginkgo does not lower the rate of Alzheimer's disease.", True),
    ]


def test_a_bare_verb_with_nothing_to_license_it_stays_as_parsed(decompose_text) -> None:
    # the tagger is right that "handle" is a verb, but parsed alone as one it would head
    # a clause of its own and "handle stress" would fall out of the claim
    claims = decompose_text(
        "Ashwagandha is an adaptogen, which means it lowers your cortisol and helps your "
        "body handle stress.",
        "ashwagandha",
    )
    assert all("handle stress" in c.text for c in claims if "helps" in c.text)
    assert any("helps" in c.text for c in claims)


def test_a_repair_that_hangs_the_sentence_under_its_condition_is_refused(decompose_text) -> None:
    # with "melts" a verb, our parser hangs it under "even if you don't change ..."
    claims = decompose_text(
        "Drinking apple cider vinegar every day melts belly fat, even if you don't change "
        "anything else about your diet.",
        "apple cider vinegar",
    )
    assert claims and claims[0].text.startswith(
        "Drinking apple cider vinegar every day melts belly fat"
    )


def test_a_verb_the_tagger_is_fairly_sure_of_is_tried(claim_texts) -> None:
    # the verb tagger gives "shorten" 0.86; our parser reads it as an adjective
    claims = claim_texts(
        "Larkmoor Zinc Cold Lozenges shorten colds by up to 3 days, so you can get back to "
        "work, school and life faster.",
        "zinc",
    )
    assert "Larkmoor Zinc Cold Lozenges shorten colds by up to 3 days." in claims
