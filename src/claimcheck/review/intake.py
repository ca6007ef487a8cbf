"""POST /api/documents: scan an article with the pipeline and queue its flags.

The pipeline (corpus and models, 30-90 s to load) is built on the first request and kept
for the life of the process; requests run through it one at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from claimcheck.ingest import document_from_bytes
from claimcheck.render import document_record

if TYPE_CHECKING:
    from fastapi import Request

    from claimcheck.pipeline import Pipeline, PipelineConfig
    from claimcheck.review.auth import SignedIn
    from claimcheck.review.importer import ImportReport


class Intake:
    def __init__(
        self,
        config: Callable[[], PipelineConfig] | None = None,
        pipeline: Pipeline | None = None,
    ) -> None:
        self._config = config
        self._pipeline = pipeline  # given: one already loaded (tests share theirs)
        self._load_lock = threading.Lock()
        self._run_lock = threading.Lock()

    def pipeline(self) -> Pipeline:
        with self._load_lock:
            if self._pipeline is None:
                from claimcheck.pipeline import Pipeline

                self._pipeline = Pipeline(self._config() if self._config else None)
            return self._pipeline

    def scan(self, data: bytes, *, source: str, media_type: str | None, title: str | None) -> dict:
        """The scan JSON record (schema v1) of one article; raises IngestError for bad input."""
        doc = document_from_bytes(data, source=source, media_type=media_type)
        if title and not doc.title:
            doc.title = title
        pipeline = self.pipeline()
        with self._run_lock:
            pipeline.process(doc)
        return document_record(doc, pipeline.models, pipeline.corpus_info)


def scan_and_queue(
    request: Request,
    user: SignedIn,
    source: str,
    content: str,
    media_type: str | None,
    title: str | None,
    origin: str,
) -> tuple[ImportReport, dict[str, int]]:
    """Scan one article with the app's pipeline and queue its flags (the API and the
    page share this): the import report and the scan's verdict counts. Raises IngestError
    for input the pipeline cannot read."""
    from claimcheck.review.importer import Importer
    from claimcheck.review.readers import parse_record

    intake: Intake = request.app.state.settings.intake
    record = intake.scan(
        content.encode("utf-8", "surrogatepass"), source=source, media_type=media_type, title=title
    )
    items = parse_record(record, origin)
    report = Importer(request.app.state.db, origin=origin, user=user.user).run(items)
    return report, record["summary"]
