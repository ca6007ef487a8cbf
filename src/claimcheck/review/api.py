"""The JSON API under /api. Signed in with the same session cookie as the pages (get one
with POST /api/session); every unsafe call carries the X-CSRF-Token header."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse

from claimcheck.ingest import IngestError
from claimcheck.review import audit, export, metrics
from claimcheck.review.auth import SignedIn, authenticate, end_session, start_session
from claimcheck.review.decisions import (
    Conflict,
    DecisionError,
    DecisionRequest,
    NotFound,
    assign,
    decide,
    state_of,
)
from claimcheck.review.deps import (
    SESSION_COOKIE,
    api_admin,
    api_user,
    api_writer,
    client_address,
    get_db,
)
from claimcheck.review.detail import load_detail
from claimcheck.review.intake import scan_and_queue
from claimcheck.review.models import Action
from claimcheck.review.queue import PAGE_SIZES, SORTS, STATUS_CHOICES, QueueFilter, load_queue
from claimcheck.review.schemas import (
    AssignmentIn,
    AuditEntry,
    AuditResponse,
    ClaimDetail,
    ConflictOut,
    Credentials,
    DecisionIn,
    DocumentIn,
    DocumentOut,
    Me,
    QueueResponse,
    State,
)

router = APIRouter(prefix="/api", tags=["review"])
User = Annotated[SignedIn, Depends(api_user)]
Writer = Annotated[SignedIn, Depends(api_writer)]
Admin = Annotated[SignedIn, Depends(api_admin)]


@router.post("/session", response_model=Me, responses={401: {}, 429: {}})
def sign_in(request: Request, response: Response, credentials: Credentials) -> Me:
    """Sign in; sets the HttpOnly session cookie and returns the CSRF token."""
    limiter = request.app.state.limiter
    address = client_address(request)
    wait = limiter.retry_after(address, credentials.username)
    if wait:
        raise HTTPException(429, "too many failed sign-ins", {"Retry-After": str(wait)})
    with get_db(request).write() as session:
        user = authenticate(session, credentials.username, credentials.password)
        if user is None:
            audit.record(
                session, "login.failed", actor=credentials.username[:64], detail={"ip": address}
            )
        else:
            token, csrf = start_session(session, user)
            audit.record(session, "login", user, detail={"ip": address, "api": True})
    if user is None:
        limiter.failed(address, credentials.username)
        raise HTTPException(401, "wrong user name or password")
    response.set_cookie(
        SESSION_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=request.app.state.settings.secure_cookies,
        path="/",
    )
    return Me(username=user.username, role=user.role, csrf_token=csrf)


@router.delete("/session", status_code=204)
def sign_out(request: Request, user: Writer) -> Response:
    with get_db(request).write() as session:
        end_session(session, request.cookies.get(SESSION_COOKIE))
        audit.record(session, "logout", user.user)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/me", response_model=Me)
def me(user: User) -> Me:
    return Me(username=user.user.username, role=user.user.role, csrf_token=user.csrf_token)


@router.get("/claims", response_model=QueueResponse)
def list_claims(
    request: Request,
    user: User,
    verdict: Annotated[list[str] | None, Query(description="Repeat for several.")] = None,
    topic: str = "",
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    max_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    domain: str = "",
    status: Annotated[str, Query(description=", ".join(STATUS_CHOICES))] = "open",
    assignee: Annotated[str, Query(description="me, none or a user name")] = "",
    q: Annotated[str, Query(description="Words in the claim text.")] = "",
    sort: Annotated[str, Query(description=", ".join(SORTS))] = "priority",
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(description=", ".join(map(str, PAGE_SIZES)))] = 50,
) -> QueueResponse:
    """The review queue, most urgent first: contradicted claims, then unverified claims
    about safety, dosing or interactions, then the rest."""
    if status not in STATUS_CHOICES:
        raise HTTPException(422, f"status: expected one of {', '.join(STATUS_CHOICES)}")
    if sort not in SORTS:
        raise HTTPException(422, f"sort: expected one of {', '.join(SORTS)}")
    if page_size not in PAGE_SIZES:
        raise HTTPException(422, f"page_size: expected one of {', '.join(map(str, PAGE_SIZES))}")
    params = {key: request.query_params.getlist(key) for key in request.query_params}
    filters = QueueFilter.from_params(params)
    with get_db(request).read() as session:
        return QueueResponse.of(load_queue(session, filters, user.user.id))


@router.get("/claims/{group_id}", response_model=ClaimDetail)
def claim(request: Request, user: User, group_id: int) -> ClaimDetail:
    """One claim group: its state, every page it was seen on (first 50), its history."""
    with get_db(request).read() as session:
        detail = load_detail(session, group_id, None)
        if detail is None:
            raise HTTPException(404, f"claim {group_id} does not exist")
        return ClaimDetail.of(detail, State.of(state_of(session, detail.group)))


@router.post(
    "/claims/{group_id}/decision",
    response_model=State,
    responses={409: {"model": ConflictOut}, 400: {}, 403: {}, 404: {}},
)
def decision(request: Request, user: Writer, group_id: int, body: DecisionIn) -> Response | State:
    """Decide on a claim group (every occurrence). Send the version you saw: if someone
    decided first, nothing is saved and the answer is 409 with the current state."""
    wanted = DecisionRequest(Action(body.action), body.version, body.verdict, body.note)
    try:
        return State.of(decide(get_db(request), group_id, user.user, wanted))
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except DecisionError as exc:
        raise HTTPException(403 if exc.forbidden else 400, str(exc)) from exc
    except Conflict as exc:
        body_out = ConflictOut(detail=str(exc), current=State.of(exc.current))
        return JSONResponse(body_out.model_dump(mode="json"), status_code=409)


@router.post("/claims/{group_id}/assignment", response_model=State)
def assignment(request: Request, user: Writer, group_id: int, body: AssignmentIn) -> State:
    try:
        return State.of(assign(get_db(request), group_id, user.user, body.assignee))
    except NotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except DecisionError as exc:
        raise HTTPException(403 if exc.forbidden else 400, str(exc)) from exc


@router.post("/documents", response_model=DocumentOut, status_code=201)
def add_document(request: Request, user: Writer, body: DocumentIn) -> DocumentOut:
    """Scan an article with the claimcheck pipeline and queue its flagged claims.
    The article is given as text or HTML; the server fetches nothing."""
    try:
        report, summary = scan_and_queue(
            request, user, body.source, body.content, body.media_type, body.title, "api"
        )
    except IngestError as exc:
        raise HTTPException(422, str(exc)) from exc
    if report.problems:
        raise HTTPException(422, str(report.problems[0]))
    return DocumentOut(
        documents=report.documents,
        duplicates=report.duplicates,
        claims=report.claims,
        new_groups=report.new_groups,
        not_flagged=report.not_flagged,
        groups=report.group_ids,
        summary=summary,
    )


@router.get("/audit", response_model=AuditResponse)
def audit_log(
    request: Request,
    user: Admin,
    claim: int | None = None,
    action: Annotated[str, Query(max_length=32)] = "",
    actor: Annotated[str, Query(max_length=64)] = "",
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=500)] = 100,
) -> AuditResponse:
    with get_db(request).read() as session:
        found = audit.events(
            session,
            group_id=claim,
            action=action or None,
            actor=actor or None,
            page=page,
            page_size=page_size,
        )
        return AuditResponse(
            total=found.total,
            page=found.page,
            page_size=found.page_size,
            events=[
                AuditEntry(
                    id=e.id,
                    at=e.at,
                    actor=e.actor,
                    action=e.action,
                    group_id=e.group_id,
                    detail=e.detail,
                )
                for e in found.events
            ],
        )


@router.get("/metrics")
def metrics_json(request: Request, user: User) -> dict:
    with get_db(request).read() as session:
        return metrics.compute(session).as_dict()


@router.get("/export/decisions", response_class=StreamingResponse)
def export_decisions(request: Request, user: Admin) -> StreamingResponse:
    """Every decided claim occurrence as JSONL (the training data for the next model)."""
    lines = list(_decision_lines(request))
    return StreamingResponse(
        iter(lines),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="decisions.jsonl"'},
    )


def _decision_lines(request: Request) -> list[str]:
    with get_db(request).read() as session:
        return list(export.decision_lines(session))


@router.get("/export/claimreview")
def export_claimreview(request: Request, user: Admin) -> JSONResponse:
    """Confirmed verdicts as schema.org ClaimReview JSON-LD."""
    publisher = request.app.state.settings.publisher
    with get_db(request).read() as session:
        document = export.claim_reviews(session, publisher)
    return JSONResponse(
        document,
        media_type="application/ld+json",
        headers={"Content-Disposition": 'attachment; filename="claimreview.jsonld"'},
    )
