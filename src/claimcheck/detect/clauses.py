"""Find the clauses of a claim sentence that each assert something on their own.

Over a UD dependency parse: the main predicate (or, under a reporting verb, its
complement: "Research suggests that X" -> X), predicates coordinated with it, contrastive
and result clauses with their own subject ("..., though some people get headaches",
"..., so it can make you sick"), side clauses after a semicolon, and non-restrictive
relative clauses ("mercury, which has been linked to autism" -> a clause about mercury).
"""

from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from claimcheck.detect.clause_parts import (
    PERSONAL,
    Clause,
    denied,
    has_expletive,
    is_predicate,
    relative_where,
    subject_of,
)
from claimcheck.detect.realise import xpos
from claimcheck.detect.relatives import relative_clauses

REPORTING_VERBS = {
    "suggest",
    "show",
    "find",
    "indicate",
    "say",
    "claim",
    "report",
    "believe",
    "prove",
    "demonstrate",
    "reveal",
    "confirm",
    "think",
    "note",
    "argue",
    "know",
    "agree",
    "conclude",
    "state",
    "explain",
    "warn",
    "admit",
    "caution",
    "insist",
    "swear",
    "promise",
    "add",
    "write",
    "tell",
    "maintain",
    "estimate",
    "acknowledge",
    "emphasize",
    "emphasise",
    "stress",
    "point",
    "recognize",
    "hint",
    "mean",
}
# A clause introduced by one of these asserts something of its own.
SIDE_CLAUSE_MARKERS = {"though", "although", "while", "whereas", "but", "so", "because", "since"}
CONDITIONS = {"when", "whenever", "if", "unless", "once", "until"}


def main_head(doc: SpacyDoc) -> Token | None:
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return None
    # Our parser sometimes leaves a second root ("Exploring its mechanism ... could shed
    # light"): the one with a subject is the sentence's predicate.
    root = next((r for r in roots if subject_of(r) is not None), roots[0])
    # "Studies show (that) X", "Doctors warn that X": the claim is X. Not when the report
    # is denied ("No study has shown that X"): that frame carries the claim's polarity.
    for _ in range(2):
        reported = _reported(root)
        if reported is None:
            break
        root = reported
    return root


# "Online groups continue to claim that X": the report sits under one of these
REPORT_CARRIERS = {"continue", "keep", "seem", "appear", "go", "like", "love", "tend", "begin"}


def _reported(verb: Token) -> Token | None:
    """The complement a reporting verb passes on ('Studies show (that) X' -> X), through a
    carrier verb ('continue to claim that X'); None when the report is denied."""
    if verb.lemma_.lower() in REPORT_CARRIERS:
        verb = next((c for c in verb.children if c.dep_ == "xcomp" and _frame_like(c)), verb)
    if not _frame_like(verb):
        # "Some websites go further, promising that X": the report rides on a participle
        verb = next(
            (
                c
                for c in verb.children
                if c.dep_ == "advcl"
                and xpos(c) == "VBG"
                and _frame_like(c)
                and c.lemma_.lower() != "mean"  # "..., meaning X": a consequence, not a report
                and subject_of(c) is None
            ),
            verb,
        )
    if verb.lemma_.lower() not in REPORTING_VERBS or denied(verb):
        return None
    return next((c for c in verb.children if c.dep_ == "ccomp" and is_predicate(c)), None)


def _frames(doc: SpacyDoc, head: Token) -> list[Token]:
    """The reporting verbs main_head went through ("says" in "the CDC says X, so Y")."""
    frames = []
    node = head
    while node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING_VERBS:
        node = node.head
        frames.append(node)
    return frames


def _frame_like(token: Token) -> bool:
    return token.lemma_.lower() in REPORTING_VERBS


