"""Parse a sentence again where our parser goes wrong, keeping its own words.

Our parser (trained on UD English-EWT, which has little health prose) stumbles on two
things that plain health claims are full of:

* **contractions**: "It's one of the safest drugs", "there's zero risk of a bad trip" come
  out as garbled trees; spelled out ("It is", "there is") they parse well;
* **verbs tagged as nouns**: in "Clove oil numbs tooth pain" or "Antibiotics wipe out good
  bacteria" it sees no verb at all. When a sentence has no finite verb (or only verbs hung
  on a noun), each word that could be one (right after a noun, or after "and" following a
  verb; more often a verb than a noun in EWT; a verb in the frame "It numbs them.") is
  tried in turn: it is swapped for a verb the parser knows well ("makes", "make").

The verb tagger (verb_tagger.py, MiniLM's reading of each word in context) names more
words to try, also in sentences with a finite verb elsewhere ("70% of the immune system
lives in the gut, so ..."); a tree from its word is kept only when it agrees with the
tagger better than the old one.

The words with their stand-ins are parsed again and the new tree is copied onto the
original words (character offsets do not move); a verb stand-in is kept only when it came
out as a verb of the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from claimcheck.detect.realise import is_finite, xpos
from claimcheck.detect.verb_tagger import WordTag
from claimcheck.paths import models_dir

SUBJECT_POS = {"NOUN", "PROPN", "PRON", "NUM"}
PLURAL_SUBJECT_TAGS = {"NNS", "NNPS"}
PLURAL_PRONOUNS = {"they", "we", "you"}
MAX_TRIES = 3
MAIN_VERB_DEPS = {"ROOT", "conj", "ccomp"}
# the verb tagger's words may head any clause ("... which fuel short, intense efforts")
CLAUSE_DEPS = MAIN_VERB_DEPS | {"advcl", "acl:relcl", "parataxis", "xcomp"}
VERB_STAND_INS = {"makes", "make"}
VERB_STAND_IN_TAGS = {"VBZ", "VBP", "VB"}
TAGGED_STAND_INS = {"VBZ": "makes", "VBP": "make", "VB": "make"}
TAGGED_VERB_PROBABILITY = 0.8
# Verbs of health claims that EWT's blogs, reviews and emails rarely use as verbs.
HEALTH_VERBS = frozenset(
    [
        "activate",
        "alkalize",
        "balance",
        "boost",
        "brighten",
        "calm",
        "cleanse",
        "cure",
        "detox",
        "ease",
        "energize",
        "flush",
        "halve",
        "heal",
        "hydrate",
        "inhibit",
        "lower",
        "melt",
        "neutralize",
        "nourish",
        "numb",
        "purify",
        "rebuild",
        "regulate",
        "relieve",
        "restore",
        "sharpen",
        "shrink",
        "soothe",
        "starve",
        "stimulate",
        "strengthen",
        "suppress",
        "thicken",
        "tighten",
        "unclog",
        "wipe",
    ]
)


@lru_cache(maxsize=1)
def verb_lexicon() -> dict[str, tuple[int, int]]:
    """Lemma -> (times a verb, times a noun) in UD English-EWT train (see
    claimcheck.train.verb_lexicon)."""
    path = models_dir() / "parser" / "verb_lemmas.tsv"
    rows = path.read_text(encoding="utf-8").splitlines()[1:]
    return {
        lemma: (int(verb), int(noun))
        for lemma, verb, noun in (row.split("\t") for row in rows if row)
    }


def _known_verb(lemma: str) -> bool:
    """A word that is more often a verb than a noun ("cure", "drive"; not "compound",
    "block" or "effect"), or a verb of health claims."""
    if lemma in HEALTH_VERBS:
        return True
    verb, noun = verb_lexicon().get(lemma, (0, 0))
    return verb > 0 and verb >= noun


# What a contraction stands for when it is spelled out.
CONTRACTIONS = {
    "'re": "are",
    "'m": "am",
    "'ve": "have",
    "'ll": "will",
    "'d": "would",
    "n't": "not",
    "ca": "can",
    "wo": "will",
    "sha": "shall",
}
# "'s" is "is" after these (not the possessive of "Kratom's leaves").
IS_BEFORE = {"it", "that", "there", "what", "here", "he", "she", "who", "where", "this"}
# ... and "has" before these ("it's been shown", "it's won a Nobel Prize")
HAS_BEFORE = {"been", "got", "gotten", "had", "won", "helped", "saved", "shown", "proven"}


def repaired_parse(
    doc: SpacyDoc,
    parser: Language,
    find_verbs: bool = True,
    tags: list[WordTag] | None = None,
) -> SpacyDoc:
    """``doc`` parsed again with its contractions spelled out and, with ``find_verbs``,
    the verbs the parser missed put back (``doc`` itself when nothing needed it). ``tags``
    (the verb tagger's, one per word) name more words to try as verbs."""
    stand_ins = _spelled_out(doc)
    current = _reparse(doc, stand_ins, parser) if stand_ins else doc
    if not find_verbs:
        return current
    for _ in range(MAX_TRIES):
        candidates = _candidates(current, parser) + _tagged_candidates(current, tags)
        candidates = [c for c in candidates if c.token.i not in stand_ins]
        for candidate in candidates[:MAX_TRIES]:
            trial = {**stand_ins, candidate.token.i: candidate.stand_in}
            reparsed = _reparse(doc, trial, parser, candidate)
            if reparsed is not None and (
                tags is None
                or not candidate.tagged
                or _agrees_better(reparsed, current, tags, candidate.token.i)
            ):
                stand_ins, current = trial, reparsed
                break
        else:
            break
    return current


def _spelled_out(doc: SpacyDoc) -> dict[int, str]:
    spelled = {}
    for token in doc:
        word = token.lower_.replace("\u2019", "'")
        before = doc[token.i - 1].lower_ if token.i else ""
        if word == "'s" and before in IS_BEFORE:
            after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
            spelled[token.i] = "has" if after in HAS_BEFORE else "is"
        elif word in CONTRACTIONS and (word[0] in "'n" or token.nbor(1).lower_ == "n't"):
            spelled[token.i] = CONTRACTIONS[word]
    return spelled


@dataclass(frozen=True, slots=True)
class Candidate:
    token: Token
    stand_in: str
    tagged: bool  # proposed by the verb tagger, not by the lexicon rules


def _candidates(doc: SpacyDoc, parser: Language) -> list[Candidate]:
    """Words that may be a verb the parser missed, each with its stand-in: the verb after
    a subject when the sentence has none ("Clove oil numbs tooth pain"), or a verb
    coordinated with one it found ("... boosts creativity, sharpens focus and melts away
    anxiety")."""
    broken = _verbless(doc)
    first_verb = next((t.i for t in doc if xpos(t) == "VBZ"), len(doc))
    found = []
    for token in doc[1:]:
        stand_in = _stand_in(token, broken, token.i > first_verb)
        if stand_in is None:
            continue
        if stand_in == "makes":
            frame, lemma = "It", _lemma(token.lower_, stand_in)
        else:
            frame, lemma = "They", token.lower_
        if _known_verb(lemma) and _verb_in_frame(token.lower_, frame, parser):
            found.append(Candidate(token, stand_in, tagged=False))
    return found


def _tagged_candidates(doc: SpacyDoc, tags: list[WordTag] | None) -> list[Candidate]:
    """Words our parser took for nouns or adjectives that the verb tagger, reading them
    in context, is sure are present-tense or bare verbs ("lives" in "70% of the immune
    system lives in the gut", "lower" in "Ginkgo did not lower the rate of dementia")."""
    if tags is None:
        return []
    found = []
    for token, tag in zip(doc, tags, strict=True):
        if token.i == 0 or not token.is_alpha or not token.is_lower:
            continue
        stand_in = TAGGED_STAND_INS.get(tag.tag)
        if (
            stand_in is not None
            and tag.verb_probability >= TAGGED_VERB_PROBABILITY
            and token.pos_ in ("NOUN", "ADJ")
        ):
            found.append(Candidate(token, stand_in, tagged=True))
    return found


def _stand_in(token: Token, broken: bool, verb_before: bool) -> str | None:
    """'makes' or 'make' where ``token`` sits where a verb would, else None."""
    doc = token.doc
    before = doc[token.i - 1]
    if before.pos_ == "ADV" and token.i > 1:
        before = doc[token.i - 2]  # "Kavalactones gently calm ..."
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if not token.is_alpha or not token.is_lower or is_finite(token):
        return None
    if after is None or after.is_punct or xpos(after).startswith(("VB", "MD", "CC")):
        # "visits involving energy drinks doubled": the verb comes later; "powder,
        # capsules and tea": a list of nouns
        return None
    # a sentence-initial name is often tagged as an adjective ("Microdosing boosts")
    nominal = before.pos_ in SUBJECT_POS - {"NUM"} or (before.i == 0 and before.pos_ == "ADJ")
    after_subject = (
        broken
        and nominal  # not "Two drops of ...": a counted noun
        # "numbs" in "Clove oil numbs tooth pain" taken for a participle modifying "pain"
        and token.dep_ in ("ROOT", "conj", "compound", "amod")
    )
    # "aspartame causes brain tumors" parsed as one noun compound
    inside_compound = (
        token.dep_ == "compound"
        and before.pos_ in ("NOUN", "PROPN")
        and after.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM")
    )
    # "..., sharpens focus and melts away anxiety"; "..., and curcumin shuts it down"
    coordinated = verb_before and (
        before.lower_ in ("and", ",", "or")
        or (nominal and before.i > 0 and doc[before.i - 1].lower_ in ("and", "but"))
    )
    plural_subject = xpos(before) in PLURAL_SUBJECT_TAGS or before.lower_ in PLURAL_PRONOUNS
    singular = token.lower_.endswith("s")
    if singular and (coordinated or inside_compound or (after_subject and not plural_subject)):
        return "makes"
    if after_subject and plural_subject and not singular:
        return "make"
    return None


def _verbless(doc: SpacyDoc) -> bool:
    """No finite verb, or only verbs coordinated with a noun at the root: the parse has
    lost the main verb."""
    finite = [t for t in doc if is_finite(t)]
    if not finite:
        return True
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    # "Microdosing boosts creativity, sharpens focus and ...": the verbs it did find hang
    # as conjuncts on a noun, or belong to a relative clause
    return (
        root is not None
        and root.pos_ in ("NOUN", "PROPN", "ADJ")
        and not any(c.dep_ == "cop" for c in root.children)
        and all(t.dep_ == "conj" or _in_relative_clause(t) for t in finite)
    )


def _in_relative_clause(token: Token) -> bool:
    """'superbugs that antibiotics can't touch': a verb that says nothing of the subject."""
    return any(node.dep_ in ("acl:relcl", "acl") for node in (token, *token.ancestors))


@lru_cache(maxsize=4096)
def _verb_in_frame(word: str, pronoun: str, parser: Language) -> bool:
    """'It numbs them.', 'They wipe them.': in a frame with no other reading, is the
    word a present-tense verb? (Cached: a batch asks about the same words again.)"""
    probe = parser(f"{pronoun} {word} them.")
    return len(probe) == 4 and xpos(probe[1]) in ("VBZ", "VBP")


def _agrees_better(reparsed: SpacyDoc, current: SpacyDoc, tags: list[WordTag], verb: int) -> bool:
    """A tree from the verb tagger's word is kept only when it disagrees with the tagger
    on fewer words (which are verbs) than the old one, so that repairing one word does
    not break others, and when a bare verb has what licenses one ("did not lower", "can
    sap ..., pile on"; not "helps the body handle stress" read as a clause of its own),
    and when it does not leave a subordinate clause ("even if ...") as the sentence's
    root or the new verb as an unmarked adverbial clause."""
    if xpos(reparsed[verb]) == "VB" and not _licensed_bare_verb(reparsed[verb]):
        return False
    if _subordinate_root(reparsed) or (
        reparsed[verb].dep_ == "advcl" and not _has_marker(reparsed[verb])
    ):
        return False  # "X melts belly fat, even if you don't ..." hung under the "if"
    return _conflicts(reparsed, tags) < _conflicts(current, tags)


def _conflicts(doc: SpacyDoc, tags: list[WordTag]) -> int:
    """Words our parse and the verb tagger disagree on, confidently: a verb or not."""
    sure = TAGGED_VERB_PROBABILITY
    return sum(
        (token.pos_ in ("VERB", "AUX")) != (tag.verb_probability >= 0.5)
        and abs(tag.verb_probability - 0.5) >= sure - 0.5
        for token, tag in zip(doc, tags, strict=True)
    )


def _has_marker(verb: Token) -> bool:
    return any(c.dep_ == "mark" for c in verb.children)


def _subordinate_root(doc: SpacyDoc) -> bool:
    return any(t.dep_ == "ROOT" and _has_marker(t) for t in doc)


def _licensed_bare_verb(verb: Token) -> bool:
    def has_auxiliary(token: Token) -> bool:
        return any(c.dep_ in ("aux", "mark") for c in token.children)

    return (
        verb.dep_ == "xcomp"
        or has_auxiliary(verb)
        or (verb.dep_ == "conj" and has_auxiliary(verb.head))
    )


def _reparse(
    doc: SpacyDoc, stand_ins: dict[int, str], parser: Language, tried: Candidate | None = None
) -> SpacyDoc | None:
    """``doc``'s words parsed with ``stand_ins`` in place of some of them, the tree copied
    back onto the original words; None when the ``tried`` stand-in did not come out as a
    verb heading a clause."""
    words = [stand_ins.get(t.i, t.text) for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    for i in stand_ins:
        if i > 0:
            spaces[i - 1] = True  # "It" + "'s" -> "It is"
    parsed = parser(SpacyDoc(doc.vocab, words=words, spaces=spaces))
    if tried is not None and not _came_out_as_meant(parsed[tried.token.i], tried):
        return None
    lemmas = [t.lemma_ for t in parsed]
    for i, stand_in in stand_ins.items():
        if stand_in in VERB_STAND_INS:
            lemmas[i] = _lemma(doc[i].lower_, stand_in)
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


def _came_out_as_meant(token: Token, tried: Candidate) -> bool:
    deps = CLAUSE_DEPS if tried.tagged else MAIN_VERB_DEPS
    return token.dep_ in deps and xpos(token) in VERB_STAND_IN_TAGS


def _lemma(word: str, stand_in: str) -> str:
    if stand_in == "make":
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return word[:-2]
    return word[:-1]
