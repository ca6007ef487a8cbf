"""POST /api/documents runs the real pipeline over HTTP and queues the article's flags."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from claimcheck.paths import models_dir
from tests.conftest import KRATOM_ARTICLE
from tests.review.conftest import api_login, free_port

pytestmark = pytest.mark.skipif(
    not (models_dir() / "verifier").exists(),
    reason=f"no stance model at {models_dir() / 'verifier'} (train it with claimcheck train)",
)


@pytest.fixture(scope="module")
def live(pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a loopback port, in this process so it shares the loaded pipeline."""
    import uvicorn

    from claimcheck.review.app import ReviewSettings, create_app
    from claimcheck.review.db import Database
    from claimcheck.review.intake import Intake
    from claimcheck.review.migrate import upgrade
    from tests.review.conftest import add_user

    database = Database.connect(str(tmp_path_factory.mktemp("intake") / "review.sqlite3"))
    upgrade(database)
    add_user(database, "mod")
    app = create_app(ReviewSettings(intake=Intake(pipeline=pipeline)), database)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    database.dispose()


def test_post_document_scans_and_queues_its_flags(live: str) -> None:
    with httpx.Client(base_url=live, timeout=300) as client:
        csrf = api_login(client, "mod")
        body = {
            "source": "https://news.example/kratom-sleep",
            "content": Path(KRATOM_ARTICLE).read_text(encoding="utf-8"),
            "title": "Kratom for sleep",
        }
        response = client.post("/api/documents", json=body, headers={"X-CSRF-Token": csrf})
        assert response.status_code == 201, response.text
        result = response.json()
        summary = result["summary"]
        flagged = summary["contradicted"] + summary["unverified"]
        assert result["documents"] == 1
        assert result["claims"] == flagged
        assert result["not_flagged"] == summary["supported"]
        queue = client.get("/api/claims", params={"domain": "news.example"}).json()
        assert queue["total"] == len(set(result["groups"]))
        again = client.post("/api/documents", json=body, headers={"X-CSRF-Token": csrf})
        assert again.json()["duplicates"] == 1 and again.json()["claims"] == 0
