"""Self-healing selectors: try what worked before, and when nothing does, find it again.

For each intent the healer tries the selector learned by the newest repair, then the
default. When neither validates it captures the evidence (a screenshot under
AFFILIATE_HOME, the trimmed DOM, element descriptions, the last good fingerprint), asks
the repair oracle for candidates, validates them best first, and records the outcome —
repaired or failed — so the next run starts from what this one learned.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from affiliate.offers.scraping import dom
from affiliate.offers.scraping.fingerprints import fingerprint
from affiliate.offers.scraping.intents import Intent
from affiliate.offers.scraping.oracle import RepairContext, RepairOracle
from affiliate.offers.scraping.repairs import Learned, RepairRecord
from affiliate.offers.scraping.validation import validate


@dataclass
class SelectorHealer:
    platform: str
    oracle: RepairOracle
    evidence_dir: Path  # screenshots go here: under AFFILIATE_HOME, never the repository
    record: Callable[[RepairRecord], None]
    learned: dict[str, Learned] = field(default_factory=dict)
    prints: dict[str, dict] = field(default_factory=dict)  # intent → last good fingerprint
    _screenshots: dict[str, str] = field(default_factory=dict)

    async def resolve(self, page: Any, intent: Intent, card: str | None = None) -> str | None:
        """A selector for `intent` that validates on `page`, or None if none could be found."""
        known = self.learned.get(intent.name)
        tried: list[dict] = []
        for selector in dict.fromkeys([known.selector if known else None, intent.default]):
            if selector is None:
                continue
            verdict = await validate(page, intent, selector, card)
            if verdict.ok:
                return selector
            tried.append({"selector": selector, "valid": False, "detail": verdict.detail})
        return await self._repair(page, intent, card, tried)

    async def _repair(
        self, page: Any, intent: Intent, card: str | None, tried: list[dict]
    ) -> str | None:
        scope = card if intent.scope == "card" else None
        context = RepairContext(
            platform=self.platform,
            intent=intent,
            old_selector=tried[0]["selector"],
            page_url=page.url,
            dom_excerpt=await dom.trimmed_html(page, scope),
            elements=await dom.describe_elements(page, scope),
            last_good=self._last_good(intent),
            screenshot=await self._screenshot(page),
            card_selector=card,
        )
        proposals = self.oracle.propose(context)
        for candidate in proposals:
            verdict = await validate(page, intent, candidate.selector, card)
            tried.append(
                {"selector": candidate.selector, "reason": candidate.reason,
                 "score": candidate.score, "valid": verdict.ok, "detail": verdict.detail}
            )  # fmt: skip
            if verdict.ok:
                element = await dom.describe_match(page, scope, candidate.selector)
                found = fingerprint(element, []) if element else None
                self._log(context, candidate.selector, "repaired", tried, found)
                return candidate.selector
        if proposals or intent.required:
            # An optional link with no candidate at all is simply absent (the last page).
            self._log(context, None, "failed", tried, None)
        return None

    async def remember(
        self, page: Any, resolved: dict[str, str], intents: dict[str, Intent], card: str | None
    ) -> dict[str, dict]:
        """Fingerprints of the elements the resolved selectors found, with sample values."""
        rows = await dom.card_rows(
            page,
            card or ":not(*)",
            [
                (n, s, intents[n].attribute)
                for n, s in resolved.items()
                if intents[n].scope == "card"
            ],
        )
        prints: dict[str, dict] = {}
        for name, selector in resolved.items():
            intent = intents[name]
            scope = card if intent.scope == "card" else None
            element = await dom.describe_match(page, scope, selector)
            if element is None:
                continue
            if intent.scope == "card":
                samples = [row[name] for row in rows if row.get(name)]
            elif intent.repeated:
                samples = []  # a whole card's text identifies nothing
            else:
                samples = [v for v in await dom.values_of(page, selector, None) or [] if v]
            prints[name] = fingerprint(element, samples)
        self.prints.update(prints)
        return prints

    def _last_good(self, intent: Intent) -> dict | None:
        if intent.name in self.prints:
            return self.prints[intent.name]
        known = self.learned.get(intent.name)
        return known.fingerprint if known else None

    async def _screenshot(self, page: Any) -> str | None:
        # One picture per page and run, however many intents broke on it.
        if page.url not in self._screenshots:
            self.evidence_dir.mkdir(parents=True, exist_ok=True)
            path = (
                self.evidence_dir / f"{time.strftime('%Y%m%dT%H%M%S')}-{len(self._screenshots)}.png"
            )
            try:
                await page.screenshot(path=str(path), full_page=True)
            except Exception:  # evidence is best effort; the repair itself must go on
                return None
            self._screenshots[page.url] = str(path)
        return self._screenshots[page.url]

    def _log(
        self,
        ctx: RepairContext,
        new: str | None,
        outcome: str,
        tried: list[dict],
        found: dict | None,
    ) -> None:
        evidence = {"screenshot": ctx.screenshot, "dom_excerpt": ctx.dom_excerpt,
                    "candidates": tried, "fingerprint": found}  # fmt: skip
        self.record(
            RepairRecord(
                platform=self.platform, intent=ctx.intent.name, page_url=ctx.page_url,
                old_selector=ctx.old_selector, new_selector=new, oracle=self.oracle.name,
                outcome=outcome, context=evidence,
            )
        )  # fmt: skip