def find_clauses(doc: SpacyDoc) -> list[Clause]:
    head = main_head(doc)
    if head is None:
        return []
    clauses: list[Clause] = []
    if is_predicate(head):
        clauses.append(Clause(head, subject_of(head) or _stray_subject(head)))
    for frame in _frames(doc, head):
        for child in frame.children:
            if child.i != head.i and child.dep_ in ("conj", "advcl") and clauses:
                extra = _side_clause(clauses[0], child)
                if extra is not None and not _frame_like(extra.head):
                    clauses.append(extra)
    _add_side_clauses(clauses, list(clauses))
    if clauses:  # with no main clause, a relative clause alone would lose the main claim
        relatives = relative_clauses(doc, clauses)
        clauses.extend(relatives)
        # "..., which sets off a burst of glutamate and helps brain cells form ..."
        _add_side_clauses(clauses, relatives)
    return clauses


def _add_side_clauses(clauses: list[Clause], queue: list[Clause]) -> None:
    """Append the side clauses (conjuncts, adverbial clauses) of each queued clause, and
    theirs in turn."""
    while queue:
        clause = queue.pop(0)
        for child in clause.head.children:
            extra = _side_clause(clause, child)
            if extra is not None:
                clauses.append(extra)
                queue.append(extra)
            elif _rejected_side_clause(child):
                clause.blocked.update(t.i for t in child.subtree)
                clause.blocked.update(c.i for c in child.children if c.dep_ in ("cc", "punct"))


def _stray_subject(head: Token) -> Token | None:
    """A nominal before the predicate that the parser attached as something else."""
    for child in head.lefts:
        if child.pos_ not in ("NOUN", "PROPN", "PRON") or child.dep_.startswith(
            ("obl", "advmod", "nmod:tmod", "discourse", "vocative", "expl", "det", "mark")
        ):
            continue
        if any(c.dep_ == "case" for c in child.children):
            continue
        return child
    return None


ENABLED_SUBJECTS = {"you", "body", "people", "we", "brain", "immune", "system", "skin", "cells"}


def _enabled_result(child: Token, subject: Token | None) -> bool:
    """'..., so your body can fight off viruses faster', 'so you can drift off': what the
    product lets the reader (or their body) do."""
    return (
        child.dep_ == "advcl"
        and subject is not None
        and subject.lower_ in ENABLED_SUBJECTS
        and any(c.dep_ == "mark" and c.lower_ == "so" for c in child.children)
        and any(c.dep_ == "aux" and c.lower_ == "can" for c in child.children)
        and not denied(child)
    )


def _side_clause(parent: Clause, child: Token) -> Clause | None:
    if not is_predicate(child) or any(
        c.dep_ == "mark" and c.lower_ == "to" for c in child.children
    ):
        return None
    if any(c.dep_ in ("mark", "advmod") and c.lower_ in CONDITIONS for c in child.children):
        return None  # "particularly when it comes to ...": a condition, not an assertion
    own_subject = subject_of(child)
    if own_subject is not None and own_subject.lower_ in ("which", "what"):
        return None  # "..., which is why many people ..."
    if _enabled_result(child, own_subject):
        return Clause(child, own_subject, enabled_by=parent)
    if own_subject is not None and own_subject.lower_ in PERSONAL:
        # "so I give my 9-year-old ...", "you'll love it": asides; but "so I figured it was
        # completely harmless" passes on a belief, and the belief is a claim
        return _believed(child)
    if own_subject is None and _imperative(child, parent.head):
        return None  # "..., so don't mix them"
    if child.dep_ == "csubj" and child.i > parent.head.i and has_expletive(child):
        return Clause(child, None)  # "..., so there is no risk of overdose"
    if child.dep_ == "conj" and _frame_like(child):
        reported = _reported(child)  # "..., and some websites say it prevents X"
        if reported is not None:
            # the frame ("and some websites say") belongs to neither clause
            inside = {t.i for t in reported.subtree}
            parent.blocked.update(t.i for t in child.subtree if t.i not in inside)
            return Clause(reported, subject_of(reported))
    if child.dep_ in ("conj", "parataxis"):
        if child.dep_ == "parataxis" and own_subject is None and child.pos_ != "VERB":
            return None
        if child.dep_ == "parataxis" and _bracketed_naming(child):
            return None  # "(a condition called argyria)" names something, asserts nothing
        if child.dep_ == "parataxis" and _marked_by(child):
            return None  # "losing 10 pounds ... just by switching their water": the means
        return Clause(child, own_subject, inherited=None if own_subject else parent)
    if child.dep_ == "advcl" and own_subject is not None and relative_where(child):
        return Clause(child, own_subject)  # "..., where they disable the enzymes ..."
    if (
        child.dep_ == "advcl"
        and own_subject is None
        and child.i < parent.head.i
        and child.tag_.startswith("VBN")
        and not _marked_by(child)
        and not any(c.dep_ == "mark" for c in child.children)
    ):
        return Clause(child, None, inherited=parent)  # "Often used for X, kratom offers ..."
    by_gerund = child.tag_.startswith("VBG") and _marked_by(child)
    if child.dep_ == "advcl" and own_subject is None and by_gerund:
        return Clause(child, None, inherited=parent)  # "improves X by widening Y"
    if child.dep_ == "advcl" and child.i > parent.head.i and own_subject is not None:
        markers = [c for c in child.children if c.dep_ in ("mark", "advmod", "cc")]
        for marker in markers:
            if marker.lower_ not in SIDE_CLAUSE_MARKERS - {"since"}:
                continue
            after_comma = marker.i > 0 and marker.doc[marker.i - 1].text in (",", ";")
            if marker.lower_ != "so" or after_comma:  # "so (that) you can" is a purpose
                return Clause(child, own_subject)
    return None


