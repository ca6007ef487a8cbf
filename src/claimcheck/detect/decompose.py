"""Decompose a claim sentence into atomic, self-contained claims.

Rules over a dependency parse (our spaCy pipeline trained on UD English-EWT), in steps:

* **repairs** (repairs.py): the parser's common mistakes are fixed first;
* **clauses** (clauses.py, with clause_parts.py, relatives.py, side_material.py): the main
  predicate or the complement of a reporting verb, coordinated predicates,
  contrastive/result clauses, non-restrictive relative clauses; each clause keeps its own
  words, without side material (appositions, asides, reasons);
* **subjects are resolved** (clause_subject.py, subjects.py): relative clauses, pronouns,
  "this herb", coordinated subjects (one claim each);
* **coordinations are split** (coordination.py): objects and obliques ("insomnia and
  anxiety"), adjectival predicates ("safe or effective"): one claim per conjunct;
* **claims inside phrases** (phrase_claims.py): "without the risk of dependence or
  drowsiness", "through its interaction with opioid receptors", "no link between A and B";
* **rewrites** (rewrites.py): side effects reported by people ("some people get
  headaches" -> "X causes headaches"), the risk of an activity, a usual dose, what a
  product lets the reader do;
* **instructions** (instructions.py) and **what is not a health claim** (not_claims.py):
  "Take it an hour before bed", the writer's own story, "It is a plant, so ...";
* **realisation** (realise.py): the text is normalised into a sentence that stands alone;
* **verbless list items** (fragments.py): "Relief from tinnitus" -> "Ginkgo relieves
  tinnitus"; "Zinc: essential for testosterone" is handled by the caller via split_label.

Whenever the parse gives no usable predicate, the whole sentence is one claim (with its
leading pronoun resolved), so nothing detected as a claim is lost.
"""

from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from claimcheck.detect.antecedents import (
    elliptical_subject,
    plural_antecedent,
    refers_back,
    sentence_antecedent,
)
from claimcheck.detect.atomic import AtomicClaim, atomic_claim
from claimcheck.detect.clause_parts import Clause, has_expletive
from claimcheck.detect.clause_subject import (
    clause_subject,
    subject_variants,
)
from claimcheck.detect.clauses import find_clauses
from claimcheck.detect.coordination import split_coordinations
from claimcheck.detect.fragments import fragment_claims, ingredient_amount, whole_sentence_claim
from claimcheck.detect.instructions import (
    cap_off,
    dosed,
    dosing_instruction,
    imperative_root,
    instructions_only,
)
from claimcheck.detect.not_claims import not_a_health_claim, unsure_aside
from claimcheck.detect.phrase_claims import (
    cleft_claim,
    link_claims,
    mechanism_claims,
    negated_risks,
    risk_claims,
    side_effect_claim,
)
from claimcheck.detect.realise import (
    finish,
    is_finite,
    is_plural_text,
    predicate_text,
    span_text,
    trim_edges,
    xpos,
)
from claimcheck.detect.relatives import in_restrictive_relative
from claimcheck.detect.repairs import repair_parse
from claimcheck.detect.rewrites import (
    activity_subject,
    enabling_claim,
    experience_rewrite,
    object_it,
    usual_dose,
)
from claimcheck.detect.side_material import is_side_material
from claimcheck.detect.subjects import mid_sentence


