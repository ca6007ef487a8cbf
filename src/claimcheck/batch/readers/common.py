"""What the readers share: turning a field value into content, and the size cap."""

from __future__ import annotations

from claimcheck.batch.records import InputFile, InputRecord


def mb(size: int) -> str:
    """A size for messages: "0.3 MB", or "12 KB" below a tenth of a megabyte."""
    if size < 100 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def make_record(
    file: InputFile,
    record_index: int,
    position: str,
    *,
    id: str | None,
    url: str | None,
    html: object,
    text: object,
    names: tuple[str, str],
    max_bytes: int,
    end_offset: int,
) -> InputRecord:
    """A record from field values; a missing, empty or oversized content is an error."""
    record = InputRecord(
        file.index,
        record_index,
        file.path,
        position,
        id=str(id) if id not in (None, "") else f"{file.path}:{position.replace(' ', '')}",
        url=str(url) if url not in (None, "") else None,
        end_offset=end_offset,
    )
    value, media_type = (html, "text/html") if _present(html) else (text, "text/plain")
    if not _present(value):
        record.error = f"no content: neither '{names[0]}' nor '{names[1]}' holds any text"
        return record
    if isinstance(value, str):
        try:
            data = value.encode("utf-8")
        except UnicodeEncodeError:
            record.error = "undecodable content: the text holds unpaired surrogates"
            return record
    elif isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
    else:
        record.error = f"content field is a {type(value).__name__}, not a string"
        return record
    if len(data) > max_bytes:
        record.error = f"document is {mb(len(data))}, over the {mb(max_bytes)} cap"
        return record
    record.content = data
    record.media_type = media_type
    return record


def _present(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, str | bytes | bytearray):
        return bool(value.strip())
    return True
