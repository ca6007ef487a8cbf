"""Claims inside a phrase rather than a clause.

* **negated risks**: "without the risk of dependence or drowsiness" is one negated claim
  per risk: "Kratom does not cause dependence", "Kratom does not cause drowsiness";
* **mechanisms**: "through its active compound mitragynine's interaction with opioid
  receptors" is "Mitragynine interacts with opioid receptors";
* **pseudo-clefts**: "Where melatonin clearly helps is jet lag" is "Melatonin clearly
  helps with jet lag" (read off the words: parsers make a tangle of the construction);
* **side effects named**: "The most common side effects are a sore arm" is "The HPV
  vaccine causes a sore arm" (read off the realised claim's words);
* **links**: "studies found no link between the vaccine and infertility or fatigue" is one
  claim per outcome: "The vaccine is not linked to infertility", "... to fatigue".
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from claimcheck.detect.atomic import AtomicClaim, time_without
from claimcheck.detect.clause_parts import denied
from claimcheck.detect.realise import finish, is_plural_text, span_text, trim_edges
from claimcheck.detect.subjects import cap, is_pronoun_subject, mid_sentence

CAUSING_VERBS = {"cause", "raise", "increase", "produce", "trigger", "create", "bring", "risk"}
RISK_NOUNS = {"risk", "danger", "fear", "chance", "threat", "worry", "possibility", "hint"}


def negated_risks(doc: SpacyDoc) -> list[tuple[list[Token], list[Token]]]:
    """(the phrase's tokens, the risks named) for each negated risk."""
    found = []
    for token in doc:
        if token.lower_ != "without" or token.head.pos_ not in ("NOUN", "PROPN", "VERB"):
            continue
        noun = token.head
        if time_without(token) or _said_of_people(token):
            continue
        causing: list[Token] = []
        if noun.pos_ == "VERB":  # "without causing X" (not "without changing my workouts")
            objects = [c for c in noun.children if c.dep_ == "obj"]
            if not objects or noun.lemma_.lower() not in CAUSING_VERBS:
                continue
            causing, noun = [noun], objects[0]
        if noun.lemma_.lower() in RISK_NOUNS:
            named = [
                c
                for c in noun.children
                if c.dep_ in ("nmod", "acl") and c.pos_ in ("NOUN", "PROPN", "VERB")
            ]
            if named:
                first = named[0]
            elif any(c.dep_ in ("compound", "amod") for c in noun.children):
                first = noun  # "without prescription medication risks": the risks named
            else:
                continue
        else:
            first = noun
        targets = [first, *[c for c in first.children if c.dep_ == "conj"]]
        if first is not noun:  # "the risk of X or Y" is often parsed with Y a conjunct of risk
            targets += [c for c in noun.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
        tokens = [token, *causing, *[t for t in noun.subtree if t.i > token.i]]
        found.append((tokens, targets))
    return found


def _said_of_people(without: Token) -> bool:
    """'people who can't start the day without a cup': what those people do without."""
    verb = without.head.head
    return verb.dep_ == "acl:relcl" and any(
        c.dep_.startswith("nsubj") and c.lower_ == "who" for c in verb.children
    )


def risk_claims(risks: list[tuple[list[Token], list[Token]]], subject: str) -> list[AtomicClaim]:
    """One negated claim per risk named: 'Kratom does not cause dependence.'"""
    claims = []
    for tokens, targets in risks:
        causing = tokens[1] if len(tokens) > 1 and tokens[1].pos_ == "VERB" else None
        risk = next((t for t in tokens if t.lemma_.lower() in RISK_NOUNS), None)
        for target in targets:
            phrase = noun_phrase(target)
            verb = "carry" if target.lemma_.lower() in RISK_NOUNS else "cause"
            if causing is not None and risk is not None and risk.i != target.i and phrase:
                # "without raising their risk of heart disease": the verb and the risk kept
                verb, phrase = causing.lemma_.lower(), f"the {risk.lower_} of {phrase}"
            if phrase:
                claims.append(
                    AtomicClaim(
                        f"{cap(subject)} does not {verb} {phrase}.",
                        min(t.idx for t in tokens),
                        max(t.idx + len(t) for t in tokens),
                        True,
                        subject,
                        span_text(tokens),
                    )
                )
    return claims


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


def mechanism_claims(doc: SpacyDoc, entity: str | None) -> list[tuple[AtomicClaim, list[Token]]]:
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
            # the possessor nearest the noun: "its active compound mitragynine's"
            owners = [c for c in noun.children if c.dep_ == "nmod:poss"]
            owner = owners[-1] if owners else None
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


def noun_phrase(token: Token) -> str:
    """The noun with its modifiers before it: 'a man's testosterone' -> "man's
    testosterone"."""
    words = [
        t
        for t in token.subtree
        if (t.i <= token.i and t.dep_ in ("compound", "amod", "nmod:poss"))
        or t.i == token.i
        or (t.dep_ == "case" and t.head.dep_ == "nmod:poss" and t.i < token.i)
    ]
    words = [t for t in words if not t.is_punct]
    return span_text(words).strip().lower()


CLEFT_COPULAS = {"is", "was", "are"}


def cleft_claim(doc: SpacyDoc, entity: str | None) -> tuple[AtomicClaim, list[Token]] | None:
    """'Where melatonin clearly helps is jet lag, ...' -> 'Melatonin clearly helps with jet
    lag.' and the words it covers; None for any other sentence."""
    if len(doc) < 5 or doc[0].lower_ != "where":
        return None
    verb = next((t for t in doc[2:] if t.tag_.startswith(("VBZ", "VBP", "VBD"))), None)
    if verb is None or verb.i + 1 >= len(doc) or doc[verb.i + 1].lower_ not in CLEFT_COPULAS:
        return None
    end = next((t.i for t in doc[verb.i + 2 :] if t.is_punct), len(doc))
    focus = doc[verb.i + 2 : end]
    if not len(focus):
        return None
    subject = span_text(list(doc[1 : verb.i]))
    tokens = list(doc[0:end])
    text = finish(subject, f"{verb.text} with {focus.text}", entity)
    start = tokens[0].idx
    claim = AtomicClaim(
        text, start, tokens[-1].idx + len(tokens[-1]), False, subject, span_text(tokens)
    )
    return claim, tokens


LINK_NOUNS = {"link", "association", "connection", "relationship", "correlation", "tie"}
# "found no link between ...": the verb only reports the link, it asserts nothing itself
LINK_FRAMES = {"find", "show", "see", "report", "observe", "establish", "detect", "reveal"}
LINK_FRAMES |= {"confirm", "identify", "be", "have", "demonstrate", "uncover"}


def link_claims(doc: SpacyDoc, entity: str | None) -> list[tuple[AtomicClaim, list[Token]]]:
    """'found no (consistent) link between statins and memory loss' -> 'Statins are not
    linked to memory loss.', with the words it covers (the reporting frame included).

    The two sides are read off the words between "between" and the phrase's end, split
    at the first "and": parsers often coordinate "statins and memory" under "loss"."""
    found = []
    for noun in doc:
        if noun.lemma_.lower() not in LINK_NOUNS or noun.pos_ != "NOUN":
            continue
        between = next((t for t in noun.subtree if t.lower_ == "between" and t.i > noun.i), None)
        if between is None:
            continue
        words = trim_edges(list(doc[between.i + 1 : noun.right_edge.i + 1]))
        split = next((t.i for t in words if t.lower_ == "and"), None)
        if split is None:
            continue
        first = trim_edges([t for t in words if t.i < split])
        others = _listed(trim_edges([t for t in words if t.i > split]))
        if not first or not others:
            continue
        side = span_text(first)
        if is_pronoun_subject(first[-1]) and entity:
            side = entity
        negated = _no_link(noun)
        copula = "are" if first[-1].tag_ in ("NNS", "NNPS") or is_plural_text(side) else "is"
        verb = f"{copula} not linked to" if negated else f"{copula} linked to"
        covered = _link_frame(noun)
        for item in others:
            text = finish(side, f"{verb} {span_text(item)}", entity)
            end = max(t.idx + len(t) for t in covered)
            claim = AtomicClaim(
                text, min(t.idx for t in covered), end, negated, side, span_text(covered)
            )
            found.append((claim, covered))
    return found


def _listed(words: list[Token]) -> list[list[Token]]:
    """'infertility, autoimmune disease or fatigue syndromes' -> its three items."""
    items: list[list[Token]] = [[]]
    for token in words:
        if token.text == "," or token.lower_ in ("or", "and"):
            items.append([])
        else:
            items[-1].append(token)
    return [trim_edges(item) for item in items if trim_edges(item)]


def _no_link(noun: Token) -> bool:
    if any(c.dep_ == "det" and c.lower_ in ("no", "little") for c in noun.children):
        return True
    return noun.dep_ in ("obj", "nsubj") and denied(noun.head)


def _link_frame(noun: Token) -> list[Token]:
    """The link phrase, with the verb that reports it and that verb's own arguments
    ('Large trials since then have not found'), but not clauses hung on the verb."""
    head = noun.head
    if noun.dep_ not in ("obj", "nsubj") or head.lemma_.lower() not in LINK_FRAMES:
        return sorted(noun.subtree, key=lambda t: t.i)
    kept = [head]
    for child in head.children:
        if child.dep_ not in ("conj", "cc", "parataxis", "advcl", "ccomp", "punct"):
            kept.extend(child.subtree)
    return sorted(kept, key=lambda t: t.i)


_EFFECT = r"(?:side effects?|adverse effects?|adverse reactions?|(?P<risk>risks?))"
# "The most common side effects of X at high doses are Y" (owner and setting optional)
_EFFECTS_ARE = re.compile(
    rf"^(?:the |its )?(?:(?:most |more |only |main )?[\w-]+ )?{_EFFECT}"
    rf"(?: of (?P<owner>[^,]+?))?(?P<setting> (?:at|in|with|for) [^,]+?)? (?P<verb>is|are|include) "
    rf"(?P<effect>.+?)\.$",
    re.IGNORECASE,
)
# "Y is the most common side effect of X"
_IS_AN_EFFECT = re.compile(
    rf"^(?P<effect>.+?) (?:is|are) (?:the |a |one of the )?(?:(?:most |more |only |main )?"
    rf"[\w-]+ )?{_EFFECT} of (?P<owner>.+?)\.$",
    re.IGNORECASE,
)


# "usually mild, such as a sore arm" (the coordination split may leave "such" alone)
_MILD_SUCH_AS = re.compile(
    r"^(?:\w+ )?(?:mild|minor|temporary|short-lived),? (?:such(?: as)?|like|including) "
    r"(?P<example>.+)$",
    re.IGNORECASE,
)
NOT_AN_EFFECT = {"the", "one", "rare", "uncommon", "people", "in", "at", "with", "for", "on"}
# "Side effects are usually mild": how bad, not what
ONLY_SEVERITY = re.compile(
    r"^(?:usually |generally |mostly |typically |often )?(?:mild|minor|temporary|rare)$", re.I
)


def side_effect_claim(claim: AtomicClaim, entity: str | None) -> AtomicClaim:
    """'The most common side effects are a sore arm.' on an HPV vaccine page is 'The HPV
    vaccine causes a sore arm.'; 'Nausea is the most common side effect of semaglutide.' is
    'Semaglutide causes nausea.': a side effect named is a claim that the product causes it
    ("Potential risks include dependence": that it can cause it)."""
    if claim.negated:
        return claim
    match = _EFFECTS_ARE.match(claim.text) or _IS_AN_EFFECT.match(claim.text)
    if match is None:
        return claim
    owner = match.group("owner") or entity
    if not owner or (match.group("risk") and match.groupdict().get("verb") != "include"):
        return claim  # "Potential risks include dependence", but not "The risks are small"
    effect = match.group("effect")
    examples = _MILD_SUCH_AS.match(effect)
    if examples is not None:
        effect = examples.group("example")  # "usually mild, such as a sore arm": a sore arm
    if effect.lower().split(" ", 1)[0] in NOT_AN_EFFECT or ONLY_SEVERITY.match(effect):
        return claim  # "... are the ones people worry about", "are in teenagers"
    setting = match.groupdict().get("setting") or ""
    verb = "cause" if is_plural_text(owner) else "causes"
    if match.group("risk"):
        verb = "can cause"  # a risk is what may happen, not what always does
    text = finish(cap(owner), f"{verb} {mid_sentence(effect)}{setting}", entity)
    return replace(claim, text=text, subject=owner)
