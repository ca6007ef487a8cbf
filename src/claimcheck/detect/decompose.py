"""Decompose a claim sentence into atomic, self-contained claims.

Rules over a dependency parse (our spaCy pipeline trained on UD English-EWT):

* **clauses** (clauses.py): the main predicate or the complement of a reporting verb,
  coordinated predicates, contrastive/result clauses, non-restrictive relative clauses;
* **coordinations are split**: subjects ("Exercise, sleep and staying social have ..."),
  objects and obliques ("insomnia and anxiety"), adjectival predicates ("safe or
  effective"): one claim per conjunct;
* **negated risks**: "without the risk of dependence or drowsiness" becomes one negated
  claim per risk: "Kratom does not cause dependence", "Kratom does not cause drowsiness";
* **side effects reported by people**: "some people get headaches" -> "X causes headaches";
* **subjects are resolved** (subjects.py) and the text is normalised (realise.py);
* **verbless list items** (fragments.py): "Relief from tinnitus" -> "Ginkgo relieves
  tinnitus"; "Zinc: essential for testosterone" is handled by the caller via split_label.

Whenever the parse gives no usable predicate, the whole sentence is one claim (with its
leading pronoun resolved), so nothing detected as a claim is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from claimcheck.detect.clauses import CONDITIONS, PERSONAL, Clause, find_clauses, has_expletive
from claimcheck.detect.cues import DOSE
from claimcheck.detect.fragments import fragment_verb
from claimcheck.detect.realise import (
    finish,
    is_plural_text,
    is_plural_token,
    predicate_text,
    span_text,
    trim_edges,
    xpos,
)
from claimcheck.detect.subjects import (
    SUBJECT_PRONOUNS,
    cap,
    is_pronoun_subject,
    points_at_document,
    strip_parentheticals,
)

RISK_NOUNS = {"risk", "danger", "fear", "chance", "threat", "worry", "possibility", "hint"}
EXPERIENCE_VERBS = {"get", "experience", "develop", "report", "suffer", "have", "notice", "feel"}
QUANTIFIERS = {"some", "many", "few", "most", "several", "a", "certain"}
PEOPLE_NOUNS = {"people", "users", "patients", "customers", "women", "men", "adults", "children"}
DROPPED_ADVCL_MARKS = {"because", "since", "although", "though", "while", "whereas", "so", "as"}
MAX_VARIANTS = 8
# Effect nouns that, alone, mean the product's effect: "any discoloration fades". Not
# "side effects" or "benefits": the document's main entity can be a disease ("cervical
# cancer" on an HPV vaccine page), and "side effects of cervical cancer" misleads.
EFFECT_NOUNS = {"discoloration": "from", "discolouration": "from", "staining": "from"}
# Nouns for a part or form of the product: "our particles" are the product's particles.
PART_NOUNS = {"particle", "molecule", "crystal"}


@dataclass(frozen=True)
class AtomicClaim:
    text: str
    start: int  # character offsets within the sentence
    end: int
    negated: bool
    subject: str | None
    span_text: str = ""  # the source words (hedges included), for the attributes


def decompose(sentence: SpacyDoc, entity: str | None) -> list[AtomicClaim]:
    """Atomic claims of one parsed sentence; ``entity`` resolves pronoun subjects."""
    if not any(_finite(t) for t in sentence):
        fragments = _fragment(sentence, entity)
        if fragments:
            return _deduplicate(fragments)
    _repair_verb_compounds(sentence)
    _repair_verbs_tagged_nouns(sentence)
    _repair_coordination(sentence)
    clauses = find_clauses(sentence)
    risks = _negated_risks(sentence)
    if not risks and _instructions_only(clauses):
        return []  # "Take it an hour before bed": an instruction, not a claim
    mechanisms = _mechanisms(sentence, entity)
    excluded = {t.i for _, tokens, _ in risks for t in tokens}
    excluded |= {t.i for claim, tokens in mechanisms for t in tokens}
    claims: list[AtomicClaim] = []
    main_subject = entity
    antecedent: tuple[str, bool] | None = None
    for number, clause in enumerate(clauses):
        tokens = _clause_tokens(clause, clauses, excluded)
        if not tokens:
            continue
        subject_text, subject_ids = _subject(clause, entity)
        if number == 0 and subject_text:
            main_subject = subject_text
            antecedent = _antecedent(clause, subject_text)
        elif antecedent is not None and _refers_back(clause, antecedent):
            subject_text = antecedent[0]  # "Catching measles gives ..., and it is safer"
        claims.extend(_realise_clause(clause, tokens, subject_text, subject_ids, entity))
    for _without, tokens, targets in risks:
        for target in targets:
            phrase = _noun_phrase(target)
            if main_subject and phrase:
                claims.append(
                    AtomicClaim(
                        f"{cap(main_subject)} does not cause {phrase}.",
                        min(t.idx for t in tokens),
                        max(t.idx + len(t) for t in tokens),
                        True,
                        main_subject,
                        span_text(tokens),
                    )
                )
    claims.extend(claim for claim, _ in mechanisms)
    if not claims:
        claims.append(_whole_sentence(sentence, entity))
    return _deduplicate([c for c in claims if not _personal_anecdote(c, entity)])


def _personal_anecdote(claim: AtomicClaim, entity: str | None) -> bool:
    """'I struggled with insomnia for six years', 'My anxiety has been through the roof':
    the writer's own story, with no product and no dose in it, is nothing to check. ("We"
    and "our" stay: on a product page or a family blog they speak for the product.)"""
    subject = (claim.subject or "").lower()
    if subject != "i" and not subject.startswith("my "):
        return False
    if DOSE.search(claim.text):
        return False
    return not (entity and entity.lower() in claim.text.lower())


def _repair_verb_compounds(doc: SpacyDoc) -> None:
    """'help alleviate insomnia' parsed with 'alleviate' as a compound of 'insomnia': make
    the verb govern its object again."""
    for token in doc:
        noun = token.head
        if token.dep_ != "compound" or token.pos_ != "VERB" or noun.dep_ not in ("obj", "obl"):
            continue
        governor = noun.head
        try:
            token.head = governor
            token.dep_ = "xcomp"
            noun.head = token
        except ValueError:
            continue


def _repair_verbs_tagged_nouns(doc: SpacyDoc) -> None:
    """'builds up in the brain and causes autism', 'relieves pain and reduces inflammation'
    with the second verb tagged a plural noun: the word right before a verb's object, after
    'and', is a verb coordinated with it."""
    for token in doc:
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if (
            following is None
            or token.dep_ != "conj"
            or not token.tag_.startswith("NNS")
            or not any(c.dep_ == "cc" for c in token.children)
            or following.dep_ != "obj"
        ):
            continue
        verb = following.head
        if verb.i != token.i:
            if verb.pos_ != "VERB" or verb.i > token.i:
                continue
            try:
                following.head = token
                token.head = verb
            except ValueError:
                continue
        elif token.head.pos_ != "VERB":
            continue
        token.pos_, token.tag_, token.lemma_ = "VERB", "VBZ", token.lemma_.rstrip("s")


def _repair_coordination(doc: SpacyDoc) -> None:
    """'get headaches or an upset stomach': our parser often hangs the second noun on the
    verb; it coordinates with the nearest noun before it in the verb's phrase."""
    for token in doc:
        head = token.head
        if (
            token.dep_ != "conj"
            or token.pos_ not in ("NOUN", "PROPN")
            or head.pos_ not in ("VERB", "AUX")
            or not any(c.dep_ == "cc" for c in token.children)
        ):
            continue
        partners = [
            n
            for n in head.subtree
            if n.i < token.i
            and n.pos_ in ("NOUN", "PROPN")
            and n.dep_ in ("obj", "obl", "nmod", "iobj")
        ]
        if partners:
            try:
                token.head = partners[-1]
            except ValueError:
                continue


