"""The moderators' pages: sign-in, queue, claim view and the decision forms.

Forms post normally and redirect (POST/redirect/GET), so every page works without
JavaScript; static/review.js adds the keyboard shortcuts.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from claimcheck.review import admin_pages, audit
from claimcheck.review.auth import (
    SignedIn,
    authenticate,
    end_session,
    same_token,
    start_session,
)
from claimcheck.review.decisions import (
    Conflict,
    DecisionError,
    DecisionRequest,
    NotFound,
    assign,
    decide,
    open_for_review,
    release,
)
from claimcheck.review.deps import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    check_form_csrf,
    client_address,
    get_db,
    page_user,
    safe_next,
    signed_in,
)
from claimcheck.review.detail import load_detail
from claimcheck.review.models import Action
from claimcheck.review.queue import (
    PAGE_SIZES,
    SORTS,
    STATUS_CHOICES,
    VERDICTS,
    QueueFilter,
    load_queue,
    topics,
)
from claimcheck.review.templating import Pages

router = APIRouter(include_in_schema=False)
router.include_router(admin_pages.router)
PageUser = Annotated[SignedIn, Depends(page_user)]


def _pages(request: Request) -> Pages:
    return request.app.state.pages


def _cookie_options(request: Request) -> dict:
    return {
        "httponly": True,
        "samesite": "lax",
        "secure": request.app.state.settings.secure_cookies,
        "path": "/",
    }


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/queue", status_code=303)


@router.get("/login")
def login_page(request: Request, next: str = "/queue") -> Response:
    if signed_in(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_form(request, next)


def _login_form(request: Request, next: str, error: str = "", status: int = 200) -> Response:
    token = secrets.token_urlsafe(32)
    response = _pages(request).render(
        request, "login.html", None, status, next=safe_next(next), error=error, login_token=token
    )
    response.set_cookie(LOGIN_COOKIE, token, max_age=3600, **_cookie_options(request))
    return response


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/queue",
) -> Response:
    if not same_token(request.cookies.get(LOGIN_COOKIE, ""), csrf_token):
        return _login_form(request, next, "The sign-in form expired; please try again.", 403)
    limiter = request.app.state.limiter
    address = client_address(request)
    wait = limiter.retry_after(address, username)
    if wait:
        return _login_form(
            request, next, f"Too many failed sign-ins. Try again in {wait} seconds.", 429
        )
    with get_db(request).write() as session:
        user = authenticate(session, username, password)
        if user is None:
            audit.record(session, "login.failed", actor=username[:64], detail={"ip": address})
        else:
            token, _csrf = start_session(session, user)
            audit.record(session, "login", user, detail={"ip": address})
    if user is None:
        limiter.failed(address, username)
        return _login_form(request, next, "Wrong user name or password.", 401)
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, token, **_cookie_options(request))
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(request: Request, user: PageUser, csrf_token: Annotated[str, Form()] = "") -> Response:
    check_form_csrf(user, csrf_token)
    with get_db(request).write() as session:
        end_session(session, request.cookies.get(SESSION_COOKIE))
        audit.record(session, "logout", user.user)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/queue")
def queue_page(
    request: Request, user: PageUser, done: int | None = None, added: int | None = None
) -> Response:
    params = {key: request.query_params.getlist(key) for key in request.query_params}
    filters = QueueFilter.from_params(params)
    with get_db(request).read() as session:
        page = load_queue(session, filters, user.user.id)
        topic_names = topics(session)
    return _pages(request).render(
        request,
        "queue.html",
        user,
        page=page,
        topics=topic_names,
        verdicts=VERDICTS,
        statuses=STATUS_CHOICES,
        sorts=SORTS,
        page_sizes=PAGE_SIZES,
        done=done,
        added=added,
        here=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
    )


@router.get("/claims/{group_id}")
def claim_page(
    request: Request, user: PageUser, group_id: int, occ: int | None = None, back: str = ""
) -> Response:
    db = get_db(request)
    holder = open_for_review(db, group_id, user.user)
    return _claim_view(request, user, group_id, occ, back, holder=holder)


def _claim_view(
    request: Request,
    user: SignedIn,
    group_id: int,
    occ: int | None,
    back: str,
    *,
    holder: str | None = None,
    conflict: Conflict | None = None,
    error: str = "",
    status: int = 200,
    note: str = "",
) -> Response:
    with get_db(request).read() as session:
        detail = load_detail(session, group_id, occ)
    if detail is None:
        raise HTTPException(404, f"claim {group_id} does not exist")
    return _pages(request).render(
        request,
        "claim.html",
        user,
        status,
        d=detail,
        back=safe_next(back),
        holder=holder,
        conflict=conflict,
        error=error,
        note=note,
        verdicts=VERDICTS,
    )


@router.post("/claims/{group_id}/decide")
def decide_form(
    request: Request,
    user: PageUser,
    group_id: int,
    action: Annotated[str, Form(max_length=20)],
    version: Annotated[int, Form()],
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    verdict: Annotated[str, Form(max_length=20)] = "",
    note: Annotated[str, Form(max_length=4000)] = "",
    back: Annotated[str, Form(max_length=2000)] = "/queue",
    occ: Annotated[int | None, Form()] = None,
) -> Response:
    check_form_csrf(user, csrf_token)
    # The page's buttons send "change:<verdict>"; API-style clients may send both fields.
    kind, _, chosen = action.partition(":")
    try:
        request_ = DecisionRequest(
            Action(kind), version, chosen or verdict or None, note.strip() or None
        )
    except ValueError:
        return _claim_view(
            request, user, group_id, occ, back, error=f"unknown action {action!r}", status=400
        )
    try:
        decide(get_db(request), group_id, user.user, request_)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except Conflict as exc:
        return _claim_view(request, user, group_id, occ, back, conflict=exc, status=409, note=note)
    except DecisionError as exc:
        code = 403 if exc.forbidden else 400
        return _claim_view(request, user, group_id, occ, back, error=str(exc), status=code)
    target = safe_next(back)
    joiner = "&" if "?" in target else "?"
    return RedirectResponse(f"{target}{joiner}done={group_id}", status_code=303)


@router.post("/claims/{group_id}/assign")
def assign_form(
    request: Request,
    user: PageUser,
    group_id: int,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    assignee: Annotated[str, Form(max_length=64)] = "",
    back: Annotated[str, Form(max_length=2000)] = "/queue",
) -> Response:
    check_form_csrf(user, csrf_token)
    try:
        assign(get_db(request), group_id, user.user, assignee or None)
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except DecisionError as exc:
        code = 403 if exc.forbidden else 400
        return _claim_view(request, user, group_id, None, back, error=str(exc), status=code)
    return RedirectResponse(f"/claims/{group_id}?back={_quoted(safe_next(back))}", status_code=303)


@router.post("/claims/{group_id}/release")
def release_form(
    request: Request,
    user: PageUser,
    group_id: int,
    csrf_token: Annotated[str, Form(max_length=200)] = "",
    back: Annotated[str, Form(max_length=2000)] = "/queue",
) -> Response:
    check_form_csrf(user, csrf_token)
    release(get_db(request), group_id, user.user)
    return RedirectResponse(safe_next(back), status_code=303)


def _quoted(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="")
