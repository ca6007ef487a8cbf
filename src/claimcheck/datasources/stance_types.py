"""The claim-evidence pair shared by all stance datasets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pair:
    premise: str
    hypothesis: str
    label: str
    source: str
    group: str = ""
