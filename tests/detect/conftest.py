"""Detect fixtures: the real parser (models/parser), loaded once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def parser():
    from claimcheck.detect import load_parser

    return load_parser()


@pytest.fixture(scope="session")
def decompose_text(parser):
    from claimcheck.detect.decompose import decompose
    from claimcheck.detect.reparse import repaired_parse

    def run(sentence: str, entity: str | None):
        # as the detector does: the parse repaired (contractions, missed verbs) first
        return decompose(repaired_parse(parser(sentence), parser), entity)

    return run
