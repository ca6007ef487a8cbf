"""Reading a source's bytes: local files, stdin and http(s) URLs, each with a size cap."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import httpx

from claimcheck import __version__
from claimcheck.ingest.errors import IngestError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_TEXT_TYPES = {"text/html", "application/xhtml+xml", "text/plain"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout_s: float = 15.0


@dataclass(frozen=True)
class RawSource:
    name: str
    data: bytes
    media_type: str | None  # None: decide from the content
    charset: str | None = None  # as declared by the server


def read_source(source: str, limits: FetchLimits) -> RawSource:
    if source == "-":
        return _read_stdin(limits)
    if source.startswith(("http://", "https://")):
        return fetch_url(source, limits)
    return _read_file(Path(source), source, limits)


def _read_stdin(limits: FetchLimits) -> RawSource:
    data = sys.stdin.buffer.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise IngestError("<stdin>", f"is over the {_mb(limits.max_bytes)} limit")
    return RawSource("<stdin>", data, None)


def _read_file(path: Path, name: str, limits: FetchLimits) -> RawSource:
    if not path.exists():
        raise IngestError(name, "no such file")
    if path.is_dir():
        raise IngestError(name, "is a directory, not a file")
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise IngestError(name, f"is {_mb(size)}, over the {_mb(limits.max_bytes)} limit")
        data = path.read_bytes()
    except PermissionError as exc:
        raise IngestError(name, "permission denied") from exc
    except OSError as exc:
        raise IngestError(name, f"cannot be read ({exc.strerror or exc})") from exc
    media_type = "text/html" if path.suffix.lower() in _HTML_SUFFIXES else None
    return RawSource(name, data, media_type)


def fetch_url(url: str, limits: FetchLimits) -> RawSource:
    headers = {"User-Agent": f"claimcheck/{__version__} (+offline fact-checker)"}
    try:
        with (
            httpx.Client(
                timeout=limits.timeout_s, follow_redirects=True, headers=headers
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                reason = response.reason_phrase or "error"
                raise IngestError(url, f"HTTP {response.status_code} {reason}")
            content_type = response.headers.get("content-type", "")
            media_type = content_type.split(";")[0].strip().lower()
            charset = response.charset_encoding
            if media_type and media_type not in _TEXT_TYPES:
                raise IngestError(url, f"serves {media_type}; only HTML and plain text are read")
            declared = int(response.headers.get("content-length") or 0)
            if declared > limits.max_bytes:
                raise IngestError(
                    url, f"is {_mb(declared)}, over the {_mb(limits.max_bytes)} limit"
                )
            data = bytearray()
            for chunk in response.iter_bytes():
                data.extend(chunk)
                if len(data) > limits.max_bytes:
                    raise IngestError(url, f"is over the {_mb(limits.max_bytes)} limit")
    except httpx.TimeoutException as exc:
        raise IngestError(url, f"timed out after {limits.timeout_s:g} s") from exc
    except httpx.InvalidURL as exc:
        raise IngestError(url, f"invalid URL ({exc})") from exc
    except httpx.HTTPError as exc:
        raise IngestError(url, f"could not be fetched ({_first_line(exc)})") from exc
    return RawSource(url, bytes(data), media_type or None, charset)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _first_line(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0]
