"""Side material: what a clause's words leave out (appositions, parentheticals,
"according to X", reasons and asides), and the conditions that stay in ("even while
pregnant")."""

from __future__ import annotations

from spacy.tokens import Token

from claimcheck.detect.clause_parts import relative_where, subject_of

DROPPED_ADVCL_MARKS = {"because", "since", "although", "though", "while", "whereas", "so", "as"}
STATES = {"pregnant", "breastfeeding", "nursing", "fasting"}


def _state_condition(token: Token) -> bool:
    """'while pregnant', 'when breastfeeding': a verbless state that says for whom."""
    return (
        token.lower_ in STATES
        and subject_of(token) is None
        and any(c.dep_ == "mark" and c.lower_ in ("while", "when") for c in token.children)
    )


def is_side_material(token: Token) -> bool:
    """Appositions, parentheticals, 'according to X', reasons and asides."""
    dep = token.dep_
    if dep in ("appos", "discourse", "vocative", "dislocated", "list", "reparandum"):
        return True
    if dep == "parataxis":
        return True
    comma_before = token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == ","
    if dep in ("acl:relcl", "acl") and comma_before:
        return True
    if dep == "obl" and any(c.lower_ == "according" for c in token.subtree):
        return True
    if dep == "advcl" and relative_where(token):
        return True  # a clause of its own (relatives.py)
    if dep == "advcl" and _state_condition(token):
        return False  # "safe, even while pregnant": who it is safe for
    if dep == "advcl":
        marks = {c.lower_ for c in token.children if c.dep_ in ("mark", "advmod")}
        return bool(marks & DROPPED_ADVCL_MARKS) or _when_it_comes_to(token, marks)
    if dep == "obl" and token.lower_ in ("this", "that") and token.i < token.head.i:
        return True  # "Because of this, ..."
    left = token.left_edge
    return token.dep_ in ("advmod",) and left.lower_ in ("of", "for") and token.i < token.head.i


def _when_it_comes_to(verb: Token, marks: set[str]) -> bool:
    """'..., particularly when it comes to managing cravings': a topic, not a condition."""
    return (
        verb.lemma_.lower() == "come"
        and "when" in marks
        and any(c.lower_ == "it" and c.dep_ in ("expl", "nsubj") for c in verb.children)
    )


def in_side_material(token: Token, root: Token) -> bool:
    node = token
    while node.i != root.i:
        if is_side_material(node):
            return True
        node = node.head
    return False
