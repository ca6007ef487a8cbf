"""The terminal report: each claim in document order, its verdict in colour, the sentence
with the claim highlighted, and the evidence that decided it with citations."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

VERDICT_STYLE = {"supported": "bold green", "contradicted": "bold red", "unverified": "bold yellow"}
STANCE_MARK = {"supports": ("✔", "green"), "contradicts": ("✘", "red"), "neutral": ("•", "dim")}


def render_text(record: dict, console: Console, evidence_per_claim: int = 2) -> None:
    document = record["document"]
    summary = record["summary"]
    header = Text()
    header.append(document.get("title") or document["source"], style="bold")
    header.append(f"\n{document['source']}", style="dim")
    header.append(f"\n{summary['claims']} claims: ")
    for label in ("contradicted", "unverified", "supported"):
        header.append(f"{summary[label]} {label}", style=VERDICT_STYLE[label])
        header.append("  ")
    console.print(Panel(header, title="claimcheck", title_align="left"))
    if not record["claims"]:
        console.print("No checkable health claims found.")
    text = document["text"]
    for claim in record["claims"]:
        console.print(_claim_block(claim, text, evidence_per_claim))
    corpus = record["corpus"]
    console.print(
        Text(
            f"Corpus {corpus['version']} ({corpus['records']} records); "
            f"verifier {record['models']['verifier']['name']} "
            f"{record['models']['verifier']['version']}",
            style="dim",
        )
    )


def _claim_block(claim: dict, text: str, evidence_per_claim: int) -> Group:
    verdict = claim["verdict"]
    title = Text()
    title.append(f"{claim['id']:>4}  ")
    title.append(f"{verdict.upper():<12}", style=VERDICT_STYLE[verdict])
    title.append(f" {claim['confidence']:.2f}  ", style="bold")
    title.append(claim["text"], style="bold")
    tags = _tags(claim["attributes"])
    if tags:
        title.append(f"  [{tags}]", style="dim")
    lines = [title, _highlighted_sentence(claim, text)]
    if claim.get("rationale"):
        lines.append(Text(f"      {claim['rationale']}", style="italic"))
    shown = [ev for ev in claim["evidence"] if ev["decisive"]]
    for evidence in shown[:evidence_per_claim]:
        lines.extend(_evidence_lines(evidence))
    lines.append(Text(""))
    return Group(*lines)


def _tags(attributes: dict) -> str:
    tags = [attributes["type"]]
    if attributes["negated"]:
        tags.append("negated")
    if attributes["hedged"]:
        tags.append("hedged")
    if attributes["dose"]:
        tags.append(f"dose {attributes['dose']}")
    if attributes["population"]:
        tags.append(attributes["population"])
    if attributes["harm_risk"] >= 0.7:
        tags.append("high harm risk")
    return ", ".join(tags)


def _highlighted_sentence(claim: dict, text: str) -> Text:
    sentence = claim["sentence"]
    offset = text.find(sentence, max(0, claim["start"] - len(sentence)))
    line = Text("      “", style="dim")
    if offset < 0 or not (offset <= claim["start"] <= claim["end"] <= offset + len(sentence)):
        line.append(sentence)
    else:
        start, end = claim["start"] - offset, claim["end"] - offset
        line.append(sentence[:start])
        line.append(sentence[start:end], style="underline bold")
        line.append(sentence[end:])
    line.append("”", style="dim")
    return line


def _evidence_lines(evidence: dict) -> list[Text]:
    mark, style = STANCE_MARK[evidence["stance"]]
    head = Text("      ")
    head.append(f"{mark} {evidence['stance']} {evidence['score']:.2f} ", style=style)
    if evidence["kind"] == "claim_review":
        head.append(f"reviewed claim, rated {evidence['rating']}: ", style="bold")
    head.append(evidence["statement"])
    lines = [head]
    citation = evidence.get("citation")
    if citation:
        first_author = citation["authors"].split(",")[0]
        more = " et al." if "," in citation["authors"] else ""
        venue = f", {citation['venue']}" if citation.get("venue") else ""
        cite = Text(
            f"        {first_author}{more} ({citation['year']}){venue}. {citation['title']}. ",
            style="dim",
        )
        cite.append(citation["link"] or "", style="dim underline")
        lines.append(cite)
    return lines
