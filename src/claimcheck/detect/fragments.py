"""Verbless units: list items such as "Sharper memory and focus" or "Protection against
Alzheimer's", and "Label: text" items ("Zinc (30 mg): essential for testosterone").

A benefit list names what the product does without a verb; the claim is the product
doing it: "Relief from tinnitus" -> "Ginkgo relieves tinnitus".
"""

from __future__ import annotations

import re

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from claimcheck.detect.amounts import WEIGHT_UNITS
from claimcheck.detect.atomic import AtomicClaim, is_negated
from claimcheck.detect.realise import finish, span_text, xpos
from claimcheck.detect.subjects import SUBJECT_PRONOUNS

# Nominalised benefits and the verb they stand for.
NOUN_VERBS = {
    "protection": "protects against",
    "relief": "relieves",
    "reduction": "reduces",
    "prevention": "prevents",
    "improvement": "improves",
    "support": "supports",
    "boost": "boosts",
    "treatment": "treats",
    "cure": "cures",
    "remedy": "treats",
    "defense": "protects against",
    "defence": "protects against",
    "recovery": "speeds recovery from",
    "increase": "increases",
    "decrease": "reduces",
    "balance": "balances",
    "regulation": "regulates",
    "detox": "detoxifies",
    "detoxification": "detoxifies",
    "control": "controls",
    "management": "manages",
    "loss": "causes loss of",
}
LESS_WORDS = {"less", "lower", "fewer", "reduced", "decreased", "smaller", "lowered"}
MORE_WORDS = {"more", "higher", "increased", "greater", "boosted", "raised", "bigger"}
BETTER_WORDS = {
    "better",
    "sharper",
    "improved",
    "stronger",
    "healthier",
    "clearer",
    "faster",
    "deeper",
    "calmer",
    "brighter",
    "smoother",
    "younger",
    "enhanced",
    "radiant",
    "glowing",
    "restful",
}
# "-er" adjectives that are not comparatives ("Other benefits", "Bitter taste")
NOT_COMPARATIVES = {
    "other", "super", "proper", "eager", "clever", "tender", "bitter", "sober", "over",
    "under", "after", "inner", "outer", "upper", "lower", "former", "latter", "sheer",
}  # fmt: skip
_LABEL = re.compile(r"^(?P<label>[^:.!?]{2,60}?)\s*:\s+(?P<rest>\S.*)$")


def split_label(text: str) -> tuple[str, int] | None:
    """'Tribulus terrestris: raises free testosterone' -> ('Tribulus terrestris', offset of
    'raises'). None when the unit has no short label before a colon."""
    match = _LABEL.match(text)
    if match is None or len(match.group("label").split()) > 6:
        return None
    return match.group("label"), match.start("rest")


def fragment_verb(head: Token) -> tuple[str, set[int]] | None:
    """The verb a verbless benefit phrase stands for, and the tokens it replaces."""
    lemma = head.lemma_.lower()
    graded = _graded_verb(head.lower_)
    if graded is not None:
        return graded, {head.i}
    if lemma in NOUN_VERBS or head.lower_ in NOUN_VERBS:
        verb = NOUN_VERBS.get(head.lower_, NOUN_VERBS.get(lemma, ""))
        replaced = {head.i}
        for child in head.children:
            if child.dep_ == "case" or (child.dep_ == "det" and child.i < head.i):
                replaced.add(child.i)
        for child in head.children:
            if child.dep_ in ("nmod", "obl") and child.i > head.i:
                replaced |= {c.i for c in child.children if c.dep_ == "case" and c.i < child.i}
        return verb, replaced
    for child in head.children:
        graded = _graded_verb(child.lower_)
        if child.dep_ in ("amod", "advmod", "det") and child.i < head.i and graded is not None:
            return graded, {child.i}
    return None


def _graded_verb(word: str) -> str | None:
    """'less' -> 'reduces', 'more' -> 'increases', 'sharper' -> 'improves'."""
    word = word.lower()
    if word in LESS_WORDS:
        return "reduces"
    if word in MORE_WORDS:
        return "increases"
    return "improves" if word in BETTER_WORDS else None


