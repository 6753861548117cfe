"""Deterministic detectors: each finds spans of one kind of problem in an ad text.

A detector knows nothing about platforms' rule ids or severities: it names its check, and the
policy files say which rule each check enforces on which platform. Detectors look only at the
text's words, so text that addresses the checker ("ignore previous instructions…") is just
more words to them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from affiliate.compliance import lexicons as lx
from affiliate.compliance.disclosure import disclosure_issue, has_disclosure


@dataclass(frozen=True)
class Hit:
    check: str
    start: int
    end: int
    field: str = "text"  # "text" or "headline"


def _alt(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(words) + ")"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Numbers as copy writes them: digits, words ("twenty", "twenty-five") and "a couple".
_UNITS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen"
)
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUMBER_WORD = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
    rf"|(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_UNITS}|a (?:couple|dozen|hundred)(?: of)?)"
)
_ORDINAL = (
    r"(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
)
# An amount of money: "$3,000", "£3k", "$1.2M", or "3 grand" / "500 bucks".
MONEY = (
    r"(?:[$€£]\s?(?!0(?![\d.,]))\d[\d,]*(?:\.\d+)?\s?(?:k|K|m|M|,000)?(?![\w])"
    rf"|\b{NUMBER_WORD}\s?(?:k|K)\b(?!\s+(?:runs?|races?|plan|steps|training|walk|swim))"
    rf"|\b{NUMBER_WORD}\s+(?:grand|bucks|dollars|euros|quid)\b)"
)
PERIOD = (
    r"(?:(?:/\s?|\s?(?:per|a|an|every|each)\s)(?:day|week|month|hour|year|mo|wk|yr)\b"
    r"|\s(?:daily|weekly|monthly)\b)"
)
WEIGHT_UNIT = r"(?:lbs?|pounds?|kgs?|kilos?|stone)"
# When a promised result arrives: "in 2 weeks", "within a month", "in like 10 days", "overnight",
# "by summer".
TIME_FRAME = (
    r"(?:(?:in|within|after|under)\s+"
    r"(?:just\s+|only\s+|less than\s+|about\s+|like\s+|as little as\s+)?"
    rf"(?:{NUMBER_WORD}|a|an|one)\s+(?:days?|weeks?|months?|hours?|nights?|fortnight)\b"
    r"|overnight\b|in days\b|by (?:summer|the wedding|christmas|next month|the holidays|spring)\b"
    r"|before (?:summer|the wedding|beach season|christmas|your holiday)\b)"
)
_DETERMINER = (
    r"(?:(?:your|the|my|his|her|their|that|this|those|an?|one|two|three|[\w]+'s)\s+)?"
    r"(?:(?:full|whole|entire|extra|stubborn|last|first)\s+)?"
)

PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "health_cure": (
        _rx(rf"\b{_alt(lx.CURE_VERBS)}\b(?:\s+[\w'’]+){{0,4}}?\s+{_alt(lx.DISEASES)}\b"),
        _rx(rf"\b{_alt(lx.DISEASES)}\b[^.!?]{{0,20}}\b(?:gone )?(?:forever|for good|for life)\b"),
        _rx(
            r"\b(?:without|no|zero) (?:medication|drugs|pills|prescriptions?|surgery|side effects)"
            r"(?: needed)?\b"
        ),
        _rx(r"\b(?:replaces?|instead of) (?:your )?(?:medication|insulin|prescriptions?)\b"),
        # The condition's outcome said after it: "his blood pressure came down in two weeks".
        _rx(
            rf"\b{_alt(lx.DISEASES)}\s+(?:[\w']+\s+){{0,2}}?{_alt(lx.CONDITION_OUTCOMES)}\b"
            r"(?!\s+(?:arrow|payment|load))"
        ),
        _rx(
            r"\b(?:br(?:ing|ings|ought)|g[eo]t(?:s)?|knock(?:s|ed)?|dr(?:ive|ove))\s+"
            rf"(?:[\w']+\s+){{0,3}}?{_alt(lx.DISEASES)}\s+down\b"
        ),
        # Pain said to be ended in someone: "ended my plantar pain", "relieves her hip aches".
        _rx(
            rf"\b{_alt(lx.CURE_VERBS)}\s+(?:my|your|his|her|their|our)\s+(?:[\w-]+\s+){{0,2}}?"
            r"(?:pain|aches?|stiffness|flare-?ups?)\b"
        ),
        _rx(rf"\b{_alt(lx.REMOVE_VERBS)}\s+(?:[\w']+\s+){{0,2}}?{_alt(lx.SKIN_CONCERNS)}\b"),
        # The same said the other way round: "Wrinkles? Gone."
        _rx(
            rf"\b{_alt(lx.SKIN_CONCERNS)}\b\W{{0,3}}\s*(?:\w+\s+)?(?:gone|vanish(?:ed|es)?"
            r"|disappear(?:ed|s)?|erased|faded)\b"
        ),
        # Years taken off a face: the anti-ageing claim said in time.
        _rx(
            r"\b(?:take|takes|took|taking)\s+(?:\d+|ten|five|fifteen|twenty|a few)\s+years\s+off\b"
            r"|\blook(?:s|ing)?\s+(?:\d+|ten|five|fifteen|twenty)\s+years\s+younger\b"
            r"|\bturn(?:s|ed|ing)?\s+back\s+(?:the\s+)?(?:years|clock)\b"
        ),
        _rx(
            r"\bre-?grow(?:s|ing|th)?\s+(?:[\w-]+\s+){0,3}?(?:hair|edges|hairlines?|brows|lashes)\b"
        ),
        # People said to have come off their medicine.
        _rx(
            r"\b(?:off|ditch(?:ed|ing)?|quit|stop(?:ped)? taking|threw away|throw away|no longer"
            r" (?:needs?|on|taking)|(?:doesn'?t|don'?t|won'?t|didn'?t) need|came off|come off"
            r"|got off|get off)\s+"
            rf"(?:(?:his|her|my|their|your|the|all)\s+)?(?:\w+\s+)?{lx.MEDICINES}\b"
        ),
    ),
    "weight_loss_amount": (
        _rx(
            r"\b(?:lose|loses|lost|losing|drop|dropped|dropping|shed|shedding|burn|melt|torch)\s+"
            rf"(?:up to\s+|over\s+)?(?:{NUMBER_WORD}|an?|half an?)\s*(?:full\s+|whole\s+)?"
            r"(?:lbs?|pounds?|kgs?|kilos?|(?:(?:dress|jeans?|pant|clothes|clothing)\s+)?sizes?|inches"
            r"|stone|calories|%\s*body\s*fat)\b"
        ),
        _rx(
            r"\b(?:lose|lost|losing|drop(?:ped)?|shed|slim(?:med)? down|down|off|melted)\b"
            r"[^.!?]{0,30}?"
            rf"\b{NUMBER_WORD}\s*(?:{WEIGHT_UNIT}|(?:dress\s+)?sizes?|inches)\b"
        ),
        _rx(rf"\b{NUMBER_WORD}\s*{WEIGHT_UNIT}\b[^.!?]{{0,20}}?\b(?:lost|gone|down|off|dropped)\b"),
        _rx(
            rf"\b{NUMBER_WORD}\s*{WEIGHT_UNIT}\s+in\s+(?:just\s+)?(?:a\s+)?{NUMBER_WORD}?\s*"
            r"(?:days?|weeks?|months?|fortnight)\b"
        ),
        _rx(
            r"\b(?:lose|shed|drop|burn)\s+(?:the\s+)?(?:weight|fat|pounds|belly fat)\s+"
            r"(?:fast|quickly|rapidly|in days)\b"
        ),
        # A body change by a date — "flattens the tummy in a week", "melt belly fat by summer".
        _rx(
            rf"\b{_alt(lx.SLIM_VERBS)}\s+{_DETERMINER}(?:[\w-]+\s+)?{_alt(lx.BODY_TARGETS)}\b"
            rf"[^.!?]{{0,25}}?{TIME_FRAME}"
        ),
        # The body part first: "made my belly shrink overnight", "thighs slimmed down in a month".
        _rx(
            rf"\b{_alt(lx.BODY_TARGETS)}\s+(?:\w+\s+)?(?:shrink|shrank|shrunk|shrinks|melt(?:s|ed)?"
            r"(?: away)?|slimmed(?: down)?|disappear(?:s|ed)?|vanish(?:es|ed)?|went down|dropped)\b"
            rf"[^.!?]{{0,20}}?{TIME_FRAME}"
        ),
        # A slimmer body part by a date: "slimmer waist in 10 days", "flat belly by summer".
        _rx(
            r"\b(?:flat|flatter|slim|slimmer|smaller|thinner|tighter|tinier|leaner|trimmer|toned)\s+"
            rf"(?:[\w-]+\s+)?{_alt(lx.BODY_TARGETS)}\b[^.!?|]{{0,20}}?{TIME_FRAME}"
        ),
        # Fitting into clothes again, or by a date, is the weight-loss result said another way.
        _rx(
            r"\b(?:fit|fits|fitting|squeeze|zip)\s+(?:back\s+)?(?:into|in)\s+"
            r"(?:(?:your|my|her|his|those|that|the|old)\s+)?(?:[\w-]+\s+)?"
            r"(?:jeans|dress|clothes|trousers|pants|swimsuit|bikini|suit)\b"
            rf"(?:\s+again\b|[^.!?]{{0,25}}?{TIME_FRAME})"
        ),
        # A goal body reached: "you WILL hit your goal weight".
        _rx(
            r"\b(?:hit|reach|get to|achieve|hitting|reaching|reached)\s+"
            r"(?:your|my|her|his|their)\s+(?:goal|dream|target|ideal)\s+(?:weight|body|size|physique)\b"
        ),
        # Weight loss promised to the reader: "you will lose weight", "u'll drop 5 kilos".
        _rx(
            r"\b(?:you|u)\s*(?:will|'ll)\s+(?:definitely\s+|absolutely\s+|100%\s+)?(?:lose|drop|shed)"
            rf"\s+(?:the\s+)?(?:weight|pounds|fat|belly fat|{NUMBER_WORD})\b"
        ),
        # The fat a product is bought for, said to be gone: "my muffin top literally disappeared".
        _rx(
            r"\b(?:muffin top|love handles|belly fat|double chin|dad bod|bingo wings|cellulite"
            r"|beer belly|mummy tummy|baby weight|back fat|arm fat)\s+(?:\w+\s+){0,2}?"
            r"(?:disappeared|vanished|melted(?: away)?|(?:is |was )?gone|shrank|shrunk)\b"
        ),
        # Clothes that no longer fit are a weight-loss result: "your jeans are suddenly loose".
        _rx(
            r"\b(?:jeans|trousers|pants|clothes|dress|belt|waistband)\s+(?:will\s+)?(?:are|is|feel|feels|felt"
            r"|got|getting|became|were|now|suddenly)\s+(?:\w+\s+)?(?:loose|looser|baggy|too big)\b"
            r"|\b(?:jeans|trousers|pants|clothes)\s+(?:are\s+|keep\s+)?falling off\b"
        ),
    ),
    "effortless_weight_loss": (
        _rx(
            r"\b(?:lose|losing|weight|pounds|slim|sizes?|fat|tummy|belly|waist|melt|shed|kilos"
            r"|scale)\b"
            rf"[^.]{{0,60}}?\b{_alt(lx.NO_EFFORT)}\s+{_alt(lx.EFFORTS)}\b"
        ),
        _rx(
            rf"\b{_alt(lx.NO_EFFORT)}\s+{_alt(lx.EFFORTS)}\b"
            r"[^.]{0,60}?\b(?:lose|losing|weight|pounds|slim|sizes?|fat|tummy|belly|melt|shed)\b"
        ),
        _rx(r"\beat(?:ing)? (?:whatever|anything|all) (?:you|u) (?:want|like|love)\b"),
        # The product works instead of the reader: "these capsules do the hard work while you rest".
        _rx(
            r"\b(?:capsules?|pills?|drops|tea|patch(?:es)?|gumm(?:y|ies)|shakes?|drinks?|formula"
            r"|supplements?|powder)\s+(?:\w+\s+)?(?:does|do)\s+(?:all\s+)?the\s+(?:hard\s+)?work"
        ),
    ),
    "fat_burn_claim": (
        _rx(r"\bmelts?\s+(?:away\s+)?(?:\w+\s+)?fat\b"),
        _rx(r"\bmelts?\s+(?:it|them|the \w+|your \w+)\s+away\b"),
        _rx(
            r"\bburns?\s+(?:\w+\s+)?fat\s+(?:\d+x\s+)?(?:fast|faster|quickly|while|overnight|instantly)"
        ),
        _rx(
            r"\bfat[- ]burning\s+"
            r"(?:pills?|teas?|drinks?|capsules?|supplements?|formula|gumm(?:y|ies)|shots?|drops)\b"
        ),
        _rx(r"\b(?:fat|weight|pounds)\b[^.]{0,30}\bwhile you sleep\b"),
        _rx(
            r"\b(?:weight|fat|pounds|kilos)\s+(?:just\s+)?(?:falls?|melts?|drops?|slides?)\s+off\b"
        ),
        _rx(
            r"\b(?:flattens?|shrinks?|slims?|tightens?)\s+"
            rf"{_DETERMINER}(?:stomach|belly|tummy|waist|thighs)\b"
        ),
    ),
    "income_amount": (
        _rx(rf"\b{_alt(lx.EARN_VERBS)}\s+(?:{_alt(lx.EARN_FILLERS)}\s+){{0,3}}{MONEY}"),
        _rx(
            rf"{MONEY}\s*\+?\s*{PERIOD}"
            r"(?=[^.]*\b(?:income|profit|earn|make|commissions?|paid|side hustle|passive|working"
            r"|from home)\b)"
        ),
        _rx(
            r"\b(?:earn|make|made|pays|paid|income|profit|making|earning|pulling in|bringing in"
            r"|pocket(?:s|ed|ing)?|hit(?:s|ting)?|clear(?:s|ed|ing)?)\b"
            rf"[^.]{{0,40}}?{MONEY}\s*\+?\s*{PERIOD}"
        ),
        # Thousands per period ("$14k/month") is how earnings are boasted, not how prices are.
        _rx(rf"[$€£]\s?\d+(?:\.\d+)?\s?[kK]\s*\+?\s*{PERIOD}"),
        # A range per period is how pay is quoted ("$200-$500 per day"), not a price.
        _rx(rf"{MONEY}\s*(?:-|to)\s*{MONEY}\s*\+?\s*{PERIOD}"),
        _rx(
            r"\b(?:working|work from home|from home|side hustle|passive)\b"
            rf"[^.]{{0,40}}?{MONEY}\s*\+?\s*{PERIOD}"
        ),
        _rx(rf"\b(?:turn|grow|flip)(?:s|ed|ing)?\s+{MONEY}\s+(?:into|to)\s+{MONEY}"),
        # A balance shown off: "my bank account after 30 days of this method: $7,412".
        _rx(
            r"\b(?:my|our|his|her|their) (?:bank account|earnings|payouts?|commissions?|stripe"
            r"|paypal)\b"
            rf"[^.!?]{{0,40}}?{MONEY}"
        ),
        _rx(rf"\bgrew\s+{MONEY}\s+(?:into|to)\s+{MONEY}"),
        _rx(rf"{MONEY}\s+(?:months|weeks|days|years)\b"),
        _rx(r"[$€£]\s?\d+(?:\.\d+)?\s?[kK]\s+(?:month|week|day)\b"),
        _rx(rf"{MONEY}\s+(?:\w+\s+)?(?:business|income|salary|side hustle|paycheck|profit)\b"),
        _rx(rf"{MONEY}\s+in\s+(?:\w+\s+)?(?:profits?|commissions?|revenue|sales|passive income)\b"),
        _rx(
            rf"(?:\bguaranteed\s+)?{MONEY}\s+in\s+(?:your|the|their|my|his|her)\s+first\s+"
            r"(?:day|week|month)\b"
        ),
    ),
    "get_rich": (_rx(rf"\b{_alt(lx.GET_RICH)}\b"),),
    "guaranteed_result": (
        _rx(r"\b(?:guarantee(?:d|s)?|guar[ae]nt[e]{1,3}d|garant[e]{1,2}d)\b"),
        # A result with a deadline, backed by a refund: "abs in 21 days or your money back".
        _rx(
            rf"{TIME_FRAME}\s*,?\s*(?:or|-|—|–)\s*(?:your\s+)?(?:money\s+back|full\s+refund"
            r"|it'?s free|you don'?t pay)"
        ),
    ),
    "instant_result": (
        _rx(rf"\b{_alt(lx.INSTANT_RESULTS)}"),
        _rx(
            r"\b(?:visible |instant |real |noticeable )?results?\s+(?:from|on|after)\s+"
            r"(?:day (?:one|1)|the (?:very )?first (?:day|use|application|wash|dose))\b"
            r"|\bresults?\b[^.!?]{0,30}\bevery (?:single )?time\b"
        ),
        _rx(rf"\b{_alt(lx.TIMED_OUTCOMES)}\b[^.!?]{{0,20}}?{TIME_FRAME}"),
    ),
    "before_after": (
        _rx(r"\bbefore\s*(?:and|&|/|-|\+|n'?)\s*after\b"),
        _rx(r"\bbefore[- ]and[- ]after\b"),
        # Two points in time set against each other: "week one vs week eight", "day 1 → day 30".
        _rx(
            rf"\b(?:day|week|month|year)\s*(?:{NUMBER_WORD}|{_ORDINAL})\b[^.!?]{{0,30}}?"
            r"(?:\bvs\.?|\bversus|->|→|➡️?|\bto|\band(?: on)?)\s*(?:\w+\s+)?"
            rf"(?:day|week|month|year)\s*(?:{NUMBER_WORD}|{_ORDINAL})\b"
        ),
        _rx(rf"\b{_ORDINAL}\s+(?:day|week|month)\b[^.!?]{{0,30}}?(?:\bvs\.?|\bversus|->|→)"),
        _rx(r"\bfrom (?:a )?size \d+ to (?:a )?size \d+\b"),
        _rx(r"\b(?:ago|then|before)\s*(?:vs\.?|versus|->|→)\s*(?:today|now|after)\b"),
        _rx(r"\bprogress (?:pics?|photos?|pictures?|shots?)\b"),
        _rx(r"\bvs\.?\s+(?:me\s+)?(?:today|now)\b"),
        # Side by side with a body or a time beside it; "compare plans side by side" is a table.
        _rx(
            r"\bside[- ]by[- ]side\b(?=[^.!?]{0,40}\b(?:skin|body|face|photos?|pics?|before|after"
            r"|week|day|month|results?)\b)"
        ),
        _rx(rf"\b{NUMBER_WORD}\s+(?:days?|weeks?|months?|years?)\s+apart\b"),
        # Labelled states: "Then: couldn't run a mile. Now: marathon finisher."
        _rx(r"\b(?:then|before)\s*[:=-]\s*[^!?]{1,60}?\b(?:now|after|today)\s*[:=-]"),
        _rx(
            rf"\bleft(?:\s+is|\s*[:=-])\s*(?:me\s+)?(?:{_alt(lx.MONTHS)}|before|then|day|week"
            r"|month|year|at|\d)[^!?]{0,40}?\bright(?:\s+is|\s*[:=-])"
        ),
        _rx(r"\bsame (?:lighting|angle|pose|camera|face|girl|guy|person|body|woman|man|me)\b"),
        _rx(r"\btransformation(?:\s+(?:photos?|pics?|pictures?|story))?\b"),
        _rx(
            r"\btransform(?:s|ed|ing)?\s+(?:his|her|my|their|your|\w+'s)\s+"
            r"(?:body|skin|face|figure|physique|belly|smile|hair|life)\b"
        ),
        _rx(
            r"\b(?:see|notice|spot)\s+the\s+difference\s+(?:in|on)\s+(?:his|her|my|their|\w+'s)\s+"
            r"(?:skin|body|face|hair|waist|belly|arms|smile)\b"
        ),
        _rx(
            r"\bswipe\s+(?:to\s+see|for)\s+(?:the\s+|my\s+|her\s+|his\s+|\w+'s\s+)?"
            r"(?:results?|difference|before|after|transformation|progress|glow[- ]?up|journey)\b"
        ),
        _rx(r"\bglow[- ]?ups?\b"),
    ),
    "false_scarcity": (_rx(rf"\b{_alt(lx.SCARCITY)}\b"),),
    "urgency_pressure": (_rx(rf"\b{_alt(lx.URGENCY)}\b"),),
    "reference_price": (
        _rx(rf"\b{_alt(lx.REFERENCE_PRICE)}"),
        _rx(rf"{MONEY}\s+value\b"),
        _rx(
            rf"\b(?:(?:total|real|retail|full)\s+value\s*(?::|of|is)|value\s*:)\s*(?:over\s+)?{MONEY}"
        ),
        _rx(
            rf"{MONEY}[^.]{{0,40}}"
            r"(?:\bnow|\btoday|\byours for|\bfor just|\bfor only|,\s*(?:just|only))"
            rf"\s+(?:just |only )?{MONEY}"
        ),
        _rx(rf"{MONEY}\s+worth\b"),
        _rx(rf"{MONEY}\s+(?:vs\.?|versus)\s+(?:the\s+|a\s+)?{MONEY}"),
        # Someone else's price, then "ours": "Salon treatments cost $200. Ours? Just $19."
        _rx(
            rf"{MONEY}[^!?]{{0,60}}?\bours\b\W{{0,3}}\s*(?:(?:is|are)\s+)?(?:just\s+|only\s+)?"
            rf"{MONEY}"
        ),
        _rx(
            rf"{MONEY}\s+(?:at|in)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:stores?|shops?|cent(?:re|er)s"
            r"|retail|boutiques?|salons?|pharmac(?:y|ies)|supermarkets?)\b"
        ),
        # An amount set against another: "$68 in stores → $22", "$99 ➡️ $49".
        _rx(rf"{MONEY}[^.]{{0,20}}?(?:→|->|=>|➡)\s*\W{{0,2}}\s*(?:just |only )?{MONEY}"),
        _rx(rf"{MONEY}\s+(?:in stores|elsewhere|at retail|rrp|msrp)\b"),
    ),
    "clickbait": (_rx(rf"\b{_alt(lx.CLICKBAIT)}\b"),),
    "unsubstantiated": (_rx(rf"(?<![\w#]){_alt(lx.UNSUBSTANTIATED)}\b"),),
}

# "does not guarantee future results" is a disclaimer, not a promise.
_NEGATION = _rx(r"(?:\b(?:not|no|never|cannot|can't)|n't)\s+$")
_REFUND_GUARANTEE = _rx(
    rf"\b{_alt(lx.GUARANTEE_REFUND_CONTEXT)}\s+(?:\w+\s+)?guarantee\b"
    rf"|\bguarantee[sd]?\s+{lx.GUARANTEE_WARRANTY_OBJECT}"
)
_DATED = _rx(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_alt(lx.MONTHS)}|{_alt(lx.MONTHS)}\s+\d{{1,2}}(?:st|nd|rd|th)?)\b"
)
# A condition the health rules name is as personal as one Meta lists ("your migraines"); the
# few that name a body part or a topic rather than a condition are left out.
_NOT_ATTRIBUTES = {
    r"(?:your\s+)?gut",
    r"diseases?",
    r"infections?",
    r"inflammation",
    r"(?:the )?flu",
}
# Measurements ("your blood pressure", "your A1C") are what a monitor tracks, not a condition;
# only their "high" forms, in PERSONAL_ATTRIBUTES, say something about the reader.
_MEASUREMENTS = (
    "blood pressure",
    "blood sugar",
    "cholesterol",
    "glucose",
    "a1c",
    "levels",
    "thyroid",
)
READER_CONDITIONS = lx.PERSONAL_ATTRIBUTES + tuple(
    d
    for d in lx.DISEASES
    if d not in _NOT_ATTRIBUTES
    and not d.startswith("(?:clogged")
    and not any(m in d for m in _MEASUREMENTS)
)
_PERSONAL = _rx(
    rf"\b{_alt(lx.SECOND_PERSON_CUES)}\b(?:\s+[\w'’-]+){{0,4}}?\s+{_alt(READER_CONDITIONS)}\b"
)
# Sentences with their end marks, found in one pass (a pattern ending in "\?" would rescan a
# long sentence from every character when it ends otherwise).
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
_READER = _rx(r"\b(?:you|your|you're|you'd|you've|yourself|u|ur|ya)\b")
_NEGATIVE_FEELING = _rx(rf"\b{_alt(lx.NEGATIVE_FEELINGS)}\b")
# The feeling bears on the body or money within a few words ("hate the way your thighs look");
# a body word naming a product ("hair dryer", "face mask") is not the reader's body.
_FEELING_ABOUT = _rx(
    rf"\b{_alt(lx.NEGATIVE_FEELINGS)}\b(?:\s+[\w'-]+){{0,6}}?\s+{_alt(lx.BODY_AND_MONEY_STATES)}\b"
    r"(?!\s+(?:dryers?|straighteners?|ties?|brush(?:es)?|masks?|creams?|wash|lotions?|care|oils?"
    r"|serums?|routines?|types?|tones?|back|transfers?|apps?|managers?|tools?))"
)
# A feeling with its object ("Tired of…", "Embarrassed to…"); "Tired skin?" names a look.
_ELIDED_FEELING = _rx(
    rf"(?:still\s+|so\s+)?{_alt(lx.NEGATIVE_FEELINGS)}\s+"
    r"(?:of|to|by|about|with|that|how|when|the way)\b"
)
# "Suffering from restless legs?": verbs that only take a condition make one of anything.
_SUFFERING_QUESTION = _rx(
    r"(?:^|(?<=[.!?]\s))(?:still\s+|always\s+)?(?:suffering from|diagnosed with|battling)\b"
    r"[^.!?]{1,50}\?"
)
# "Waking up with back pain?": a question that opens on what the reader is going through.
_CONDITION_QUESTION = _rx(
    r"(?:^|(?<=[.!?]\s))(?:still\s+|always\s+|constantly\s+)?(?:waking up|living|dealing|struggling"
    r"|suffering|coping|battling|fighting|going through|recovering|getting|having|tired of|sick of"
    r"|managing|treating|controlling|navigating|facing)"
    rf"\b[^.!?]{{0,30}}?\b{_alt(READER_CONDITIONS)}\b[^.!?]{{0,40}}\?"
)
# A short question that opens on an attribute ("Over 50?", "Bad credit?") addresses the reader.
_ATTRIBUTE_QUESTION = _rx(
    r"(?:^|(?<=[.!?]\s))(?:(?:recently|newly|still|always|so|totally|constantly|going|getting"
    r"|feeling|becoming)\s+)?"
    rf"{_alt(READER_CONDITIONS)}\b[^.!?]{{0,60}}\?"
)
# "Are you a …", "you're a …": cues that make a group identity an assertion about the reader.
_IDENTITY = _rx(
    rf"\b{_alt(lx.IDENTITY_CUES)}\s+(?:[\w-]+\s+)?{_alt(lx.IDENTITIES)}\b"
    r"(?!\s+(?:friday|dress|coffee|tea|pepper|belt))"
)
_NEUTRALITY = _rx(rf"\b{_alt(lx.NEUTRALITY)}")
_FALSE_INDEPENDENCE = _rx(rf"\b{_alt(lx.FALSE_INDEPENDENCE)}\b")
_REPEATED_PUNCTUATION = re.compile(r"[!?]{2,}|[$*#@]{2,}|\.{4,}|,{2,}")
# Capitals in a word of their own; a discount code ("use code SAVE") is a name, not shouting.
_CAPS_WORD = re.compile(r"(?<![\w#@$])(?<![Cc]ode )[A-Z]{3,}(?![\w])")


def _pattern_hits(check: str, text: str) -> Iterator[Hit]:
    for pattern in PATTERNS[check]:
        for match in pattern.finditer(text):
            yield Hit(check, match.start(), match.end())


def _guaranteed_result(text: str) -> Iterator[Hit]:
    """ "Guaranteed results" — but a money-back guarantee is a refund policy, not a promise."""
    refunds = [m.span() for m in _REFUND_GUARANTEE.finditer(text)]
    for hit in _pattern_hits("guaranteed_result", text):
        negated = _NEGATION.search(text[max(0, hit.start - 12) : hit.start])
        if not negated and not any(start <= hit.start < end for start, end in refunds):
            yield hit


def _instant_result(text: str) -> Iterator[Hit]:
    """ "Works for everyone" — but "doesn't work for everyone" is the honest disclaimer."""
    for hit in _pattern_hits("instant_result", text):
        if not _NEGATION.search(text[max(0, hit.start - 12) : hit.start]):
            yield hit


def _urgency(text: str) -> Iterator[Hit]:
    if _DATED.search(text):
        return  # a dated end of an offer is information, not pressure
    yield from _pattern_hits("urgency_pressure", text)


def _personal_attribute(text: str) -> Iterator[Hit]:
    patterns = (_PERSONAL, _ATTRIBUTE_QUESTION, _CONDITION_QUESTION, _SUFFERING_QUESTION, _IDENTITY)
    for pattern in patterns:
        for match in pattern.finditer(text):
            yield Hit("personal_attribute", match.start(), match.end())
    # "Hate the way your thighs look?": a question to the reader, about their body or money,
    # that presumes they feel bad about it.
    for match in _SENTENCE.finditer(text):
        if "?" not in match.group():
            continue
        question = match.group().rstrip(".!")
        asked = question.lstrip()
        # "Embarrassed to smile?" asks the reader with the "are you" left out.
        to_reader = _READER.search(question) or _ELIDED_FEELING.match(asked)
        if to_reader and _FEELING_ABOUT.search(question):
            start = match.start() + len(question) - len(asked)
            yield Hit("personal_attribute", start, match.end())


# Two measures of one body, the later smaller: "198 to 141 lbs", "size 16 → size 8".
_MEASURE_UNIT = r"(lbs?|pounds|kgs?|kilos|inch(?:es)?|(?:inch(?:es)?\s+|in\s+)?(?:waist|hips))"
_MEASURE_PAIR = _rx(
    rf"\b(?:size\s+)?(\d{{2,3}}(?:\.\d)?)\s*{_MEASURE_UNIT}?\s*"
    r"(?:to|→|->|➡️?|=>|down to)\s*(?:an?\s+)?(?:size\s+)?(\d{1,3}(?:\.\d)?)\s*"
    rf"{_MEASURE_UNIT}?\b"
)


def _shrinking_measure(text: str) -> Iterator[Hit]:
    """A body shown at a larger and then a smaller measure is a before-and-after in numbers;
    a range that grows ("dumbbells from 2 to 24 kg") is a product spec, not a transformation."""
    for match in _MEASURE_PAIR.finditer(text):
        before, unit_a, after, unit_b = match.groups()
        sized = "size" in match.group().lower()
        if (unit_a or unit_b or sized) and float(before) > float(after):
            yield Hit("before_after", match.start(), match.end())


def _neutral_reviewer(text: str, platform: str) -> Iterator[Hit]:
    for match in _FALSE_INDEPENDENCE.finditer(text):
        yield Hit("neutral_reviewer", match.start(), match.end())
    if has_disclosure(text, platform):
        return  # a review that says the writer is paid is not posing as neutral
    for match in _NEUTRALITY.finditer(text):
        yield Hit("neutral_reviewer", match.start(), match.end())


def _editorial(text: str, field: str) -> Iterator[Hit]:
    for match in _REPEATED_PUNCTUATION.finditer(text):
        yield Hit("repeated_punctuation", match.start(), match.end(), field)
    for match in _CAPS_WORD.finditer(text):
        # A capitalised word without a vowel ("FSCS", "HSBC") is an acronym, not shouting.
        if match.group() not in lx.ACRONYMS and re.search("[AEIOU]", match.group()):
            yield Hit("gimmicky_caps", match.start(), match.end(), field)


# Symbols Google's editorial rules refuse: emoji and pictographs ("So"), not ™ ® © ° or money.
_ALLOWED_SYMBOLS = set("™®©°")


def _google_symbols(text: str, field: str) -> Iterator[Hit]:
    for i, ch in enumerate(text):
        if unicodedata.category(ch) == "So" and ch not in _ALLOWED_SYMBOLS:
            yield Hit("repeated_punctuation", i, i + 1, field)


def _exclamation(text: str, headline: str | None) -> Iterator[Hit]:
    """Google: no "!" in a headline; at most one in the rest of the ad."""
    if headline:
        for match in re.finditer("!", headline):
            yield Hit("exclamation_headline", match.start(), match.end(), "headline")
    marks = list(re.finditer("!", text))
    for match in marks[1:]:
        yield Hit("exclamation_headline", match.start(), match.end())


SIMPLE_CHECKS: tuple[str, ...] = (
    "health_cure",
    "weight_loss_amount",
    "effortless_weight_loss",
    "fat_burn_claim",
    "income_amount",
    "get_rich",
    "before_after",
    "false_scarcity",
    "reference_price",
    "clickbait",
    "unsubstantiated",
)


def find_hits(text: str, platform: str, headline: str | None = None) -> list[Hit]:
    """Every detector's hits in the text (and the headline, when the ad has one)."""
    hits: list[Hit] = []
    fields = [("text", text)] + ([("headline", headline)] if headline else [])
    for field, value in fields:
        value = _normalise(value)
        found: list[Hit] = []
        for check in SIMPLE_CHECKS:
            found.extend(_pattern_hits(check, value))
        for detector in _TEXT_DETECTORS:
            found.extend(detector(value))
        found.extend(_neutral_reviewer(value, platform))
        hits.extend(Hit(h.check, h.start, h.end, field) for h in found)
        hits.extend(_editorial(value, field))
    if platform == "google":
        hits.extend(_exclamation(_normalise(text), _normalise(headline) if headline else None))
        for field, value in fields:
            hits.extend(_google_symbols(value, field))
    issue = disclosure_issue(_normalise(text), platform, _normalise(headline) if headline else None)
    if issue:
        hits.append(Hit(issue.check, issue.start, issue.end, issue.field))
    return hits


