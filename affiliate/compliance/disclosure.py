"""Affiliate disclosure judged by wording and placement (FTC; see policies/ftc.yaml).

Copy needs a disclosure when it endorses — first-person experience, "link in bio", a code —
because the platform's own "Sponsored" label does not say the writer is paid per sale.
A disclosure counts only in plain words and only before the platform cuts the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters shown before "See more": Meta primary text, TikTok caption, a Google description.
TRUNCATION = {"meta": 125, "tiktok": 100, "google": 90}

_ENDORSEMENT = re.compile(
    # "I" in capitals, or a lower-case "i" as captions write it (not "i.e." or a list's "(i)").
    r"(?-i:\bI\b|\bI'(?:m|ve|d|ll)\b)|(?<![(\w])i(?:'(?:m|ve|d|ll))?\b(?![.)])"
    r"|(?-i:\b(?:im|ive)\b)"
    r"|\b(?:my|me|mine)\b|link in (?:my )?bio|\bmy link\b|\b(?:use|with) (?:my )?code\b"
    # "Link below" alone is also how a brand points to its shop, so only the creator's places.
    r"|\blinked? in (?:my )?(?:bio|profile|description|comments|stories)\b"
    r"|\bdiscount code\b|\bthanks? @|\baffiliate link\b|\(aff\)"
    # A brand connection named without saying it pays: "gifted by @x", "in partnership with".
    r"|\b(?:gifted|sent) (?:to me )?by @?\w|\bc/o @|\bin (?:partnership|collab(?:oration)?) with\b"
    # A discount code in capitals ("code GLOW10") is a creator's code as much as "my code" is.
    r"|\bcode:? (?-i:(?=[A-Z]*\d)[A-Z0-9]{4,}|[A-Z]{4,})\b"
    r"|\bobsessed w(?:ith|/)? (?:this|these|my|it)\b"
    # Tags that name a brand relationship without saying the writer is paid.
    r"|#(?:\w*affiliate\w*|affs?|collab\w*|spon|sp|partner\w*|\w*ambassador\w*|gifted\w*)\b"
    # Caption voice that recommends: "ngl", "not gatekeeping", "holy grail".
    r"|\b(?:ngl|tbh|imo|lowkey|not gatekeeping|run,? don'?t walk|holy grail)\b"
    # A review or ranking is an endorsement too: "we tested 14 brands", "our top pick".
    r"|\b(?:we|i) (?:\w+ )?(?:tested|tried|reviewed|compared|ranked|rated)"
    r" (?:over |more than )?\d+"
    r"|\b(?:our|my) (?:top |honest |full )?picks?\b"
    r"|\b(?:our|my) (?:honest|full) (?:review|verdict)\b"
    r"|\bread (?:our|my) (?:full )?(?:review|verdict)\b"
    r"|\b(?:our|my) (?:independent )?investigation\b"
    r"|\b(?:scam or legit|honest review|unbiased review|independent review)\b",
    re.IGNORECASE,
)
# "Not an ad" and "not sponsored" use the words of a disclosure to deny one.
_DENIED = r"(?<!not )(?<!not an )(?<!not a )(?<!n't )(?<!n't an )(?<!n't a )(?<!no )(?<!never )"
_VALID = re.compile(
    rf"{_DENIED}#ad\b|{_DENIED}#advert(?:isement)?\b"
    rf"|{_DENIED}(?<![\w#-])ad(?![\w-])(?!\s+(?:for|account|budget|copy|blocker))"
    rf"|{_DENIED}#sponsored\b|{_DENIED}(?<!#)\bsponsored\b|\bpaid partnership\b"
    r"|\b(?:I|we)\s+(?:(?:may|might|could|will|do|also)\s+)?(?:earn|get|receive|make)\s+"
    r"(?:a\s+)?(?:small\s+)?(?:commission|paid|a cut|money)"
    r"|\b(?:I'm|I am|we're|we are)\s+paid\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DisclosureIssue:
    check: str  # disclosure_missing or disclosure_hidden
    start: int
    end: int
    field: str = "text"  # where the quoted span is: the text, or a headline that endorses


def disclosure_issue(
    text: str, platform: str, headline: str | None = None
) -> DisclosureIssue | None:
    """What is wrong with the text's affiliate disclosure, or None when it is fine or not needed."""
    endorsement = _ENDORSEMENT.search(text)
    in_headline = None if endorsement or not headline else _ENDORSEMENT.search(headline)
    if endorsement is None and in_headline is None:
        return None
    if headline and _VALID.search(headline):
        return None
    limit = TRUNCATION.get(platform, 100)
    disclosures = list(_VALID.finditer(text))
    if any(m.start() < limit for m in disclosures):
        return None
    if disclosures:
        first = disclosures[0]
        return DisclosureIssue("disclosure_hidden", first.start(), first.end())
    if endorsement is None:
        return DisclosureIssue(
            "disclosure_missing", in_headline.start(), in_headline.end(), "headline"
        )
    return DisclosureIssue("disclosure_missing", endorsement.start(), endorsement.end())


def has_disclosure(text: str, platform: str) -> bool:
    """A plain-words disclosure before the truncation point."""
    limit = TRUNCATION.get(platform, 100)
    return any(m.start() < limit for m in _VALID.finditer(text))
