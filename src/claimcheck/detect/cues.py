"""Surface cues of health claims: hedges, negations, doses, populations, claim types.

Each cue is a small regular expression over the unit text. They feed the sentence
classifier (as features beside the sentence embedding) and the claim attributes.
"""

from __future__ import annotations

import re

from claimcheck.doc import ClaimType, Strength


def _words(*items: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(items) + r")(?![\w-])", re.IGNORECASE)


HEDGE = _words(
    r"may",
    r"might",
    r"could",
    r"can help",
    r"can",
    r"possibly",
    r"potential(?:ly)?",
    r"suggests?",
    r"appears? to",
    r"seems? to",
    r"likely",
    r"promising",
    r"preliminary",
    r"some (?:studies|research|evidence)",
    r"is thought to",
    r"believed to",
    r"linked to",
    r"associated with",
    r"tends? to",
    r"helps?",
)
CONDITIONAL = _words(r"may", r"might", r"could", r"can", r"possibly", r"potentially", r"likely")
CORRELATIONAL = _words(
    r"linked (?:to|with)",
    r"associated with",
    r"correlat\w*",
    r"tied to",
    r"related to",
    r"connected (?:to|with)",
)
NEGATION = _words(
    r"no",
    r"not",
    r"never",
    r"without",
    r"free (?:of|from)",
    r"non-addictive",
    r"n't",
    r"zero",
    r"none",
    r"neither",
    r"nor",
    r"doesn't",
    r"don't",
    r"won't",
    r"isn't",
    r"aren't",
    r"cannot",
    r"can't",
    r"lacks?",
)
NEGATED_RISK = re.compile(
    r"\b(?:without (?:(?:the|any) )?(?:risks?|dangers?|fear|worry|side[- ]effects?|chance)"
    r"|no (?:known )?(?:risks?|side[- ]effects?|dangers?|interactions?)"
    r"|free (?:of|from) (?:side[- ]effects?|risks?)|non-addictive|not addictive"
    r"|(?:won't|will not|doesn't|does not|cannot|can't) (?:cause|lead to|interact|harm|hurt))\b",
    re.IGNORECASE,
)
DOSE = re.compile(
    r"(?<![\w.])(\d+(?:[.,]\d+)?(?:\s*(?:-|–|to)\s*\d+(?:[.,]\d+)?)?)\s*"
    r"(mg|milligrams?|mcg|µg|micrograms?|g|grams?|kg|ml|milliliters?|millilitres?|iu|ius|"
    r"units?|drops?|teaspoons?|tsp|tablespoons?|tbsp|cups?|capsules?|tablets?|pills?|"
    r"gummies|glasses|servings?|ounces?|oz|percent|%)(?![\w])",
    re.IGNORECASE,
)
FREQUENCY = re.compile(
    r"\b(?:once|twice|three times|\d+ times) (?:a|per|each) (?:day|week|night)\b"
    r"|\bevery (?:\w+ )?(?:hours?|days?|nights?|mornings?|weeks?)\b|\bdaily\b",
    re.IGNORECASE,
)
# an amount of the substance itself, which evidence can speak to; "2 capsules" or "8
# glasses" depend on the label and are directions, not claims
MEASURED_DOSE = re.compile(
    r"\b\d[\d,.]*\s*(?:-|to)?\s*\d*\s*(?:mg|milligrams?|mcg|µg|micrograms?|g|grams?|iu|ml|"
    r"drops?)\b",
    re.IGNORECASE,
)
COUNTED = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six)\s+(?:capsules?|softgels?|tablets?|pills?|"
    r"gummies|glasses|scoops?|servings?|cups?)\b",
    re.IGNORECASE,
)
POPULATION = _words(
    r"children",
    r"kids",
    r"toddlers?",
    r"infants?",
    r"babies",
    r"teens?",
    r"teenagers?",
    r"adolescents?",
    r"pregnant women",
    r"pregnancy",
    r"during pregnancy",
    r"breastfeeding",
    r"nursing mothers",
    r"the elderly",
    r"older adults",
    r"seniors",
    r"women",
    r"men",
    r"athletes",
    r"diabetics",
    r"people with [a-z]+(?: [a-z]+)?",
    r"patients with [a-z]+",
    r"adults",
)
STATISTIC = re.compile(r"\b\d+(?:\.\d+)?\s*(?:%|percent|times|fold|out of \d+|in \d+)\b", re.I)
COMPARISON = _words(
    r"as effective as",
    r"more effective than",
    r"better than",
    r"safer than",
    r"works like",
    r"similar to",
    r"compared (?:to|with)",
    r"just like",
    r"outperforms?",
    r"as good as",
    r"stronger than",
    r"instead of",
)
MECHANISM = _words(
    r"receptors?",
    r"works by",
    r"acts on",
    r"binds?",
    r"inhibits?",
    r"mechanism",
    r"enzymes?",
    r"hormones?",
    r"neurotransmitters?",
    r"serotonin",
    r"dopamine",
    r"gaba",
    r"metaboli[sz]\w*",
    r"blocks?",
    r"activates?",
    r"interacts? with",
    r"interacting with",
    r"alkaloids?",
    r"compounds?",
)
SAFETY = _words(
    r"safe(?:ly|ty|r)?",
    r"side[- ]effects?",
    r"risks?",
    r"dependen\w+",
    r"addict\w+",
    r"toxic\w*",
    r"overdose",
    r"harm\w*",
    r"dangers?",
    r"dangerous",
    r"adverse",
    r"withdrawal",
    r"interact\w*",
    r"poison\w*",
    r"liver damage",
    r"habit[- ]forming",
    r"drowsiness",
    r"contaminat\w+",
)
DOSING = _words(
    r"doses?",
    r"dosage",
    r"daily",
    r"per day",
    r"a day",
    r"twice",
    r"take",
    r"servings?",
    r"mega-?dos\w+",
)
STOP_MEDICATION = re.compile(
    r"\b(?:stop|quit|ditch|replace|instead of|no need for|throw away|skip|come off|get off)"
    r"\b[^.]{0,40}\b(?:medications?|medicines?|meds|prescriptions?|insulin|chemo\w*|"
    r"antidepressants?|statins?|vaccines?|treatment|doctors?|drugs?|pills?)\b",
    re.IGNORECASE,
)
AUTHOR_PLAN = re.compile(
    r"^(?:in this (?:article|post|guide|piece)|this (?:article|post|guide) (?:explores|"
    r"covers|will|looks)|we (?:will|'ll) (?:explore|look|discuss|cover)|we delve|let's "
    r"(?:explore|look|dive)|read on|keep reading|below,? we|future research|further "
    r"(?:research|studies)|more research)",
    re.IGNORECASE,
)
# A listicle's promise of what follows ("Here are eight ways a daily probiotic can change
# your life"): the items are the claims, not the promise
LIST_INTRO = re.compile(
    r"^(?:here are|here's|below are|these are)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:ways|reasons|tips|things|signs|benefits|facts|myths|steps|habits)\b(?![^:]*:)",
    re.IGNORECASE,
)
# A Q&A page's question ("Q: I read that statins cause memory loss. True?"): the reader's
# premise, split from its question mark by the segmenter, is not the page's claim.
QUESTION_LABEL = re.compile(r"^(?:Q|Question)\s*:\s")
CALL_TO_ACTION = re.compile(
    r"\b(?:buy now|shop now|order (?:now|today)|add to cart|subscribe|sign up|click here|"
    r"use code|free shipping|limited time|learn more|contact us|share this|follow us)\b",
    re.IGNORECASE,
)
# How a study was done, not what it found: "The study followed 25,000 adults for five
# years", "Researchers compared registry records ...", "The trial was published in ...";
# a sentence that also says what it found ("... and found that most became dependent") is
# a finding.
STUDY_METHOD = re.compile(
    r"^(?!.*\b(?:found|finds|show|shows|showed|shown|report|reported|conclude|concluded|"
    r"linked|associated|reduc\w*|increas\w*|lower\w*|rais\w*|cut|improv\w*|prevent\w*|"
    r"caus\w*|had (?:fewer|more|less|lower|higher))\b)"
    r"(?:(?:the|a|an|one|this|that|their|our|in|for|both|two|each)\s+)?(?:[\w,-]+\s+){0,4}?"
    r"(?:study|studies|trial|trials|researchers|investigators|scientists|team|authors|survey)"
    r"\s+(?:also\s+|then\s+|later\s+)?(?:followed|compared|enrolled|recruited|randomi[sz]ed|"
    r"assigned|gave|tracked|surveyed|interviewed|measured|asked|was published|were published|"
    r"was funded|were funded|was led|ran for|lasted|included)\b",
    re.IGNORECASE,
)
# The supplement label's legal boilerplate (21 CFR 101.93): a disclaimer, not a claim.
DISCLAIMER = re.compile(
    r"(?:statements? (?:has|have) not been evaluated by the (?:Food and Drug Administration|FDA)"
    r"|(?:is|are) not intended to diagnose, treat, cure,? or prevent any disease)",
    re.IGNORECASE,
)
ANECDOTE = re.compile(
    r"^(?:many|some|most) (?:users|people|customers|readers) "
    r"(?:say|report|swear|love|tell)",
    re.IGNORECASE,
)
HEALTH_TERMS = _words(
    r"health\w*",
    r"sleep\w*",
    r"insomnia",
    r"pain",
    r"anxiety",
    r"depress\w+",
    r"cancer",
    r"diabet\w+",
    r"heart",
    r"blood pressure",
    r"cholesterol",
    r"immun\w+",
    r"infections?",
    r"virus\w*",
    r"viral",
    r"bacteria\w*",
    r"inflammat\w+",
    r"weight",
    r"fat",
    r"obesity",
    r"liver",
    r"kidneys?",
    r"brain",
    r"memory",
    r"cognitive",
    r"mood",
    r"stress",
    r"energy",
    r"fatigue",
    r"symptoms?",
    r"disease\w*",
    r"treat\w*",
    r"cures?",
    r"cured",
    r"heal\w*",
    r"prevent\w*",
    r"reduc\w+",
    r"boost\w*",
    r"improv\w+",
    r"relie\w+",
    r"alleviat\w+",
    r"detox\w*",
    r"toxins?",
    r"vaccin\w+",
    r"autism",
    r"withdrawal",
    r"addiction",
    r"recovery",
    r"dose\w*",
    r"dosage",
    r"supplements?",
    r"vitamins?",
    r"minerals?",
    r"herb\w*",
    r"medication\w*",
    r"drugs?",
    r"doctors?",
    r"clinical",
    r"studies",
    r"study",
    r"research",
    r"patients?",
    r"skin",
    r"gut",
    r"digest\w+",
    r"hormon\w+",
    r"testosterone",
    r"fertility",
    r"pregnan\w+",
    r"colds?",
    r"flu",
    r"covid\w*",
    r"coronavirus",
)
HEALTH_CUE_NAMES = (
    "hedge",
    "negation",
    "negated_risk",
    "dose",
    "population",
    "statistic",
    "comparison",
    "mechanism",
    "safety",
    "dosing",
    "stop_medication",
    "author_plan",
    "call_to_action",
    "anecdote",
    "question",
    "health_terms",
    "first_person",
    "length",
)
_FIRST_PERSON = _words(r"i", r"i'm", r"i've", r"my", r"me", r"we", r"our", r"us")


