"""claimcheck: find the health claims in an article and check them against curated evidence."""

__version__ = "0.1.0"
