"""Repair the parser's most common mistakes before the clause rules read the parse.

Each repair re-attaches tokens in place (spaCy allows changing heads and labels), so the
rules downstream see the structure the sentence actually has.
"""

from __future__ import annotations

from spacy.tokens import Doc as SpacyDoc


def repair_parse(doc: SpacyDoc) -> None:
    """Fix verb compounds, verbs tagged as nouns and misattached coordinations."""
    _repair_verb_compounds(doc)
    _repair_verbs_tagged_nouns(doc)
    _repair_coordination(doc)


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
