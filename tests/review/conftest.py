"""Review-app fixtures: a fresh database on SQLite and on PostgreSQL, seeded content, and a
real ``claimcheck serve`` process on a loopback port.

PostgreSQL is the local server at 127.0.0.1:5432 (database ``test``); each test gets its own
schema, dropped afterwards, so parallel runs do not collide. Without it the PostgreSQL cases
skip locally and fail in CI (CI=true), where .ci/run starts the server.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.review.fixtures import ClaimSpec, DocSpec, scan_record

PG_URL = os.environ.get("CLAIMCHECK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"
PASSWORD = "correct horse battery staple"


def _pg_problem() -> str | None:
    import psycopg

    try:
        with psycopg.connect(PG_URL, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return f"PostgreSQL at {PG_URL} is not reachable ({str(exc).strip().splitlines()[0]})"


def _need_pg() -> None:
    problem = _pg_problem()
    if problem is None:
        return
    if IN_CI:
        pytest.fail(f"{problem}; .ci/run should have started it")
    pytest.skip(problem)


class PgSchema:
    """A throw-away schema in the test database; the URL selects it via search_path."""

    def __init__(self) -> None:
        import psycopg

        self.name = f"cc_review_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(PG_URL, autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{self.name}"')
        separator = "&" if "?" in PG_URL else "?"
        self.url = f"{PG_URL}{separator}options=-csearch_path%3D{self.name}"

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(PG_URL, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA IF EXISTS "{self.name}" CASCADE')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for an empty database, once per backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "review.sqlite3")
        return
    _need_pg()
    schema = PgSchema()
    try:
        yield schema.url
    finally:
        schema.drop()


@pytest.fixture
def db(db_url: str):
    from claimcheck.review.db import Database
    from claimcheck.review.migrate import upgrade

    database = Database.connect(db_url)
    upgrade(database)
    yield database
    database.dispose()


def add_user(db, username: str, role: str = "moderator"):
    from claimcheck.review.auth import create_user

    with db.write() as session:
        return create_user(session, username, PASSWORD, role)


def sample_docs() -> list[DocSpec]:
    """Three articles; one claim is repeated (differently punctuated) across two of them."""
    return [
        DocSpec(
            "https://www.kratom-news.example/sleep",
            "Kratom for sleep",
            [
                ClaimSpec("Kratom does not cause dependence.", "contradicted", 0.93, "safety", 0.9),
                ClaimSpec("Kratom helps with sleep.", "unverified", 0.55, "efficacy", 0.3),
                ClaimSpec("Take 5 grams of kratom every night.", "unverified", 0.6, "dosing", 0.8),
                ClaimSpec("Kratom is a plant from Southeast Asia.", "supported", 0.8),
            ],
        ),
        DocSpec(
            "https://blog.example.org/kratom",
            "Another kratom post",
            [
                ClaimSpec("kratom does NOT cause dependence!", "contradicted", 0.91, "safety", 0.9),
                ClaimSpec(
                    "Kratom is fine to mix with alcohol.", "unverified", 0.7, "efficacy", 0.6
                ),
            ],
        ),
        DocSpec(
            "https://vitamins.example.com/c",
            "Vitamin C cures colds",
            [
                ClaimSpec(
                    "Vitamin C cures the common cold.",
                    "contradicted",
                    0.72,
                    "efficacy",
                    0.3,
                    evidence_id="vitc-cochrane-cold-incidence-general-2013",
                ),
                ClaimSpec(
                    "Vitamin C shortens colds a little.",
                    "unverified",
                    0.4,
                    "efficacy",
                    0.1,
                    evidence_id="vitc-cochrane-cold-incidence-general-2013",
                ),
            ],
        ),
    ]


def write_scan_json(directory: Path, docs: list[DocSpec] | None = None) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, spec in enumerate(docs or sample_docs()):
        path = directory / f"doc{index}.json"
        path.write_text(json.dumps(scan_record(spec)), encoding="utf-8")
        paths.append(path)
    return paths


def seed(db, directory: Path, docs: list[DocSpec] | None = None):
    from claimcheck.review.importer import Importer
    from claimcheck.review.readers import read_path

    report = None
    for path in write_scan_json(directory, docs):
        result = Importer(db).run(read_path(path))
        report = result if report is None else (report.merge(result) or report)
    return report


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SERVE = "import sys; from claimcheck.cli.main import app; sys.argv[0] = 'claimcheck'; app()"


class Server:
    """``claimcheck serve`` in its own process, on a free loopback port."""

    def __init__(self, db_url: str, log: Path, *extra: str) -> None:
        self.db_url = db_url
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.extra = extra
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [sys.executable, "-c", SERVE, "serve", "--db", self.db_url]
        command += ["--port", str(self.port), *self.extra]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                if httpx.get(self.base + "/login", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError(f"server did not start: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=30, follow_redirects=False)


def api_login(client: httpx.Client, username: str, password: str = PASSWORD) -> str:
    """Sign in through the API; returns the CSRF token (the cookie stays in the client)."""
    response = client.post("/api/session", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return response.json()["csrf_token"]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A running server over a seeded database with an admin and two moderators."""
    from claimcheck.review.db import Database
    from claimcheck.review.migrate import upgrade

    directory = tmp_path_factory.mktemp("served")
    schema = None
    if request.param == "sqlite":
        url = str(directory / "review.sqlite3")
    else:
        _need_pg()
        schema = PgSchema()
        url = schema.url
    database = Database.connect(url)
    upgrade(database)
    for name, role in (("admin", "admin"), ("mod", "moderator"), ("mod2", "moderator")):
        add_user(database, name, role)
    seed(database, directory, hostile_docs() + sample_docs())
    database.dispose()
    server = Server(url, directory / "server.log")
    server.start()
    yield server
    server.stop()
    if schema is not None:
        schema.drop()


XSS_TEXT = '<script>alert("x")</script><img src=x onerror="alert(1)">'
XSS_URL = "javascript:alert(document.cookie)"


def hostile_docs() -> list[DocSpec]:
    """Every field that reaches a page carries markup or a javascript: URL."""
    return [
        DocSpec(
            XSS_URL,
            f"Title {XSS_TEXT}",
            [
                ClaimSpec(
                    f"Kratom {XSS_TEXT} cures anxiety.",
                    "contradicted",
                    0.97,
                    "safety",
                    0.95,
                    citation_url=XSS_URL,
                    statement=f"Statement {XSS_TEXT}",
                )
            ],
            intro=f"Intro {XSS_TEXT} ",
        ),
        DocSpec(
            f'https://evil.example/"><script>alert(2)</script>?q={XSS_TEXT}',
            None,
            [
                ClaimSpec(
                    "Colloidal silver <b onmouseover=alert(3)>cures</b> infections.",
                    "contradicted",
                    0.96,
                    "efficacy",
                    0.9,
                    evidence_id="nccam-colloidal-silver-argyria-irreversible-2004",
                    citation_url='https://doi.example/" onclick="alert(4)',
                    citation_title=f"Citation {XSS_TEXT}",
                )
            ],
        ),
    ]
