"""The subject of one clause, as self-contained text.

Relative clauses take the noun they describe; missing subjects are inherited or become the
document's entity; "it" and "our particles" point at the product; an unowned effect noun
("any discoloration") is the product's; "22 of them" names the counted group; "X, called
Y" is Y; coordinated subjects give one variant each. What the parser hung on a subject by
mistake (an apposition's clause, a fronted frame) stays out.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from claimcheck.detect.amounts import is_measured_amount, says_of_what
from claimcheck.detect.antecedents import noun_with_modifiers
from claimcheck.detect.clause_parts import Clause
from claimcheck.detect.coordination import own_words, splittable
from claimcheck.detect.cues import DOSE
from claimcheck.detect.realise import (
    is_plural_text,
    is_plural_token,
    span_text,
    trim_edges,
    xpos,
)
from claimcheck.detect.side_material import in_side_material
from claimcheck.detect.subjects import (
    is_pronoun_subject,
    mid_sentence,
    points_at_document,
    strip_parentheticals,
)

INTAKE_VERBS = {"take", "use", "drink", "eat", "consume", "swallow", "apply", "have"}
# Effect nouns that, alone, mean the product's effect: "any discoloration fades". Not
# "side effects" or "benefits": the document's main entity can be a disease ("cervical
# cancer" on an HPV vaccine page), and "side effects of cervical cancer" misleads.
EFFECT_NOUNS = {"discoloration": "from", "discolouration": "from", "staining": "from"}
# Nouns for a part or form of the product: "our particles" are the product's particles.
PART_NOUNS = {"particle", "molecule", "crystal"}
# Nouns that only mean something with whose they are: "the human dose", "regular use",
# "protection against mild infection" on an ivermectin, sunscreen or vaccine page.
RELATIONAL_NOUNS = {"dose", "dosage", "use", "protection", "formulation", "intake"}
RELATIONAL_NOUNS |= {"supplementation", "consumption", "microdosing", "overdose"}
# Gerunds that take the product as their object: "Microdosing boosts creativity".
RELATIONAL_GERUNDS = {"microdose", "microdosing", "take", "use", "supplement"}


def clause_subject(clause: Clause, entity: str | None) -> tuple[str | None, set[int]]:
    """The subject as text, and the token ids it covers (kept out of the predicate)."""
    subject = clause.subject
    if clause.relative_of is not None or (
        subject is not None
        and subject.lower_ in ("who", "which", "that")
        and clause.head.dep_.startswith("acl")
    ):
        noun = clause.relative_of or clause.head.head
        # "people with kidney disease, who ...": the noun's own modifiers up to the clause
        end = clause.head.left_edge.i if clause.head.head.i == noun.i else noun.i + 1
        words = [
            t
            for t in noun.subtree
            if (t.i < noun.i and t.dep_ not in ("det", "case"))
            or t.i == noun.i
            or (noun.i < t.i < end and not in_side_material(t, noun))
        ]
        words = trim_edges(words)
        naming = [t.i for t in words if t.lower_ in ("called", "named")]
        if naming:  # "a lab marker called creatinine, which ...": creatinine
            words = [t for t in words if t.i > naming[-1]]
        ids = {t.i for t in subject.subtree} if subject is not None else set()
        return strip_parentheticals(span_text(words)), ids
    if subject is None:
        if clause.inherited is not None:
            inherited, _ = clause_subject(clause.inherited, entity)
            return inherited, set()
        return entity, set()
    ids = {t.i for t in subject.subtree}
    if is_pronoun_subject(subject) or points_at_document(subject):
        if entity and subject.lemma_.lower() in PART_NOUNS:
            return f"{entity} {subject.lower_}", ids  # "our particles": colloidal silver's
        return (entity or subject.text), ids
    phrase = _named_example(subject) or _gerund_object(subject, _subject_phrase(subject), entity)
    phrase = _of_the_product(subject, phrase, entity)
    phrase = _relational_of_the_product(subject, phrase, entity)
    phrase = _amount_of_the_product(subject, _dose_of_the_product(subject, phrase, entity), entity)
    return _owned_effect(subject, phrase, entity), ids


VAGUE_DETERMINERS = {"certain", "some", "several", "various", "other", "many"}


def _named_example(subject: Token) -> str | None:
    """'Certain strains, like Lactobacillus gasseri, help ...': the claim is checkable only
    of the example it names."""
    vague = any(c.lower_ in VAGUE_DETERMINERS for c in subject.children if c.i < subject.i)
    example = next(
        (
            c
            for c in subject.children
            if c.dep_ == "nmod" and any(k.lower_ in ("like", "such") for k in c.children)
        ),
        None,
    )
    if not vague or example is None:
        return None
    words = [
        t for t in example.subtree if not (t.head.i == example.i and t.lower_ in ("like", "such"))
    ]
    words = [t for t in words if not (t.dep_ == "fixed" and t.lower_ == "as") and not t.is_punct]
    return span_text(words) or None


def _gerund_object(subject: Token, phrase: str, entity: str | None) -> str:
    """'Taking it before bed helps ...': the product is what the gerund acts on."""
    if entity is None or xpos(subject) != "VBG":
        return phrase
    it = next((c for c in subject.children if c.dep_ == "obj" and c.lower_ == "it"), None)
    if it is None:
        return phrase
    return re.sub(rf"\b{it.text}\b", entity, phrase, count=1)


def _of_the_product(subject: Token, phrase: str, entity: str | None) -> str:
    """'much of it is marketed with cartoon animals': much of the product; 'most of them
    were short': most of the plural noun named before ('the small trials')."""
    pronoun = next(
        (
            c
            for c in subject.children
            if c.lower_ in ("it", "them") and any(g.lower_ == "of" for g in c.children)
        ),
        None,
    )
    if pronoun is None:
        return phrase
    if pronoun.lower_ == "it":
        named = entity
    else:
        plurals = [t for t in subject.doc[: subject.left_edge.i] if xpos(t) == "NNS"]
        named = noun_with_modifiers(plurals[-1]) if plurals else None
    if named is None:
        return phrase
    return re.sub(rf"\bof {pronoun.text}\b", f"of {named}", phrase)