# -- clause tokens -------------------------------------------------------------------------


def _clause_tokens(clause: Clause, clauses: list[Clause], excluded: set[int]) -> list[Token]:
    """The clause's own words: its subtree without other clauses and side material."""
    head = clause.head
    others = {c.head.i for c in clauses if c is not clause}
    blocked: set[int] = set(excluded) | clause.blocked
    for token in head.subtree:
        if token.i == head.i:
            continue
        if token.i in others or _is_side_material(token):
            blocked.update(t.i for t in token.subtree)
            blocked.update(c.i for c in token.children if c.dep_ in ("cc", "punct"))
            if token.i > 0 and token.doc[token.i - 1].text in (",", "(", "-", "—", "–"):
                blocked.add(token.i - 1)
    if clause.relative_of is not None:
        blocked.update(t.i for t in head.subtree if t.lower_ in ("which", "who", "that"))
    blocked.update(c.i for c in head.children if c.dep_ == "advmod" and c.lower_ == "where")
    tokens = [t for t in head.subtree if t.i not in blocked]
    tokens.extend(_shared_object(clause, blocked))
    tokens = sorted(set(tokens), key=lambda t: t.i)
    return trim_edges(_drop_fronted(tokens, clause))


def _is_side_material(token: Token) -> bool:
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
    if dep == "advcl":
        marks = {c.lower_ for c in token.children if c.dep_ in ("mark", "advmod")}
        return bool(marks & DROPPED_ADVCL_MARKS)
    if dep == "obl" and token.lower_ in ("this", "that") and token.i < token.head.i:
        return True  # "Because of this, ..."
    left = token.left_edge
    return token.dep_ in ("advmod",) and left.lower_ in ("of", "for") and token.i < token.head.i