def fragment_claims(doc: SpacyDoc, entity: str | None) -> list[AtomicClaim]:
    """A verbless benefit phrase: 'Sharper memory and focus' -> 'X improves memory' ...

    Read off the words rather than the parse: our parser often mistakes a noun in a
    verbless list item for a verb."""
    words = [t for t in doc if not t.is_punct or t.text == "-"]
    # "Non-addictive": the tokenizer splits off "non", which the tagger calls an adverb
    prefixed = len(words) > 2 and words[0].lower_ == "non" and words[1].text == "-"
    if entity is None or not words:
        return []
    graded = _graded(words)
    if words[0].pos_ in ("VERB", "AUX", "PRON", "ADV") and not (prefixed or graded):
        return []
    found = fragment_verb(words[0])
    if found is None and graded:
        found = ("gives", set())  # "Visibly thicker hair in 30 days", "Flatter tummy"
    if found is None and (words[0].pos_ == "ADJ" or prefixed):
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
    for number, part in enumerate(parts):
        # "with zero known side effects" -> "has zero known side effects"
        with_phrase = part.lower().startswith("with ")
        part_verb, part = _conjunct_verb(part, verb) if number else (verb, part)
        if number and verb == "is" and part.lower().startswith("for "):
            part = f"{parts[0].split(' for ', 1)[0]} {part}"  # "Safe for teens and for women"
        opens_unit = part.startswith(words[0].text)
        if opens_unit and words[0].pos_ != "PROPN" and not words[0].text.isupper():
            part = part[:1].lower() + part[1:]  # "Safe for teens" -> "is safe for teens"
        predicate = "has " + part[5:] if with_phrase else f"{part_verb} {part}"
        negated = bool(NEGATED_FRAGMENT.search(part))
        text = finish(entity, predicate, entity)
        out.append(AtomicClaim(text, start, end, negated, entity, span_text(words)))
    return out


def _graded(words: list[Token]) -> bool:
    """A comparative before the noun it grades: 'Flatter tummy', 'Visibly thicker hair'."""
    first = 1 if words[0].pos_ == "ADV" and len(words) > 1 else 0
    word = words[first]
    comparative = xpos(word) == "JJR" or (
        word.pos_ == "ADJ" and word.lower_.endswith("er") and word.lower_ not in NOT_COMPARATIVES
    )
    following = words[first + 1] if len(words) > first + 1 else None
    return comparative and following is not None and following.pos_ in ("NOUN", "PROPN")


def _conjunct_verb(part: str, verb: str) -> tuple[str, str]:
    """A later conjunct's own verb when it opens with one of the graded words ('Flatter
    tummy and less bloating': 'reduces bloating'), else the first conjunct's."""
    first, _, rest = part.partition(" ")
    own_verb = _graded_verb(first)
    # after "gives" a better-word stays ("gives flatter tummy and clearer skin")
    if own_verb is None or not rest or (own_verb == "improves" and verb == "gives"):
        return verb, part
    return own_verb, rest


def _benefit_phrase(words: list[Token]) -> bool:
    """A short noun phrase that can follow 'helps with' ("Restful sleep", "Joint comfort"),
    not an instruction or a clause the parser left without a finite verb."""
    return (
        len(words) <= 8
        and words[0].pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "DET")
        and words[0].lower_ not in ("please", "if", "for", "when", "take", "use", "start")
        and not any(xpos(t) in ("VB", "VBZ", "VBP", "VBD", "MD") for t in words)
        and not ingredient_amount(words)
    )


def ingredient_amount(words: list[Token]) -> bool:
    """'13.3 mg zinc from zinc acetate', '50 mg vitamin C and slippery elm bark': what a
    product contains, not a benefit (unlike '1,000 mg of vitamin C every day to keep the
    flu away')."""
    words = [t for t in words if not t.is_punct]
    purpose = any(
        t.lower_ == "to" and t.i + 1 < len(t.doc) and xpos(t.doc[t.i + 1]) == "VB" for t in words
    )
    return (
        2 < len(words) <= 8
        and not purpose
        and words[0].like_num
        and words[1].lower_.rstrip("s") in WEIGHT_UNITS
    )


NEGATED_FRAGMENT = re.compile(r"\b(?:no|not|zero|never|without|free of)\b|\bnon-", re.I)


RELATIVE = re.compile(r"\s(?:who|that|which)\s")


def _textual_conjuncts(text: str) -> list[str]:
    """'memory and focus in healthy adults' -> ['memory', 'focus in healthy adults']; a
    relative clause stays whole with its noun ('women who are pregnant or breastfeeding')."""
    relative = RELATIVE.search(text)
    head, tail = (text[: relative.start()], text[relative.start() :]) if relative else (text, "")
    parts = [p.strip() for p in re.split(r",\s*(?:and|or)?\s*|\s+(?:and|or)\s+", head)]
    parts = [p for p in parts if p]
    if len(parts) < 2 or any(len(p.split()) > 6 for p in parts):
        return [text]
    parts[-1] += tail
    return parts


def whole_sentence_claim(doc: SpacyDoc, entity: str | None) -> AtomicClaim:
    text = doc.text.strip()
    first = doc[0] if len(doc) else None
    if first is not None and first.lower_ in SUBJECT_PRONOUNS and entity:
        owner = entity + "'s" if first.lower_ in ("its", "their") else entity
        text = owner + text[len(first.text) :]
    return AtomicClaim(
        finish(None, text, entity),
        0,
        len(doc.text.rstrip()),
        is_negated(list(doc)),
        entity,
        doc.text.strip(),
    )
