"""Deterministic detectors: each finds spans of one kind of problem in an ad text.

A detector knows nothing about platforms' rule ids or severities: it names its check, and the
policy files say which rule each check enforces on which platform. Detectors look only at the
text's words, so text that addresses the checker ("ignore previous instructions…") is just
more words to them.
"""

from __future__ import annotations

import re
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


MONEY = r"[$€£]\s?\d[\d,]*(?:\.\d+)?\s?(?:k|K|,000)?"
PERIOD = r"(?:/\s?|\s?(?:per|a|an|every|each)\s)(?:day|week|month|hour|year|mo|wk|yr)\b"
NUMBER_WORD = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|fifty)"
)
WEIGHT_UNIT = r"(?:lbs?|pounds?|kgs?|kilos?)"

PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "health_cure": (
        _rx(rf"\b{_alt(lx.CURE_VERBS)}\b(?:\s+[\w'’]+){{0,4}}?\s+{_alt(lx.DISEASES)}\b"),
        _rx(rf"\b{_alt(lx.DISEASES)}\b[^.!?]{{0,20}}\b(?:gone )?(?:forever|for good|for life)\b"),
        _rx(r"\b(?:without|no) (?:medication|drugs|pills|prescriptions?|surgery)(?: needed)?\b"),
        _rx(r"\b(?:replaces?|instead of) (?:your )?(?:medication|insulin|prescriptions?)\b"),
    ),
    "weight_loss_amount": (
        _rx(
            r"\b(?:lose|loses|lost|losing|drop|dropped|shed|shedding|burn|melt|torch)\s+"
            rf"(?:up to\s+|over\s+)?{NUMBER_WORD}\s*"
            r"(?:lbs?|pounds?|kgs?|kilos?|(?:dress\s+)?sizes?|inches|stone|calories|%\s*body\s*fat)\b"
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
    ),
    "effortless_weight_loss": (
        _rx(
            r"\b(?:lose|losing|weight|pounds|slim|sizes?|fat)\b[^.]{0,60}?"
            r"\b(?:no|without)\s+(?:dieting|diets?|exercise|exercising|workouts?|gym)\b"
        ),
        _rx(
            r"\b(?:no|without)\s+(?:dieting|diets?|exercise|exercising|workouts?|gym)\b"
            r"[^.]{0,60}?\b(?:lose|losing|weight|pounds|slim|sizes?|fat)\b"
        ),
        _rx(r"\beat (?:whatever|anything) you want\b"),
    ),
    "fat_burn_claim": (
        _rx(r"\bmelts?\s+(?:away\s+)?(?:\w+\s+)?fat\b"),
        _rx(
            r"\bburns?\s+(?:\w+\s+)?fat\s+(?:\d+x\s+)?(?:fast|faster|quickly|while|overnight|instantly)"
        ),
        _rx(
            r"\bfat[- ]burning\s+"
            r"(?:pills?|teas?|drinks?|capsules?|supplements?|formula|gumm(?:y|ies)|shots?)\b"
        ),
        _rx(r"\b(?:fat|weight|pounds)\b[^.]{0,30}\bwhile you sleep\b"),
        _rx(
            r"\b(?:weight|fat|pounds|kilos)\s+(?:just\s+)?(?:falls?|melts?|drops?|slides?)\s+off\b"
        ),
        _rx(
            r"\b(?:flattens?|shrinks?|slims?)\s+(?:your\s+)?(?:stomach|belly|tummy|waist|thighs)\b"
        ),
    ),
    "income_amount": (
        _rx(
            rf"\b{_alt(lx.EARN_VERBS)}\s+(?:you\s+|me\s+)?"
            rf"(?:up to\s+|over\s+|an extra\s+|at least\s+)?{MONEY}"
        ),
        _rx(
            rf"{MONEY}\s*\+?\s*{PERIOD}"
            r"(?=[^.]*\b(?:income|profit|earn|make|commissions?|paid|side hustle|passive)\b)"
        ),
        _rx(
            r"\b(?:earn|make|made|pays|paid|income|profit)\b"
            rf"[^.]{{0,40}}?{MONEY}\s*\+?\s*{PERIOD}"
        ),
        _rx(rf"\bturn\s+{MONEY}\s+into\s+{MONEY}"),
        _rx(rf"{MONEY}\s+(?:months|weeks|days|years)\b"),
        _rx(rf"{MONEY}\s+(?:\w+\s+)?(?:business|income|salary|side hustle|paycheck)\b"),
        _rx(rf"\b(?:guaranteed\s+)?{MONEY}\s+in\s+(?:your|the)\s+first\s+(?:day|week|month)\b"),
    ),
    "get_rich": (_rx(rf"\b{_alt(lx.GET_RICH)}\b"),),
    "guaranteed_result": (_rx(r"\bguarantee(?:d|s)?\b"),),
    "instant_result": (_rx(rf"\b{_alt(lx.INSTANT_RESULTS)}"),),
    "before_after": (
        _rx(r"\bbefore\s*(?:and|&|/|-|\+|n'?)\s*after\b"),
        _rx(r"\bbefore[- ]and[- ]after\b"),
        _rx(r"\b(?:day|week|month)\s*\d+\s*(?:vs\.?|versus|->|→|to)\s*(?:day|week|month)\s*\d+\b"),
        _rx(r"\bfrom (?:a )?size \d+ to (?:a )?size \d+\b"),
        _rx(r"\bfrom \d+\s*(?:lbs?|pounds|kg|kilos) to \d+\s*(?:lbs?|pounds|kg|kilos)?\b"),
        _rx(r"\b(?:ago|then|before)\s*(?:vs\.?|versus|->|→)\s*(?:today|now|after)\b"),
        _rx(r"\bprogress (?:pics?|photos?|pictures?|shots?)\b"),
        _rx(r"\bvs\.?\s+(?:me\s+)?(?:today|now)\b"),
        _rx(r"\bside[- ]by[- ]side\b"),
        _rx(r"\btransformation(?:\s+(?:photos?|pics?|pictures?|story))?\b"),
    ),
    "false_scarcity": (_rx(rf"\b{_alt(lx.SCARCITY)}\b"),),
    "urgency_pressure": (_rx(rf"\b{_alt(lx.URGENCY)}\b"),),
    "reference_price": (
        _rx(rf"\b{_alt(lx.REFERENCE_PRICE)}"),
        _rx(rf"{MONEY}\s+value\b"),
        _rx(rf"{MONEY}[^.]{{0,40}}\bnow (?:just |only )?{MONEY}"),
    ),
    "clickbait": (_rx(rf"\b{_alt(lx.CLICKBAIT)}\b"),),
    "unsubstantiated": (_rx(rf"(?<![\w#]){_alt(lx.UNSUBSTANTIATED)}\b"),),
}

