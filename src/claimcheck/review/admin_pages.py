"""Pages beside the queue: adding an article and metrics (everyone); audit log, accounts
and exports (admins)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import select

from claimcheck.ingest import IngestError
from claimcheck.review import audit, metrics
from claimcheck.review.auth import AccountError, SignedIn, create_user
from claimcheck.review.deps import check_form_csrf, get_db, page_admin, page_user
from claimcheck.review.intake import scan_and_queue
from claimcheck.review.models import Role, User
from claimcheck.review.triage import source_domain

router = APIRouter(include_in_schema=False)
PageUser = Annotated[SignedIn, Depends(page_user)]
PageAdmin = Annotated[SignedIn, Depends(page_admin)]
AUDIT_ACTIONS = (
    "decision.confirm",
    "decision.change",
    "decision.dismiss",
    "decision.escalate",
    "decision.reopen",
    "conflict",
    "assign",
    "import",
    "document.scan",
    "login",
    "login.failed",
    "logout",
    "user.add",
    "user.password",
)


@router.get("/intake")
def intake_page(request: Request, user: PageUser) -> Response:
    return _intake_form(request, user)


def _intake_form(
    request: Request, user: SignedIn, status: int = 200, error: str = "", **values: str
) -> Response:
    fields = {"source": "", "title": "", "media_type": "", "content": ""} | values
    return request.app.state.pages.render(
        request, "intake.html", user, status, error=error, **fields
    )


@router.post("/intake")
def intake_submit(
    request: Request,
    user: PageUser,
    source: Annotated[str, Form(max_length=4000)],
    content: Annotated[str, Form(max_length=5_000_000)],
    title: Annotated[str, Form(max_length=1000)] = "",
    media_type: Annotated[str, Form(max_length=20)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    check_form_csrf(user, csrf_token)
    values = {"source": source, "title": title, "media_type": media_type, "content": content}
    if media_type not in ("", "text/plain", "text/html"):
        return _intake_form(request, user, 400, f"format {media_type!r} is not known", **values)
    try:
        report, _summary = scan_and_queue(
            request, user, source, content, media_type or None, title or None, "web"
        )
    except IngestError as exc:
        return _intake_form(request, user, 422, str(exc), **values)
    if report.duplicates and not report.documents:
        return _intake_form(request, user, 409, f"{source}: already imported", **values)
    query = urlencode({"domain": source_domain(source), "status": "all", "added": report.claims})
    return RedirectResponse(f"/queue?{query}", status_code=303)


@router.get("/metrics")
def metrics_page(request: Request, user: PageUser) -> Response:
    with get_db(request).read() as session:
        figures = metrics.compute(session)
    return request.app.state.pages.render(request, "metrics.html", user, m=figures)


@router.get("/audit")
def audit_page(
    request: Request,
    user: PageAdmin,
    action: str = "",
    actor: str = "",
    claim: int | None = None,
    page: int = 1,
) -> Response:
    with get_db(request).read() as session:
        found = audit.events(
            session,
            group_id=claim,
            action=action[:32] or None,
            actor=actor[:64] or None,
            page=max(1, min(page, 1_000_000)),
        )
    return request.app.state.pages.render(
        request,
        "audit.html",
        user,
        found=found,
        actions=AUDIT_ACTIONS,
        action=action,
        actor=actor,
        claim=claim,
    )


@router.get("/admin/users")
def users_page(request: Request, user: PageAdmin, error: str = "", added: str = "") -> Response:
    return _users(request, user, error=error, added=added)


def _users(
    request: Request, user: SignedIn, *, error: str = "", added: str = "", status: int = 200
) -> Response:
    with get_db(request).read() as session:
        users = list(session.scalars(select(User).order_by(User.username)))
    return request.app.state.pages.render(
        request,
        "users.html",
        user,
        status,
        users=users,
        roles=[r.value for r in Role],
        error=error,
        added=added,
    )


@router.post("/admin/users")
def add_user(
    request: Request,
    user: PageAdmin,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1000)],
    role: Annotated[str, Form(max_length=16)] = "moderator",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    check_form_csrf(user, csrf_token)
    try:
        with get_db(request).write() as session:
            create_user(session, username, password, role, by=user.user)
    except AccountError as exc:
        return _users(request, user, error=str(exc), status=400)
    return RedirectResponse("/admin/users?added=" + username, status_code=303)


@router.get("/export")
def export_page(request: Request, user: PageAdmin) -> Response:
    return request.app.state.pages.render(request, "export.html", user)
