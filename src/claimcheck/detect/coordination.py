"""Split coordinations: one token list per conjunct ("insomnia and anxiety", "safe or
effective"), keeping names ("the Food and Drug Administration") and ranges ("between 2010
and 2015") whole.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimcheck.detect.clause_parts import Clause, names_people
from claimcheck.detect.realise import xpos

MAX_VARIANTS = 8


def own_words(member: Token, members: list[Token]) -> list[Token]:
    """A conjunct's words: its subtree without the other conjuncts, coordinators, commas."""
    others = {m.i for m in members if m.i != member.i}
    blocked: set[int] = set()
    for token in member.subtree:
        if token.i in others:
            blocked.update(t.i for t in token.subtree)
    words = [
        t
        for t in member.subtree
        if t.i not in blocked
        and not (t.dep_ in ("cc", "punct") and t.head.i in others | {member.i})
    ]
    return words


NO_SPLIT_CASES = {"since", "from", "until", "between", "after", "before", "during", "through"}


def split_coordinations(body: list[Token], clause: Clause) -> list[list[Token]]:
    """One token list per combination of conjuncts (objects, obliques, adjectives)."""
    kept = {t.i for t in body}
    variants = [body]
    for token in body:
        if token.i == clause.head.i and token.pos_ in ("VERB", "AUX"):
            continue
        predicate = token.i == clause.head.i and any(c.dep_ == "cop" for c in token.children)
        conjuncts = [
            c
            for c in token.children
            if c.dep_ == "conj"
            and c.i in kept
            # "is non-habit-forming and safe for kids": coordinated predicates after "is"
            and (_same_kind(token, c) or (predicate and c.pos_ in ("ADJ", "NOUN")))
            and not _hyphen_piece(c)
        ]
        if not conjuncts or not splittable(token, conjuncts) or _includes(token):
            continue  # an "including" list is expanded whole, by _expand_inclusions
        members = [token, *conjuncts]
        cases = [c for c in token.children if c.dep_ == "case"]
        expanded = []
        for variant in variants:
            present = {t.i for t in variant}
            for keep in members:
                drop: set[int] = set()
                for other in members:
                    if other.i != keep.i:
                        drop.update(t.i for t in own_words(other, members))
                        if other.i == token.i:
                            drop.difference_update(_shared_dependents(token, conjuncts))
                        if other.i == clause.head.i:  # the copula and subject stay
                            drop.difference_update(_clause_frame(other))
                        if other.i == members[-1].i:
                            drop.difference_update(_shared_than(other, keep))
                for conj in conjuncts:
                    drop.update(c.i for c in conj.children if c.dep_ in ("cc", "punct"))
                drop.update(
                    t.i for t in variant if t.dep_ == "punct" and t.head.i in {m.i for m in members}
                )
                if keep.i != token.i and not any(c.dep_ == "case" for c in keep.children):
                    drop.difference_update(c.i for c in cases)  # "safe for children and teens"
                expanded.append([t for t in variant if t.i not in drop and t.i in present])
        if len(expanded) <= MAX_VARIANTS:
            variants = expanded
    return _expand_inclusions(variants, kept)


INCLUDING = {"including", "especially", "particularly"}


HOST_DEPS = {"obl", "obj", "nsubj", "nsubj:pass", "iobj"}


def _includes(token: Token) -> bool:
    """'including teenagers' hung on an argument of the predicate ('safe for everyone');
    deeper down ('reactions in the body, including ...') the parser's attachment is a guess."""
    return token.head.dep_ in HOST_DEPS and any(
        c.dep_ == "case" and c.lower_ in INCLUDING for c in token.children
    )


def _expand_inclusions(variants: list[list[Token]], kept: set[int]) -> list[list[Token]]:
    """'safe for everyone, including teenagers and pregnant women' -> 'safe for everyone',
    'safe for teenagers', 'safe for pregnant women': what the list names is claimed too."""
    for variant in list(variants):
        present = {t.i for t in variant}
        for host in variant:
            included = next(
                (c for c in host.children if c.dep_ == "nmod" and c.i in present and _includes(c)),
                None,
            )
            if included is None:
                continue
            items = [included, *[c for c in included.children if c.dep_ == "conj"]]
            inclusion = {t.i for t in included.subtree}
            general = [t for t in variant if t.i not in inclusion]
            # the host noun and its modifiers give way to each item; its preposition stays
            host_words = {t.i for t in host.subtree if t.i not in inclusion}
            host_words -= {c.i for c in host.children if c.dep_ == "case"}
            expanded = [general]
            # "babies and people with kidney disease": a modifier the parser hung on the
            # first item but that follows the last one belongs to the last
            trailing = {t.i for c in included.children if c.i > items[-1].i for t in c.subtree}
            for item in items:
                words = {t.i for t in own_words(item, items)} - {
                    c.i for c in item.children if c.dep_ == "case" or c.is_punct
                }
                words = words - trailing if item is not items[-1] else words | trailing
                expanded.append(
                    [
                        t
                        for t in variant
                        if t.i in words or (t.i not in inclusion and t.i not in host_words)
                    ]
                )
            if len(variants) - 1 + len(expanded) <= MAX_VARIANTS:
                variants = [v for v in variants if v is not variant] + expanded
            break
    return variants


