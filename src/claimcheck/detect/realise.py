"""Turn a clause's tokens into a plain, self-contained claim sentence.

The subject is resolved, hedges are dropped ("can help induce" -> "helps induce"; the
hedge is kept as the claim's strength by the caller), negation is normalised ("won't
interact" -> "does not interact"), and discourse clutter at the edges is removed.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from claimcheck.detect.amounts import is_measured_amount, owned_amounts
from claimcheck.detect.subjects import cap

MODALS = {"can", "may", "might", "could", "would", "should", "will", "must", "ca", "wo"}
NEGATORS = {"not", "n't", "never"}
DISCOURSE = {
    "however",
    "additionally",
    "also",
    "moreover",
    "furthermore",
    "yet",
    "still",
    "plus",
    "besides",
    "indeed",
    "overall",
    "thus",
    "therefore",
    "so",
    "then",
    "honestly",
    "basically",
    "essentially",
    "finally",
    "importantly",
    "and",
    "but",
    "or",
    "actually",
    "really",
    "even",
    "of",
    "course",
    "sadly",
    "luckily",
    "fortunately",
    "unfortunately",
    "now",
    "today",
    "simply",
    "just",
    "clearly",
    "obviously",
    "surprisingly",
    "interestingly",
    "notably",
    "instead",
}
_IRREGULAR_3SG = {"be": "is", "have": "has", "do": "does", "go": "goes"}
_PAST_AUX = {"did": "does", "was": "is", "were": "are"}


def xpos(token: Token) -> str:
    """The Penn tag (older parser builds join morphology onto it: 'VB__VerbForm=Inf')."""
    return token.tag_.split("__")[0]


FINITE_TAGS = {"VBZ", "VBP", "VBD", "MD"}


def is_finite(token: Token) -> bool:
    return xpos(token) in FINITE_TAGS


def base_form(verb: Token) -> str:
    """The verb's base form: a base or non-3rd-person present form is one already (the
    lemmatiser reads "lower" as the adjective's "low"), unless its "-s" says the tag is
    wrong ("neutralizes" tagged VBP), or its "-ed" that it is a past form ("pooled")."""
    lemma = verb.lemma_.lower()
    past = verb.lower_.endswith("ed") and lemma and lemma != verb.lower_
    if xpos(verb) in ("VB", "VBP") and not verb.lower_.endswith("s") and not past:
        return verb.lower_
    return verb.lemma_.lower() or verb.lower_


def gerund(verb: Token) -> str:
    """'eat' -> 'eating', 'take' -> 'taking', 'stop' -> 'stopping', 'lie' -> 'lying'."""
    base = base_form(verb)
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
        return base[:-1] + "ing"
    one_syllable = len(re.findall(r"[aeiou]+", base)) == 1
    if one_syllable and re.search(r"(?:^|[^aeiou])[aeiou][bdgmnprt]$", base):
        return base + base[-1] + "ing"
    return base + "ing"


def third_person(verb: Token) -> str:
    lemma = base_form(verb)
    if re.search(r"([bdgmnprt])\1$", lemma) and len(lemma) > 3:
        lemma = lemma[:-1]  # the lemmatiser's "thinn" for "thinning" (not "add")
    if lemma in _IRREGULAR_3SG:
        return _IRREGULAR_3SG[lemma]
    if re.search(r"(s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


IRREGULAR_PLURALS = {"children", "people", "men", "women", "teeth", "feet", "mice", "geese"}
PARTITIVES = {"most", "some", "all", "many", "few", "several", "half", "both", "none"}
POSTMODIFIER_WORDS = {"with", "of", "in", "for", "from", "on", "at", "who", "which", "that"}


def is_plural_text(text: str) -> bool:
    """'probiotics', 'flu shots', 'statins' read as plural; 'kratom', 'stress' do not."""
    words = text.split()
    share = (
        words[0].lower() in PARTITIVES or re.fullmatch(r"[\d.,]+%", words[0]) if words else False
    )
    if len(words) > 2 and share and words[1].lower() == "of":
        return is_plural_text(" ".join(words[2:]))  # "most of the trials", "80% of adults" are
    # the head noun comes before its modifiers: "people with kidney disease", "a dose of X"
    cut = next((i for i, w in enumerate(words) if i and w.lower() in POSTMODIFIER_WORDS), None)
    words = words[:cut]
    if text.lower() in ("i", "we", "you", "they"):
        return True  # they take the plural verb form
    if words and words[-1].lower() in IRREGULAR_PLURALS:
        return True
    if words and words[-1].isupper():
        return False  # an acronym: "MMS", "BPS"
    last = words[-1].lower() if words else ""
    # "-is" words are singular: "cannabis", "arthritis", "psoriasis"
    return bool(re.search(r"[^sui]s$", last)) and last not in ("its", "has")


def is_plural_token(token: Token) -> bool:
    if is_measured_amount(token):
        return False
    if any(c.dep_ == "conj" for c in token.children) or token.lower_ in IRREGULAR_PLURALS:
        return True
    if token.lower_ in ("many", "several", "few", "both"):  # "many of them don't"
        return True
    counted = next((c for c in token.children if c.dep_ == "nmod"), None)
    if (token.lower_ in PARTITIVES or token.lower_ in ("%", "percent")) and counted is not None:
        return is_plural_token(counted)  # "most of them were", "much of it is"
    if token.lower_ in ("i", "you", "we", "they"):  # "I take", not "I takes"
        return True
    if token.pos_ == "NUM" and token.lower_ not in ("1", "one"):
        return True  # "22 of them do not contain ..."
    return "Plur" in token.morph.get("Number") or xpos(token) in ("NNS", "NNPS")


def span_text(tokens: list[Token], replace: dict[int, str] | None = None) -> str:
    """Tokens back to text with their original spacing; a gap becomes one space."""
    replace = replace or {}
    parts: list[str] = []
    previous: Token | None = None
    for token in sorted(tokens, key=lambda t: t.i):
        if previous is not None:
            parts.append(previous.whitespace_ if token.i == previous.i + 1 else " ")
        parts.append(replace.get(token.i, token.text))
        previous = token
    return "".join(parts)


def trim_edges(tokens: list[Token]) -> list[Token]:
    """Drop punctuation, conjunctions and discourse words at either end."""
    while tokens and (
        tokens[0].is_punct
        or tokens[0].dep_ in ("cc", "mark")
        or tokens[0].lower_ in DISCOURSE
        or tokens[0].text in ('"', "'", "“", "”")
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ in ("cc", "case", "mark", "det")):
        tokens = tokens[:-1]
    return tokens


def predicate_text(
    body: list[Token],
    plural: bool,
    has_subject: bool = True,
    it_means: str | None = None,
    owner: str | None = None,
) -> str:
    """The predicate without modal hedges, with 'do not' negation and present tense; an
    object 'it' becomes ``it_means`` ("the body needs it" -> "the body needs vitamin D");
    an amount with no substance is ``owner``'s ("stay under 200 mg a day")."""
    kept: list[Token] = []
    replace: dict[int, str] = {}
    if it_means:
        replace.update((t.i, it_means) for t in body if t.lower_ == "it" and t.dep_ in OBJECT_DEPS)
    if owner:
        replace.update(owned_amounts(body, owner))
    negated_modal = False
    for index, token in enumerate(body):
        following = body[index + 1] if index + 1 < len(body) else None
        if token.lower_ in MODALS and token.dep_ == "aux" and following is not None:
            after_neg = following
            position = index + 1
            while after_neg is not None and after_neg.lower_ in NEGATORS:
                negated_modal = True
                position += 1
                after_neg = body[position] if position < len(body) else None
            if after_neg is not None and xpos(after_neg) == "VB":
                # the verb agrees with its own subject when the body holds it ("superbugs
                # that antibiotics can't touch"), else with the claim's
                number = _own_number(token.head, body, plural)
                if after_neg.lower_ == "be":
                    # "must be watched" -> "are watched", "should never be given" -> "are
                    # not given"
                    for skip in body[index + 1 : position]:
                        replace[skip.i] = ""
                    be = "are" if number else "is"
                    replace[after_neg.i] = f"{be} not" if negated_modal else be
                    negated_modal = False
                elif negated_modal:
                    replace[following.i] = ("do" if number else "does") + " not"
                    negated_modal = False
                    for skip in body[index + 2 : position]:
                        replace[skip.i] = ""
                else:
                    replace[after_neg.i] = (
                        base_form(after_neg) if number else third_person(after_neg)
                    )
                continue
        if token.dep_ in ("aux", "cop") and token.lower_ in _PAST_AUX:
            replace[token.i] = _present(_PAST_AUX[token.lower_], plural)
        elif token.pos_ == "AUX" and token.lower_ in ("'s", "’s", "'re", "’re"):
            # "it's just a root": the subject is spelled out, so the contraction is too;
            # before a participle "'s" is "has" ("it's won a Nobel Prize")
            perfect = token.dep_ == "aux" and xpos(token.head) == "VBN" and "s" in token.lower_
            has = "have" if plural else "has"
            replace[token.i] = " " + (has if perfect else _present("is", plural))
        elif index == 0 and has_subject and token.lower_ in _AGREEING:
            # "They are a safe way" about "zinc nasal gel": the verb agrees with the
            # subject that replaced the pronoun
            replace[token.i] = _AGREEING[token.lower_][plural]
        if (
            has_subject
            and index == 0
            and xpos(token) == "VBG"
            and token.dep_ in ("advcl", "conj", "ROOT")
        ):
            replace[token.i] = token.lemma_ if plural else third_person(token)
        if (
            has_subject
            and index == 0
            and xpos(token) in ("VB", "VBP")
            and token.dep_ in ("conj", "ROOT")
        ):
            replace[token.i] = base_form(token) if plural else third_person(token)
        if has_subject and index == 0 and _reported_finding(token):
            # "a review found that zinc shortened colds": the finding, in the present
            replace[token.i] = base_form(token) if plural else third_person(token)
        kept.append(token)
    text = span_text(kept, replace)
    text = re.sub(r"\bn't\b", " not", text)
    return re.sub(r"\s+", " ", text).strip()