def cue_vector(text: str) -> list[float]:
    """Numeric cue features, in HEALTH_CUE_NAMES order."""
    stripped = text.strip()
    words = max(1, len(stripped.split()))
    return [
        float(bool(HEDGE.search(text))),
        float(bool(NEGATION.search(text))),
        float(bool(NEGATED_RISK.search(text))),
        float(bool(DOSE.search(text))),
        float(bool(POPULATION.search(text))),
        float(bool(STATISTIC.search(text))),
        float(bool(COMPARISON.search(text))),
        float(bool(MECHANISM.search(text))),
        float(bool(SAFETY.search(text))),
        float(bool(DOSING.search(text))),
        float(bool(STOP_MEDICATION.search(text))),
        float(bool(AUTHOR_PLAN.search(stripped))),
        float(bool(CALL_TO_ACTION.search(text))),
        float(bool(ANECDOTE.search(stripped))),
        float(stripped.endswith("?")),
        min(1.0, len(HEALTH_TERMS.findall(text)) / 3.0),
        float(bool(_FIRST_PERSON.search(text))),
        min(1.0, words / 40.0),
    ]


_NUMBER_WORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|"
    r"fifty|a hundred|half a|a half|a single|single|a few)"
)
_AMOUNT = rf"(?:\d[\d,]*(?:\.\d+)?|{_NUMBER_WORD})"
DOSE_PHRASE = re.compile(
    rf"(?<![\w.])(?P<qual>(?:about|around|roughly|approximately|above|over|more than|less than|"
    rf"under|up to|at least|at most|no more than)\s+)?"
    rf"(?P<amount>{_AMOUNT}(?:\s*(?:-|–|to|or)\s*(?:more than\s+)?{_AMOUNT})?)\s*"
    r"(?P<unit>mg|milligrams?|mcg|µg|micrograms?|g|grams?|kg|ml|milliliters?|millilitres?|"
    r"iu|ius|drops?|teaspoons?|tsp|tablespoons?|tbsp|cups?|capsules?|tablets?|pills?|"
    r"gummies|glasses|servings?|ounces?|oz|kernels?|doses?|billion cfu|cfu|scoops?)"
    r"(?![\w])"
    r"(?:\s+of\s+[\w-]+(?:\s+[\w-]+)?(?=\s+(?:a|per|every|each|once|twice)\b))?"
    r"(?P<freq>\s+(?:(?:once|twice|three times|four times|\d+ times)\s+)?"
    r"(?:a|per|every|each)\s+(?:day|week|morning|night|evening|hour|meal|kg|kilogram)"
    r"(?: of body weight)?)?",
    re.IGNORECASE,
)
_UNIT_NAMES = {
    "grams": "g",
    "gram": "g",
    "milligrams": "mg",
    "milligram": "mg",
    "micrograms": "mcg",
    "microgram": "mcg",
    "µg": "mcg",
    "ius": "IU",
    "iu": "IU",
}


