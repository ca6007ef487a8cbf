"""Ingest: every kind of source, and every kind of bad input, with one-line errors."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from claimcheck.doc import BlockKind
from claimcheck.ingest import FetchLimits, IngestError, document_from_bytes, ingest
from tests.conftest import EXAMPLES, KRATOM_ARTICLE

PAGE = b"""<!DOCTYPE html><html><head><title>Silver | Shop</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/shop">Shop</a></li></ul></nav>
<div class="ad">Sponsored: miracle pills 50% off</div>
<article><h1>Colloidal Silver: Nature's Antibiotic</h1>
<p>Colloidal silver kills hundreds of germs. It has no side effects, even for children.</p>
<h2>How to use it</h2><ul><li>Take one teaspoon daily.</li><li>Spray it on cuts.</li></ul>
<p>Many customers love it and keep coming back for more every single month.</p></article>
<section class="comments"><h3>Comments</h3><p>Cured my flu overnight!</p></section>
<footer>Copyright 2025</footer></body></html>"""


def _error(source: str, **limits: float) -> str:
    with pytest.raises(IngestError) as caught:
        ingest(source, FetchLimits(**limits))
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(source)
    return message


def test_plain_text_keeps_headings_list_items_and_paragraphs() -> None:
    doc = ingest(str(KRATOM_ARTICLE))
    kinds = [block.kind for block in doc.blocks]
    assert kinds.count(BlockKind.LIST_ITEM) == 3
    assert kinds.count(BlockKind.HEADING) == 3
    assert doc.title == "Understanding Kratom and Its Potential for Addiction Treatment"
    for block in doc.blocks:
        assert doc.text[block.start : block.end].strip() == doc.text[block.start : block.end]


def test_a_title_starting_with_a_count_is_a_heading() -> None:
    doc = document_from_bytes(
        b"9 Cold Remedies to Get You Back on Your Feet\nNothing ruins a week like a cold.\n",
        source="listicle.txt",
    )
    assert [block.kind for block in doc.blocks] == [BlockKind.HEADING, BlockKind.PARAGRAPH]
    assert doc.title == "9 Cold Remedies to Get You Back on Your Feet"


def test_html_drops_navigation_ads_and_comments(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE)
    doc = ingest(str(page))
    assert doc.title == "Colloidal Silver: Nature's Antibiotic"
    assert "no side effects" in doc.text
    for boilerplate in ("Home", "Sponsored", "Cured my flu", "Copyright"):
        assert boilerplate not in doc.text
    items = [doc.text[b.start : b.end] for b in doc.blocks if b.kind == BlockKind.LIST_ITEM]
    assert items == ["Take one teaspoon daily.", "Spray it on cuts."]


def test_html_example_pages_extract_main_text() -> None:
    for page in sorted(EXAMPLES.glob("*.html")):
        doc = ingest(str(page))
        assert doc.media_type == "text/html"
        assert len(doc.text) > 1000
        assert "cookie" not in doc.text.lower()


def test_legacy_encoding_is_detected_not_assumed(tmp_path: Path) -> None:
    text = "Le café et la crème brûlée: une étude sur la santé du cœur chez les adultes âgés."
    path = tmp_path / "latin1.txt"
    path.write_bytes(((text + "\n") * 5).encode("cp1252"))
    doc = ingest(str(path))
    assert "café et la crème brûlée" in doc.text


def test_cyrillic_legacy_encoding(tmp_path: Path) -> None:
    text = "Куркума снижает воспаление и помогает при болях в суставах, утверждают продавцы. "
    path = tmp_path / "cp1251.txt"
    path.write_bytes((text * 3).encode("cp1251"))
    assert "снижает воспаление" in ingest(str(path)).text


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Vitamin D supports bone health in older adults.".encode("utf-16"))
    assert "Vitamin D supports bone health" in ingest(str(path)).text


def test_missing_file() -> None:
    assert "no such file" in _error("does/not/exist.txt")


def test_directory(tmp_path: Path) -> None:
    assert "is a directory" in _error(str(tmp_path))


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n\n")
    assert "is empty" in _error(str(path))


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    assert "binary" in _error(str(path))


def test_undecodable_text(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(b"Kratom \xff\xfe\x81\x8d\x8f\x90\x9d helps \xc3\x28 sleep \x80\x81" * 50)
    message = _error(str(path))
    assert "encoding" in message or "binary" in message


def test_file_over_the_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"Kratom promotes sleep. " * (50 * 1024 * 1024 // 23 + 1))
    message = _error(str(path))
    assert "over the 10.0 MB limit" in message and "50.0 MB" in message


def test_html_without_main_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_bytes(
        b"<html><head><title>x</title></head><body><nav><a href='/'>Home</a>"
        b"</nav><script>var a=1;</script></body></html>"
    )
    assert "no main text" in _error(str(path))


def test_url_html_page(http_server: tuple[str, dict]) -> None:
    base, routes = http_server
    routes["/article"] = (200, "text/html; charset=utf-8", PAGE)
    doc = ingest(f"{base}/article")
    assert doc.source == f"{base}/article"
    assert "no side effects" in doc.text


def test_url_404(http_server: tuple[str, dict]) -> None:
    base, _ = http_server
    assert "HTTP 404" in _error(f"{base}/missing")


def test_url_serving_pdf(http_server: tuple[str, dict]) -> None:
    base, routes = http_server
    routes["/paper.pdf"] = (200, "application/pdf", b"%PDF-1.4 fake")
    assert "serves application/pdf" in _error(f"{base}/paper.pdf")


def test_unreachable_url() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert "could not be fetched" in _error(f"http://127.0.0.1:{port}/", timeout_s=3)


def test_url_over_size_cap(http_server: tuple[str, dict]) -> None:
    base, routes = http_server
    routes["/big"] = (200, "text/plain", b"x" * 5000)
    assert "limit" in _error(f"{base}/big", max_bytes=1000)


def test_bytes_with_unknown_type_sniffs_html() -> None:
    doc = document_from_bytes(PAGE, source="record-1")
    assert doc.media_type == "text/html"