def _own_number(verb: Token, body: list[Token], plural: bool) -> bool:
    """A relative clause's verb agrees with its own subject ("superbugs that antibiotics
    can't touch") or, after "that", with the noun it describes ("compounds that can
    release cyanide"); any other verb with the claim's subject."""
    if verb.dep_ != "acl:relcl":
        return plural
    inside = {t.i for t in body}
    subject = next(
        (c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i in inside), None
    )
    if subject is None or subject.lower_ in ("that", "which", "who"):
        return is_plural_token(verb.head)
    return is_plural_token(subject)


FINDING_VERBS = {"find", "show", "suggest", "indicate", "reveal", "confirm", "demonstrate"}


def _reported_finding(verb: Token) -> bool:
    """A past-tense verb carrying what a study found ('found that zinc shortened colds')."""
    dated = any(
        t.lower_ in ("last", "ago", "earlier") or re.fullmatch(r"(?:19|20)\d\d", t.text)
        for t in verb.subtree
    )  # "had both doses last school year" stays in the past
    return (
        xpos(verb) == "VBD"
        and verb.dep_ == "ccomp"
        and verb.head.lemma_.lower() in FINDING_VERBS
        and not any(c.dep_.startswith("aux") for c in verb.children)
        and not dated
    )


_AGREEING = {
    "is": ("is", "are"),
    "are": ("is", "are"),
    "has": ("has", "have"),
    "have": ("has", "have"),
    "does": ("does", "do"),
    "do": ("does", "do"),
}