def dose_of(text: str) -> str | None:
    """'1-3 grams' -> '1-3 g'; 'more than 4,000 IU a day' kept with its qualifier and rate."""
    match = DOSE_PHRASE.search(text)
    if match is None:
        return None
    amount = re.sub(r"\s*(?:-|–)\s*", "-", match.group("amount"))
    unit = match.group("unit")
    unit = _UNIT_NAMES.get(unit.lower(), unit.lower() if unit.lower() != "cfu" else "CFU")
    parts = [match.group("qual") or "", f"{amount} {unit}", match.group("freq") or ""]
    text = " ".join(p.strip() for p in parts if p.strip())
    return re.sub(r"\bkilogram\b", "kg", text)


def population_of(text: str) -> str | None:
    match = POPULATION.search(text)
    return match.group(0).lower() if match else None


STATE_VERBS = re.compile(
    r"\b(?:is|are|was|were|be|been|contains?|has|have|had|includes?|comes?|used|uses|approved|"
    r"made|sold|called|known|found in|recommend\w*|advis\w*|stands?)\b",
    re.IGNORECASE,
)
CAUSAL_VERBS = re.compile(
    r"\b(?:cause[sd]?|causing|cure[sd]?|prevent\w*|reduc\w+|lower\w*|rais\w+|increas\w+|"
    r"boost\w*|improv\w+|treat\w*|heal\w*|kill\w*|protect\w*|block\w*|relie\w+|eas\w+|"
    r"fight\w*|destroy\w*|damage\w*|lead\w* to|result\w* in|make\w*|help\w*|work\w*|"
    r"trigger\w*|slow\w*|speed\w*|strengthen\w*|weaken\w*|stop\w*|reverse\w*|burn\w*|"
    r"promot\w+|induc\w+|shrink\w*|harm\w*|interact\w*|affect\w*)\b",
    re.IGNORECASE,
)