def _shared_object(clause: Clause, blocked: set[int]) -> list[Token]:
    """'could slow or prevent Alzheimer's': coordinated verbs share the object that the
    parser hung on one of them."""
    head = clause.head
    if head.pos_ != "VERB" or any(
        c.dep_ in ("obj", "obl", "xcomp", "ccomp") for c in head.children
    ):
        return []
    if head.dep_ == "conj":
        parent = head.head
        shared = [c for c in parent.children if c.dep_ in ("obj", "obl") and c.i > head.i]
    else:
        later = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        shared = [c for v in later[-1:] for c in v.children if c.dep_ == "obj" and c.i > v.i]
    return [t for c in shared for t in c.subtree]


def _drop_fronted(tokens: list[Token], clause: Clause) -> list[Token]:
    """'In a trial extension, people who ...' -> 'people who ... ' (the frame goes)."""
    subject = clause.subject
    anchor = subject.left_edge.i if subject is not None else clause.head.i
    if subject is not None:
        # the parser may hang the fronted frame's comma on the subject: skip over it (not
        # over ", and": "..., and taking it near bedtime eases ..." is a conjunct)
        first = next((t for t in subject.subtree if not t.is_punct), None)
        if first is not None and first.dep_ != "cc":
            anchor = first.i
    commas = [t for t in tokens if t.text == "," and t.i < anchor]
    if not commas:
        return tokens
    cut = commas[-1].i
    return [t for t in tokens if t.i > cut]


# -- subjects ------------------------------------------------------------------------------


def _subject(clause: Clause, entity: str | None) -> tuple[str | None, set[int]]:
    """The subject as text, and the token ids it covers (kept out of the predicate)."""
    subject = clause.subject
    if clause.relative_of is not None or (
        subject is not None
        and subject.lower_ in ("who", "which", "that")
        and clause.head.dep_.startswith("acl")
    ):
        noun = clause.relative_of or clause.head.head
        words = [
            t
            for t in noun.subtree
            if (t.i <= noun.i and t.dep_ not in ("det", "case")) or t.i == noun.i
        ]
        ids = {t.i for t in subject.subtree} if subject is not None else set()
        return strip_parentheticals(span_text(words)), ids
    if subject is None:
        if clause.inherited is not None:
            inherited, _ = _subject(clause.inherited, entity)
            return inherited, set()
        return entity, set()
    ids = {t.i for t in subject.subtree}
    if is_pronoun_subject(subject) or points_at_document(subject):
        if entity and subject.lemma_.lower() in PART_NOUNS:
            return f"{entity} {subject.lower_}", ids  # "our particles": colloidal silver's
        return (entity or subject.text), ids
    return _owned_effect(subject, _subject_phrase(subject), entity), ids


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


