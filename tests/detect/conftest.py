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

    def run(sentence: str, entity: str | None):
        return decompose(parser(sentence), entity)

    return run