def rule_strength(text: str, span: str) -> Strength:
    """The health-claim-strength scale from cue words in the source span."""
    source = span or text
    if CORRELATIONAL.search(source) or re.search(r"\b(?:more|less) likely\b", source, re.I):
        return Strength.CORRELATIONAL
    if CONDITIONAL.search(source) or re.search(
        r"\b(?:suggests?|appears? to|seems? to|potential(?:ly)?|possibl[ey])\b", source, re.I
    ):
        return Strength.CONDITIONAL_CAUSAL
    if CAUSAL_VERBS.search(text) or NEGATED_RISK.search(source):
        return Strength.DIRECT_CAUSAL
    if STATE_VERBS.search(text) or STATISTIC.search(text):
        return Strength.NONE
    return Strength.DIRECT_CAUSAL


def strength_cue_vector(text: str, span: str) -> list[float]:
    return [
        float(bool(CORRELATIONAL.search(span))),
        float(bool(CONDITIONAL.search(span))),
        float(bool(HEDGE.search(span))),
        float(bool(CAUSAL_VERBS.search(text))),
        float(bool(STATE_VERBS.search(text))),
        float(bool(STATISTIC.search(text))),
        float(bool(NEGATION.search(span))),
        float(bool(re.search(r"\b(?:more|less) likely\b", span, re.I))),
    ]