def _antecedent(clause: Clause, subject_text: str) -> tuple[str, bool] | None:
    """The first clause's own subject, which a later 'it' or 'they' in the sentence refers
    to: a thing, not a person and not a pronoun already resolved to the document."""
    subject = clause.subject
    if subject is None or clause.relative_of is not None or is_pronoun_subject(subject):
        return None
    if subject.lower_ in PERSONAL or subject.lower_ in PEOPLE_NOUNS:
        return None
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


def _refers_back(clause: Clause, antecedent: tuple[str, bool]) -> bool:
    subject = clause.subject
    if subject is None or clause.relative_of is not None:
        return False
    return (subject.lower_ == "it" and not antecedent[1]) or (
        subject.lower_ == "they" and antecedent[1]
    )


def _subject_phrase(subject: Token) -> str:
    named = _named_as(subject)
    if named is not None:
        return named
    stray = {t.i for c in _stray_dependents(subject) for t in c.subtree}
    words = [t for t in subject.subtree if not _in_side_material(t, subject) and t.i not in stray]
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
        if child.dep_ not in ("conj", "appos") or child.i < subject.i:
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


def _in_side_material(token: Token, root: Token) -> bool:
    node = token
    while node.i != root.i:
        if _is_side_material(node):
            return True
        node = node.head
    return False


# -- realisation ---------------------------------------------------------------------------


def _realise_clause(
    clause: Clause,
    tokens: list[Token],
    subject_text: str | None,
    subject_ids: set[int],
    entity: str | None,
) -> list[AtomicClaim]:
    if has_expletive(clause.head):
        return _existential(clause, tokens, entity)
    body = [t for t in tokens if t.i not in subject_ids]
    while body and body[0].is_punct:
        body = body[1:]  # "Long-term effects, ... , require": the comma stays with the subject
    if not body or not any(t.pos_ in ("VERB", "AUX", "ADJ") or t.dep_ == "cop" for t in body):
        return []
    orphan = clause.subject is None and clause.relative_of is None
    if orphan and (
        _starts_nominal(body, clause.head)
        or (clause.inherited is None and _imperative_root(clause.head))
    ):
        subject_text = None  # the words before the verb already say who, or nobody does
    subjects = _subject_variants(clause, subject_text, entity)
    experience = _experience_rewrite(clause, entity)
    out = []
    for variant in _lift_restrictions(_split_coordinations(body, clause), clause.head):
        for subject_variant, plural in subjects:
            if experience is not None:
                subject_variant, plural = experience, is_plural_text(experience)
                predicate = ("cause " if plural else "causes ") + span_text(
                    trim_edges([t for t in variant if t.i > clause.head.i])
                )
            else:
                predicate = predicate_text(
                    variant, plural, subject_variant is not None, it_means=entity
                )
                if subject_variant is not None and _bare_participle(clause):
                    # "Kratom, derived from ...": "Kratom is derived from ..."
                    first = variant[0]
                    lowered = predicate if first.pos_ == "PROPN" else cap_off(predicate)
                    predicate = ("are " if plural else "is ") + lowered
            source = [t for t in tokens if t.i in {v.i for v in variant} | subject_ids]
            out.append(_atomic(finish(subject_variant, predicate, entity), source, subject_variant))
    return out


