"""Connecting to the review database (SQLite file or PostgreSQL URL) and migrating it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """The database cannot be used (bad URL, unreachable server, not migrated)."""


def default_database_path() -> Path:
    override = os.environ.get("CLAIMCHECK_REVIEW_DB")
    if override:
        return Path(override)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "claimcheck" / "review.sqlite3"


def resolve_url(value: str | None) -> URL:
    """A SQLAlchemy URL from ``--db``: a URL, a path to a SQLite file, or the default file."""
    if not value:
        value = os.environ.get("CLAIMCHECK_REVIEW_DB") or str(default_database_path())
    if "://" not in value:
        path = Path(value).expanduser().resolve()
        return URL.create("sqlite+pysqlite", database=str(path))
    try:
        url = make_url(value)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseError(f"--db {value}: not a database URL") from exc
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    elif url.drivername == "sqlite":
        url = url.set(drivername="sqlite+pysqlite")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise DatabaseError(f"--db {value}: only sqlite and postgresql databases are supported")
    return url


def _sqlite_engine(url: URL, begin: str) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    # As many pooled connections as the server has request threads at once: a connection
    # opened past the pool is closed after one use, and reopening costs the PRAGMAs below.
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        pool_size=25,
        max_overflow=10,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy issues BEGIN itself (below), so pysqlite must not.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine


class Database:
    """Sessions for reading and for writing.

    On SQLite a writing transaction starts with BEGIN IMMEDIATE: it takes the write lock up
    front and waits for it (busy timeout), instead of failing with "database is locked"
    when a read transaction later tries to write.
    """

    def __init__(self, url: URL, engine: Engine, write_engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self.write_engine = write_engine
        self._readers = sessionmaker(engine, expire_on_commit=False)
        self._writers = sessionmaker(write_engine, expire_on_commit=False)

    @classmethod
    def connect(cls, url: URL | str | None) -> Database:
        resolved = url if isinstance(url, URL) else resolve_url(url)
        if resolved.get_backend_name() == "sqlite":
            engine = _sqlite_engine(resolved, "BEGIN")
            writer = _sqlite_engine(resolved, "BEGIN IMMEDIATE")
        else:
            engine = create_engine(resolved, pool_size=25, max_overflow=10, pool_pre_ping=True)
            writer = engine
        return cls(resolved, engine, writer)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def describe(self) -> str:
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._readers() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction commits when the block ends without an error."""
        with self._writers() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()

    def check_migrated(self) -> None:
        from claimcheck.review.migrate import current_revision, head_revision

        try:
            current = current_revision(self)
        except OperationalError as exc:
            raise DatabaseError(f"{self.describe()}: cannot connect ({_first_line(exc)})") from exc
        if current != head_revision():
            raise DatabaseError(
                f"{self.describe()}: schema is at {current or 'nothing'}, not "
                f"{head_revision()}; run `claimcheck review migrate`"
            )

    def has_table(self, name: str) -> bool:
        with self.engine.connect() as connection:
            return inspect(connection).has_table(name)


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
