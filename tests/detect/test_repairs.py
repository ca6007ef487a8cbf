"""Parse repairs on sentences where our parser (models/parser) goes wrong."""

from __future__ import annotations

from claimcheck.detect.repairs import repair_parse


def test_a_second_verb_tagged_as_a_plural_noun_becomes_a_coordinated_verb(parser) -> None:
    doc = parser("It relieves chronic pain and reduces inflammation.")
    reduces = next(t for t in doc if t.text == "reduces")
    repair_parse(doc)
    assert reduces.pos_ == "VERB"
    assert reduces.head.text == "relieves"
    assert next(t for t in doc if t.text == "inflammation").head.i == reduces.i


def test_a_second_object_hangs_on_the_first(parser) -> None:
    doc = parser("Some people get headaches or an upset stomach.")
    repair_parse(doc)
    stomach = next(t for t in doc if t.text == "stomach")
    assert stomach.dep_ == "conj"
    assert stomach.head.text == "headaches"


def test_a_sound_parse_is_left_alone(parser) -> None:
    doc = parser("Melatonin helps people fall asleep faster.")
    before = [(t.head.i, t.dep_, t.pos_) for t in doc]
    repair_parse(doc)
    assert [(t.head.i, t.dep_, t.pos_) for t in doc] == before