def _relational_of_the_product(subject: Token, phrase: str, entity: str | None) -> str:
    """'The human dose is 0.2 mg per kg' on an ivermectin page: the human ivermectin dose;
    'Microdosing boosts creativity': microdosing psilocybin. A subject that needs an owner
    and names none, in a sentence that never names the product, is about the product."""
    if entity is None or entity.lower() in subject.sent.text.lower():
        return phrase
    lemma = subject.lemma_.lower()
    if subject.tag_ == "VBG" and lemma in RELATIONAL_GERUNDS:
        if any(c.dep_ in ("obj", "obl", "ccomp", "xcomp") for c in subject.children):
            return phrase
        return _insert_name(phrase, subject, entity)
    # the lemmatizer reads "doses" as "dos": the plural's stem is asked too
    if subject.pos_ != "NOUN" or not {lemma, subject.lower_.removesuffix("s")} & RELATIONAL_NOUNS:
        return phrase
    owners = ("nmod:poss", "compound")
    if any(c.dep_ in owners or _of_phrase(c) for c in subject.children):
        return phrase  # "its dose", "a vitamin D dose", "the dose of melatonin"
    # "microdosing psilocybin", but "the human ivermectin dose"
    return _insert_name(phrase, subject, mid_sentence(entity), before=not lemma.endswith("ing"))


def _of_phrase(child: Token) -> bool:
    return child.dep_ == "nmod" and any(
        c.dep_ == "case" and c.lower_ in ("of", "from", "with") for c in child.children
    )


def _insert_name(phrase: str, word: Token, name: str, before: bool = False) -> str:
    """``name`` after ``word``'s first occurrence in ``phrase`` (before it with
    ``before``); the phrase unchanged when the word is not found in it."""
    at = re.search(rf"\b{re.escape(word.text)}\b", phrase)
    if at is None:
        return phrase
    if before:
        own = word.text.lower() if at.start() == 0 else word.text  # no longer the first word
        return f"{phrase[: at.start()]}{name} {own}{phrase[at.end() :]}"
    return f"{phrase[: at.end()]} {name}{phrase[at.end() :]}"


def _dose_of_the_product(subject: Token, phrase: str, entity: str | None) -> str:
    """'Taking 1,000 mg every day prevents colds' on a vitamin C page: 1,000 mg of vitamin
    C. A dose whose substance the sentence leaves out is a dose of the product."""
    if entity is None or not subject.tag_.startswith("VBG"):
        return phrase
    if subject.lemma_.lower() not in INTAKE_VERBS or entity.lower() in phrase.lower():
        return phrase
    dose = DOSE.search(phrase)
    if dose is None or dose.group(2).lower() in ("percent", "%"):
        return phrase
    if phrase[dose.end() :].lstrip().lower().startswith("of "):
        return phrase  # "600 mg of KSM-66"
    return f"{phrase[: dose.end()]} of {entity}{phrase[dose.end() :]}"


def _amount_of_the_product(subject: Token, phrase: str, entity: str | None) -> str:
    """'Even a single tablespoon a day is enough to ...' on a seed-oil page: a tablespoon
    of seed oils. An amount whose substance the sentence leaves out is the product's."""
    if entity is None or not is_measured_amount(subject) or entity.lower() in phrase.lower():
        return phrase
    if says_of_what(subject):
        return phrase  # "2 grams of fiber a day"
    unit = re.search(rf"\b{re.escape(subject.text)}\b", phrase)
    if unit is None:
        return phrase
    return f"{phrase[: unit.end()]} of {mid_sentence(entity)}{phrase[unit.end() :]}"


