"""What a claim is about and how urgently it needs a person: topic, concern and priority.

The topic comes from the evidence the model used (each corpus record has one), falling back
to the corpus entity the claim names. The queue order puts contradicted claims first, then
unverified claims about safety, dosing or drug interactions, then other unverified claims.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from claimcheck.review.readers import ClaimIn

_INTERACTION = re.compile(
    r"\binteract\w*|\b(?:together|combined|mixed|along) with\b|\bwhile (?:taking|on)\b"
    r"|\bwith (?:your |other )?(?:medications?|medicines?|drugs?|prescriptions?|alcohol)\b",
    re.IGNORECASE,
)
_CONCERN_TYPES = ("safety", "dosing")


@dataclass(frozen=True)
class Triage:
    topic: str
    claim_type: str
    concern: str  # "safety", "dosing", "interaction" or ""
    harm_risk: float
    priority: int


class TopicResolver:
    """Corpus record id -> topic, entity alias -> topic; the corpus is read on first use."""

    def __init__(self, corpus_dirs: list[Path] | None = None) -> None:
        self._dirs = tuple(corpus_dirs) if corpus_dirs else None

    @property
    def _tables(self) -> tuple[dict[str, str], dict[str, str]]:
        return _topic_tables(self._dirs)

    def topic(self, claim: ClaimIn) -> str:
        by_record, by_alias = self._tables
        votes: Counter[str] = Counter()
        for evidence in claim.evidence:
            topic = by_record.get(evidence.id)
            if topic:
                votes[topic] += 2 if evidence.decisive else 1
        if votes:
            return votes.most_common(1)[0][0]
        subject = str(claim.attributes.get("subject") or "").lower().strip()
        return by_alias.get(subject, "")


@lru_cache(maxsize=4)
def _topic_tables(dirs: tuple[Path, ...] | None) -> tuple[dict[str, str], dict[str, str]]:
    """Read once per process: imports and the API create many resolvers."""
    from claimcheck.corpus import load_corpus
    from claimcheck.paths import bundled_corpus_dir

    corpus, _problems = load_corpus(list(dirs) if dirs else [bundled_corpus_dir()])
    by_record = {record.id: record.topic for record in corpus.records()}
    by_entity = {e.name.lower(): e.topic for e in corpus.entities if e.topic}
    by_alias = {
        alias: by_entity[name.lower()]
        for alias, name in corpus.alias_map.items()
        if name.lower() in by_entity
    }
    return by_record, by_alias


def triage(claim: ClaimIn, topic: str) -> Triage:
    claim_type = str(claim.attributes.get("type") or "")
    if claim_type in _CONCERN_TYPES:
        concern = claim_type
    elif _INTERACTION.search(claim.text):
        concern = "interaction"
    else:
        concern = ""
    try:
        harm = float(claim.attributes.get("harm_risk") or 0.0)
    except (TypeError, ValueError):
        harm = 0.0
    return Triage(topic, claim_type, concern, min(max(harm, 0.0), 1.0), priority(claim, concern))


def priority(claim: ClaimIn, concern: str) -> int:
    if claim.verdict == "contradicted":
        return 0
    if claim.verdict == "unverified":
        return 1 if concern else 2
    return 3


def source_domain(source: str) -> str:
    """The host of a URL without ``www.``; empty for files and stdin."""
    try:
        host = urlsplit(source).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")[:255]
