"""Verbless units: list items such as "Sharper memory and focus" or "Protection against
Alzheimer's", and "Label: text" items ("Zinc (30 mg): essential for testosterone").

A benefit list names what the product does without a verb; the claim is the product
doing it: "Relief from tinnitus" -> "Ginkgo relieves tinnitus".
"""

from __future__ import annotations

import re

from spacy.tokens import Token

# Nominalised benefits and the verb they stand for.
NOUN_VERBS = {
    "protection": "protects against",
    "relief": "relieves",
    "reduction": "reduces",
    "prevention": "prevents",
    "improvement": "improves",
    "support": "supports",
    "boost": "boosts",
    "treatment": "treats",
    "cure": "cures",
    "remedy": "treats",
    "defense": "protects against",
    "defence": "protects against",
    "recovery": "speeds recovery from",
    "increase": "increases",
    "decrease": "reduces",
    "balance": "balances",
    "regulation": "regulates",
    "detox": "detoxifies",
    "detoxification": "detoxifies",
    "control": "controls",
    "management": "manages",
    "loss": "causes loss of",
}
LESS_WORDS = {"less", "lower", "fewer", "reduced", "decreased", "smaller", "lowered"}
MORE_WORDS = {"more", "higher", "increased", "greater", "boosted", "raised", "bigger"}
BETTER_WORDS = {
    "better",
    "sharper",
    "improved",
    "stronger",
    "healthier",
    "clearer",
    "faster",
    "deeper",
    "calmer",
    "brighter",
    "smoother",
    "younger",
    "enhanced",
    "radiant",
    "glowing",
    "restful",
}
_LABEL = re.compile(r"^(?P<label>[^:.!?]{2,60}?)\s*:\s+(?P<rest>\S.*)$")


def split_label(text: str) -> tuple[str, int] | None:
    """'Tribulus terrestris: raises free testosterone' -> ('Tribulus terrestris', offset of
    'raises'). None when the unit has no short label before a colon."""
    match = _LABEL.match(text)
    if match is None or len(match.group("label").split()) > 6:
        return None
    return match.group("label"), match.start("rest")


def fragment_verb(head: Token) -> tuple[str, set[int]] | None:
    """The verb a verbless benefit phrase stands for, and the tokens it replaces."""
    lemma = head.lemma_.lower()
    if head.lower_ in LESS_WORDS:
        return "reduces", {head.i}
    if head.lower_ in MORE_WORDS:
        return "increases", {head.i}
    if head.lower_ in BETTER_WORDS:
        return "improves", {head.i}
    if lemma in NOUN_VERBS or head.lower_ in NOUN_VERBS:
        verb = NOUN_VERBS.get(head.lower_, NOUN_VERBS.get(lemma, ""))
        replaced = {head.i}
        for child in head.children:
            if child.dep_ == "case" or (child.dep_ == "det" and child.i < head.i):
                replaced.add(child.i)
        for child in head.children:
            if child.dep_ in ("nmod", "obl") and child.i > head.i:
                replaced |= {c.i for c in child.children if c.dep_ == "case" and c.i < child.i}
        return verb, replaced
    for child in head.children:
        word = child.lower_
        if child.dep_ in ("amod", "advmod", "det") and child.i < head.i:
            if word in LESS_WORDS:
                return "reduces", {child.i}
            if word in MORE_WORDS:
                return "increases", {child.i}
            if word in BETTER_WORDS:
                return "improves", {child.i}
    return None
