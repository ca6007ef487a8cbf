"""Find the clauses of a claim sentence that each assert something on their own.

Over a UD dependency parse: the main predicate (or, under a reporting verb, its
complement: "Research suggests that X" -> X), predicates coordinated with it, contrastive
and result clauses with their own subject ("..., though some people get headaches",
"..., so it can make you sick"), side clauses after a semicolon, and non-restrictive
relative clauses ("mercury, which has been linked to autism" -> a clause about mercury).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from claimcheck.detect.realise import is_plural_token, xpos

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
DROPPED_ADVCL_MARKS = {"because", "since", "although", "though", "while", "whereas", "so", "as"}
NAMING_VERBS = {"call", "name", "know", "dub", "term", "label"}
CONDITIONS = {"when", "whenever", "if", "unless", "once", "until"}
SUBJECT_DEPS = {"nsubj", "nsubj:pass", "csubj", "expl"}
PREDICATE_POS = {"VERB", "AUX", "ADJ", "NOUN", "PROPN", "NUM", "ADV", "PRON"}


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


def denied(verb: Token) -> bool:
    if any(c.lower_ in ("not", "n't", "never") for c in verb.children):
        return True
    subject = subject_of(verb)
    return subject is not None and any(c.lower_ in ("no", "none") for c in subject.children)


PERSONAL = {"i", "we", "you", "me", "us"}


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
        relatives = _relative_clauses(doc, clauses)
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
    if child.dep_ == "advcl" and own_subject is not None and _relative_where(child):
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


def _relative_where(verb: Token) -> bool:
    """', where they disable ...' (a place the sentence has just named)."""
    where = next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "where"), None)
    return where is not None and where.i > 0 and verb.doc[where.i - 1].text == ","


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


def _relative_clauses(doc: SpacyDoc, clauses: list[Clause]) -> list[Clause]:
    """', which has been linked to autism' on 'mercury': a clause about mercury."""
    heads = {c.head.i for c in clauses}
    found = []
    for token in doc:
        if (
            token.dep_ == "advcl"
            and token.i not in heads
            and _relative_where(token)
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
        # the parser may hang the comma itself on the relative verb
        first = next(t for t in token.subtree if not t.is_punct)
        comma_before = first.i > 0 and doc[first.i - 1].text == ","
        if relative is None or not comma_before or token.i in heads:
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
    first = next(t for t in token.subtree if not t.is_punct)
    return (
        token.dep_ == "acl"
        and token.tag_.startswith("VBN")
        and token.lemma_.lower() not in NAMING_VERBS  # "This state, called ketosis,"
        and token.head.dep_ in ("nsubj", "nsubj:pass")
        and first.i == token.i
        and token.i > 0
        and token.doc[token.i - 1].text == ","
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
    if dep == "advcl" and _relative_where(token):
        return True  # a clause of its own (_relative_clauses)
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
