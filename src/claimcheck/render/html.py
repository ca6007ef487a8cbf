"""A self-contained HTML report: the article with each claim highlighted by verdict; a
click on a claim shows its verdict, reasoning and evidence with citations.

Everything taken from the article or the corpus is escaped: scraped text is hostile input.
"""

from __future__ import annotations

import html
import json
from importlib import resources

_STATIC = resources.files("claimcheck.render")


def _asset(name: str) -> str:
    return (_STATIC / name).read_text(encoding="utf-8")


def render_html(record: dict) -> str:
    document = record["document"]
    text = document["text"]
    claims = record["claims"]
    title = document.get("title") or document["source"]
    counts = "".join(
        f'<span class="v {label}">{record["summary"][label]} {label}</span>'
        for label in ("contradicted", "unverified", "supported")
    )
    # Claims travel as JSON inside a script element; with <, > and & escaped, no text from
    # the article can end the element or start markup inside it.
    data = (
        json.dumps(claims, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>claimcheck: {html.escape(title)}</title><style>{_asset("report.css")}</style></head>
<body><header><h1>{html.escape(title)}</h1>
<div class="source">{html.escape(document["source"])}</div>
<div class="counts">{record["summary"]["claims"]} claims: {counts}</div></header>
<main><article>{_highlight(text, claims)}</article>
<aside id="detail"><div class="card">Click a highlighted claim to see its evidence.</div>
</aside></main>
<script type="application/json" id="claims-data">{data}</script>
<script>{_asset("report.js")}</script></body></html>
"""


_SEVERITY = {"contradicted": 0, "unverified": 1, "supported": 2}


def _highlight(text: str, claims: list[dict]) -> str:
    """The article text with claim spans wrapped in <mark>; overlapping spans (several
    claims from one sentence) share one mark that lists all their ids."""
    clusters: list[list[dict]] = []
    for claim in sorted(claims, key=lambda c: (c["start"], -c["end"])):
        if clusters and claim["start"] < max(c["end"] for c in clusters[-1]):
            clusters[-1].append(claim)
        else:
            clusters.append([claim])
    out, cursor = [], 0
    for cluster in clusters:
        start = min(c["start"] for c in cluster)
        end = max(c["end"] for c in cluster)
        worst = min((c["verdict"] for c in cluster), key=_SEVERITY.__getitem__)
        ids = " ".join(c["id"] for c in cluster)
        out.append(html.escape(text[cursor:start]))
        out.append(
            f'<mark class="{worst}" data-claims="{html.escape(ids)}" '
            f'title="{len(cluster)} claim(s)">{html.escape(text[start:end])}</mark>'
        )
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)
