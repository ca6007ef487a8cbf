"""Shared fixtures: repository paths, the real pipeline (loaded once), a local HTTP server."""

from __future__ import annotations

import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
KRATOM_ARTICLE = EXAMPLES / "kratom-sleep-article.txt"
SHARED_DATA = Path(os.environ.get("CLAIMCHECK_DATA", REPO.parent / "shared" / "data"))
CLI = REPO / ".venv" / "bin" / "claimcheck"

needs_shared_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir(),
    reason=f"public datasets not found at {SHARED_DATA} (set CLAIMCHECK_DATA)",
)


@pytest.fixture(scope="session")
def pipeline():
    """The real pipeline with the bundled corpus and models, loaded once per test run."""
    from claimcheck.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def kratom_report(pipeline) -> dict:
    from claimcheck.render import document_record

    doc = pipeline.scan(str(KRATOM_ARTICLE))
    return document_record(doc, pipeline.models, pipeline.corpus_info)


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}

    def do_GET(self) -> None:
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def http_server() -> Iterator[tuple[str, dict]]:
    """A real HTTP server on loopback; tests register (status, content type, body) by path."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Handler.routes
    server.shutdown()
