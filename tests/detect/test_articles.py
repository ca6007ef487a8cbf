"""The annotated article set: splits by article, verbatim spans, complete labels."""

from __future__ import annotations

from collections import Counter

from claimcheck.datasources.articles import load_articles
from claimcheck.doc import ClaimType, Strength


def test_at_least_forty_articles_split_by_article() -> None:
    articles = load_articles()
    assert len(articles) >= 40
    splits = Counter(a.split for a in articles)
    assert set(splits) == {"train", "dev", "test"}
    assert len({a.id for a in articles}) == len(articles)


def test_every_claim_is_labelled_and_its_span_is_verbatim() -> None:
    types = {t.value for t in ClaimType}
    strengths = {s.value for s in Strength}
    for article in load_articles():
        for unit in article.units:
            for claim in unit.claims:
                assert claim.span in unit.text, (article.id, claim.span)
                assert claim.type in types and claim.strength in strengths
                assert claim.text.endswith(".")
            if unit.kind == "heading" or unit.text.rstrip().endswith("?"):
                assert not unit.claims, (article.id, unit.text)