# "does not guarantee future results" is a disclaimer, not a promise.
_NEGATION = _rx(r"\b(?:not|no|never|n't|cannot|can't)\s+$")
_REFUND_GUARANTEE = _rx(rf"\b{_alt(lx.GUARANTEE_REFUND_CONTEXT)}\s+(?:\w+\s+)?guarantee\b")
_DATED = _rx(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_alt(lx.MONTHS)}|{_alt(lx.MONTHS)}\s+\d{{1,2}}(?:st|nd|rd|th)?)\b"
)
_PERSONAL = _rx(
    rf"\b{_alt(lx.SECOND_PERSON_CUES)}\b(?:\s+[\w'’-]+){{0,4}}?\s+{_alt(lx.PERSONAL_ATTRIBUTES)}\b"
)
# A short question that opens on an attribute ("Over 50?", "Bad credit?") addresses the reader.
_ATTRIBUTE_QUESTION = _rx(
    rf"(?:^|(?<=[.!?]\s))(?:(?:recently|newly|still|always)\s+)?{_alt(lx.PERSONAL_ATTRIBUTES)}\b[^.!?]{{0,40}}\?"
)
_NEUTRALITY = _rx(rf"\b{_alt(lx.NEUTRALITY)}")
_FALSE_INDEPENDENCE = _rx(rf"\b{_alt(lx.FALSE_INDEPENDENCE)}\b")
_REPEATED_PUNCTUATION = re.compile(r"[!?]{2,}|[$*#@]{2,}|\.{4,}|,{2,}")
_CAPS_WORD = re.compile(r"(?<![\w#@$])[A-Z]{3,}(?![\w])")


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


def _urgency(text: str) -> Iterator[Hit]:
    if _DATED.search(text):
        return  # a dated end of an offer is information, not pressure
    yield from _pattern_hits("urgency_pressure", text)


def _personal_attribute(text: str) -> Iterator[Hit]:
    for pattern in (_PERSONAL, _ATTRIBUTE_QUESTION):
        for match in pattern.finditer(text):
            yield Hit("personal_attribute", match.start(), match.end())


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
        if match.group() not in lx.ACRONYMS:
            yield Hit("gimmicky_caps", match.start(), match.end(), field)


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
    "instant_result",
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
    issue = disclosure_issue(_normalise(text), platform, headline)
    if issue:
        hits.append(Hit(issue.check, issue.start, issue.end))
    return hits


_TEXT_DETECTORS: tuple[Callable[[str], Iterator[Hit]], ...] = (
    _guaranteed_result,
    _urgency,
    _personal_attribute,
)


def _normalise(text: str) -> str:
    """Curly quotes as straight ones (same length, so offsets stay true to the original)."""
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
