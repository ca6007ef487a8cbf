"""The parts of a clause the rules read: the Clause record, its subject, whether a word
is a predicate, whether it is denied."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from claimcheck.detect.realise import xpos

SUBJECT_DEPS = {"nsubj", "nsubj:pass", "csubj", "expl"}
PREDICATE_POS = {"VERB", "AUX", "ADJ", "NOUN", "PROPN", "NUM", "ADV", "PRON"}
PERSONAL = {"i", "we", "you", "me", "us"}
# nouns for people, as lemmas: the groups a claim is about and the people in a story
PEOPLE_LEMMAS = {
    "people", "person", "user", "patient", "customer", "woman", "man", "adult", "child",
    "kid", "teen", "teenager", "parent", "mother", "father", "mom", "dad", "husband", "wife",
    "sister", "brother", "friend", "daughter", "son", "guy",
}  # fmt: skip


def names_people(token: Token) -> bool:
    """'patients', 'a woman', 'my sister-in-law' (not 'people's' as in 'people's guts')."""
    words = {token.lemma_.lower(), token.lower_, token.lower_.removesuffix("s")}
    words |= {w.split("-", 1)[0] for w in words}
    return bool(words & PEOPLE_LEMMAS) or token.lower_ in ("men", "women", "children")


@dataclass
class Clause:
    head: Token
    subject: Token | None
    inherited: Clause | None = None  # the clause whose subject this one shares
    enabled_by: Clause | None = None  # "X does Y, so you can Z": X helps people Z
    relative_of: Token | None = None  # a relative clause's antecedent noun
    blocked: set[int] = field(default_factory=set)


def subject_of(token: Token) -> Token | None:
    subject = next(
        (
            c
            for c in token.children
            if c.dep_ in SUBJECT_DEPS
            and c.dep_ != "expl"
            and not (c.dep_ == "csubj" and c.i > token.i and has_expletive(c))
            and not _extraposed(c, token)
        ),
        None,
    )
    if subject is None:
        subject = _referring_it(token)
    return subject


def _extraposed(child: Token, head: Token) -> bool:
    """'It is safe to combine with ...', 'It is easy to measure the wrong amount': the
    infinitive after the head stands in for the fronted 'it', so it is not the subject."""
    return (
        child.dep_ == "csubj"
        and child.i > head.i
        and any(c.dep_ == "expl" and c.lower_ == "it" and c.i < head.i for c in head.children)
    )


def _referring_it(token: Token) -> Token | None:
    """'so it is completely safe': our parser tags that 'it' as an expletive, but with no
    clause for it to stand in for ('It is known that ...', 'it is wise to ...'), it
    refers to something and is the subject."""
    it = next(
        (c for c in token.children if c.dep_ == "expl" and c.lower_ == "it" and c.i < token.i),
        None,
    )
    if it is None:
        return None
    extraposed = any(
        (c.dep_ in ("csubj", "ccomp") and not has_expletive(c) and not _it_refers(c))
        or (c.dep_ == "xcomp" and c.i > token.i)
        for c in token.children
    )
    return None if extraposed else it


def _it_refers(clause: Token) -> bool:
    """A clause after 'it is ...' that does not stand in for 'it', so 'it' names something:
    an infinitive lacking its object ('It is safe to combine with diabetes medications',
    unlike 'it is easy to measure the dose'), a result ('It's so safe that we give it to
    our toddler'), or the time a product takes ('It takes four weeks to feel the effect')."""
    head = clause.head
    marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
    if clause.i < head.i:
        return False
    if "to" in marks and head.lemma_ == "take":
        return True
    if "that" in marks:
        return any(c.dep_ == "advmod" and c.lower_ in ("so", "such") for c in head.children)
    return (
        "to" in marks
        and xpos(clause) == "VB"
        and not any(c.dep_ in ("obj", "ccomp", "xcomp", "csubj") for c in clause.children)
    )


def has_expletive(token: Token) -> bool:
    """'There is no risk of ...'."""
    return any(c.dep_ == "expl" and c.lower_ == "there" for c in token.children)


def is_predicate(token: Token) -> bool:
    """A verb, or a nominal/adjectival predicate with a copula."""
    if token.pos_ in ("VERB", "AUX"):
        return True
    if any(c.dep_ == "aux" and c.tag_.startswith("MD") for c in token.children):
        return True  # "it could one day replace ...": a verb the tagger took for a noun
    return token.pos_ in PREDICATE_POS and any(c.dep_ == "cop" for c in token.children)


def denied(verb: Token) -> bool:
    if any(c.lower_ in ("not", "n't", "never") for c in verb.children):
        return True
    subject = subject_of(verb)
    return subject is not None and any(c.lower_ in ("no", "none") for c in subject.children)


def relative_where(verb: Token) -> bool:
    """', where they disable ...' (a place the sentence has just named)."""
    where = next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "where"), None)
    return where is not None and where.i > 0 and verb.doc[where.i - 1].text == ","
