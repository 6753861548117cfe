"""The repair oracle's contract: given what broke and where, propose selectors to try.

An oracle only proposes; the healer validates every proposal on the live page before using
it, so a wrong or hallucinated selector costs one probe, never a wrong scrape. The context
is plain data (trimmed HTML, element descriptions, the last good fingerprint), so the same
contract serves the offline oracle here and an LLM-backed one later, which would answer
with JSON `{"selector": "...", "reason": "..."}` parsed by `candidate_from_json`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Protocol

from affiliate.offers.scraping.intents import Intent


@dataclass(frozen=True)
class RepairContext:
    platform: str
    intent: Intent
    old_selector: str
    page_url: str
    dom_excerpt: str  # trimmed HTML of the scope (the page, or the first card), ≤ 20 kB
    elements: list[dict] = field(default_factory=list)  # see dom.describe_elements
    last_good: dict | None = None  # see fingerprints.fingerprint
    screenshot: str | None = None  # PNG path under AFFILIATE_HOME
    card_selector: str | None = None  # the resolved card, for card-scoped intents


@dataclass(frozen=True)
class Candidate:
    selector: str
    reason: str
    score: float = 0.0


class RepairOracle(Protocol):
    name: str  # stored in selector_repairs.oracle: "offline" or the LLM provider

    def propose(self, context: RepairContext) -> list[Candidate]:
        """Selectors worth trying for `context.intent`, best first."""
        ...


def candidate_from_json(text: str) -> Candidate:
    """Parse an oracle's `{"selector": "...", "reason": "..."}` answer, or say what is wrong."""
    try:
        answer = json.loads(text)
        selector = answer["selector"]
    except (ValueError, KeyError, TypeError):
        raise ValueError(
            f'a repair answer must be JSON {{"selector": "...", "reason": "..."}}, got {text!r}'
        ) from None
    if not isinstance(selector, str) or not selector.strip():
        raise ValueError(f"a repair answer's selector must be a non-empty string, got {selector!r}")
    return Candidate(selector.strip(), str(answer.get("reason", "")))
