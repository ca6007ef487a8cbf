"""Give a sentence back the verb our parser missed.

Our parser (trained on UD English-EWT, which has little health prose) often tags the verb
of a plain claim as a plural noun: in "Clove oil numbs tooth pain" or "Antibiotics wipe
out good bacteria" it sees no verb at all, and the tree around the word is wrong too.
When a sentence has no finite verb, each word that could be one (right after a noun,
and a verb on its own: "It numbs them.") is tried in turn: the word is swapped for a
verb the parser knows well ("makes", "make"), the sentence is parsed again, and the tree
is kept, with the original words, when the stand-in came out as the sentence's verb.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from claimcheck.detect.realise import xpos

FINITE_TAGS = {"VBZ", "VBP", "VBD", "MD"}
SUBJECT_POS = {"NOUN", "PROPN", "PRON", "NUM"}
PLURAL_SUBJECT_TAGS = {"NNS", "NNPS"}
PLURAL_PRONOUNS = {"they", "we", "you"}
MAX_TRIES = 3


def with_missing_verb(doc: SpacyDoc, parser: Language) -> SpacyDoc:
    """``doc``, or the same words parsed with the verb the parser missed."""
    if any(xpos(t) in FINITE_TAGS for t in doc):
        return doc
    for candidate, stand_in in _candidates(doc, parser)[:MAX_TRIES]:
        reparsed = _reparse(doc, candidate, stand_in, parser)
        if reparsed is not None:
            return reparsed
    return doc


def _candidates(doc: SpacyDoc, parser: Language) -> list[tuple[Token, str]]:
    found = []
    for token in doc[1:]:
        before = doc[token.i - 1]
        if before.pos_ == "ADV" and token.i > 1:
            before = doc[token.i - 2]  # "Kavalactones gently calm ..."
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if not token.is_alpha or not token.is_lower or before.pos_ not in SUBJECT_POS:
            continue
        if token.dep_ not in ("ROOT", "conj") or before.pos_ == "NUM":
            continue  # "Two drops of ...", "20 grams a day": a counted noun
        if after is None or after.is_punct or xpos(after).startswith(("VB", "MD")):
            continue  # "visits involving energy drinks doubled": the verb comes later
        plural_subject = xpos(before) in PLURAL_SUBJECT_TAGS or before.lower_ in PLURAL_PRONOUNS
        if token.lower_.endswith("s") and not plural_subject and _is_verb(token, "It", parser):
            found.append((token, "makes"))
        elif plural_subject and not token.lower_.endswith("s") and _is_verb(token, "They", parser):
            found.append((token, "make"))
    return found


def _is_verb(token: Token, pronoun: str, parser: Language) -> bool:
    """'It numbs them.', 'They wipe them.': in a frame with no other reading, is the
    word a present-tense verb?"""
    probe = parser(f"{pronoun} {token.lower_} them.")
    return len(probe) == 4 and xpos(probe[1]) in ("VBZ", "VBP")


def _reparse(doc: SpacyDoc, verb: Token, stand_in: str, parser: Language) -> SpacyDoc | None:
    text = doc.text[: verb.idx] + stand_in + doc.text[verb.idx + len(verb.text) :]
    parsed = parser(text)
    if len(parsed) != len(doc) or parsed[verb.i].dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    if xpos(parsed[verb.i]) not in ("VBZ", "VBP"):
        return None
    lemmas = [t.lemma_ for t in parsed]
    lemmas[verb.i] = _lemma(verb.lower_, stand_in)
    return SpacyDoc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        tags=[t.tag_ for t in parsed],
        pos=[t.pos_ for t in parsed],
        morphs=[str(t.morph) for t in parsed],
        lemmas=lemmas,
        heads=[t.head.i for t in parsed],
        deps=[t.dep_ for t in parsed],
    )


def _lemma(word: str, stand_in: str) -> str:
    if stand_in == "make":
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return word[:-2]
    return word[:-1]
