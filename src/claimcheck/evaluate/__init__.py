"""Evaluation of claim extraction and of the stance model (``claimcheck eval``)."""
