"""Detect: which units make health claims, and the atomic claims inside them.

units --classifier--> claim units --parser + decompose--> atomic claims --attributes-->

Headings, questions, the author's plans, calls to action and the FDA disclaimer never
carry a claim (the annotation guide says so), whatever the classifier thinks of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc as SpacyDoc

from claimcheck.detect.atomic import AtomicClaim, atomic_claim
from claimcheck.detect.attributes import (
    StrengthModel,
    attributes_for,
    load_strength_model,
    load_type_model,
)
from claimcheck.detect.classifier import ClaimClassifier, load_classifier
from claimcheck.detect.clause_parts import names_people
from claimcheck.detect.cues import (
    AUTHOR_PLAN,
    CALL_TO_ACTION,
    CAUSAL_VERBS,
    DISCLAIMER,
    LIST_INTRO,
    QUESTION_LABEL,
    STUDY_METHOD,
)
from claimcheck.detect.decompose import decompose
from claimcheck.detect.dependency_parser import COMPONENT as DEPENDENCY_PARSER
from claimcheck.detect.fragments import split_label
from claimcheck.detect.realise import finish, is_plural_text, xpos
from claimcheck.detect.reparse import repaired_parse
from claimcheck.detect.subjects import (
    brand_names,
    cap,
    main_entity,
    mid_sentence,
    strip_parentheticals,
    unit_subjects,
)
from claimcheck.detect.verb_tagger import VerbTagger, load_verb_tagger
from claimcheck.doc import Claim, Document, Unit, UnitKind
from claimcheck.encoder import STATES_CACHE_SIZE
from claimcheck.entities import EntityFinder
from claimcheck.paths import models_dir

PARSE_CHUNK = STATES_CACHE_SIZE // 2
# a quotation followed by who said it: '"My nails stopped breaking!" - Jess P.' (the
# segmenter may leave the name to a unit of its own, after the dash)
TESTIMONIAL = re.compile(r'^["“](.+?)["”]\s*[-–—](?:\s*[A-Z][^"“”]*)?$')
# causal verbs that open instructions, never a product's bullet ("Stop taking ...")
INSTRUCTION_VERBS = {"stop", "work", "make"}

__all__ = ["ClaimDetector", "ScoredUnit", "load_classifier", "load_parser"]


@lru_cache(maxsize=2)
def load_parser(path: str | None = None, minilm_trees: bool = True) -> Language:
    """Our spaCy pipeline (tokeniser, tagger, lemmatiser); its trees come from the MiniLM
    dependency parser, or with ``minilm_trees`` off from its own CNN parser (the
    baseline the benchmarks compare with)."""
    directory = Path(path) if path else models_dir() / "parser"
    if not minilm_trees:
        return spacy.load(directory)
    nlp = spacy.load(directory, exclude=["parser"])
    nlp.add_pipe(DEPENDENCY_PARSER, config={"directory": str(directory)})
    return nlp


@dataclass(frozen=True, slots=True)
class ScoredUnit:
    doc: Document
    unit: Unit
    score: float


def can_hold_claim(unit: Unit) -> bool:
    return can_hold_claim_text(unit.text, unit.kind.value)


def can_hold_claim_text(text: str, kind: str) -> bool:
    """Headings, questions (and a Q&A page's question lines), the author's plans, a
    listicle's promise of what follows, calls to action and the label's FDA disclaimer are
    never claims."""
    text = text.strip()
    return not (
        kind == UnitKind.HEADING.value
        or (kind == UnitKind.LIST_ITEM.value and is_title_case(text))
        or text.rstrip(" \"'”’)").endswith("?")
        or QUESTION_LABEL.match(text)
        or AUTHOR_PLAN.search(text)
        or LIST_INTRO.search(text)
        or CALL_TO_ACTION.search(text)
        or DISCLAIMER.search(text)
        or STUDY_METHOD.search(text)
    )


def is_title_case(text: str) -> bool:
    """A line in Title Case (a table of contents entry, a heading set as a list item)."""
    if text.endswith((".", "!", ":")):
        return False
    words = [word for word in re.findall(r"[A-Za-z][\w'’-]*", text) if len(word) > 3]
    if len(words) < 3:
        return False
    # "Boosts Energy Naturally": a listicle's claim set in Title Case starts with its verb.
    first = words[0].lower()
    if first.endswith("s") and first not in {"this", "thus", "news", "tips", "ways", "facts"}:
        return False
    return sum(word[0].isupper() for word in words) / len(words) >= 0.75


class ClaimDetector:
    def __init__(
        self,
        classifier: ClaimClassifier,
        parser: Language,
        entities: EntityFinder,
        threshold: float | None = None,
        strength: StrengthModel | None = None,
        claim_threshold: float | None = None,
        verb_tagger: VerbTagger | None = None,
    ) -> None:
        self.classifier = classifier
        self.parser = parser
        self.entities = entities
        self.threshold = classifier.threshold if threshold is None else threshold
        self.strength = strength if strength is not None else load_strength_model()
        self.claim_type = load_type_model()
        self.verb_tagger = verb_tagger if verb_tagger is not None else load_verb_tagger()
        # An atomic claim is kept when the classifier, reading it on its own, finds it a
        # claim with at least this probability ("Tea is gentler." is not).
        self.claim_threshold = (
            classifier.meta.get("claim_threshold", 0.0)
            if claim_threshold is None
            else claim_threshold
        )

    def __call__(self, doc: Document) -> Document:
        return self.detect_many([doc])[0]

    def detect_many(self, docs: list[Document]) -> list[Document]:
        chosen = [s for s in self.score_units(docs) if s.score >= self.threshold]
        entities = {id(doc): main_entity(doc, self.entities) for doc in docs}
        subjects = {id(doc): unit_subjects(doc, self.entities, entities[id(doc)]) for doc in docs}
        brands = {id(doc): brand_names(doc, self.entities, entities[id(doc)]) for doc in docs}
        return self.extract(docs, chosen, subjects, brands)

    def score_units(self, docs: list[Document]) -> list[ScoredUnit]:
        """Every unit that may hold a claim, with the classifier's probability."""
        units = [(doc, unit) for doc in docs for unit in doc.units if can_hold_claim(unit)]
        scores = self.classifier.probabilities(
            [u.text for _, u in units], [u.kind.value for _, u in units]
        )
        return [
            ScoredUnit(doc, unit, float(score))
            for (doc, unit), score in zip(units, scores, strict=True)
        ]

    def _parse_chunk(self, pieces: list[_Piece]) -> list[SpacyDoc]:
        first_parses = list(self.parser.pipe(piece.text for piece in pieces))
        # list items are read off the words when verbless (fragments.py)
        find_verbs = [piece.scored.unit.kind == UnitKind.SENTENCE for piece in pieces]
        tags = iter(
            self.verb_tagger.tag(
                [p for p, find in zip(first_parses, find_verbs, strict=True) if find]
            )
        )
        return [
            repaired_parse(sentence, self.parser, find, next(tags) if find else None)
            for sentence, find in zip(first_parses, find_verbs, strict=True)
        ]

    def extract(
        self,
        docs: list[Document],
        chosen: list[ScoredUnit],
        subjects: dict[int, dict[int, str | None]],
        brands: dict[int, set[str]] | None = None,
    ) -> list[Document]:
        """Atomic claims of the chosen units; ``subjects`` maps id(doc) to what each of
        its units is about, by unit index (it resolves "it" and "this herb")."""
        for doc in docs:
            doc.claims = []
        pieces = [
            _piece(s, subjects.get(id(s.doc), {}).get(s.unit.index), self.parser) for s in chosen
        ]
        parsed = []
        # in chunks the encoder's states cache holds: the verb tagger then reads the
        # states the parser has just computed instead of encoding the sentences again
        for start in range(0, len(pieces), PARSE_CHUNK):
            chunk = pieces[start : start + PARSE_CHUNK]
            parsed.extend(self._parse_chunk(chunk))
        brand_sets = brands or {}
        atomics = [
            (
                piece.scored,
                _mapped(_debranded(atomic, brand_sets.get(id(piece.scored.doc)), piece), piece),
            )
            for piece, sentence in zip(pieces, parsed, strict=True)
            for atomic in decompose(sentence, piece.subject) or _testimonial(sentence)
        ]
        if self.claim_threshold > 0 and atomics:
            keep = self.classifier.probabilities(
                [a.text for _, a in atomics], ["sentence"] * len(atomics)
            )
            atomics = [a for a, p in zip(atomics, keep, strict=True) if p >= self.claim_threshold]
        texts, spans = [a.text for _, a in atomics], [a.span_text for _, a in atomics]
        strengths = self.strength.predict(texts, spans)
        kinds = self.claim_type.predict(texts, spans)
        for (scored, atomic), strength, kind in zip(atomics, strengths, kinds, strict=True):
            scored.doc.claims.append(_claim(scored, atomic, strength, kind))
        for doc in docs:
            for number, claim in enumerate(doc.claims, start=1):
                claim.id = f"c{number}"
        return docs


@dataclass(frozen=True, slots=True)
class _Piece:
    """The text parsed for a unit. A labelled list item ("Zinc (30 mg): essential for
    testosterone") is parsed as a sentence about its label ("Zinc is essential for ...");
    positions from ``rest_at`` on map to the unit's words from ``rest_offset`` on."""

    scored: ScoredUnit
    text: str
    subject: str | None
    rest_at: int = 0
    rest_offset: int = 0

    def source(self, position: int) -> int:
        return self.rest_offset + max(0, position - self.rest_at)


def _piece(scored: ScoredUnit, subject: str | None, parser: Language) -> _Piece:
    labelled = _labelled(scored, parser)
    if labelled is None:
        text = scored.unit.text
        if scored.unit.kind == UnitKind.LIST_ITEM and text[:1].isupper() and text[1:2].islower():
            # "Eases everyday anxiety": a capitalised first word reads as a name to the
            # parser; lower-cased, it is the verb it is (offsets do not move).
            text = text[:1].lower() + text[1:]
            prefix = _verb_first(text, parser)
            if prefix:
                # "Lowers triglycerides": parsed as "It lowers triglycerides", the pronoun
                # standing for the product.
                return _Piece(scored, prefix + text, subject, len(prefix), 0)
        return _Piece(scored, text, subject)
    label, offset = labelled
    rest = scored.unit.text[offset:]
    root = next((t for t in parser(rest) if t.dep_ == "ROOT"), None)
    remark = label.split()[-1].lower() in REMARK_LABELS  # "Warning: taking high doses ..."
    if remark or (
        root is not None and any(c.dep_.startswith(("nsubj", "csubj")) for c in root.children)
    ):
        # "Start low: 1-3 grams relaxes ..."; "Olive oil: two tablespoons a day lowers blood
        # pressure, and it is safe ...": 'it' is the olive oil the label names
        return _Piece(scored, rest, _label_topic(label, parser) or subject, 0, offset)
    name = strip_parentheticals(label)
    verb_first = root is not None and root.i == 0 and root.pos_ == "VERB"
    copula = "" if verb_first else ("are " if is_plural_text(name) else "is ")
    prefix = f"{name} {copula}"
    return _Piece(scored, prefix + rest, subject, len(prefix), offset)


def _labelled(scored: ScoredUnit, parser: Language) -> tuple[str, int] | None:
    """A list item's label, or a sentence's when the label is a verbless name or aside
    ("Stevia: plant-based and calorie-free.", "One caveat: in a study of ..."), not a
    clause of its own ("THC has a biphasic effect: low doses ...")."""
    if scored.unit.kind == UnitKind.HEADING:
        return None
    labelled = split_label(scored.unit.text)
    if labelled is None or scored.unit.kind == UnitKind.LIST_ITEM:
        return labelled
    label = parser(labelled[0])
    return None if any(t.pos_ in ("VERB", "AUX") for t in label) else labelled


# labels that introduce a remark rather than name what the sentence is about
REMARK_LABELS = {
    "caveat", "warning", "note", "tip", "update", "line", "catch", "truth", "reality", "news",
    "verdict", "takeaway", "fact", "myth", "problem", "answer", "question", "result",
    "upshot", "point", "reason", "secret", "key", "rule", "lesson", "summary", "conclusion",
}  # fmt: skip


def _label_topic(label: str, parser: Language) -> str | None:
    """The thing a label names ("Extra virgin olive oil"), not a remark ("One caveat") or
    the people an instruction is for ("Adults")."""
    words = [t for t in parser(strip_parentheticals(label)) if not t.is_punct]
    if not words or any(t.pos_ in ("VERB", "AUX", "PRON") for t in words):
        return None
    last = words[-1]
    if last.pos_ not in ("NOUN", "PROPN") or last.lemma_.lower() in REMARK_LABELS:
        return None
    if names_people(last):
        return None
    return mid_sentence(" ".join(t.text for t in words))


def _verb_first(text: str, parser: Language) -> str | None:
    """The words that make a list item starting with a verb a sentence about the product:
    "It " for "Lowers triglycerides"; "It can " for a product page's bullet in the base
    form, "Relieve migraines" or "Boost your immune system", which says what the product
    does, not what the reader should do."""
    first = text.split(" ", 1)[0]
    if first.endswith("s") and len(first) >= 4:
        with_subject = parser("It " + text)
        if len(with_subject) > 1 and xpos(with_subject[1]) == "VBZ":
            return "It "
    if CAUSAL_VERBS.fullmatch(first) and first not in INSTRUCTION_VERBS:
        with_modal = parser("It can " + text)
        if len(with_modal) > 2 and xpos(with_modal[2]) == "VB":
            return "It can "
    return None


def _testimonial(sentence: SpacyDoc) -> list[AtomicClaim]:
    """'"My nails stopped breaking within a month!" - Jess P.': a customer's quoted
    experience on a product page is the seller's claim (the FTC holds advertisers to their
    testimonials), though in the first person the rules read it as the writer's own story.
    Only units the classifier chose get here, and it separates experiences from taste
    notes ("Dissolves completely, no taste at all.")."""
    quoted = TESTIMONIAL.match(sentence.text)
    if quoted is None:
        return []
    start, end = quoted.span(1)
    words = [t for t in sentence if start <= t.idx < end]
    if not words:
        return []
    return [atomic_claim(finish(None, quoted.group(1)), words, None)]


def _debranded(atomic: AtomicClaim, brands: set[str] | None, piece: _Piece) -> AtomicClaim:
    """'PureSilver has no side effects' -> 'Colloidal silver has no side effects'."""
    subject = atomic.subject
    if not brands or not subject or not piece.subject or subject not in brands:
        return atomic
    if not atomic.text.startswith(cap(subject)):
        return atomic
    text = cap(piece.subject) + atomic.text[len(subject) :]
    return replace(atomic, text=text, subject=piece.subject)


def _mapped(atomic: AtomicClaim, piece: _Piece) -> AtomicClaim:
    return replace(atomic, start=piece.source(atomic.start), end=piece.source(atomic.end))


def _claim(scored: ScoredUnit, atomic: AtomicClaim, strength: str, kind: str) -> Claim:
    unit = scored.unit
    start, end = unit.start + atomic.start, unit.start + atomic.end
    return Claim(
        "",
        atomic.text,
        unit.index,
        start,
        end,
        subject=atomic.subject,
        attributes=attributes_for(atomic, unit.text, strength, kind),
        detection_score=round(scored.score, 4),
    )