COMPARATIVES = {"less", "more", "fewer", "lower", "higher", "greater", "reduced", "better"}


def _shared_dependents(first: Token, conjuncts: list[Token]) -> set[int]:
    """What the parser hangs on the first conjunct but belongs to all: 'less' and
    'compared to placebo' in 'less stress and anxiety compared to placebo'."""
    end = max(t.i for c in conjuncts for t in c.subtree)
    shared = [
        child
        for child in first.children
        if (child.i > end and child.dep_ not in ("cc", "punct", "conj", "appos"))
        or (child.i < first.i and child.dep_ == "amod" and child.lower_ in COMPARATIVES)
    ]
    return {t.i for child in shared for t in child.subtree}


def _shared_than(last: Token, kept: Token) -> set[int]:
    """'stronger and safer than any vaccine': the last comparative's 'than' phrase belongs
    to every comparative before it."""
    if xpos(kept) not in ("JJR", "RBR") or xpos(last) not in ("JJR", "RBR"):
        return set()
    than = [
        c
        for c in last.children
        if any(g.lower_ == "than" and g.dep_ in ("case", "mark") for g in c.children)
    ]
    return {t.i for c in than for t in c.subtree}


def _hyphen_piece(token: Token) -> bool:
    """'non' or 'addictive' in 'non-addictive', which the tokenizer splits and the parser
    may take for two conjuncts of each other (but in "safe, non-toxic and free of side
    effects" "toxic" is a conjunct of "safe")."""
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
    return (before or after) and abs(token.head.i - token.i) <= 2


CLAUSE_FRAME_DEPS = {"cop", "aux", "aux:pass", "nsubj", "nsubj:pass", "expl", "advmod", "mark"}


def _clause_frame(head: Token) -> set[int]:
    """A predicate's subject, copula, auxiliaries and adverbs: shared by its conjuncts
    ("is safe and effective" -> "is safe", "is effective")."""
    return {t.i for c in head.children if c.dep_ in CLAUSE_FRAME_DEPS for t in c.subtree}


def splittable(token: Token, conjuncts: list[Token]) -> bool:
    if any(c.dep_ == "cc:preconj" for c in token.children):
        return False  # "either 120 mg or a placebo", "both milligrams and units"
    if any(c.dep_ == "case" and c.lower_ in NO_SPLIT_CASES for c in token.children):
        return False  # "since ancient Greece and Rome"
    if _conditions_of_people(token):
        return False  # "people with heart disease and excess weight": both, one population
    if token.pos_ == "NUM" and all(_next_number(token, c) for c in conjuncts):
        return False  # "one or two people per million doses": one estimate
    if token.pos_ == "NOUN" and all(_bare_number(c) for c in conjuncts):
        return False  # "every month or two": one estimate
    names = [token, *conjuncts]
    # "the Food and Drug Administration" is one name (our parser often tags "Food" NOUN),
    # whether "Administration" is parsed as the head of "Food" or of "Drug"
    return not (
        all(m.text[:1].isupper() and m.pos_ in ("PROPN", "NOUN") for m in names)
        and (
            any(
                c.dep_ in ("compound", "flat") and c.text[:1].isupper()
                for m in conjuncts
                for c in m.children
            )
            or (token.dep_ == "compound" and token.head.text[:1].isupper())
        )
    )


def _bare_number(conjunct: Token) -> bool:
    return conjunct.pos_ == "NUM" and all(c.dep_ in ("cc", "punct") for c in conjunct.children)


def _conditions_of_people(token: Token) -> bool:
    """Two conditions after 'people with', joined by 'and': both describe the same people
    (a longer list, 'people with confusion, seizures and low blood pressure', names
    alternatives)."""
    conjuncts = [c for c in token.children if c.dep_ == "conj"]
    joined_by_and = len(conjuncts) == 1 and any(
        c.dep_ == "cc" and c.lower_ == "and" for c in conjuncts[0].children
    )
    return (
        joined_by_and
        and names_people(token.head)
        and any(c.dep_ == "case" and c.lower_ == "with" for c in token.children)
    )


def _next_number(first: Token, conjunct: Token) -> bool:
    """'one or two', 'two, three or four': numbers with only commas and 'or' between."""
    between = first.doc[first.i + 1 : conjunct.i]
    return conjunct.pos_ == "NUM" and all(t.is_punct or t.dep_ == "cc" for t in between)


def _same_kind(first: Token, second: Token) -> bool:
    nominal = {"NOUN", "PROPN", "NUM"}
    if first.pos_ in nominal and second.pos_ in nominal:
        return True
    if first.pos_ == "ADJ" and second.pos_ == "ADJ":
        return first.dep_ not in ("amod",)
    return first.pos_ == "VERB" and second.pos_ == "VERB" and first.dep_ == "xcomp"
