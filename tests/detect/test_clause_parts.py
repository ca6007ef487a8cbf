"""Word-level tests of the clause parts the rules share."""

from __future__ import annotations

from claimcheck.detect.clause_parts import names_people


def test_names_people_reads_lemmas_plurals_and_family_words(parser) -> None:
    doc = parser("My sister-in-law and three patients told the women and a man about the pills.")
    people = {t.text for t in doc if names_people(t)}
    assert people == {"sister", "patients", "women", "man"}  # "sister-in-law" is split
