"""The shipped Alembic migrations create, remove and re-create the schema on both databases."""

from __future__ import annotations

import pytest

from claimcheck.review.db import Database, DatabaseError, resolve_url
from claimcheck.review.migrate import current_revision, downgrade, head_revision, upgrade

TABLES = ("users", "sessions", "documents", "claim_groups", "claims", "decisions", "audit_log")


def test_upgrade_downgrade_upgrade(db_url: str) -> None:
    db = Database.connect(db_url)
    with pytest.raises(DatabaseError, match="run `claimcheck review migrate`"):
        db.check_migrated()
    upgrade(db)
    assert current_revision(db) == head_revision()
    db.check_migrated()
    assert all(db.has_table(name) for name in TABLES)
    downgrade(db, "base")
    assert not any(db.has_table(name) for name in TABLES)
    upgrade(db)
    assert current_revision(db) == head_revision()
    db.dispose()


def test_migrations_match_the_models(db) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from claimcheck.review.models import Base

    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_database_urls(tmp_path) -> None:
    assert resolve_url(str(tmp_path / "r.db")).get_backend_name() == "sqlite"
    assert resolve_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    with pytest.raises(DatabaseError, match="only sqlite and postgresql"):
        resolve_url("mysql://u@h/db")
    with pytest.raises(DatabaseError, match="not a database URL"):
        resolve_url("://nothing")
    with pytest.raises(DatabaseError, match="not a database URL"):
        resolve_url("postgresql://u@h:notaport/db")
