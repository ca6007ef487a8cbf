"""Repair the parser's most common mistakes before the clause rules read the parse.

Each repair re-attaches tokens in place (spaCy allows changing heads and labels), so the
rules downstream see the structure the sentence actually has.
"""

from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from claimcheck.detect.realise import xpos


def repair_parse(doc: SpacyDoc) -> None:
    """Fix verb compounds, verbs tagged as nouns and misattached coordinations."""
    _repair_verb_compounds(doc)
    _repair_verbs_tagged_nouns(doc)
    _repair_coordination(doc)
    _repair_flat_coordination(doc)
    _repair_adjective_conjuncts(doc)
    _repair_gerund_subjects(doc)
    _repair_age_limits(doc)
    _repair_stranded_objects(doc)
    _repair_relative_conjuncts(doc)
    _repair_uncoordinated_conjuncts(doc)


def _attach(token: Token, head: Token, dep: str | None = None) -> bool:
    """Hang ``token`` on ``head`` (as ``dep``); False where spaCy refuses (a cycle)."""
    try:
        token.head = head
    except ValueError:
        return False
    if dep is not None:
        token.dep_ = dep
    return True


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
            # "... and has been a fixture of operating rooms": a predicate of its own
            or any(c.dep_ == "cop" for c in token.children)
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
            _attach(token, partners[-1])


def _repair_flat_coordination(doc: SpacyDoc) -> None:
    """'the rate of dementia or Alzheimer's disease' parsed as two modifiers of 'rate',
    the second with the 'or': it is a conjunct of the first."""
    for token in doc:
        if token.dep_ not in ("nmod", "obl", "obj") or token.pos_ not in ("NOUN", "PROPN"):
            continue
        cc = next((c for c in token.children if c.dep_ == "cc"), None)
        if cc is None or cc.i > token.i:
            continue
        # the shared preposition may hang on the second noun, before the first
        cases = [c for c in token.children if c.dep_ == "case"]
        if any(c.i > cc.i for c in cases):
            continue
        partner = next(
            (
                s
                for s in reversed(list(token.head.children))
                if s.i < cc.i and s.dep_ == token.dep_ and s.pos_ in ("NOUN", "PROPN")
            ),
            None,
        )
        if partner is None or any(doc[i].is_punct for i in range(partner.i + 1, cc.i)):
            continue
        if any(c.i > partner.i for c in cases):
            continue
        try:
            for case in cases:
                case.head = partner
            token.head = partner
            token.dep_ = "conj"
        except ValueError:
            continue


def _repair_adjective_conjuncts(doc: SpacyDoc) -> None:
    """'kids and pregnant moms' with 'pregnant' parsed as a conjunct of 'kids': an
    adjective right before a noun conjunct of the same head modifies that noun."""
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if (
            token.dep_ == "conj"
            and token.pos_ == "ADJ"
            and following.dep_ == "conj"
            and following.pos_ in ("NOUN", "PROPN")
            and following.head.i == token.head.i
        ):
            _attach(token, following, "amod")


def _repair_gerund_subjects(doc: SpacyDoc) -> None:
    """'says swapping butter for vegetable oils lowers the risk', 'found that eating more
    linoleic acid did not raise ...' with the gerund and the verb after it both hung on
    'says' (or the gerund opening the sentence and both hung on the 'she said' that ends
    it): the gerund phrase is the later verb's subject."""
    for gerund in doc:
        # "Taking the capsules on an empty stomach ... raises the amount, she said": a
        # sentence-opening gerund hung on the report verb at the end
        opening = gerund.i == 0 and gerund.dep_ == "advcl"
        if (gerund.dep_ != "ccomp" and not opening) or xpos(gerund) != "VBG":
            continue
        end = max(t.i for t in gerund.subtree if not t.is_punct)
        verb = next(
            (
                c
                for c in gerund.head.children
                if c.dep_ == "ccomp"
                and c.i > end
                and xpos(c) in ("VBZ", "VBD", "VBP", "VB")
                and not any(d.dep_.startswith(("nsubj", "csubj")) for d in c.children)
            ),
            None,
        )
        if verb is None or any(d.dep_.startswith("nsubj") for d in gerund.children):
            continue
        try:
            mark = [c for c in gerund.children if c.dep_ == "mark"]
            gerund.head = verb
            gerund.dep_ = "csubj"
            for that in mark:  # 'that' introduces the whole clause, not the gerund
                that.head = verb
        except ValueError:
            continue


AGE_CASES = {"over", "under", "above", "below", "older", "younger", "aged"}


def _repair_age_limits(doc: SpacyDoc) -> None:
    """'safe for children and people over 60' with 'over 60' hung on 'safe': an age limit
    right after a noun belongs to that noun, not to every conjunct before it."""
    for number in doc:
        case = next((c for c in number.children if c.dep_ == "case"), None)
        if (
            number.pos_ != "NUM"
            or not number.dep_.startswith("obl")
            or case is None
            or case.lower_ not in AGE_CASES
            or case.i != number.i - 1
            or case.i == 0
        ):
            continue
        noun = doc[case.i - 1]
        if noun.pos_ != "NOUN" or noun.i == number.head.i or noun.dep_ not in ("conj", "obl"):
            continue
        _attach(number, noun, "nmod")


TRANSITIVE_TAGS = ("VBG", "VBZ", "VBP", "VBD")


def _repair_stranded_objects(doc: SpacyDoc) -> None:
    """'nature's own antibiotic, killing bacteria, viruses and fungi': our parser sometimes
    hangs the verb's object beside it, on the verb's own head; it is the verb's object."""
    for verb in doc:
        if verb.tag_ not in TRANSITIVE_TAGS or verb.dep_ not in ("conj", "advcl", "acl"):
            continue
        if any(c.dep_ in ("obj", "ccomp", "xcomp") for c in verb.children) or verb.i + 1 >= len(
            doc
        ):
            continue
        noun = doc[verb.i + 1]
        if noun.pos_ != "NOUN" or noun.dep_ != "conj" or noun.head.i != verb.head.i:
            continue
        _attach(noun, verb, "obj")


def _repair_relative_conjuncts(doc: SpacyDoc) -> None:
    """'people who drank homemade silver, or who took many times the dose': a second "who"
    clause hung on the main verb coordinates with the relative clause before it."""
    for verb in doc:
        if verb.dep_ != "conj" or verb.head.dep_.startswith("acl"):
            continue
        if not any(
            c.dep_.startswith("nsubj") and c.lower_ in ("who", "which") for c in verb.children
        ):
            continue
        relatives = [t for t in verb.head.subtree if t.dep_ == "acl:relcl" and t.i < verb.i]
        if relatives:
            _attach(verb, relatives[-1])


def _repair_uncoordinated_conjuncts(doc: SpacyDoc) -> None:
    """'shortened colds by about two and a half days': the 'and' inside a number led our
    parser to coordinate 'days' with 'colds'; a conjunct with a preposition of its own and
    no 'and', 'or' or comma before it is the verb's modifier."""
    for token in doc:
        if token.dep_ != "conj" or token.pos_ != "NOUN" or token.head.head.pos_ != "VERB":
            continue
        if not any(c.dep_ == "case" for c in token.children):
            continue
        start = token.left_edge.i
        joined = any(c.dep_ == "cc" for c in token.children) or (
            start > 0 and doc[start - 1].lower_ in (",", "and", "or")
        )
        if joined or token.head.head.i == token.head.i:
            continue
        _attach(token, token.head.head, "obl")
