"""The unit decomposition produces: one checkable proposition with its source span."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from claimcheck.detect.realise import span_text


@dataclass(frozen=True)
class AtomicClaim:
    text: str
    start: int  # character offsets within the sentence
    end: int
    negated: bool
    subject: str | None
    span_text: str = ""  # the source words (hedges included), for the attributes


def atomic_claim(text: str, source: list[Token], subject: str | None) -> AtomicClaim:
    return AtomicClaim(
        text,
        min(t.idx for t in source),
        max(t.idx + len(t) for t in source),
        is_negated(source),
        subject,
        span_text(source),
    )


DENIALS = ("no", "none", "neither", "nor", "without")


def is_negated(tokens: list[Token]) -> bool:
    for token in tokens:
        if _in_relative_clause(token, tokens):
            continue  # "kills superbugs that antibiotics can't touch" is not denied
        if (
            token.lower_ in ("not", "never", "n't", "cannot")
            and token.dep_ in ("advmod", "aux", "neg")
            and not _in_directive(token)
        ):
            return True
        if (
            token.lower_ in DENIALS
            and token.dep_ != "fixed"
            and not _limit(token)
            and _next_text(token) != "matter"  # "no matter what people drink"
            and not time_without(token)
        ):
            return True
        if token.lower_ == "non" and _next_text(token) in ("-", "‑") and not _group(token):
            return True  # "non-addictive", "non-habit forming": not addictive
        if token.lower_ == "free" and any(
            any(g.lower_ == "of" for g in c.children) for c in token.children
        ):
            return True  # "free of side effects": has none
        if token.lower_ == "nothing" and token.head.lemma_ == "do":
            return True  # "antibiotics do nothing against cold viruses"
        if token.lower_ == "zero" and token.head.pos_ == "NOUN" and token.i < token.head.i:
            return True  # "zero risk of a bad trip", "zero side effects"
    return False


def _limit(token: Token) -> bool:
    """'no more than 70 grams a day': a limit on an amount, not a denial (unlike 'no more
    nutritious than', 'no more caffeine than')."""
    return (
        token.lower_ == "no"
        and _next_text(token) in ("more", "less", "fewer", "later")
        and _next_text(token, 2) == "than"
    )


SPANS_OF_TIME = {"second", "minute", "hour", "day", "night", "week", "month", "year"}


def time_without(without: Token) -> bool:
    """'sixteen hours without food': a stretch of time, neither a denial nor a risk avoided."""
    span = without.head.head
    return (
        without.lower_ == "without" and span.lemma_.lower() in SPANS_OF_TIME and span.i < without.i
    )


DIRECTIVE_VERBS = {"warn", "advise", "urge", "recommend", "tell", "caution", "ask"}


def _in_directive(negation: Token) -> bool:
    """'warned consumers not to drink MMS', 'recommends that adults not start aspirin':
    the denial is part of the advice reported, not of the claim."""
    verb = negation.head
    bare = verb.tag_ == "VB" and not any(
        c.dep_ == "aux" and c.lower_ != "to" for c in verb.children
    )
    return verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_ in DIRECTIVE_VERBS and bare


def _group(non: Token) -> bool:
    """'than non-drinkers': a group of people named by what they do not do."""
    following = non.i + 2
    if following >= len(non.doc):
        return False
    word = non.doc[following]
    return word.pos_ in ("NOUN", "PROPN") and word.lower_.endswith("s")


def _next_text(token: Token, ahead: int = 1) -> str:
    following = token.i + ahead
    return token.doc[following].lower_ if following < len(token.doc) else ""


def _in_relative_clause(token: Token, tokens: list[Token]) -> bool:
    inside = {t.i for t in tokens}
    node = token
    while node.head.i != node.i and node.head.i in inside:
        if node.dep_ == "acl:relcl":
            return True
        node = node.head
    return False
