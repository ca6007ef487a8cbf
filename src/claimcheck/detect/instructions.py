"""Instructions: what the reader is told to do is not a claim ("Take it an hour before
bed"), unless it measures a dose ("Mix 10 grams into a drink once a day" is the product's
recommended use)."""

from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from claimcheck.detect.atomic import AtomicClaim, atomic_claim
from claimcheck.detect.clause_parts import PERSONAL, Clause
from claimcheck.detect.clauses import CONDITIONS
from claimcheck.detect.cues import COUNTED, FREQUENCY, MEASURED_DOSE
from claimcheck.detect.realise import finish, xpos
from claimcheck.detect.subjects import mid_sentence


def cap_off(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def instructions_only(clauses: list[Clause]) -> bool:
    """Every clause an imperative with nobody as its subject ("Take 2 capsules daily, and
    give it four weeks"); "Never go above 5 grams, because higher doses act like a
    stimulant" has a clause with a subject, and that clause is a claim."""
    if not clauses:
        return False
    doc = clauses[0].head.doc
    # "If a child swallows a large amount, call Poison Control": the condition's subject
    # does not make the instruction a claim
    in_condition = {
        t.i
        for advcl in doc
        if advcl.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in advcl.children)
        for t in advcl.subtree
    }
    # "Ask the clinic how many treatments they have performed": a subject inside the
    # instruction's object does not make it a claim
    heads = {clause.head.i for clause in clauses}
    if any(
        (
            t.dep_ in ("nsubj", "nsubj:pass")
            and t.lower_ not in PERSONAL
            and t.i not in in_condition
            and (t.head.i in heads or t.head.dep_ not in ("acl:relcl", "ccomp"))
        )
        or t.lower_ in ("because", "since")  # a reason given is a claim, however it parses
        for t in doc
    ):
        return False
    return all(
        clause.subject is None
        and clause.relative_of is None
        and clause.inherited is None
        and (imperative_root(clause.head) or negative_imperative(clause.head))
        for clause in clauses
    )


def dosed(sentence: SpacyDoc, entity: str | None) -> bool:
    """An instruction that says how much of the substance, or how often without a count
    of pills: 'Mix 10 grams into a drink once a day', 'Reapply every two hours'."""
    text = sentence.text
    if entity is None:
        return False
    return bool(MEASURED_DOSE.search(text)) or (
        bool(FREQUENCY.search(text)) and not COUNTED.search(text)
    )


def dosing_instruction(sentence: SpacyDoc, entity: str | None) -> AtomicClaim:
    """'Mix 10 grams (one scoop) into any drink once a day' -> 'Recommended use of
    collagen: mix 10 grams (one scoop) into any drink once a day.'"""
    text = sentence.text.strip()
    tokens = [t for t in sentence if not t.is_space]
    claim = finish(None, f"Recommended use of {mid_sentence(entity)}: {cap_off(text)}", entity)
    return atomic_claim(claim, tokens, entity)


def negative_imperative(head: Token) -> bool:
    """'Do not take more than 6 capsules', 'Don't mix them'."""
    auxiliaries = [c for c in head.children if c.dep_ == "aux"]
    return (
        xpos(head) == "VB"
        and bool(auxiliaries)
        and all(a.lemma_.lower() == "do" and a.i == 0 for a in auxiliaries)
    )


def imperative_root(head: Token) -> bool:
    return xpos(head) == "VB" and not any(c.dep_ == "aux" for c in head.children)
