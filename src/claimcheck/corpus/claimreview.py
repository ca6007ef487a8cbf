"""Claim reviews as schema.org ``ClaimReview`` JSON-LD, the format fact-checkers publish.

One ``ClaimReview`` per claim review, in an ``@graph``:

* ``claimReviewed`` is the claim, ``itemReviewed`` a ``Claim`` (its other phrasings as
  ``alternateName``), ``reviewBody`` the explanation, ``datePublished`` the review date;
* ``reviewRating`` is a ``Rating`` on a 1-3 scale: 1 contradicted, 2 unverified,
  3 supported, with the rating's name as ``alternateName``;
* ``author`` is the ``Organization`` claimcheck;
* ``citation`` lists the works behind the rating: a ``ScholarlyArticle`` for a finding
  with a DOI or PMID, else a ``CreativeWork`` (an agency's page), each with ``sameAs``
  links to doi.org and PubMed.
"""

from __future__ import annotations

from typing import Any

from claimcheck.corpus.schema import ClaimReview, Finding, Rating
from claimcheck.corpus.store import Corpus

RATING_VALUES = {Rating.CONTRADICTED: 1, Rating.UNVERIFIED: 2, Rating.SUPPORTED: 3}
RATING_NAMES = {
    Rating.CONTRADICTED: "Contradicted",
    Rating.UNVERIFIED: "Unverified",
    Rating.SUPPORTED: "Supported",
}
AUTHOR = {"@type": "Organization", "name": "claimcheck"}


def claim_review_graph(corpus: Corpus, base_url: str | None = None) -> dict[str, Any]:
    """Every claim review of ``corpus`` as one JSON-LD document.

    With ``base_url``, each review gets ``url`` = base_url + its id (where the reviews are
    published); otherwise it is identified by a ``urn:claimcheck:`` ``@id`` only.
    """
    reviews = sorted(corpus.reviews.values(), key=lambda review: review.id)
    return {
        "@context": "https://schema.org",
        "@graph": [claim_review(review, corpus, base_url) for review in reviews],
    }


def claim_review(review: ClaimReview, corpus: Corpus, base_url: str | None = None) -> dict:
    item: dict[str, Any] = {
        "@type": "ClaimReview",
        "@id": f"urn:claimcheck:claim-review:{review.id}",
        "identifier": review.id,
        "claimReviewed": review.claim,
        "itemReviewed": _claim(review),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_VALUES[review.rating],
            "bestRating": 3,
            "worstRating": 1,
            "alternateName": RATING_NAMES[review.rating],
            "ratingExplanation": review.explanation,
        },
        "reviewBody": review.explanation,
        "author": AUTHOR,
        "datePublished": review.reviewed.isoformat(),
        "about": [{"@type": "Thing", "name": name} for name in review.entities or [review.topic]],
        "citation": [
            scholarly_work(corpus.findings[finding_id])
            for finding_id in review.findings
            if finding_id in corpus.findings
        ],
    }
    if base_url:
        item["url"] = base_url.rstrip("/") + "/" + review.id
    return item


def _claim(review: ClaimReview) -> dict[str, Any]:
    claim: dict[str, Any] = {"@type": "Claim", "name": review.claim}
    if review.variants:
        claim["alternateName"] = list(review.variants)
    return claim


def scholarly_work(finding: Finding) -> dict[str, Any]:
    """The cited work behind one finding, with every link a reader can follow."""
    c = finding.citation
    same_as = []
    if c.doi:
        same_as.append(f"https://doi.org/{c.doi}")
    if c.pmid:
        same_as.append(f"https://pubmed.ncbi.nlm.nih.gov/{c.pmid}/")
    if c.url and c.url not in same_as:
        same_as.append(c.url)
    work: dict[str, Any] = {
        "@type": "ScholarlyArticle" if c.doi or c.pmid else "CreativeWork",
        "name": c.title,
        "author": c.authors,
        "datePublished": finding.published or str(c.year),
        "url": c.link,
        "sameAs": same_as,
        "identifier": [
            {"@type": "PropertyValue", "propertyID": key, "value": value}
            for key, value in (("doi", c.doi), ("pmid", c.pmid))
            if value
        ],
        "description": finding.statement,
    }
    if c.venue:
        work["isPartOf"] = {"@type": "CreativeWork", "name": c.venue}
    return work
