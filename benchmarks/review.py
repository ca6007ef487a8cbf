"""Latency of the review app under load: the queue page and a decision, 20 concurrent clients.

For each database (SQLite file, PostgreSQL schema) the script seeds N claims through the
real importer (bulk inserts), starts ``claimcheck serve`` in its own process on loopback,
signs in one moderator per client, and has every client

* load the queue page (``GET /queue``, the HTML a moderator sees, default filters), then
* decide claims (``POST /api/claims/{id}/decision``), each client on its own claims.

A baseline in the same run, ``GET /api/me`` (session lookup, no queue work), shows how much
of each latency is the server's fixed cost. Results are printed as a table and as JSON.

    .venv/bin/python benchmarks/review.py                     # 100,000 claims, both databases
    .venv/bin/python benchmarks/review.py --claims 5000 --backends sqlite
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.review.conftest import PASSWORD, PgSchema, Server  # noqa: E402

from claimcheck.review.auth import create_user  # noqa: E402
from claimcheck.review.db import Database  # noqa: E402
from claimcheck.review.importer import Importer  # noqa: E402
from claimcheck.review.migrate import upgrade  # noqa: E402
from claimcheck.review.readers import ClaimIn, DocumentIn, EvidenceIn, InputDocument  # noqa: E402

CLAIMS_PER_DOC = 5
SUBJECTS = ["Kratom", "Vitamin C", "Melatonin", "Colloidal silver", "Turmeric", "Zinc"]
EFFECTS = ["cures", "prevents", "does not affect", "doubles the risk of", "treats", "causes"]
OBJECTS = ["insomnia", "colds", "anxiety", "liver damage", "dependence", "headaches"]
VERDICTS = ["contradicted", "unverified", "supported"]
TYPES = ["efficacy", "safety", "dosing", "mechanism"]


def synthetic_documents(claims: int, seed: int = 7) -> Iterator[InputDocument]:
    """Documents whose claims repeat across pages the way real ones do (a few thousand
    distinct phrasings, most seen on several pages)."""
    rng = random.Random(seed)
    for number in range(claims // CLAIMS_PER_DOC):
        parts: list[str] = []
        found: list[ClaimIn] = []
        for _ in range(CLAIMS_PER_DOC):
            text = (
                f"{rng.choice(SUBJECTS)} {rng.choice(EFFECTS)} {rng.choice(OBJECTS)} "
                f"in {rng.randint(1, 400)} of cases."
            )
            start = sum(len(p) for p in parts)
            parts.append(text + " Some more article text around the claim. ")
            found.append(
                ClaimIn(
                    id=f"c{len(found) + 1}",
                    text=text,
                    sentence=text,
                    span=text,
                    start=start,
                    end=start + len(text),
                    verdict=rng.choice(VERDICTS[:2]) if rng.random() < 0.9 else "supported",
                    confidence=round(rng.random(), 3),
                    attributes={"type": rng.choice(TYPES), "harm_risk": round(rng.random(), 2)},
                    evidence=[
                        EvidenceIn(
                            id="kratom-dependence-survey-malaysia-2014",
                            statement="In a community survey of 293 regular kratom users ...",
                            stance="contradicts",
                            score=0.9,
                            decisive=True,
                        )
                    ],
                )
            )
        document = DocumentIn(
            source=f"https://site{number % 300}.example/articles/{number}",
            title=f"Article {number}",
            text="".join(parts),
        )
        yield InputDocument(document, found, f"synthetic:{number}")


@dataclass
class Stats:
    name: str
    latencies: list[float]
    errors: int
    wall: float

    def row(self) -> dict:
        data = sorted(self.latencies)
        return {
            "requests": len(data),
            "errors": self.errors,
            "p50_ms": round(statistics.median(data) * 1000, 1),
            "p95_ms": round(data[int(0.95 * (len(data) - 1))] * 1000, 1),
            "mean_ms": round(statistics.fmean(data) * 1000, 1),
            "throughput_rps": round(len(data) / self.wall, 1),
        }


def run_clients(
    name: str, clients: list[httpx.Client], work: Callable[[int, httpx.Client], Iterator[int]]
) -> Stats:
    """Each client runs ``work`` (yielding HTTP status codes) in its own thread; all start
    together."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    barrier = threading.Barrier(len(clients))

    def loop(index: int, client: httpx.Client) -> None:
        nonlocal errors
        barrier.wait()
        started = time.perf_counter()
        for status in work(index, client):
            finished = time.perf_counter()
            with lock:
                latencies.append(finished - started)
                errors += status >= 400 and status != 409
            started = time.perf_counter()

    threads = [threading.Thread(target=loop, args=(i, c)) for i, c in enumerate(clients)]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Stats(name, latencies, errors, time.perf_counter() - begin)


