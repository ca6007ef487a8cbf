"""Scraped-page fixtures built on demand: the team's articles in page boilerplate, junk
pages with no health content, exact duplicates (SEO mirrors), and broken records, written
as JSONL (plain, .gz, .zst), Parquet and WARC (with warcio).

Used by tests/batch and benchmarks/batch.py; nothing here is committed output.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import random
from dataclasses import dataclass, replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimcheck.datasources.articles import Article, load_articles, render_html

OVERSIZED_BYTES = 300_000  # pass a --max-bytes below this to make the oversized page fail


@dataclass(frozen=True)
class Page:
    id: str
    url: str
    html: str | None = None
    text: str | None = None


# ---- pages ---------------------------------------------------------------------------

_JUNK = (
    (
        "Weekend Hiking Trails Near the Lake",
        "The north loop is 6 km long and climbs gently through pine forest.",
        "Parking opens at 7 a.m. and fills up quickly on sunny Saturdays.",
        "Dogs are welcome on a leash; bring water, as the kiosk closes in winter.",
    ),
    (
        "Release Notes for Version 4.2",
        "The export dialog now remembers the last folder you used.",
        "We fixed a crash when opening files with very long names.",
        "Dark mode follows the operating system setting by default.",
    ),
    (
        "Privacy Policy",
        "We collect the email address you give us when you subscribe.",
        "You can ask us to delete your data at any time by writing to our support team.",
        "We do not sell personal information to third parties.",
    ),
    (
        "Classic Lemon Pound Cake",
        "Cream the butter and sugar until pale, then beat in the eggs one at a time.",
        "Fold in the flour and lemon zest and bake for 50 minutes at 170 degrees.",
        "Let the cake cool in the tin before pouring over the glaze.",
    ),
    (
        "Match Report: Harbour City 2, Riverside 1",
        "Harbour City took the lead after ten minutes with a header from a corner.",
        "Riverside equalised before half time, but a late penalty settled the game.",
        "The two sides meet again in the cup next month.",
    ),
    (
        "Spring Collection: Canvas Sneakers",
        "Our canvas sneakers come in six colours and sizes 36 to 46.",
        "Free returns within 30 days; orders over 50 euros ship free.",
        "Customers rate the fit as true to size.",
    ),
)


def health_pages(articles: list[Article], max_blocks: int | None) -> list[Page]:
    """One page per article: the whole page, or the title and the first ``max_blocks``
    blocks in the same boilerplate (short pages keep tests quick)."""
    pages = []
    for article in articles:
        if max_blocks is not None:
            body = tuple(b for b in article.blocks if b[0] != "heading")[:max_blocks]
            article = replace(article, blocks=body)
        pages.append(
            Page(
                f"page-{article.id}", f"https://wellness.example/{article.id}", render_html(article)
            )
        )
    return pages


def junk_pages(count: int) -> list[Page]:
    pages = []
    for n in range(count):
        title, *paragraphs = _JUNK[n % len(_JUNK)]
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        page = (
            f"<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body>"
            f'<nav><a href="/">Home</a> <a href="/about">About</a></nav>'
            f"<main><article><h1>{html.escape(title)}</h1>{body}"
            f"<p>Page {n} of our archive.</p></article></main>"
            f"<footer>Copyright 2025 Example Ltd.</footer></body></html>"
        )
        pages.append(Page(f"junk-{n:03d}", f"https://junk.example/{n}", page))
    return pages


def build_pages(
    count: int,
    *,
    seed: int = 7,
    junk_share: float = 0.2,
    duplicate_share: float = 0.1,
    max_blocks: int | None = None,
    articles: int | None = None,
) -> list[Page]:
    """``count`` pages: health pages (cycling through the articles with some served as
    plain text), junk pages, and exact duplicates under other URLs."""
    pool = load_articles()[:articles] if articles else load_articles()
    health = health_pages(pool, max_blocks)
    rng = random.Random(seed)
    n_junk = round(count * junk_share)
    n_dup = round(count * duplicate_share)
    n_health = max(count - n_junk - n_dup, 1)
    pages: list[Page] = []
    for n in range(n_health):
        base = health[n % len(health)]
        variant = n // len(health)
        url = f"{base.url}?v={variant}" if variant else base.url
        page = Page(f"{base.id}-{variant}", url, base.html)
        if variant % 2 == 1:
            # A syndicated copy on another site: same article, other boilerplate.
            page = replace(page, html=page.html.replace("Wellness Daily", f"Health Hub {variant}"))
        pages.append(page)
    pages.extend(junk_pages(n_junk))
    rng.shuffle(pages)
    for n in range(n_dup):
        original = pages[rng.randrange(len(pages))]
        pages.append(replace(original, id=f"mirror-{n:03d}", url=f"https://mirror.example/{n}"))
    return pages[:count]


# ---- broken records ------------------------------------------------------------------


def oversized_html() -> str:
    filler = "<p>" + "Lorem ipsum dolor sit amet. " * 40 + "</p>"
    repeat = OVERSIZED_BYTES // len(filler) + 1
    return f"<html><body><main>{filler * repeat}</main></body></html>"


BINARY_HTML = "<html>\x00\x01\x02\x03\x04\x05\x06" + "\x07\x08" * 400 + "</html>"

# The reasons a broken JSONL file's bad records are reported with (substrings).
JSONL_BAD_REASONS = {
    "line 2": "malformed JSON",
    "no-text": "no content",
    "binary": "binary",
    "too-big": "over the",
    "line 7": "not an object",
}


def broken_jsonl_lines() -> list[str]:
    """Bad records in the order they appear, interleaved with good ones by the writer."""
    return [
        '{"id": "truncated", "html": "<p>The page ends before the quote',
        json.dumps({"id": "no-text", "url": "https://broken.example/empty"}),
        json.dumps({"id": "binary", "url": "https://broken.example/bin", "html": BINARY_HTML}),
        json.dumps(
            {"id": "too-big", "url": "https://broken.example/big", "html": oversized_html()}
        ),
        "[1, 2, 3]",
    ]


# ---- writers ---------------------------------------------------------------------------


def _page_json(page: Page) -> str:
    record = {"id": page.id, "url": page.url}
    if page.html is not None:
        record["html"] = page.html
    if page.text is not None:
        record["text"] = page.text
    return json.dumps(record, ensure_ascii=False)


def write_jsonl(path: Path, pages: list[Page], *, broken: bool = False) -> Path:
    """JSONL, gzip'd for .gz and zstd'd for .zst; with ``broken``, the bad records go at
    lines 2, 4, 6, 8 (with a blank line 5 that is not a record) and 7."""
    lines = [_page_json(page) for page in pages]
    if broken:
        bad = broken_jsonl_lines()
        good = iter(lines)
        lines = [next(good, "{}"), bad[0], next(good, "{}"), bad[1], "", bad[2], bad[4], bad[3]]
        lines.extend(good)
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    elif path.name.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


def write_parquet(path: Path, pages: list[Page], *, broken: bool = False) -> Path:
    rows = [{"id": p.id, "url": p.url, "html": p.html, "text": p.text} for p in pages]
    if broken:
        rows.insert(
            1, {"id": "pq-no-text", "url": "https://broken.example/pq", "html": None, "text": None}
        )
        rows.insert(3, {"id": "pq-binary", "url": None, "html": BINARY_HTML, "text": None})
    schema = pa.schema(
        [("id", pa.string()), ("url", pa.string()), ("html", pa.string()), ("text", pa.string())]
    )
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path, row_group_size=16)
    return path


def write_warc(path: Path, pages: list[Page], *, broken: bool = False) -> Path:
    """Request + response pairs as a crawler writes them, plus records that are skipped
    (an image, a redirect, warcinfo); with ``broken``, an undecodable page and a final
    record cut short (a crawl that died mid-write)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=path.name.endswith(".gz"))
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "claimcheck-tests"}))
    for n, page in enumerate(pages):
        _write_exchange(
            writer,
            page.url,
            "200 OK",
            "text/html; charset=utf-8",
            (page.html or page.text or "").encode("utf-8"),
        )
        if n == 1:
            _write_exchange(
                writer,
                "https://img.example/logo.png",
                "200 OK",
                "image/png",
                b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
            )
            _write_exchange(
                writer,
                "https://wellness.example/old",
                "301 Moved Permanently",
                "text/html",
                b"<html><body>Moved</body></html>",
            )
        if broken and n == 2:
            _write_exchange(
                writer,
                "https://broken.example/warc-binary",
                "200 OK",
                "text/html",
                b"\x00\x00\x01WARC" + BINARY_HTML.encode("latin-1"),
            )
    data = buffer.getvalue()
    if broken:
        # The crawl died while writing the last response: cut it three quarters through.
        last = io.BytesIO()
        tail = WARCWriter(last, gzip=path.name.endswith(".gz"))
        words = random.Random(3).choices(["sleep", "tea", "walk", "herb", "rest", "calm"], k=3000)
        body = f"<html><body><p>{' '.join(words)}</p></body></html>".encode()
        _write_exchange(tail, "https://broken.example/cut-short", "200 OK", "text/html", body)
        data += last.getvalue()[: len(last.getvalue()) * 3 // 4]
    path.write_bytes(data)
    return path


def _write_exchange(
    writer: WARCWriter, url: str, status: str, media_type: str, body: bytes
) -> None:
    request = StatusAndHeaders(
        f"GET {url} HTTP/1.1", [("User-Agent", "crawler/1.0")], is_http_request=True
    )
    writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
    headers = StatusAndHeaders(status, [("Content-Type", media_type)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
    )


def write_all(directory: Path, pages: list[Page], *, broken: bool = True) -> dict[str, Path]:
    """The same pages in every format (each file its own share of them)."""
    directory.mkdir(parents=True, exist_ok=True)
    third = max(len(pages) // 3, 1)
    return {
        "jsonl": write_jsonl(directory / "pages.jsonl.gz", pages[:third], broken=broken),
        "parquet": write_parquet(
            directory / "pages.parquet", pages[third : 2 * third], broken=broken
        ),
        "warc": write_warc(directory / "pages.warc.gz", pages[2 * third :], broken=broken),
    }


def main() -> None:
    """Write a scrape to a directory: ``python -m tests.batch.fixtures OUT [--pages 300]``."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("output", type=Path)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--max-blocks", type=int, default=None)
    args = parser.parse_args()
    files = write_all(args.output, build_pages(args.pages, max_blocks=args.max_blocks))
    for kind, path in files.items():
        print(f"{kind}: {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
