"""Detect fixtures: the real parser (models/parser), loaded once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def parser():
    from claimcheck.detect import load_parser

    return load_parser()


@pytest.fixture(scope="session")
def verb_tagger():
    from claimcheck.detect.verb_tagger import load_verb_tagger

    return load_verb_tagger()


@pytest.fixture(scope="session")
def decompose_text(parser, verb_tagger):
    from claimcheck.detect.decompose import decompose
    from claimcheck.detect.reparse import repaired_parse

    def run(sentence: str, entity: str | None):
        # as the detector does: the parse repaired (contractions, missed verbs) first
        first = parser(sentence)
        tags = verb_tagger.tag([first])[0]
        return decompose(repaired_parse(first, parser, tags=tags), entity)

    return run


@pytest.fixture(scope="session")
def claim_texts(decompose_text):
    """The decomposed claims' texts of one sentence."""

    def run(sentence: str, entity: str | None) -> list[str]:
        return [c.text for c in decompose_text(sentence, entity)]

    return run
