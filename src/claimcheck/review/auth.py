"""Accounts, sign-in sessions, CSRF tokens and login rate limiting.

Passwords are hashed with Argon2id (argon2-cffi). A session cookie holds a random token;
the database keeps only its SHA-256, with the session's CSRF token (the synchronizer-token
pattern: every form and every unsafe API call must echo it). Failed sign-ins are limited per
user name and client address with a moving window (the ``limits`` library).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from claimcheck.review import audit
from claimcheck.review.models import LoginSession, Role, User, utcnow

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$")
MIN_PASSWORD = 10
SESSION_TTL = timedelta(hours=12)

_hasher = PasswordHasher()
# Verified against when the user does not exist, so a wrong name costs as long as a wrong
# password and timing does not tell which names exist.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(Exception):
    pass


@dataclass(frozen=True)
class SignedIn:
    """The user behind a request, with the session's CSRF token."""

    user: User
    csrf_token: str
    session_id: str

    @property
    def is_admin(self) -> bool:
        return self.user.role == Role.ADMIN.value


def check_new_account(username: str, password: str, role: str) -> None:
    if not USERNAME.match(username):
        raise AccountError(
            f"user name {username!r}: use 2-64 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password: at least {MIN_PASSWORD} characters")
    if role not in (Role.MODERATOR.value, Role.ADMIN.value):
        raise AccountError(f"role {role!r}: expected moderator or admin")


def create_user(
    session: Session, username: str, password: str, role: str, by: User | None = None
) -> User:
    check_new_account(username, password, role)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise AccountError(f"user {username!r} already exists")
    user = User(
        username=username,
        password_hash=_hasher.hash(password),
        role=role,
        active=True,
        created_at=utcnow(),
    )
    session.add(user)
    session.flush()
    audit.record(session, "user.add", by, actor="cli", detail={"username": username, "role": role})
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.username == username))
    stored = user.password_hash if user is not None and user.active else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, user: User) -> tuple[str, str]:
    """A new session for ``user``: (cookie token, CSRF token)."""
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    now = utcnow()
    session.execute(delete(LoginSession).where(LoginSession.expires_at < now))
    session.add(
        LoginSession(
            id=_digest(token),
            user_id=user.id,
            csrf_token=csrf,
            created_at=now,
            expires_at=now + SESSION_TTL,
        )
    )
    return token, csrf


def load_session(session: Session, token: str | None) -> SignedIn | None:
    if not token or len(token) > 200:
        return None
    found = session.get(LoginSession, _digest(token))
    if found is None or found.expires_at < utcnow() or not found.user.active:
        return None
    return SignedIn(found.user, found.csrf_token, found.id)


def end_session(session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(LoginSession).where(LoginSession.id == _digest(token)))


def same_token(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), str(given).encode())


class LoginLimiter:
    """Failed sign-ins allowed per (user name, address) and per address, in a moving window."""

    def __init__(self, per_account: str = "5/minute", per_address: str = "30/minute") -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._per_account = parse(per_account)
        self._per_address = parse(per_address)

    def retry_after(self, address: str, username: str) -> int:
        """Seconds to wait before another attempt; 0 if one is allowed now."""
        checks = (
            (self._per_account, ("account", address, username.lower())),
            (self._per_address, ("address", address)),
        )
        waits = []
        for limit, keys in checks:
            if not self._limiter.test(limit, *keys):
                reset, _remaining = self._limiter.get_window_stats(limit, *keys)
                waits.append(max(1, int(reset - utcnow().timestamp()) + 1))
        return max(waits, default=0)

    def failed(self, address: str, username: str) -> None:
        self._limiter.hit(self._per_account, "account", address, username.lower())
        self._limiter.hit(self._per_address, "address", address)
