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
    r"(?-i:\bI\b|\bI'(?:m|ve|d|ll)\b|\bI’(?:m|ve|d|ll)\b)"
    r"|\b(?:my|me|mine)\b|link in (?:my )?bio|\bmy link\b|\b(?:use|with) (?:my )?code\b"
    r"|\bdiscount code\b|#collab\b|#sp\b|#spon\b|\bthanks? @|\baffiliate link\b|\(aff\)",
    re.IGNORECASE,
)
_VALID = re.compile(
    r"#ad\b|#advert(?:isement)?\b|(?<![\w-])ad(?![\w-])(?!\s+(?:for|account|budget|copy|blocker))"
    r"|(?<!not )(?<!not a )#?\bsponsored\b|\bpaid partnership\b"
    r"|\b(?:I|we)\s+(?:earn|get|receive|make)\s+(?:a\s+)?(?:small\s+)?"
    r"(?:commission|paid|a cut|money)"
    r"|\b(?:I'm|I am|we're|we are)\s+paid\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DisclosureIssue:
    check: str  # disclosure_missing or disclosure_hidden
    start: int
    end: int


def disclosure_issue(
    text: str, platform: str, headline: str | None = None
) -> DisclosureIssue | None:
    """What is wrong with the text's affiliate disclosure, or None when it is fine or not needed."""
    endorsement = _ENDORSEMENT.search(text)
    if endorsement is None:
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
    return DisclosureIssue("disclosure_missing", endorsement.start(), endorsement.end())


def has_disclosure(text: str, platform: str) -> bool:
    """A plain-words disclosure before the truncation point."""
    limit = TRUNCATION.get(platform, 100)
    return any(m.start() < limit for m in _VALID.finditer(text))
