"""The team's annotated health articles (data/articles/*.yaml) and their renderings.

An article is rendered to plain text (title, then blocks separated by blank lines, list
items as "- item" lines) or to an HTML page with realistic boilerplate around the main
text (navigation, cookie banner, ads, related links, comments, footer), so evaluation runs
the same ingest path as real input.
"""

from __future__ import annotations

import html
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from claimcheck.datasources import project_data_dir


@dataclass(frozen=True)
class GoldClaim:
    text: str
    span: str
    negated: bool
    strength: str
    type: str
    dose: str | None = None
    population: str | None = None


@dataclass(frozen=True)
class GoldUnit:
    text: str
    kind: str  # heading | sentence | list_item
    claims: tuple[GoldClaim, ...] = ()

    @property
    def is_claim(self) -> bool:
        return bool(self.claims)


@dataclass(frozen=True)
class Article:
    id: str
    topic: str
    style: str
    format: str
    split: str
    title: str
    blocks: tuple[tuple[str, tuple[GoldUnit, ...]], ...] = field(default_factory=tuple)

    @property
    def units(self) -> list[GoldUnit]:
        return [unit for _, units in self.blocks for unit in units]


def load_articles(split: str | None = None, root: Path | None = None) -> list[Article]:
    root = root or project_data_dir() / "articles"
    articles = [
        _parse(yaml.safe_load(p.read_text(encoding="utf-8"))) for p in sorted(root.glob("a*.yaml"))
    ]
    return [a for a in articles if split is None or a.split == split]


def _parse(raw: dict) -> Article:
    blocks = []
    for block in raw["blocks"]:
        kind = {"heading": "heading", "list": "list_item"}.get(block["type"], "sentence")
        units = tuple(
            GoldUnit(
                unit["text"],
                kind,
                tuple(
                    GoldClaim(
                        c["text"],
                        c["span"],
                        bool(c.get("negated", False)),
                        c.get("strength", "direct_causal"),
                        c.get("type", "efficacy"),
                        c.get("dose"),
                        c.get("population"),
                    )
                    for c in unit.get("claims") or []
                ),
            )
            for unit in block["units"]
        )
        blocks.append((block["type"], units))
    return Article(
        raw["id"],
        raw["topic"],
        raw["style"],
        raw.get("format", "text"),
        raw["split"],
        raw["title"],
        tuple(blocks),
    )


def render_text(article: Article) -> str:
    parts = [article.title]
    for block_type, units in article.blocks:
        if block_type == "list":
            parts.append("\n".join(f"- {u.text}" for u in units))
        else:
            parts.append(" ".join(u.text for u in units))
    return "\n\n".join(parts) + "\n"


_NAVS = (
    ["Home", "Supplements", "Wellness", "Recipes", "Shop", "About"],
    ["News", "Health", "Science", "Opinion", "Lifestyle", "Subscribe"],
    ["Shop All", "Best Sellers", "New Arrivals", "Bundles", "Reviews", "FAQ"],
)
_COMMENTS = (
    ("Jenna R.", "This changed my life, thank you for writing it!"),
    ("Mark", "Does anyone know if this works for dogs too?"),
    ("healthnut77", "My doctor said something different but I trust nature."),
    ("Sam T.", "Ordered last week, shipping was fast."),
)


def render_html(article: Article) -> str:
    """A whole page: the article inside site boilerplate that an extractor must drop."""
    seed = zlib.crc32(article.id.encode())
    nav = _NAVS[seed % len(_NAVS)]
    esc = html.escape
    body = []
    for block_type, units in article.blocks:
        if block_type == "heading":
            body.extend(f"<h2>{esc(u.text)}</h2>" for u in units)
        elif block_type == "list":
            items = "".join(f"<li>{esc(u.text)}</li>" for u in units)
            body.append(f"<ul>{items}</ul>")
        else:
            body.append(f"<p>{esc(' '.join(u.text for u in units))}</p>")
    comments = "".join(
        f'<div class="comment"><span class="author">{esc(a)}</span><p>{esc(t)}</p></div>'
        for a, t in _COMMENTS[: 2 + seed % 3]
    )
    menu = "".join(f'<li><a href="/{esc(n.lower())}">{esc(n)}</a></li>' for n in nav)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(article.title)} | Wellness Daily</title>
<meta name="description" content="{esc(article.title)}"></head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<header><a class="logo" href="/">Wellness Daily</a><nav><ul>{menu}</ul></nav>
<form class="search"><input type="search" placeholder="Search"></form></header>
<aside class="ad">Sponsored: Try our best-selling bundle, 30% off today only! <a href="/shop">Shop now</a></aside>
<main><article>
<h1>{esc(article.title)}</h1>
<div class="byline">By Staff Writer · Updated March 2025 · 6 min read</div>
{"".join(body)}
<div class="share">Share this: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Email</a></div>
</article></main>
<aside class="related"><h3>You may also like</h3><ul><li><a href="/a">10 Morning Habits for Energy</a></li>
<li><a href="/b">The Truth About Detox</a></li><li><a href="/c">Our Favourite Teas</a></li></ul></aside>
<section class="comments" id="comments"><h3>Comments</h3>{comments}</section>
<footer><p>&copy; 2025 Wellness Daily. This content is for information only and is not medical advice.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>
"""