def _lift_restrictions(variants: list[list[Token]], head: Token) -> list[list[Token]]:
    """'X turns skin blue, but only in people who drink it for years': the conceded part
    ('X turns skin blue') is a claim of its own, and so is the restriction ('X turns skin
    blue only in people who ...'), without the 'but' that joined them."""
    lifted = []
    for variant in variants:
        restriction = next((t for t in variant if _restriction(t, head)), None)
        if restriction is None:
            lifted.append(variant)
            continue
        but = next(c for c in restriction.children if c.lower_ == "but")
        joint = {but.i} | {t.i for t in variant if t.is_punct and but.i - 2 < t.i < but.i}
        inside = {t.i for t in restriction.subtree}
        lifted.append([t for t in variant if t.i not in inside | joint])
        lifted.append([t for t in variant if t.i not in joint])
    return lifted


def _restriction(token: Token, head: Token) -> bool:
    if token.head.i != head.i or token.dep_ not in ("obl", "advcl", "advmod"):
        return False
    words = {c.lower_ for c in token.children if c.dep_ in ("cc", "advmod")}
    return {"but", "only"} <= words


def _instructions_only(clauses: list[Clause]) -> bool:
    """Every clause an imperative with nobody as its subject ("Take 2 capsules daily, and
    give it four weeks"); "Never go above 5 grams, because higher doses act like a
    stimulant" has a clause with a subject, and that clause is a claim."""
    if not clauses:
        return False
    doc = clauses[0].head.doc
    # "If a child swallows a large amount, call Poison Control": the condition's subject
    # does not make the instruction a claim
    in_condition = {
        t.i
        for advcl in doc
        if advcl.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in advcl.children)
        for t in advcl.subtree
    }
    if any(
        (t.dep_ in ("nsubj", "nsubj:pass") and t.lower_ not in PERSONAL and t.i not in in_condition)
        or t.lower_ in ("because", "since")  # a reason given is a claim, however it parses
        for t in doc
    ):
        return False
    return all(
        clause.subject is None
        and clause.relative_of is None
        and clause.inherited is None
        and (_imperative_root(clause.head) or _negative_imperative(clause.head))
        for clause in clauses
    )


def _negative_imperative(head: Token) -> bool:
    """'Do not take more than 6 capsules', 'Don't mix them'."""
    auxiliaries = [c for c in head.children if c.dep_ == "aux"]
    return (
        head.tag_.split("__")[0] == "VB"
        and bool(auxiliaries)
        and all(a.lemma_.lower() == "do" and a.i == 0 for a in auxiliaries)
    )


def _bare_participle(clause: Clause) -> bool:
    """A past participle as the predicate with no auxiliary: a reduced clause ("Kratom,
    derived from ...", "Often used for ..."). Right after its subject the word is a past
    tense the tagger mistook ("One product contained ...")."""
    head = clause.head
    if head.tag_.split("__")[0] != "VBN" or any(
        c.dep_ in ("aux", "aux:pass", "cop") for c in head.children
    ):
        return False
    subject = clause.subject
    return subject is None or any(t.text == "," for t in head.doc[subject.i : head.i])