OBJECT_DEPS = {"obj", "iobj", "obl"}


def _present(form: str, plural: bool) -> str:
    if form in ("is", "are"):
        return "are" if plural else "is"
    return "do" if plural else "does"


REPORT_FRAME = re.compile(
    r"^(?:even |some |many |most |a |an |the |one |two |several |independent |recent |later |"
    r"large |small )*(?:[\w-]+ ){0,3}(?:studies|study|trials?|research|researchers|reviews?|"
    r"scientists|experts|doctors|herbalists|CDC|FDA|WHO|agency|data|evidence)\s+"
    r"(?:have |has |had )?(?:found|finds|find|shows?|showed|shown|suggests?|suggested|says?|said|"
    r"admits?|admitted|reports?|reported|confirms?|confirmed|indicates?|indicated|warns?|"
    r"warned|cautions?|cautioned|notes?|noted)\s+(?:that\s+)?",
    re.IGNORECASE,
)
FRAME_PRONOUN = re.compile(r"^(?:it|they|this)\b", re.IGNORECASE)
WARNED_PEOPLE = re.compile(
    r"^(?:the )?(?:consumers|patients|parents|people|users|the public|doctors|pregnant women)"
    r" (?:about|against|not|to)\b",
    re.IGNORECASE,
)


def strip_report_frame(text: str, entity: str | None) -> str:
    """'A later trial found it cut heart attacks' -> 'Semaglutide cut heart attacks'
    (for frames the parse missed; a denied report keeps its frame, so no match)."""
    match = REPORT_FRAME.match(text)
    if match is None or re.search(r"\b(?:no|not|never)\b", match.group(0), re.I):
        return text
    rest = text[match.end() :]
    if len(rest.split()) < 3 or WARNED_PEOPLE.match(rest):
        return text  # "The FDA warned consumers about kratom": the warning is the claim
    if entity and FRAME_PRONOUN.match(rest):
        rest = FRAME_PRONOUN.sub(entity, rest, count=1)
    found_none = NONE_FOUND.match(rest)
    owned = found_none and re.match(r" (?:from|of|with) ", rest[found_none.end() :])
    if entity and found_none and not owned:
        # "The same study found no increased risk in children ..." is a claim about the
        # product: it "does not increase the risk in children ...", "has no clear benefit"
        if found_none.group("noun").lower() == "risk":
            return f"{entity} does not increase the risk{rest[found_none.end() :]}"
        return f"{entity} has {rest}"
    return rest


