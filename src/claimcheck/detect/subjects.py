"""Who a claim is about: the document's subject and the resolution of "it", "this herb".

A claim must stand on its own, so a pronoun subject or a generic noun phrase pointing back
at the product ("this herb", "our formula") becomes the thing the document is about, in the
words the document itself uses for it ("testosterone boosters", not the corpus's
canonical "Testosterone-boosters").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Token

from claimcheck.doc import Document, UnitKind
from claimcheck.entities import EntityFinder

SUBJECT_PRONOUNS = {"it", "this", "that", "they", "these", "those", "its"}
GENERIC_SUBJECT_NOUNS = {
    "herb",
    "plant",
    "supplement",
    "supplements",
    "product",
    "products",
    "remedy",
    "compound",
    "extract",
    "powder",
    "tea",
    "oil",
    "leaf",
    "leaves",
    "substance",
    "drug",
    "drugs",
    "medication",
    "medicine",
    "treatment",
    "therapy",
    "formula",
    "capsule",
    "capsules",
    "gummies",
    "tablet",
    "tablets",
    "particle",
    "particles",
    "spray",
    "approach",
    "option",
    "alternative",
    "botanical",
    "root",
    "pill",
    "pills",
    "shot",
    "vaccine",
    "diet",
    "protocol",
    "blend",
    "spice",
    "stuff",
    "solution",
    "drink",
    "water",
    "method",
    "practice",
}
POINTING_DETERMINERS = {"this", "that", "these", "those", "our", "the", "my", "your"}
OWNING_DETERMINERS = {"our", "my", "your"}


def main_entity(doc: Document, finder: EntityFinder) -> str | None:
    """The canonical name of the entity the document is about."""
    return finder.main_entity(doc.title, [u.text for u in doc.units])


def document_subject(doc: Document, finder: EntityFinder, canonical: str | None) -> str | None:
    """The main entity (``canonical``, from :func:`main_entity`), as the document most
    often writes it."""
    texts = [u.text for u in doc.units]
    if doc.title and doc.title not in texts:
        texts.append(doc.title)  # counted once, however often it is set
    if canonical is None:
        return None
    forms = Counter(match.group(0) for _, match in _mentions(canonical, texts, finder))
    if not forms:
        return canonical
    # Spellings that differ only in case are one name ("Kratom" starting a sentence is the
    # "kratom" of mid-sentence): the commonest name, in its lower-case spelling if the
    # document ever writes it so (it reads naturally mid-sentence, and a claim's first
    # letter is capitalised anyway), else its commonest spelling.
    by_name: Counter[str] = Counter()
    for form, count in forms.items():
        by_name[form.lower()] += count
    name = max(by_name.items(), key=lambda item: (item[1], -len(item[0])))[0]
    spellings = [f for f in forms if f.lower() == name]
    if name in spellings:
        return name
    return max(spellings, key=lambda f: (forms[f], f.islower(), -len(f)))


SECTION_NUMBER = re.compile(r"^\s*\d{1,2}[.)]?\s+")
MAX_SECTION_HEADING_WORDS = 4


def unit_subjects(
    doc: Document, finder: EntityFinder, canonical: str | None
) -> dict[int, str | None]:
    """What each unit is about, by unit index. In a listicle ("1. Vitamin C", "2. Zinc
    Lozenges") a section is about what its heading names; elsewhere, the document's
    subject."""
    main = document_subject(doc, finder, canonical)
    current = main
    subjects: dict[int, str | None] = {}
    for unit in doc.units:
        if unit.kind == UnitKind.HEADING:
            current = section_subject(unit.text, finder) or main
        subjects[unit.index] = current
    return subjects


def section_subject(heading: str, finder: EntityFinder) -> str | None:
    """The subject a heading gives its section: a numbered listicle heading of a few words
    that names an entity ("3. Zinc Nasal Gel"), or a heading that is only an entity's name
    ("Echinacea"); in the heading's words, lower-cased as they read mid-sentence."""
    name = SECTION_NUMBER.sub("", heading).strip(" :.-–—")
    words = name.split()
    if not words or len(words) > MAX_SECTION_HEADING_WORDS or not finder.names_in(name):
        return None
    if words[0].lower() in SUBJECT_PRONOUNS | {"you", "we", "why", "how", "what"}:
        return None  # "4. It Soothes Acid Reflux" says what the product does, names nothing
    whole_name = any(pattern.fullmatch(name) for pattern, _ in finder.patterns)
    if not (SECTION_NUMBER.match(heading) or whole_name):
        return None
    return " ".join(w if w.isupper() or len(w) == 1 else w.lower() for w in words)


_NAME_WORD = r"(?:[A-Z][A-Za-z0-9-]*|\d+)"
_BRAND_BEFORE = re.compile(rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,4}})[ \t]+$")
NOT_BRANDS = {
    "the", "our", "your", "this", "that", "buy", "try", "why", "how", "what", "is", "are",
    "pure", "natural", "organic", "best", "new", "about", "shop", "home", "all", "more",
}  # fmt: skip


