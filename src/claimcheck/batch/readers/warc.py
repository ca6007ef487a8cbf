"""WARC / WARC.gz, as crawlers and Common Crawl write them.

Response records whose HTTP payload is HTML (2xx) become documents; requests, metadata,
redirects and non-HTML responses are skipped. A record cut short (a truncated file)
is reported and ends the reading of that file: nothing after it can be trusted.
"""

from __future__ import annotations

from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from claimcheck.batch.readers.common import mb
from claimcheck.batch.records import InputFile, InputRecord

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(file: InputFile, max_bytes: int) -> Iterator[InputRecord]:
    with open(file.path, "rb") as raw:
        iterator = ArchiveIterator(raw)
        offset = 0
        try:
            for record in iterator:
                item = _document(file, record, max_bytes)
                # The offset is known once the record is read (warcio reads lazily).
                offset = iterator.get_record_offset()
                if item is None:
                    continue
                item.record_index = offset
                item.position = f"offset {offset}"
                item.id = item.id or f"{file.path}:offset{offset}"
                item.end_offset = raw.tell()
                yield item
                if item.error and item.error.startswith("truncated"):
                    return
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            position = max(offset + 1, raw.tell())
            yield InputRecord(
                file.index,
                position,
                file.path,
                f"offset {position}",
                id=f"{file.path}:offset{position}",
                error=f"unreadable WARC data ({_first_line(exc)}); rest of the file skipped",
                end_offset=file.size,
            )


def _document(file: InputFile, record, max_bytes: int) -> InputRecord | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    media_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
    if not status.startswith("2") or media_type.strip().lower() not in _HTML_TYPES:
        return None
    item = InputRecord(
        file.index,
        0,
        file.path,
        "",
        id=record.rec_headers.get_header("WARC-Record-ID") or "",
        url=record.rec_headers.get_header("WARC-Target-URI"),
    )
    stream = record.content_stream()
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        item.error = f"document is over the {mb(max_bytes)} cap"
        return item
    if getattr(record.raw_stream, "limit", 0) > 0:
        item.error = "truncated WARC record: the file ends inside it"
        return item
    item.content = data
    item.media_type = "text/html"
    return item


def _first_line(exc: Exception) -> str:
    return (str(exc) or type(exc).__name__).splitlines()[0]
