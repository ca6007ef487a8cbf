"""Relative clauses that make claims of their own: ', which has been linked to autism'
on 'mercury', 'Kratom, derived from ...,', ', where they disable ...'."""

from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from claimcheck.detect.clause_parts import (
    PERSONAL,
    Clause,
    is_predicate,
    relative_where,
    subject_of,
)
from claimcheck.detect.realise import is_plural_token, xpos

NAMING_VERBS = {"call", "name", "know", "dub", "term", "label"}


def relative_clauses(doc: SpacyDoc, clauses: list[Clause]) -> list[Clause]:
    """', which has been linked to autism' on 'mercury': a clause about mercury."""
    heads = {c.head.i for c in clauses}
    found = []
    for token in doc:
        if (
            token.dep_ == "advcl"
            and token.i not in heads
            and relative_where(token)
            and subject_of(token) is not None
        ):
            # "..., small enough to pass into the cells, where they disable ...": the
            # place may hang deeper than the main predicate
            found.append(Clause(token, subject_of(token)))
            continue
        if _reduced_relative(token) and token.i not in heads:
            # "Kratom, derived from Mitragyna speciosa, has ...": a clause about kratom
            found.append(Clause(token, None, relative_of=token.head))
            continue
        if token.dep_ not in ("acl:relcl",) or not is_predicate(token):
            continue
        noun = token.head
        described = _described_by_apposition(noun)
        if described is not None and token.i not in heads:
            # "mercury, a neurotoxin that builds up in the brain": a clause about mercury
            # (not "melatonin, a hormone the brain releases ...": the brain does that)
            own_subject = subject_of(token)
            if own_subject is None or own_subject.lower_ in ("which", "who", "that"):
                found.append(Clause(token, None, relative_of=described))
            continue
        relative = next(
            (t for t in token.subtree if t.lower_ in ("which", "who") and t.i < token.i), None
        )
        if relative is None or not after_comma(token) or token.i in heads:
            continue
        if noun.pos_ not in ("NOUN", "PROPN") or token.pos_ == "PRON":
            continue  # "..., which is what the Nobel Prize was for" says nothing of its own
        if relative.lower_ == "which" and _disagrees(token, noun):
            # "it works by blocking NMDA receptors, which sets off ...": 'which' is the
            # blocking, so the clause shares the subject of the clause that does it
            owner = next((c for c in clauses if c.head in noun.ancestors), None)
            personal = owner is None or (owner.subject and owner.subject.lower_ in PERSONAL)
            if not personal:  # "We eat 10 kernels a day, which is safe": not "we" who is
                found.append(Clause(token, None, inherited=owner, blocked={relative.i}))
            continue
        found.append(Clause(token, None, relative_of=noun))
    return found


def _disagrees(verb: Token, noun: Token) -> bool:
    """A singular present verb after a plural noun ('receptors, which sets off')."""
    finite = [verb, *(c for c in verb.children if c.dep_ in ("aux", "aux:pass", "cop"))]
    plural = is_plural_token(noun) and noun.lower_.endswith("s")  # not "salmonella, which"
    return any(xpos(t) == "VBZ" for t in finite) and plural


def _reduced_relative(token: Token) -> bool:
    """A participle set off by commas after a subject: 'Kratom, derived from ...,'."""
    if token.dep_ != "acl" or token.is_punct:
        return False
    return (
        token.tag_.startswith("VBN")
        and token.lemma_.lower() not in NAMING_VERBS  # "This state, called ketosis,"
        and token.head.dep_ in ("nsubj", "nsubj:pass")
        and _first_word(token).i == token.i
        and after_comma(token)
    )


def _described_by_apposition(noun: Token) -> Token | None:
    """The noun that an apposition after a comma describes: 'mercury, a neurotoxin ...'
    (our parser may attach the apposition as parataxis)."""
    if noun.dep_ not in ("appos", "parataxis") or noun.pos_ != "NOUN":
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
        return None
    first = next((t for t in noun.subtree if not t.is_punct), noun)
    doc = noun.doc
    if first.i < 2 or doc[first.i - 1].text != ",":
        return None
    before = doc[first.i - 2]
    return before if before.pos_ in ("NOUN", "PROPN") else None


def after_comma(clause: Token) -> bool:
    """The clause's first word follows a comma (the parser may hang the comma itself on
    the clause's verb): ', which ...' sets a clause off; 'that' right after its noun
    does not."""
    first = _first_word(clause)
    return first.i > 0 and first.nbor(-1).text == ","


def in_restrictive_relative(token: Token) -> bool:
    """Inside a restrictive relative clause ('nails that don't split'; not 'Elderberry
    syrup, which works better than any vaccine', which claims something of its noun)."""
    for clause in (token, *token.ancestors):
        if clause.dep_ == "acl:relcl":
            return _first_word(clause).i > 0 and not after_comma(clause)
    return False


def _first_word(clause: Token) -> Token:
    return next(t for t in clause.subtree if not t.is_punct)
