"""Jinja2 set-up for the pages: autoescaping everywhere, and links only to http(s) URLs.

Scraped article text, titles and URLs are hostile: every value reaches the page through
autoescaping, and a URL becomes a link only if it is http(s) (``javascript:``, ``data:``
and the like are shown as text).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from claimcheck.review.auth import SignedIn

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"


def safe_url(value: object) -> str | None:
    """``value`` if it is an absolute http(s) URL, else None."""
    if not isinstance(value, str) or len(value) > 4000:
        return None
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(ch) < 32 for ch in text):
        return None
    return text


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else ""


def percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


def query(params: dict[str, Any]) -> str:
    return urlencode(params, doseq=True)


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(safe_url=safe_url, when=when, percent=percent, query=query)
    return env


class Pages:
    def __init__(self) -> None:
        self.env = environment()

    def render(
        self,
        request: Request,
        name: str,
        user: SignedIn | None,
        status_code: int = 200,
        **context: Any,
    ) -> HTMLResponse:
        template = self.env.get_template(name)
        html = template.render(request=request, user=user, path=request.url.path, **context)
        return HTMLResponse(html, status_code=status_code)
