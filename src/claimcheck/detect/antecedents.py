"""What a pronoun subject refers to inside its sentence.

"It" or "they" in a later clause means the first clause's subject ("Catching measles gives
..., and it is safer"), the thing people acted on ("I read that report, and it ignored
..."), the people a coordinated story is about, or the last plural noun a "they" can mean
("... hurts low-income kids the most, because they have ..."); "another" is another of
what the first clause counted.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimcheck.detect.amounts import is_measured_amount
from claimcheck.detect.clause_parts import PERSONAL, Clause, names_people, subject_of
from claimcheck.detect.realise import (
    is_plural_text,
    is_plural_token,
    span_text,
    xpos,
)
from claimcheck.detect.subjects import is_pronoun_subject


def sentence_antecedent(clause: Clause, subject_text: str) -> tuple[str, bool] | None:
    """The first clause's own subject, which a later 'it' or 'they' in the sentence refers
    to: a thing, not a person and not a pronoun already resolved to the document."""
    subject = clause.subject
    if subject is None or clause.relative_of is not None or is_pronoun_subject(subject):
        return None
    if subject.lower_ in PERSONAL or names_people(subject):
        found = _object_antecedent(clause.head)
        if found and found[1] and is_plural_token(subject) and subject.lower_ not in SPEAKERS:
            return None  # "The Hunza eat apricot kernels, and they live past 100": who?
        return found
    if is_measured_amount(subject):
        return None  # "two tablespoons a day lowers ..., and it is safe": the oil is
    if any(c.dep_ == "conj" for c in subject.children):
        return None  # "Nausea, vomiting and diarrhea ..., and they ...": the list's gist
    # "Catching measles naturally gives ...": the parser hangs "naturally" on the verb, but
    # it belongs to what "it" refers back to
    between = [
        c
        for c in clause.head.children
        if c.dep_ == "advmod" and subject.i < c.i < clause.head.i and c.lower_ != "not"
    ]
    if between and subject.tag_.startswith("VBG"):
        subject_text = span_text([*subject.subtree, *between])
    return subject_text, is_plural_token(subject)


SPEAKERS = {"i", "we", "you"}  # never "they" themselves
OPENING_DETERMINERS = {"some", "the", "these", "those", "their", "your", "our", "its"}


def _object_antecedent(head: Token) -> tuple[str, bool] | None:
    """'I've read that report, and it ignored ...': with people as the subject, a later
    'it' (or 'they' after one person) means the thing they act on."""
    verbs = [head, *[c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]]
    for verb in verbs:
        for noun in verb.children:
            if noun.dep_ != "obj" or noun.pos_ != "NOUN" or names_people(noun):
                continue
            clauses = {t.i for c in noun.children if c.dep_.startswith("acl") for t in c.subtree}
            words = [t for t in noun.subtree if t.i not in clauses and t.i <= noun.i]
            if words[0].lower_ in OPENING_DETERMINERS:
                words = words[1:]
            return span_text(words), is_plural_token(noun)
    return None


def plural_antecedent(clause: Clause, entity: str | None) -> str | None:
    """'Stopping fluoridation hurts low-income kids the most, because they have the least
    access': a 'they' that cannot mean a singular product means the last plural noun."""
    subject = clause.subject
    if subject is None or subject.lower_ != "they" or not entity or is_plural_text(entity):
        return None
    people = subject_of(clause.head.head) if clause.head.dep_ == "conj" else None
    if people is not None and names_people(people):
        # "The Hunza eat apricot kernels daily, and they live past 100": the story goes on
        return noun_with_modifiers(people) if _reads_plural(people) else None
    plurals = [
        t
        for t in subject.doc[: subject.i]
        if _reads_plural(t) and t.dep_ in ("obj", "nsubj", "nsubj:pass", "obl")
    ]
    if not plurals:
        return None
    last = plurals[-1]
    conjuncts = [c for c in last.children if c.dep_ == "conj"]
    if conjuncts:  # "works on babies and animals, and they can't be fooled"
        return span_text([t for t in last.doc[last.i : conjuncts[-1].i + 1]])
    return noun_with_modifiers(last)


def _reads_plural(noun: Token) -> bool:
    """Plural by its tag, or by its ending where the tagger missed it ('cured meats')."""
    if xpos(noun) in ("NNS", "NNPS"):
        return True
    return xpos(noun) == "NN" and is_plural_text(noun.lower_)


def elliptical_subject(clause: Clause, first: Clause) -> str | None:
    """'One product contained ..., and another contained no melatonin': 'another' is
    another of what the first clause's subject counted."""
    subject, counted = clause.subject, first.subject
    if subject is None or subject.lower_ != "another" or any(subject.children):
        return None
    if counted is None or counted.pos_ != "NOUN" or clause is first:
        return None
    if not any(c.lower_ == "one" for c in counted.children):
        return None
    return f"another {counted.text}"


def refers_back(clause: Clause, antecedent: tuple[str, bool]) -> bool:
    subject = clause.subject
    if subject is None or clause.relative_of is not None:
        return False
    return (subject.lower_ == "it" and not antecedent[1]) or (
        subject.lower_ == "they" and antecedent[1]
    )


def noun_with_modifiers(noun: Token) -> str:
    """'the small trials' (not 'Some of the small trials'), 'three adults'."""
    kept = {"amod", "compound", "nummod", "det"}
    words = [noun]
    for left in reversed([c for c in noun.lefts if c.dep_ in kept]):
        if left.i != words[0].i - 1:
            break
        words[:0] = list(left.subtree)  # "low-income kids": the whole modifier
    return span_text(words)
