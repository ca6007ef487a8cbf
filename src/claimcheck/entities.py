"""Finding the corpus's entities (and their aliases) in text."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from claimcheck.corpus import Corpus


class EntityFinder:
    def __init__(self, corpus: Corpus) -> None:
        # An alias may name several entities ("detox": opioid detox and detox diets).
        names_by_alias: dict[str, list[str]] = defaultdict(list)
        for entity in corpus.entities:
            for alias in {entity.name, *entity.aliases}:
                if len(alias) >= 3 and entity.name not in names_by_alias[alias.lower()]:
                    names_by_alias[alias.lower()].append(entity.name)
        # Longest aliases first, so "vitamin D3" wins over "vitamin D"; plurals match too.
        self.patterns = [
            (re.compile(rf"(?<![\w-]){re.escape(alias)}(?:s|es)?(?![\w-])", re.IGNORECASE), names)
            for alias, names in sorted(names_by_alias.items(), key=lambda item: -len(item[0]))
        ]
        self.topic_of = {e.name: e.topic for e in corpus.entities if e.topic}
        self.conditions = {e.name for e in corpus.entities if e.condition}

    def names_in(self, text: str) -> list[str]:
        """Canonical names of the entities mentioned in ``text``, once per mention (an
        ambiguous alias yields all the entities it names)."""
        found = []
        taken: list[tuple[int, int]] = []
        for pattern, names in self.patterns:
            for match in pattern.finditer(text):
                span = match.span()
                if not any(span[0] < end and start < span[1] for start, end in taken):
                    taken.append(span)
                    found.extend(names)
        return found

    def entities_in(self, text: str) -> set[str]:
        """Entities named in ``text`` together with the topics they belong to."""
        named = set(self.names_in(text))
        return named | {self.topic_of[n] for n in named if n in self.topic_of}

    def main_entity(self, title: str | None, texts: list[str]) -> str | None:
        """The entity a document is about: the most mentioned one, the title counting
        double; a condition only when nothing else is named (a news piece on "cervical
        cancer" rates is about the HPV vaccine it names)."""
        counts: Counter[str] = Counter()
        for name in self.names_in(title or ""):
            counts[name] += 2
        for text in texts:
            counts.update(self.names_in(text))
        products = Counter({n: c for n, c in counts.items() if n not in self.conditions})
        return (products or counts).most_common(1)[0][0] if counts else None
