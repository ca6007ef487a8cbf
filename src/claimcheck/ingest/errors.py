"""The one error type ingest raises: a one-line message that names the input."""

from __future__ import annotations


class IngestError(Exception):
    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
