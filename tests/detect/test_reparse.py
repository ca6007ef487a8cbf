"""The verb our parser missed, found again by parsing with a stand-in."""

from __future__ import annotations

from claimcheck.detect.realise import xpos
from claimcheck.detect.reparse import with_missing_verb


def test_a_verb_tagged_as_a_noun_is_the_verb_again(parser) -> None:
    original = parser("Clove oil numbs tooth pain within minutes.")
    assert not any(xpos(t) == "VBZ" for t in original)  # the parser's mistake
    doc = with_missing_verb(original, parser)
    numbs = doc[2]
    assert (numbs.text, numbs.dep_, xpos(numbs), numbs.lemma_) == ("numbs", "ROOT", "VBZ", "numb")
    assert {c.text for c in numbs.children if c.dep_ == "nsubj"} == {"oil"}
    assert doc.text == original.text
    assert [t.idx for t in doc] == [t.idx for t in original]


def test_a_plural_subject_gets_a_plural_verb(parser) -> None:
    doc = with_missing_verb(
        parser("Antibiotics wipe out good bacteria along with the bad."), parser
    )
    assert (doc[1].text, xpos(doc[1]), doc[1].lemma_) == ("wipe", "VBP", "wipe")


def test_a_sentence_with_a_verb_is_left_alone(parser) -> None:
    original = parser("Melatonin helps people fall asleep faster.")
    assert with_missing_verb(original, parser) is original


def test_a_counted_noun_is_not_taken_for_a_verb(parser) -> None:
    original = parser("Mix 10 grams (one scoop) into any drink once a day.")
    assert with_missing_verb(original, parser) is original


def test_the_claim_reads_as_the_sentence_says(decompose_text, parser) -> None:
    from claimcheck.detect.decompose import decompose

    doc = with_missing_verb(parser("The flu kills tens of thousands of Americans."), parser)
    assert [c.text for c in decompose(doc, "flu vaccine")] == [
        "The flu kills tens of thousands of Americans."
    ]