def _owned_effect(subject: Token, phrase: str, entity: str | None) -> str:
    """'any discoloration fades' on a colloidal silver page: the discoloration from
    colloidal silver. An effect noun with nothing saying whose effect it is belongs to the
    document's product."""
    preposition = EFFECT_NOUNS.get(subject.lemma_.lower())
    if entity is None or preposition is None:
        return phrase
    if any(c.dep_ in ("nmod", "nmod:poss", "acl", "acl:relcl") for c in subject.children):
        return phrase
    if entity.lower() in subject.sent.text.lower():
        return phrase  # "Kratom's side effects", "side effects, which kratom ..."
    return f"{phrase} {preposition} {entity}"


def _subject_phrase(subject: Token) -> str:
    named = _named_as(subject)
    if named is not None:
        return named
    stray = {t.i for c in _stray_dependents(subject) for t in c.subtree}
    words = [t for t in subject.subtree if not in_side_material(t, subject) and t.i not in stray]
    # "In the context of recovery, a controlled dose ...": the frame before the comma is
    # not part of the subject the parser hung it on
    fronted = [t.i for t in words if t.text == "," and t.i < subject.i]
    if fronted:
        words = [t for t in words if t.i > fronted[-1]]
    counted = _counted_group(subject)
    if counted is not None:
        them, group = counted  # "22 of them" -> "22 of 25 melatonin gummy brands"
        lead = [t for t in words if t.i < them.i and not t.is_punct]
        return strip_parentheticals(span_text(lead) + " " + group)
    return strip_parentheticals(span_text(trim_edges(words)))


def _counted_group(subject: Token) -> tuple[Token, str] | None:
    """'When researchers tested 25 brands, 22 of them ...': 'them' is the counted group
    named earlier in the sentence (a plural noun with a number)."""
    them = next((c for c in subject.children if c.lower_ == "them" and c.dep_ == "nmod"), None)
    if them is None or subject.pos_ != "NUM":
        return None
    groups = [
        t
        for t in subject.doc[: subject.left_edge.i]
        if t.tag_.startswith("NNS")
        and any(w.dep_ == "nummod" for left in t.lefts for w in left.subtree)
    ]
    if not groups:
        return None
    group = groups[-1]
    words = [t for t in group.subtree if t.i <= group.i and t.dep_ != "det"]
    return them, span_text(words)


def _named_as(subject: Token) -> str | None:
    """'This state, called ketosis, ...': the subject is what it is called."""
    for child in subject.children:
        if child.i < subject.i:
            continue
        if child.dep_ == "acl" and child.lower_ in ("called", "named"):
            # parsed right: "called" heads the reduced relative, its complement the name
            words = [t for t in child.subtree if t.i > child.i and not t.is_punct]
            return span_text(words) if words else None
        if child.dep_ not in ("conj", "appos"):
            continue
        naming = [t for t in child.subtree if t.i < child.i and t.lower_ in ("called", "named")]
        if naming:
            words = [t for t in child.subtree if t.i > naming[-1].i and not t.is_punct]
            return span_text(words) if words else None
    return None


def _stray_dependents(subject: Token) -> list[Token]:
    """What a misparse hung on a noun subject: 'Melatonin, a hormone the brain releases
    when it gets dark, is ...' gives 'Melatonin' a conjunct with no 'and' ('releases')
    and a clause ('when it gets dark')."""
    if subject.pos_ not in ("NOUN", "PROPN"):
        return []
    conjuncts = [c for c in subject.children if c.dep_ == "conj"]
    coordinated = any(g.dep_ == "cc" for c in conjuncts for g in c.subtree)

    def listed(conjunct: Token) -> bool:  # "Exercise, good sleep and ...": a list item
        edge = next(t.i for t in conjunct.subtree if not t.is_punct)
        return coordinated or (edge > 0 and subject.doc[edge - 1].text == ",")

    return [
        c for c in subject.children if (c.dep_ == "conj" and not listed(c)) or c.dep_ == "advcl"
    ]


def subject_variants(
    clause: Clause, subject_text: str | None, entity: str | None
) -> list[tuple[str | None, bool]]:
    """One subject per conjunct of a coordinated subject, with its number."""
    subject = clause.subject
    if subject is None or subject_text is None or subject_text == entity:
        plural = is_plural_text(subject_text or "")
        return [(subject_text, plural)]
    if _named_as(subject) is not None or _named_example(subject) is not None:
        return [(subject_text, is_plural_text(subject_text))]
    stray = {c.i for c in _stray_dependents(subject)}
    conjuncts = [
        c
        for c in subject.children
        if c.dep_ == "conj"
        and c.i not in stray
        and c.pos_ in ("NOUN", "PROPN", "VERB")
        and not any(g.dep_ == "case" for g in c.children)  # "effects, especially at doses"
    ]
    if not conjuncts or is_pronoun_subject(subject):
        plural = is_plural_text(subject_text) if stray else is_plural_token(subject)
        return [(subject_text, plural)]
    if not splittable(subject, conjuncts):
        return [(subject_text, False)]
    variants = []
    members = [subject, *conjuncts]
    for member in members:
        own = [t for t in own_words(member, members) if not in_side_material(t, subject)]
        text = strip_parentheticals(span_text(trim_edges(own)))
        variants.append((text, is_plural_text(text) or "Plur" in member.morph.get("Number")))
    return variants
