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


def is_negated(tokens: list[Token]) -> bool:
    for token in tokens:
        if _in_relative_clause(token, tokens):
            continue  # "kills superbugs that antibiotics can't touch" is not denied
        if token.lower_ in ("not", "never", "n't", "cannot") and token.dep_ in (
            "advmod",
            "aux",
            "neg",
        ):
            return True
        if token.lower_ in ("no", "none", "neither", "nor", "without") and token.dep_ != "fixed":
            return True
        if token.lower_ == "zero" and token.head.pos_ == "NOUN" and token.i < token.head.i:
            return True  # "zero risk of a bad trip", "zero side effects"
    return False


def _in_relative_clause(token: Token, tokens: list[Token]) -> bool:
    inside = {t.i for t in tokens}
    node = token
    while node.head.i != node.i and node.head.i in inside:
        if node.dep_ == "acl:relcl":
            return True
        node = node.head
    return False
