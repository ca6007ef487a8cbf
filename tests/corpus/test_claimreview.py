"""schema.org ClaimReview export: every review has the keys and types fact-checkers publish."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from claimcheck.corpus import Corpus, load_corpus
from claimcheck.corpus.claimreview import RATING_VALUES, claim_review_graph
from tests.conftest import REPO

URL = re.compile(r"^https?://\S+$")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    loaded, _ = load_corpus([REPO / "corpus"])
    return loaded


def _check_work(work: dict) -> None:
    assert work["@type"] in ("ScholarlyArticle", "CreativeWork")
    assert isinstance(work["name"], str) and work["name"]
    assert isinstance(work["author"], str) and work["author"]
    assert re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", work["datePublished"])
    assert URL.match(work["url"])
    assert work["sameAs"] and all(URL.match(link) for link in work["sameAs"])
    assert isinstance(work["description"], str)
    if work["@type"] == "ScholarlyArticle":
        ids = {item["propertyID"]: item["value"] for item in work["identifier"]}
        assert ids and set(ids) <= {"doi", "pmid"}
        for link in work["sameAs"][: len(ids)]:
            assert link.startswith(("https://doi.org/10.", "https://pubmed.ncbi.nlm.nih.gov/"))


def test_every_claim_review_has_the_published_shape(corpus: Corpus) -> None:
    graph = claim_review_graph(corpus)
    assert graph["@context"] == "https://schema.org"
    items = graph["@graph"]
    assert len(items) == len(corpus.reviews)
    assert len({item["@id"] for item in items}) == len(items)
    for item in items:
        review = corpus.reviews[item["identifier"]]
        assert item["@type"] == "ClaimReview"
        assert item["claimReviewed"] == review.claim
        assert item["reviewBody"] == review.explanation
        assert date.fromisoformat(item["datePublished"]) == review.reviewed
        assert item["author"] == {"@type": "Organization", "name": "claimcheck"}
        rating = item["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["ratingValue"] == RATING_VALUES[review.rating]
        assert (rating["worstRating"], rating["bestRating"]) == (1, 3)
        assert rating["alternateName"].lower() == review.rating.value
        claim = item["itemReviewed"]
        assert claim["@type"] == "Claim" and claim["name"] == review.claim
        assert claim.get("alternateName", []) == list(review.variants)
        assert len(item["citation"]) == len(review.findings)
        for work in item["citation"]:
            _check_work(work)
        assert "url" not in item
    json.dumps(graph)  # serialisable as is


def test_rating_scale_runs_from_contradicted_to_supported(corpus: Corpus) -> None:
    names = {
        item["reviewRating"]["ratingValue"]: item["reviewRating"]["alternateName"]
        for item in claim_review_graph(corpus)["@graph"]
    }
    assert names == {1: "Contradicted", 2: "Unverified", 3: "Supported"}


def test_base_url_gives_each_review_a_url(corpus: Corpus) -> None:
    item = claim_review_graph(corpus, base_url="https://checks.example.org/reviews/")["@graph"][0]
    assert item["url"] == f"https://checks.example.org/reviews/{item['identifier']}"


def test_agency_pages_are_creative_works_with_their_own_url(corpus: Corpus) -> None:
    works = [w for item in claim_review_graph(corpus)["@graph"] for w in item["citation"]]
    pages = [w for w in works if w["@type"] == "CreativeWork"]
    assert pages, "the bundled corpus cites agency pages"
    for page in pages:
        assert page["identifier"] == [] and page["sameAs"] == [page["url"]]
