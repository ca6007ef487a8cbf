"""What decomposition yields that is not a health claim to check.

The rules find clauses; these say which of the claims they realise are not worth a
fact-checker's time: the writer's (or someone's) own story, what a product is made of
offered as the reason it is safe, how it is made or certified, and age-old use that names
no effect, and the writer's doubt ("Can't say if ...").
"""

from __future__ import annotations

import re

from claimcheck.detect.atomic import AtomicClaim
from claimcheck.detect.clause_parts import Clause, denied
from claimcheck.detect.cues import DOSE

# "It is a plant, so it is safe": what the product is made of, offered as the reason it
# is safe, is not itself a health claim (the conclusion after "so" is)
NATURE_PREMISE = re.compile(
    r"^[^.]{1,60}? (?:is|are) (?:(?:completely|totally|all|100%|just|simply|only|purely) )*"
    r"(?:natural|all-natural|plant-based|an? (?:plant|food|root|herb|leaf|spice|fruit)|"
    r"natural (?:bacteria|plants?|foods?|substances?|compounds?))\.$",
    re.IGNORECASE,
)


# How a product is made, sourced or certified: checkable, but not a health claim ("CBD is
# vegan", "is made in the USA", "is third-party tested for heavy metals")
PRODUCT_TRAIT = re.compile(
    r"\b(?:is|are) (?:(?:100%|certified|also|fully|molecularly) )*(?:vegan|gluten-free|"
    r"non-gmo|kosher|made in|made from|sourced from|third-party tested|tested for|distilled|"
    r"hydrolyzed|cold-pressed|manufactured)\b|\bdissolves (?:instantly|completely|easily)\b|"
    r"\bartificial (?:dyes|colou?rs|flavou?rs)\b",
    re.IGNORECASE,
)
# Age-old use with no effect named ("has been a staple of Ayurvedic medicine for thousands
# of years") is history; "... for centuries to ease anxiety" names an effect and stays
TRADITION = re.compile(
    r"\b(?:has|have) been (?:a staple|used|eaten|chewed|prized|valued|consumed)\b[^.]*"
    r"\b(?:for|over) (?:centuries|millennia|generations|thousands of years|hundreds of years)"
    r"|\b(?:has|have) existed for\b",
    re.IGNORECASE,
)
PURPOSE = re.compile(r"\bto (?:treat|relieve|cure|prevent|help|ease|heal|calm|soothe|boost)\b")


# "This is my third cold since October", "It was my first time": the writer's own story
MY_OWN = re.compile(r"^\w+ (?:is|was|has been) my\b", re.IGNORECASE)


def not_a_health_claim(claim: AtomicClaim, entity: str | None) -> bool:
    text = claim.text
    return (
        personal_anecdote(claim, entity)
        or bool(MY_OWN.match(claim.span_text))
        or bool(NATURE_PREMISE.search(text))
        or bool(PRODUCT_TRAIT.search(text))
        or bool(TRADITION.search(text) and not PURPOSE.search(text))
    )


def personal_anecdote(claim: AtomicClaim, entity: str | None) -> bool:
    """'I struggled with insomnia for six years', 'My anxiety has been through the roof':
    the writer's own story, with no product and no dose in it, is nothing to check; so is
    the story of someone in it ('she has never felt better') unless it measures an effect
    ('she dropped 15 pounds in a month on an egg diet'). ("We" and "our" stay: on a
    product page or a family blog they speak for the product.)"""
    subject = (claim.subject or "").lower()
    someone = subject in ("she", "he") or subject.startswith(("her ", "his "))
    if subject != "i" and not subject.startswith("my ") and not someone:
        return False
    if DOSE.search(claim.text) or (someone and re.search(r"\d", claim.text)):
        return False
    return not (entity and entity.lower() in claim.text.lower())


UNSURE_VERBS = {"say", "know", "tell"}


def unsure_aside(clause: Clause) -> bool:
    """'Can't say if it's the vitamin C or just luck', 'Don't know whether it helped': the
    writer's doubt, a clause with no subject of its own; what it wonders is not asserted."""
    return (
        clause.subject is None
        and clause.inherited is None
        and clause.relative_of is None
        and clause.head.lemma_.lower() in UNSURE_VERBS
        and denied(clause.head)
    )