def decompose(sentence: SpacyDoc, entity: str | None) -> list[AtomicClaim]:
    """Atomic claims of one parsed sentence; ``entity`` resolves pronoun subjects."""
    # "Stronger nails that don't split or peel": a verb in a relative clause only
    if not any(is_finite(t) and not in_restrictive_relative(t) for t in sentence):
        if ingredient_amount(list(sentence)):
            return []
        fragments = fragment_claims(sentence, entity)
        if fragments:
            return _deduplicate([c for c in fragments if not not_a_health_claim(c, entity)])
    repair_parse(sentence)
    clauses = find_clauses(sentence)
    risks = negated_risks(sentence)
    if not risks and instructions_only(clauses):
        # "Take it an hour before bed": an instruction, not a claim; "Mix 10 grams into a
        # drink once a day" says how much and how often: a dosing claim
        return [dosing_instruction(sentence, entity)] if dosed(sentence, entity) else []
    mechanisms = mechanism_claims(sentence, entity)
    cleft = cleft_claim(sentence, entity)
    if cleft is not None:
        mechanisms.append(cleft)  # like a mechanism: a claim of its own, its words taken
    mechanisms.extend(link_claims(sentence, entity))
    excluded = {t.i for tokens, _ in risks for t in tokens}
    excluded |= {t.i for claim, tokens in mechanisms for t in tokens}
    claims: list[AtomicClaim] = []
    main_subject = entity
    antecedent: tuple[str, bool] | None = None
    said: dict[int, str | None] = {}  # each clause's subject as realised, by head
    for number, clause in enumerate(clauses):
        tokens = _clause_tokens(clause, clauses, excluded)
        if not tokens or unsure_aside(clause):
            continue
        subject_text, subject_ids = clause_subject(clause, entity)
        if clause.enabled_by is not None:
            agent = said.get(clause.enabled_by.head.i) or main_subject
            claims.extend(enabling_claim(clause, tokens, subject_ids, agent, entity))
            continue
        if number == 0 and subject_text:
            main_subject = subject_text
            antecedent = sentence_antecedent(clause, subject_text)
        elif antecedent is not None and refers_back(clause, antecedent):
            subject_text = antecedent[0]  # "Catching measles gives ..., and it is safer"
        else:
            subject_text = (
                elliptical_subject(clause, clauses[0])
                or plural_antecedent(clause, entity)
                or subject_text
            )
        said[clause.head.i] = subject_text
        usual = usual_dose(clause, tokens, entity)
        if usual is not None:
            claims.append(usual)
            continue
        claims.extend(_realise_clause(clause, tokens, subject_text, subject_ids, entity))
    if main_subject:
        activity = activity_subject(clauses[0], excluded, entity) if clauses else None
        claims.extend(risk_claims(risks, activity or main_subject))
    claims.extend(claim for claim, _ in mechanisms)
    if not claims:
        claims.append(whole_sentence_claim(sentence, entity))
    claims = [side_effect_claim(c, entity) for c in claims if not not_a_health_claim(c, entity)]
    return _deduplicate(claims)


# -- clause tokens -------------------------------------------------------------------------


def _clause_tokens(clause: Clause, clauses: list[Clause], excluded: set[int]) -> list[Token]:
    """The clause's own words: its subtree without other clauses and side material."""
    head = clause.head
    others = {c.head.i for c in clauses if c is not clause}
    blocked: set[int] = set(excluded) | clause.blocked
    for token in head.subtree:
        if token.i == head.i:
            continue
        if token.i in others or is_side_material(token):
            blocked.update(t.i for t in token.subtree)
            blocked.update(c.i for c in token.children if c.dep_ in ("cc", "punct"))
            if token.i > 0 and token.doc[token.i - 1].text in (",", "(", "-", "—", "–"):
                blocked.add(token.i - 1)
    if clause.relative_of is not None:
        blocked.update(t.i for t in head.subtree if t.lower_ in ("which", "who", "that"))
    blocked.update(c.i for c in head.children if c.dep_ == "advmod" and c.lower_ == "where")
    blocked.update(_outer_frame(head))
    tokens = [t for t in head.subtree if t.i not in blocked]
    tokens.extend(_shared_object(clause, blocked))
    tokens = sorted(set(tokens), key=lambda t: t.i)
    return trim_edges(_drop_fronted(tokens, clause))


def _outer_frame(head: Token) -> set[int]:
    """'The good news is that kratom is safe': the frame before the inner subject."""
    outer = next((c for c in head.children if c.dep_ == "nsubj:outer"), None)
    if outer is None:
        return set()
    frame = {t.i for t in outer.subtree}
    frame |= {c.i for c in head.children if c.dep_ in ("cop", "mark") and outer.i < c.i < head.i}
    inner = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if inner is not None:  # the inner clause's own copula stays: "kratom is safe"
        frame = {i for i in frame if i < inner.left_edge.i}
    return frame


def _shared_object(clause: Clause, blocked: set[int]) -> list[Token]:
    """'could slow or prevent Alzheimer's': coordinated verbs share the object that the
    parser hung on one of them."""
    head = clause.head
    if head.pos_ != "VERB" or any(
        c.dep_ in ("obj", "obl", "xcomp", "ccomp") for c in head.children
    ):
        return []
    if head.dep_ == "conj":
        if _own_subject(head):
            return []
        parent = head.head
        shared = [c for c in parent.children if c.dep_ in ("obj", "obl") and c.i > head.i]
    else:
        # not a later clause with its own subject: "..., and each dilution makes them ..."
        later = [
            c
            for c in head.children
            if c.dep_ == "conj" and c.pos_ == "VERB" and not _own_subject(c)
        ]
        shared = [c for v in later[-1:] for c in v.children if c.dep_ == "obj" and c.i > v.i]
    return [t for c in shared for t in c.subtree]