def cap_off(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _starts_nominal(body: list[Token], head: Token) -> bool:
    return body[0].i < head.i and body[0].pos_ in ("NOUN", "PROPN", "PRON", "DET", "NUM")


def _imperative_root(head: Token) -> bool:
    return head.tag_.split("__")[0] == "VB" and not any(c.dep_ == "aux" for c in head.children)


def _atomic(text: str, source: list[Token], subject: str | None) -> AtomicClaim:
    return AtomicClaim(
        text,
        min(t.idx for t in source),
        max(t.idx + len(t) for t in source),
        _is_negated(source),
        subject,
        span_text(source),
    )


def _existential(clause: Clause, tokens: list[Token], entity: str | None) -> list[AtomicClaim]:
    """'there is no risk of overdose' -> 'MMS has no risk of overdose'."""
    body = [t for t in tokens if (t.dep_ != "expl" and t.i != clause.head.i) or t.i > clause.head.i]
    body = [t for t in body if not (t.i == clause.head.i and t.lemma_ == "be")]
    if not body:
        return []
    if entity is None:
        return [_atomic(finish(None, span_text(tokens), entity), tokens, None)]
    verb = "have" if is_plural_text(entity) else "has"
    return [_atomic(finish(entity, f"{verb} {span_text(body)}", entity), tokens, entity)]


def _subject_variants(
    clause: Clause, subject_text: str | None, entity: str | None
) -> list[tuple[str | None, bool]]:
    """One subject per conjunct of a coordinated subject, with its number."""
    subject = clause.subject
    if subject is None or subject_text is None or subject_text == entity:
        plural = is_plural_text(subject_text or "")
        return [(subject_text, plural)]
    if _named_as(subject) is not None:
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
    if not _splittable(subject, conjuncts):
        return [(subject_text, False)]
    variants = []
    members = [subject, *conjuncts]
    for member in members:
        own = [t for t in _own_words(member, members) if not _in_side_material(t, subject)]
        text = strip_parentheticals(span_text(trim_edges(own)))
        variants.append((text, is_plural_text(text) or "Plur" in member.morph.get("Number")))
    return variants


def _own_words(member: Token, members: list[Token]) -> list[Token]:
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


def _experience_rewrite(clause: Clause, entity: str | None) -> str | None:
    """'Some people get headaches' -> subject becomes the product, verb 'causes'."""
    subject = clause.subject
    if entity is None or subject is None or clause.head.lemma_.lower() not in EXPERIENCE_VERBS:
        return None
    if subject.lower_ not in PEOPLE_NOUNS or not any(
        c.lower_ in QUANTIFIERS for c in subject.subtree if c.i < subject.i
    ):
        return None
    return entity


NO_SPLIT_CASES = {"since", "from", "until", "between", "after", "before", "during", "through"}


def _split_coordinations(body: list[Token], clause: Clause) -> list[list[Token]]:
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
        if not conjuncts or not _splittable(token, conjuncts):
            continue
        members = [token, *conjuncts]
        cases = [c for c in token.children if c.dep_ == "case"]
        expanded = []
        for variant in variants:
            present = {t.i for t in variant}
            for keep in members:
                drop: set[int] = set()
                for other in members:
                    if other.i != keep.i:
                        drop.update(t.i for t in _own_words(other, members))
                        if other.i == clause.head.i:  # the copula and subject stay
                            drop.difference_update(_clause_frame(other))
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
    return variants


def _hyphen_piece(token: Token) -> bool:
    """'non' or 'addictive' in 'non-addictive', which the tokenizer splits and the parser
    may take for two conjuncts."""
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    after = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
    return before or after


CLAUSE_FRAME_DEPS = {"cop", "aux", "aux:pass", "nsubj", "nsubj:pass", "expl", "advmod", "mark"}


def _clause_frame(head: Token) -> set[int]:
    """A predicate's subject, copula, auxiliaries and adverbs: shared by its conjuncts
    ("is safe and effective" -> "is safe", "is effective")."""
    return {t.i for c in head.children if c.dep_ in CLAUSE_FRAME_DEPS for t in c.subtree}


def _splittable(token: Token, conjuncts: list[Token]) -> bool:
    if any(c.dep_ == "cc:preconj" for c in token.children):
        return False  # "either 120 mg or a placebo", "both milligrams and units"
    if any(c.dep_ == "case" and c.lower_ in NO_SPLIT_CASES for c in token.children):
        return False  # "since ancient Greece and Rome"
    names = [token, *conjuncts]
    # "the Food and Drug Administration" is one name (our parser often tags "Food" NOUN)
    return not (
        all(m.text[:1].isupper() and m.pos_ in ("PROPN", "NOUN") for m in names)
        and any(
            c.dep_ in ("compound", "flat") and c.text[:1].isupper()
            for m in conjuncts
            for c in m.children
        )
    )


def _same_kind(first: Token, second: Token) -> bool:
    nominal = {"NOUN", "PROPN", "NUM"}
    if first.pos_ in nominal and second.pos_ in nominal:
        return True
    if first.pos_ == "ADJ" and second.pos_ == "ADJ":
        return first.dep_ not in ("amod",)
    return first.pos_ == "VERB" and second.pos_ == "VERB" and first.dep_ == "xcomp"


def _is_negated(tokens: list[Token]) -> bool:
    for token in tokens:
        if token.lower_ in ("not", "never", "n't", "cannot") and token.dep_ in (
            "advmod",
            "aux",
            "neg",
        ):
            return True
        if token.lower_ in ("no", "none", "neither", "nor", "without") and token.dep_ != "fixed":
            return True
    return False


# -- negated risks -------------------------------------------------------------------------


def _negated_risks(doc: SpacyDoc) -> list[tuple[Token, list[Token], list[Token]]]:
    """("without" token, the phrase's tokens, the risks named) for each negated risk."""
    found = []
    for token in doc:
        if token.lower_ != "without" or token.head.pos_ not in ("NOUN", "PROPN", "VERB"):
            continue
        noun = token.head
        if noun.pos_ == "VERB":  # "without causing X"
            objects = [c for c in noun.children if c.dep_ == "obj"]
            if not objects:
                continue
            noun = objects[0]
        if noun.lemma_.lower() in RISK_NOUNS:
            named = [
                c
                for c in noun.children
                if c.dep_ in ("nmod", "acl") and c.pos_ in ("NOUN", "PROPN", "VERB")
            ]
            if not named:
                continue
            first = named[0]
        else:
            first = noun
        targets = [first, *[c for c in first.children if c.dep_ == "conj"]]
        if first is not noun:  # "the risk of X or Y" is often parsed with Y a conjunct of risk
            targets += [c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
        tokens = [token, *[t for t in noun.subtree if t.i > token.i]]
        found.append((token, tokens, targets))
    return found


# "through its interaction with opioid receptors": the mechanism noun, the preposition of
# its target, and the verb that says the same thing.
MECHANISM_NOUNS = {
    ("interaction", "with"): "interacts with",
    ("action", "on"): "acts on",
    ("effect", "on"): "acts on",
    ("binding", "to"): "binds to",
    ("activation", "of"): "activates",
    ("inhibition", "of"): "inhibits",
    ("blockade", "of"): "blocks",
}
MECHANISM_CASES = {"through", "via", "by"}


def _mechanisms(doc: SpacyDoc, entity: str | None) -> list[tuple[AtomicClaim, list[Token]]]:
    """'managing insomnia through its active compound mitragynine's interaction with opioid
    receptors' -> 'Mitragynine interacts with opioid receptors.' (a claim of its own)."""
    found = []
    for noun in doc:
        if not any(c.dep_ == "case" and c.lower_ in MECHANISM_CASES for c in noun.children):
            continue
        for target in noun.children:
            case = next((c.lower_ for c in target.children if c.dep_ == "case"), None)
            verb = MECHANISM_NOUNS.get((noun.lemma_.lower(), case or ""))
            if verb is None or target.dep_ != "nmod":
                continue
            owner = next((c for c in noun.children if c.dep_ == "nmod:poss"), None)
            agent = entity if owner is None or is_pronoun_subject(owner) else owner.text
            if not agent:
                continue
            tokens = list(noun.subtree)
            target_words = [t for t in target.subtree if t.dep_ not in ("case", "det")]
            text = finish(agent, f"{verb} {span_text(trim_edges(target_words))}", entity)
            claim = AtomicClaim(
                text,
                min(t.idx for t in tokens),
                max(t.idx + len(t) for t in tokens),
                False,
                agent,
                span_text(tokens),
            )
            found.append((claim, tokens))
    return found


def _noun_phrase(token: Token) -> str:
    words = [
        t
        for t in token.subtree
        if (t.i <= token.i and t.dep_ in ("compound", "amod", "nmod:poss")) or t.i == token.i
    ]
    words = [t for t in words if not t.is_punct]
    text = "".join(t.text_with_ws for t in sorted(words, key=lambda t: t.i)).strip()
    return text.lower() if text else ""


def _finite(token: Token) -> bool:
    return token.tag_.split("__")[0] in ("VBZ", "VBP", "VBD", "MD")


# -- fallbacks -----------------------------------------------------------------------------


def _fragment(doc: SpacyDoc, entity: str | None) -> list[AtomicClaim]:
    """A verbless benefit phrase: 'Sharper memory and focus' -> 'X improves memory' ...

    Read off the words rather than the parse: our parser often mistakes a noun in a
    verbless list item for a verb."""
    words = [t for t in doc if not t.is_punct or t.text == "-"]
    if entity is None or not words or words[0].pos_ in ("VERB", "AUX", "PRON", "ADV"):
        return []
    found = fragment_verb(words[0])
    if found is None and words[0].pos_ == "ADJ":
        found = ("is", set())  # "Non-addictive, with zero known side effects"
    if found is None and not _benefit_phrase(words):
        return []
    verb, replaced = found if found is not None else ("helps with", set())
    rest = [t for t in words if t.i not in replaced]
    while (rest and rest[0].dep_ == "case") or (
        rest and rest[0].lower_ in ("against", "from", "for")
    ):
        rest = rest[1:]
    if not rest:
        return []
    start = min(t.idx for t in words)
    end = max(t.idx + len(t) for t in words)
    out = []
    parts = [
        piece
        for part in _textual_conjuncts(span_text(rest))
        for piece in re.split(r"\s+(?=with\s)", part)
    ]
    for part in parts:
        # "with zero known side effects" -> "has zero known side effects"
        with_phrase = part.lower().startswith("with ")
        predicate = "has " + part[5:] if with_phrase else f"{verb} {part}"
        negated = bool(
            re.search(r"\b(?:no|not|non-|zero|never|without|free of)\b|\bnon-", part, re.I)
        )
        text = finish(entity, predicate, entity)
        out.append(AtomicClaim(text, start, end, negated, entity, span_text(words)))
    return out


def _benefit_phrase(words: list[Token]) -> bool:
    """A short noun phrase that can follow 'helps with' ("Restful sleep", "Joint comfort"),
    not an instruction or a clause the parser left without a finite verb."""
    return (
        len(words) <= 8
        and words[0].pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "DET")
        and words[0].lower_ not in ("please", "if", "for", "when", "take", "use", "start")
        and not any(xpos(t) in ("VB", "VBZ", "VBP", "VBD", "MD") for t in words)
    )


NEGATED_FRAGMENT = re.compile(r"\b(?:no|not|zero|never|without|free of)\b|\bnon-", re.I)


def _textual_conjuncts(text: str) -> list[str]:
    """'memory and focus in healthy adults' -> ['memory', 'focus in healthy adults']."""
    parts = [p.strip() for p in re.split(r",\s*(?:and|or)?\s*|\s+(?:and|or)\s+", text)]
    parts = [p for p in parts if p]
    if len(parts) > 1 and all(len(p.split()) <= 6 for p in parts):
        return parts
    return [text]


def _whole_sentence(doc: SpacyDoc, entity: str | None) -> AtomicClaim:
    text = doc.text.strip()
    first = doc[0] if len(doc) else None
    if first is not None and first.lower_ in SUBJECT_PRONOUNS and entity:
        owner = entity + "'s" if first.lower_ in ("its", "their") else entity
        text = owner + text[len(first.text) :]
    negated = any(t.lower_ in ("no", "not", "never", "n't", "without") for t in doc)
    return AtomicClaim(
        finish(None, text, entity), 0, len(doc.text.rstrip()), negated, entity, doc.text.strip()
    )


def _deduplicate(claims: list[AtomicClaim]) -> list[AtomicClaim]:
    """Drop repeats and stubs ("Creatine works."), but never every claim of a unit."""
    seen: set[str] = set()
    unique = []
    for claim in claims:
        key = claim.text.lower()
        if key not in seen and len(key.split()) > 2:
            seen.add(key)
            unique.append(claim)
    if not unique and claims:
        unique.append(max(claims, key=lambda c: len(c.text)))
    return unique
