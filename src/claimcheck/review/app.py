"""The review app: FastAPI with server-rendered pages and a JSON API under /api."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from claimcheck.review.auth import LoginLimiter
from claimcheck.review.db import Database
from claimcheck.review.deps import CsrfFailed, NotSignedIn, cross_site, signed_in
from claimcheck.review.intake import Intake
from claimcheck.review.templating import STATIC_DIR, Pages

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")
# No inline script or style anywhere: a script tag that slipped into a page would not run.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


@dataclass
class ReviewSettings:
    database: str | None = None  # URL or SQLite path; None: the default file
    secure_cookies: bool = False  # set behind HTTPS
    login_limit: str = "5/minute"
    login_limit_address: str = "30/minute"
    publisher: str = "claimcheck review team"
    intake: Intake = field(default_factory=Intake)


def create_app(settings: ReviewSettings | None = None, db: Database | None = None) -> FastAPI:
    from claimcheck.review import api, web

    settings = settings or ReviewSettings()
    app = FastAPI(
        title="claimcheck review",
        description="Moderators' review of the health claims claimcheck flags.",
        version="1",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.db = db or Database.connect(settings.database)
    app.state.pages = Pages()
    app.state.limiter = LoginLimiter(settings.login_limit, settings.login_limit_address)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api.router)
    app.include_router(web.router)
    _add_handlers(app)
    app.middleware("http")(_guard)
    return app


async def _guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    if request.method in UNSAFE and cross_site(request):
        response: Response = JSONResponse({"detail": "cross-site request refused"}, 403)
    else:
        response = await call_next(request)
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    if request.url.path != "/openapi.json" and not request.url.path.startswith("/static"):
        headers.setdefault("Cache-Control", "no-store")
    return response


def _add_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotSignedIn)
    async def _to_login(request: Request, _exc: NotSignedIn) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, _exc: CsrfFailed) -> Response:
        return _error_page(request, 403, "The form expired or did not come from this site.")

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
        return _error_page(request, exc.status_code, str(exc.detail))


def _error_page(request: Request, status: int, message: str) -> Response:
    pages: Pages = request.app.state.pages
    return pages.render(
        request,
        "error.html",
        signed_in(request),
        status_code=status,
        status=status,
        message=message,
    )