def _marked_by(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "by" for c in verb.children)


def _bracketed_naming(verb: Token) -> bool:
    """A participle aside in brackets: '(a condition called argyria)', '(known as X)'."""
    doc = verb.doc
    left, right = verb.left_edge.i, verb.right_edge.i
    opens = doc[left].text in ("(", "[") or (left > 0 and doc[left - 1].text in ("(", "["))
    closes = doc[right].text in (")", "]") or (
        right + 1 < len(doc) and doc[right + 1].text in (")", "]")
    )
    participle = verb.tag_.startswith(("VBN", "VBG")) and not any(
        c.dep_ in ("aux", "aux:pass", "cop") for c in verb.children
    )
    return opens and closes and participle


BELIEF_VERBS = {"figure", "think", "believe", "assume", "guess", "reckon", "know", "hear", "read"}


def _believed(verb: Token) -> Clause | None:
    if verb.lemma_.lower() not in BELIEF_VERBS:
        return None
    for child in verb.children:
        subject = subject_of(child)
        if (
            child.dep_ == "ccomp"
            and is_predicate(child)
            and subject is not None
            and subject.lower_ not in PERSONAL
        ):
            return Clause(child, subject)
    return None


_SHARED_AUX = {"to", "can", "may", "might", "could", "will", "would", "should", "must", "ca", "wo"}


def _rejected_side_clause(child: Token) -> bool:
    """'..., but you'll need two cups', '..., so don't mix them': not part of the claim."""
    if child.dep_ not in ("conj", "parataxis", "advcl") or not is_predicate(child):
        return False
    if child.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in CONDITIONS for c in child.children
    ):
        return False  # "fades once you stop taking it": the condition is part of the claim
    subject = subject_of(child)
    if subject is not None:
        return subject.lower_ in PERSONAL
    return _imperative(child, child.head)


def _imperative(verb: Token, parent: Token) -> bool:
    """A bare verb with no subject and no auxiliary of its own or its first conjunct's."""
    if xpos(verb) != "VB":
        return False
    if any(c.dep_ == "mark" and c.lower_ == "to" for c in verb.children):
        return False  # "small enough to pass into cells": an infinitive
    if any(c.dep_ == "aux" and c.lemma_.lower() == "do" for c in verb.children):
        return subject_of(verb) is None  # "..., so don't mix them": 'do' is its own
    first = parent
    while first.dep_ == "conj":
        first = first.head
    return not any(
        c.dep_ == "aux" and c.lower_ in _SHARED_AUX
        for t in (verb, parent, first)
        for c in t.children
    )