def brand_names(doc: Document, finder: EntityFinder, canonical: str | None) -> set[str]:
    """Product names a page writes right before the thing they are ("PureSilver Ultra 30
    PPM Colloidal Silver"): the brand and each longer prefix of it ("PureSilver",
    "PureSilver Ultra", ...). A claim about the brand is a claim about the thing."""
    if canonical is None:
        return set()
    brands: set[str] = set()
    for text, match in _mentions(canonical, [doc.text, doc.title or ""], finder):
        before = _BRAND_BEFORE.search(text[max(0, match.start() - 60) : match.start()])
        if before is None:
            continue
        words = before.group(1).split()
        if words[0].lower() in NOT_BRANDS or len(words[0]) < 3 or finder.names_in(words[0]):
            continue
        brands.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
    return brands


def _mentions(
    canonical: str, texts: list[str], finder: EntityFinder
) -> Iterator[tuple[str, re.Match[str]]]:
    """Each mention of the entity ``canonical`` (by any of its names) in ``texts``; the
    patterns run longest name first, so "apple cider vinegar" is one mention, not also a
    mention of "cider vinegar"."""
    taken: dict[int, list[tuple[int, int]]] = {}
    for pattern, names in finder.patterns:
        if canonical not in (names if isinstance(names, list) else [names]):
            continue
        for number, text in enumerate(texts):
            spans = taken.setdefault(number, [])
            for match in pattern.finditer(text):
                start, end = match.span()
                if any(start < e and s < end for s, e in spans):
                    continue
                spans.append((start, end))
                yield text, match


def is_pronoun_subject(token: Token) -> bool:
    return token.lower_ in SUBJECT_PRONOUNS and token.pos_ in ("PRON", "DET")


def points_at_document(token: Token) -> bool:
    """'this herb', 'our formula', 'the supplement': a generic noun pointing back; not one
    a compound names ("the flu shot" on an elderberry page is the flu shot; "our
    noble-root-only formula" is still the product)."""
    pointers = [
        child
        for child in token.children
        if child.lower_ in POINTING_DETERMINERS and child.dep_ in ("det", "nmod:poss")
    ]
    if token.lemma_.lower() not in GENERIC_SUBJECT_NOUNS or not pointers:
        return False
    owned = any(p.lower_ in OWNING_DETERMINERS for p in pointers)
    return owned or not any(child.dep_ == "compound" for child in token.children)


def cap(text: str) -> str:
    """The first letter capitalised, unless the first word is cased inside ("mRNA")."""
    first = text.split(" ", 1)[0]
    if any(c.isupper() for c in first[1:]) and first[:1].islower():
        return text
    return text[:1].upper() + text[1:] if text else text


def mid_sentence(name: str) -> str:
    """A name as it reads inside a sentence: "kratom", but "CBD", "mRNA vaccines" and
    "St. John's wort" (a proper name inside keeps the whole name as written)."""
    proper_inside = any(word[:1].isupper() for word in name.split()[1:])
    return name if name[1:2].isupper() or proper_inside else name[:1].lower() + name[1:]


def strip_parentheticals(text: str) -> str:
    """'Kratom, derived from the tropical tree Mitragyna speciosa,' -> 'Kratom'."""
    text = re.sub(r"\s*\([^)]*\)", "", text)
    text = re.sub(r",\s[^,]*(,|$)", " ", text)  # not the comma in "4,000"
    return re.sub(r"\s+", " ", text).strip(" ,")
