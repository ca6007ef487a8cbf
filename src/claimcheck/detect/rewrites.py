"""Clauses realised as something other than their own words.

* a risk people run by doing something belongs to the activity ("Eating up to 7 eggs a
  week does not raise ...");
* an object "it" that cannot be the product, because the product is the subject;
* what people take, measured, is the product's usual dose;
* what a product lets the reader do ("so your body can fight off viruses") is its claim;
* side effects people report ("Some people get headaches") are caused by the product.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimcheck.detect.atomic import AtomicClaim, atomic_claim
from claimcheck.detect.clause_parts import PERSONAL, Clause, denied, names_people
from claimcheck.detect.cues import MEASURED_DOSE
from claimcheck.detect.phrase_claims import noun_phrase
from claimcheck.detect.realise import (
    finish,
    gerund,
    is_plural_text,
    is_plural_token,
    predicate_text,
    span_text,
)
from claimcheck.detect.subjects import mid_sentence, points_at_document

EXPERIENCE_VERBS = {"get", "experience", "develop", "report", "suffer", "have", "notice", "feel"}
QUANTIFIERS = {"some", "many", "few", "most", "several", "a", "certain"}
# what follows the verb but is not part of the activity
ACTIVITY_STOPS = {"advcl", "conj", "cc", "punct", "mark", "parataxis", "ccomp"}


def activity_subject(clause: Clause, excluded: set[int], entity: str | None) -> str | None:
    """What people do, as the subject of the risk it carries: 'Most healthy adults can eat
    up to 7 eggs a week without raising their risk' -> 'Eating up to 7 eggs a week'."""
    subject = clause.subject
    people = subject is not None and (subject.lower_ in PERSONAL or names_people(subject))
    if not people or clause.head.pos_ != "VERB":
        return None
    words = [
        t
        for child in clause.head.children
        if child.i > clause.head.i and child.dep_ not in ACTIVITY_STOPS
        for t in child.subtree
        if t.i not in excluded
    ]
    if not words:
        return None
    pronouns = {t.i: mid_sentence(entity) for t in words if entity and t.lower_ in ("it", "them")}
    return f"{gerund(clause.head)} {span_text(words, pronouns)}"


def object_it(clause: Clause, subject: str | None, entity: str | None) -> str | None:
    """What an object 'it' means: the first verb's object when the clause shares its
    subject ("it can bind your birth control pill and make it less effective"); a thing
    named as an earlier clause's subject ("Acne is a gut problem, and probiotics fix it");
    else the product."""
    if not entity or not subject:
        return entity
    head = clause.head
    shared = _coordinated_object(head)
    if shared is not None and clause.subject is None:
        # "Fluoride strengthens tooth enamel and makes it more resistant": not the shared
        # subject ('itself' would say so) but the first verb's object
        return noun_phrase(shared)
    earlier = [
        t
        for t in head.doc[: head.i]
        if t.dep_ in ("nsubj", "nsubj:pass")
        and t.pos_ in ("NOUN", "PROPN")
        and t.head.i != head.i
        and t.lower_ != entity.lower()
        and not points_at_document(t)  # "This powder ... make it less effective"
        and not names_people(t)  # "My sister keeps telling me that X will knock it out"
    ]
    about_product = subject.lower() == entity.lower()
    # "Chronic inflammation drives ..., and curcumin shuts it down": the thing named before
    if earlier and (about_product or not is_plural_token(earlier[-1])):
        return noun_phrase(earlier[-1])
    if about_product and shared is not None:
        return noun_phrase(shared)
    return entity


def _coordinated_object(head: Token) -> Token | None:
    """The noun object of the verb a coordinated verb joins ("bind your pill and make ...")."""
    objects = [c for c in head.head.children if c.dep_ == "obj"] if head.dep_ == "conj" else []
    return objects[0] if objects and objects[0].pos_ == "NOUN" else None


DOSING_VERBS = {"take": "usual", "use": "usual", "suggest": "suggested", "recommend": "recommended"}
DOSE_TAKERS = {"people", "person", "user", "adult", "label", "doctor", "i", "we", "most"}


def usual_dose(clause: Clause, tokens: list[Token], entity: str | None) -> AtomicClaim | None:
    """What people take or labels suggest, measured, is the product's dose: 'Most people
    take 400-900 mg of root extract before bed' -> 'The usual dose of valerian is 400-900
    mg of root extract before bed.'"""
    subject, head = clause.subject, clause.head
    kind = DOSING_VERBS.get(head.lemma_.lower())
    if entity is None or subject is None or kind is None:
        return None
    if subject.lemma_.lower() not in DOSE_TAKERS or denied(head):
        return None
    amount = span_text([t for t in tokens if t.i > head.i])
    objects = [c for c in head.children if c.dep_ == "obj"]
    if not amount or not objects or not MEASURED_DOSE.match(amount):
        return None
    if subject.lower_ in PERSONAL:
        kind = ""  # "I take 300 mg ...": the writer's dose, not a usual one
    dose = f"The {kind} dose" if kind else "The dose"
    text = finish(None, f"{dose} of {mid_sentence(entity)} is {amount}", entity)
    return atomic_claim(text, tokens, entity)


def enabling_claim(
    clause: Clause,
    tokens: list[Token],
    subject_ids: set[int],
    agent: str | None,
    entity: str | None,
) -> list[AtomicClaim]:
    """'This root wakes up white blood cells, so your body can fight off viruses faster'
    -> 'Echinacea helps the body fight off viruses faster.'"""
    if not agent:
        return []
    body = [
        t
        for t in tokens
        if t.i not in subject_ids
        and not (
            t.head.i == clause.head.i and t.dep_ in ("mark", "aux") and t.lower_ in ("so", "can")
        )
    ]
    if not body or clause.subject is None:
        return []
    helped = span_text(list(clause.subject.subtree))
    predicate = predicate_text(body, True, True, it_means=entity)
    helps = "help" if is_plural_text(agent) else "helps"
    text = finish(agent, f"{helps} {helped} {predicate}", entity)
    return [atomic_claim(text, tokens, agent)]


def experience_rewrite(clause: Clause, entity: str | None) -> str | None:
    """'Some people get headaches' -> subject becomes the product, verb 'causes'."""
    subject = clause.subject
    if entity is None or subject is None or clause.head.lemma_.lower() not in EXPERIENCE_VERBS:
        return None
    if not names_people(subject) or not any(
        c.lower_ in QUANTIFIERS for c in subject.subtree if c.i < subject.i
    ):
        return None
    return entity
