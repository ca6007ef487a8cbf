"""Request-level plumbing shared by the web pages and the API: who is signed in, CSRF."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, Header, HTTPException, Request

from claimcheck.review.auth import SignedIn, load_session, same_token
from claimcheck.review.db import Database

SESSION_COOKIE = "cc_session"
LOGIN_COOKIE = "cc_login"  # double-submit CSRF token of the sign-in form
CSRF_HEADER = "X-CSRF-Token"


class NotSignedIn(Exception):
    """Raised by page dependencies; the app turns it into a redirect to the sign-in page."""


class CsrfFailed(Exception):
    pass


def get_db(request: Request) -> Database:
    return request.app.state.db


def signed_in(request: Request) -> SignedIn | None:
    if not hasattr(request.state, "signed_in"):
        with get_db(request).read() as session:
            request.state.signed_in = load_session(session, request.cookies.get(SESSION_COOKIE))
    return request.state.signed_in


def page_user(request: Request) -> SignedIn:
    user = signed_in(request)
    if user is None:
        raise NotSignedIn()
    return user


def page_admin(user: Annotated[SignedIn, Depends(page_user)]) -> SignedIn:
    if not user.is_admin:
        raise HTTPException(403, "admins only")
    return user


def api_user(request: Request) -> SignedIn:
    user = signed_in(request)
    if user is None:
        raise HTTPException(401, "sign in first (POST /api/session)")
    return user


def api_writer(
    user: Annotated[SignedIn, Depends(api_user)],
    csrf: Annotated[str | None, Header(alias=CSRF_HEADER)] = None,
) -> SignedIn:
    """A signed-in user whose unsafe request carries the session's CSRF token."""
    if not same_token(user.csrf_token, csrf):
        raise HTTPException(403, f"missing or wrong {CSRF_HEADER} header")
    return user


def api_admin(user: Annotated[SignedIn, Depends(api_user)]) -> SignedIn:
    if not user.is_admin:
        raise HTTPException(403, "admins only")
    return user


def check_form_csrf(user: SignedIn, token: str | None) -> None:
    if not same_token(user.csrf_token, token):
        raise CsrfFailed()


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def safe_next(target: str | None, default: str = "/queue") -> str:
    """A local path to go to after a form; anything else (another site) becomes ``default``."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target


def cross_site(request: Request) -> bool:
    """True for a state-changing request sent from another site's page (defence in depth
    beside the CSRF tokens and SameSite cookies). Browsers say where a request comes from
    in Sec-Fetch-Site; older ones only in Origin. Clients that send neither (scripts,
    curl) are not browsers visiting another site."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return False
    if origin == "null":
        return True
    return urlsplit(origin).netloc != request.headers.get("host", "")