NONE_FOUND = re.compile(
    r"^no (?:(?:increased|higher|extra|added|clear|real|significant|meaningful|measurable|"
    r"consistent|overall) )?(?P<noun>risk|benefit|effect|difference|improvement|reduction)\b",
    re.IGNORECASE,
)


# "you'll never catch" -> "people will never catch", not "people'll"
YOU_CONTRACTED = re.compile(r"\byou['’](ll|re|ve|d)\b", re.IGNORECASE)
SPELLED_OUT = {"ll": "will", "re": "are", "ve": "have", "d": "would"}


def finish(subject: str | None, predicate: str, entity: str | None = None) -> str:
    text = f"{subject} {predicate}" if subject else predicate
    text = strip_report_frame(text, entity)
    text = re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"\s+", " ", text))
    text = re.sub(r"\byour own\b", "people's own", text, flags=re.IGNORECASE)
    text = re.sub(r"\byour\b", "the", text, flags=re.IGNORECASE)
    text = YOU_CONTRACTED.sub(lambda m: "people " + SPELLED_OUT[m.group(1).lower()], text)
    text = re.sub(r"\b(?<!')you\b", "people", text)
    text = re.sub(r"[\"“”]", "", text)
    text = re.sub(r"\(\s*\)", "", text).strip(" ,;:-–—")
    return cap(text.rstrip(".!?,;:").strip()) + "."
