"""The evidence corpus: record schema, loading and validation, import and export."""

from claimcheck.corpus.schema import ClaimReview, Finding
from claimcheck.corpus.store import Corpus, CorpusError, Problem, load_corpus

__all__ = ["ClaimReview", "Corpus", "CorpusError", "Finding", "Problem", "load_corpus"]
