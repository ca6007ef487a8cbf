"""Accounts, sessions and the sign-in rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from claimcheck.review.auth import (
    AccountError,
    LoginLimiter,
    authenticate,
    create_user,
    end_session,
    load_session,
    start_session,
)
from claimcheck.review.models import LoginSession, User
from tests.review.conftest import PASSWORD, add_user


def test_passwords_are_argon2id_hashes(db) -> None:
    add_user(db, "alice", "admin")
    with db.read() as session:
        user = session.scalar(select(User).where(User.username == "alice"))
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    with db.write() as session:
        assert authenticate(session, "alice", PASSWORD).username == "alice"
        assert authenticate(session, "alice", PASSWORD + "x") is None
        assert authenticate(session, "nobody", PASSWORD) is None


@pytest.mark.parametrize(
    ("username", "password", "role", "message"),
    [
        ("a", PASSWORD, "moderator", "user name"),
        ("bob smith", PASSWORD, "moderator", "user name"),
        ("<script>", PASSWORD, "moderator", "user name"),
        ("bob", "short", "moderator", "at least 10"),
        ("bob", PASSWORD, "root", "expected moderator or admin"),
    ],
)
def test_account_checks(db, username: str, password: str, role: str, message: str) -> None:
    with pytest.raises(AccountError, match=message), db.write() as session:
        create_user(session, username, password, role)


def test_duplicate_user(db) -> None:
    add_user(db, "alice")
    with pytest.raises(AccountError, match="already exists"):
        add_user(db, "alice")


def test_sessions_store_only_a_digest_and_expire(db) -> None:
    add_user(db, "alice")
    with db.write() as session:
        user = session.scalar(select(User).where(User.username == "alice"))
        token, csrf = start_session(session, user)
    with db.read() as session:
        stored = session.scalars(select(LoginSession)).one()
        assert stored.id != token and len(stored.id) == 64
        signed = load_session(session, token)
    assert signed.user.username == "alice" and signed.csrf_token == csrf
    with db.write() as session:
        found = session.scalars(select(LoginSession)).one()
        found.expires_at = found.created_at - timedelta(seconds=1)
    with db.read() as session:
        assert load_session(session, token) is None
        assert load_session(session, "forged") is None
        assert load_session(session, None) is None
    with db.write() as session:
        end_session(session, token)
    with db.read() as session:
        assert session.scalars(select(LoginSession)).all() == []


def test_login_limiter_counts_failures_per_account_and_address() -> None:
    limiter = LoginLimiter("3/minute", "5/minute")
    for _ in range(3):
        assert limiter.retry_after("10.0.0.1", "alice") == 0
        limiter.failed("10.0.0.1", "alice")
    assert 1 <= limiter.retry_after("10.0.0.1", "alice") <= 61
    assert limiter.retry_after("10.0.0.1", "ALICE") > 0  # names are not case-games
    assert limiter.retry_after("10.0.0.2", "alice") == 0  # another address is not blocked
    limiter.failed("10.0.0.1", "bob")
    limiter.failed("10.0.0.1", "carol")
    assert limiter.retry_after("10.0.0.1", "dave") > 0  # the address hit its own limit
