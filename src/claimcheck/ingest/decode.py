"""Bytes to text: the encoding is detected, never assumed.

The order follows the WHATWG encoding standard's spirit: a byte-order mark, then UTF-8,
then a declared charset (HTTP header or <meta>), then windows-1252 (the web's most common
unlabelled legacy encoding) when the bytes are valid in it and read as text, and only then
statistical detection (charset-normalizer), which is unreliable on short Western texts.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from claimcheck.ingest.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CHAOS = 0.05  # above this, charset-normalizer is guessing


def decode_bytes(
    data: bytes, *, source: str, media_type: str | None = None, charset: str | None = None
) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="strict"), source)
    if b"\x00" in data[:8192]:
        raise IngestError(source, "looks like a binary file, not text or HTML")
    try:
        return _checked(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    declared = charset or (_declared_charset(data) if media_type != "text/plain" else None)
    if declared:
        try:
            return _checked(data.decode(declared), source)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        western = data.decode("cp1252")
        if _reads_as_text(western) and _mostly_ascii_letters(western):
            return _checked(western, source)
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise IngestError(source, "is neither UTF-8 nor text in any encoding we can detect")
    try:
        text = data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError) as exc:
        raise IngestError(source, f"could not be decoded as {best.encoding}") from exc
    if not _reads_as_text(text):
        raise IngestError(source, "is neither UTF-8 nor text in any encoding we can detect")
    return _checked(text, source)


def _reads_as_text(text: str) -> bool:
    sample = text[:20000]
    ordinary = sum(ch.isalnum() or ch.isspace() or ch in ".,;:!?'\"()-%/" for ch in sample)
    return bool(sample) and ordinary / len(sample) > 0.9


def _mostly_ascii_letters(text: str) -> bool:
    """Western European prose has a few accented letters; other scripts read through
    windows-1252 turn into almost nothing but accented letters."""
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    accented = sum(not ch.isascii() for ch in letters)
    return bool(letters) and accented / len(letters) < 0.2


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _checked(text: str, source: str) -> str:
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > 0.01:
        raise IngestError(source, "looks like a binary file, not text or HTML")
    return text