def type_cue_vector(text: str, span: str) -> list[float]:
    words = f"{text} {span}"
    return [
        float(bool(NEGATED_RISK.search(words))),
        float(bool(SAFETY.search(text))),
        float(bool(DOSE_PHRASE.search(words))),
        float(bool(DOSING.search(words))),
        float(bool(COMPARISON.search(text))),
        float(bool(STATISTIC.search(text))),
        float(bool(MECHANISM.search(text))),
        float(bool(STOP_MEDICATION.search(words))),
        float(bool(NEGATION.search(text))),
    ]


def claim_type(text: str, span: str = "", has_dose: bool = False) -> ClaimType:
    """efficacy, safety, dosing, mechanism, comparison or statistic, from cue words."""
    words = f"{text} {span}"
    if NEGATED_RISK.search(words) or SAFETY.search(text):
        return ClaimType.SAFETY
    if has_dose and DOSE_PHRASE.search(text):
        return ClaimType.DOSING
    if COMPARISON.search(text):
        return ClaimType.COMPARISON
    if STATISTIC.search(text):
        return ClaimType.STATISTIC
    if MECHANISM.search(text):
        return ClaimType.MECHANISM
    return ClaimType.EFFICACY


def harm_risk(claim_type_: ClaimType, negated: bool, text: str) -> float:
    """0-1 priority for moderators: telling people to stop medicine, dismissing risks,
    and dosing advice come first."""
    score = {
        ClaimType.SAFETY: 0.6,
        ClaimType.DOSING: 0.55,
        ClaimType.COMPARISON: 0.4,
        ClaimType.EFFICACY: 0.3,
        ClaimType.STATISTIC: 0.2,
        ClaimType.MECHANISM: 0.1,
    }[claim_type_]
    if STOP_MEDICATION.search(text):
        score = max(score, 0.95)
    if negated and claim_type_ == ClaimType.SAFETY:
        score += 0.25  # "no risk of dependence" invites exactly the harm it denies
    if POPULATION.search(text) and re.search(
        r"child|kid|infant|bab|pregnan|breastfeed", text, re.I
    ):
        score += 0.1
    return round(min(1.0, score), 2)