def bench_backend(backend: str, args: argparse.Namespace, workdir: Path) -> dict:
    schema = None
    if backend == "sqlite":
        url = str(workdir / f"bench-{uuid.uuid4().hex[:6]}.sqlite3")
    else:
        schema = PgSchema()
        url = schema.url
    try:
        return _bench(backend, url, args, workdir)
    finally:
        if schema is not None:
            schema.drop()


def _bench(backend: str, url: str, args: argparse.Namespace, workdir: Path) -> dict:
    db = Database.connect(url)
    upgrade(db)
    started = time.perf_counter()
    # Supported claims too, so the database holds all N claims (the queue shows the flags).
    importer = Importer(db, include_supported=True)
    report = importer.run(synthetic_documents(args.claims), batch_documents=1000)
    seed_s = time.perf_counter() - started
    print(
        f"[{backend}] seeded {report.claims} claims ({report.new_groups} groups) in {seed_s:.1f}s",
        file=sys.stderr,
    )
    _analyze(db)
    names = [f"bench{i}" for i in range(args.clients)]
    with db.write() as session:
        for name in names:
            create_user(session, name, PASSWORD, "moderator")
    with db.read() as session:
        from sqlalchemy import select

        from claimcheck.review.models import ClaimGroup

        open_ids = list(
            session.scalars(
                select(ClaimGroup.id)
                .where(ClaimGroup.status == "open")
                .order_by(ClaimGroup.id)
                .limit(args.clients * args.requests)
            )
        )
    db.dispose()
    server = Server(url, workdir / f"server-{backend}.log")
    server.start()
    try:
        clients = [server.client() for _ in names]
        tokens = []
        for name, client in zip(names, clients, strict=True):
            response = client.post("/api/session", json={"username": name, "password": PASSWORD})
            response.raise_for_status()
            tokens.append(response.json()["csrf_token"])
        for client in clients:  # warm the connections and the server's caches
            client.get("/queue").raise_for_status()

        def baseline(_index: int, client: httpx.Client) -> Iterator[int]:
            for _ in range(args.requests):
                yield client.get("/api/me").status_code

        def queue(_index: int, client: httpx.Client) -> Iterator[int]:
            for _ in range(args.requests):
                yield client.get("/queue").status_code

        def decide(index: int, client: httpx.Client) -> Iterator[int]:
            mine = open_ids[index :: args.clients]
            for group_id in mine[: args.requests]:
                response = client.post(
                    f"/api/claims/{group_id}/decision",
                    json={"action": "confirm", "version": 1},
                    headers={"X-CSRF-Token": tokens[index]},
                )
                yield response.status_code

        results = {}
        for name, work in (
            ("baseline /api/me", baseline),
            ("queue page", queue),
            ("decision", decide),
        ):
            results[name] = run_clients(name, clients, work).row()
        for client in clients:
            client.close()
    finally:
        server.stop()
    base = results["baseline /api/me"]["p50_ms"]
    for name in ("queue page", "decision"):
        results[name]["p50_vs_baseline"] = round(results[name]["p50_ms"] / base, 1)
    return {
        "claims": report.claims,
        "groups": report.new_groups,
        "seed_s": round(seed_s, 1),
        **results,
    }


def _analyze(db: Database) -> None:
    """Planner statistics after the bulk load, as PostgreSQL's autovacuum would gather
    them shortly after; SQLite keeps none unless asked."""
    from sqlalchemy import text

    if db.is_sqlite:
        with db.write_engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
        return
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=25, help="per client and phase")
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for backend in args.backends:
            results[backend] = bench_backend(backend, args, Path(tmp))
    print(
        f"\n{args.claims} claims, {args.clients} concurrent clients, {args.requests} requests each"
    )
    print(f"{'backend':<11} {'request':<17} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7} {'x base':>7}")
    for backend, result in results.items():
        for name in ("baseline /api/me", "queue page", "decision"):
            row = result[name]
            ratio = row.get("p50_vs_baseline", 1.0)
            print(
                f"{backend:<11} {name:<17} {row['p50_ms']:>8} {row['p95_ms']:>8} "
                f"{row['throughput_rps']:>7} {ratio:>7}"
            )
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