def _own_subject(verb: Token) -> bool:
    return any(c.dep_.startswith("nsubj") for c in verb.children)


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
        or (clause.inherited is None and imperative_root(clause.head))
    ):
        subject_text = None  # the words before the verb already say who, or nobody does
    subjects = subject_variants(clause, subject_text, entity)
    frame = _fronted_frame(body, clause)
    experience = experience_rewrite(clause, entity)
    out = []
    for variant in _lift_restrictions(split_coordinations(body, clause), clause.head):
        for subject_variant, plural in subjects:
            if experience is not None:
                subject_variant, plural = experience, is_plural_text(experience)
                predicate = ("cause " if plural else "causes ") + span_text(
                    trim_edges([t for t in variant if t.i > clause.head.i])
                )
            else:
                predicate = predicate_text(
                    [t for t in variant if t.i not in frame],
                    plural,
                    subject_variant is not None,
                    it_means=object_it(clause, subject_variant, entity),
                    owner=mid_sentence(entity) if entity else None,
                )
                if frame and subject_variant is not None:
                    predicate = f"{predicate} {_frame_text(variant, frame)}"
                if subject_variant is not None and _bare_participle(clause):
                    # "Kratom, derived from ...": "Kratom is derived from ..."
                    first = variant[0]
                    lowered = predicate if first.pos_ == "PROPN" else cap_off(predicate)
                    predicate = ("are " if plural else "is ") + lowered
            source = [t for t in tokens if t.i in {v.i for v in variant} | subject_ids]
            out.append(
                atomic_claim(finish(subject_variant, predicate, entity), source, subject_variant)
            )
    return out


FRAME_DEPS = {"obl", "obl:tmod", "obl:npmod", "nmod:tmod", "advmod"}


def _fronted_frame(body: list[Token], clause: Clause) -> set[int]:
    """'Every day your body is bombarded ...', 'In 2019 the FDA warned ...': a frame of two
    or more words before the subject with no comma after it (one with a comma is dropped
    by _drop_fronted). It goes after the predicate, where it reads after a new subject."""
    subject = clause.subject
    if subject is None:
        return set()
    before = {t.i for t in body if t.i < subject.left_edge.i and not t.is_punct}
    frames = [
        c for c in clause.head.children if c.dep_ in FRAME_DEPS and c.right_edge.i < subject.i
    ]
    covered = {t.i for c in frames for t in c.subtree}
    if len(before) < 2 or not before <= covered:
        return set()  # only whole adverbials: not words of the subject hung elsewhere
    return before


def _frame_text(variant: list[Token], frame: set[int]) -> str:
    words = [t for t in variant if t.i in frame]
    text = span_text(words)
    return text if words and words[0].pos_ == "PROPN" else cap_off(text)


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


def _bare_participle(clause: Clause) -> bool:
    """A past participle as the predicate with no auxiliary: a reduced clause ("Kratom,
    derived from ...", "Often used for ..."). Right after its subject the word is a past
    tense the tagger mistook ("One product contained ...")."""
    head = clause.head
    if xpos(head) != "VBN" or any(c.dep_ in ("aux", "aux:pass", "cop") for c in head.children):
        return False
    subject = clause.subject
    return subject is None or any(t.text == "," for t in head.doc[subject.i : head.i])


def _starts_nominal(body: list[Token], head: Token) -> bool:
    return body[0].i < head.i and body[0].pos_ in ("NOUN", "PROPN", "PRON", "DET", "NUM")


def _existential(clause: Clause, tokens: list[Token], entity: str | None) -> list[AtomicClaim]:
    """'there is no risk of overdose' -> 'MMS has no risk of overdose'."""
    body = [t for t in tokens if (t.dep_ != "expl" and t.i != clause.head.i) or t.i > clause.head.i]
    body = [t for t in body if not (t.i == clause.head.i and t.lemma_ == "be")]
    # "at microdoses there's zero risk of ...": the fronted frame goes after the risk
    expl = next((t.i for t in tokens if t.dep_ == "expl"), len(tokens[0].doc))
    fronted = [t for t in body if t.i < expl and not t.is_punct and t.dep_ != "cc"]
    body = [t for t in body if t.i > expl] or body
    if not body:
        return []
    if entity is None:
        return [atomic_claim(finish(None, span_text(tokens), entity), tokens, None)]
    verb = "have" if is_plural_text(entity) else "has"
    predicate = f"{verb} {span_text(body)}"
    if fronted and body[0].i > expl:
        predicate += " " + span_text(fronted)
    return [atomic_claim(finish(entity, predicate, entity), tokens, entity)]


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