_TEXT_DETECTORS: tuple[Callable[[str], Iterator[Hit]], ...] = (
    _guaranteed_result,
    _instant_result,
    _urgency,
    _personal_attribute,
    _shrinking_measure,
)


_SAME_LENGTH = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-"})
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "$": "s", "@": "a"}


def _normalise(text: str) -> str:
    """The text as detectors read it, one character for one so spans still quote the original.

    Curly quotes and dashes become plain ones; styled or accented letters ("𝐥𝐨𝐬𝐞", "wéight")
    their base letter; a digit or symbol standing for a letter inside a word ("l0se", "ca$h")
    that letter, so spelling games do not hide a claim."""
    chars = list(text.translate(_SAME_LENGTH))
    for i, ch in enumerate(chars):
        if ord(ch) > 127:
            folded = unicodedata.normalize("NFKD", ch)
            if folded[0].isascii() and all(unicodedata.combining(c) for c in folded[1:]):
                chars[i] = folded[0]
    for i in range(1, len(chars) - 1):
        # Lower-case neighbours only: "A1C" and "B2B" are names, "l0se" is a disguise.
        if chars[i] in _LEET and chars[i - 1].islower() and chars[i + 1].islower():
            chars[i] = _LEET[chars[i]]
    return "".join(chars)
