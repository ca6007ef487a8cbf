"""Ingest: turn a source (file, URL, stdin or raw bytes) into a :class:`Document`.

The document's text is the readable main text: HTML goes through trafilatura (navigation,
ads and comments dropped), plain text keeps its lines. Structure found on the way
(headings, paragraphs, list items) is kept as blocks with character offsets.
"""

from __future__ import annotations

from claimcheck.doc import Document
from claimcheck.ingest.decode import decode_bytes
from claimcheck.ingest.errors import IngestError
from claimcheck.ingest.fetch import DEFAULT_MAX_BYTES, FetchLimits, RawSource, read_source
from claimcheck.ingest.layout import document_from_html, document_from_text, looks_like_html

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FetchLimits",
    "IngestError",
    "RawSource",
    "document_from_bytes",
    "ingest",
]


def ingest(source: str, limits: FetchLimits | None = None) -> Document:
    """Read ``source`` (a path, an http(s) URL or ``-`` for stdin) into a Document."""
    raw = read_source(source, limits or FetchLimits())
    return document_from_bytes(
        raw.data, source=raw.name, media_type=raw.media_type, charset=raw.charset
    )


def document_from_bytes(
    data: bytes, *, source: str, media_type: str | None = None, charset: str | None = None
) -> Document:
    """Build a Document from raw bytes whose media type may or may not be known."""
    if not data.strip():
        raise IngestError(source, "is empty")
    text = decode_bytes(data, source=source, media_type=media_type, charset=charset)
    if media_type in ("text/html", "application/xhtml+xml") or (
        media_type is None and looks_like_html(text)
    ):
        return document_from_html(text, source=source)
    return document_from_text(text, source=source)
