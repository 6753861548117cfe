"""Whether a selector really finds an intent on a live page — the check every proposal passes.

A selector that merely matches proves little (`span` matches everything), so each intent
asks for evidence of its kind: a field must read as its value kind on most cards, and a
text or link field must vary between cards (a constant is a label, not product data); the
card must match several alike elements that show prices; a page link must carry its cue.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from affiliate.offers.scraping import dom
from affiliate.offers.scraping.intents import Intent
from affiliate.offers.scraping.values import fold, parse_money, parses_as

MOST = 0.6  # "most cards": a field may be missing on a few products, not on most


@dataclass(frozen=True)
class Verdict:
    ok: bool
    detail: str


async def validate(page: Any, intent: Intent, selector: str, card: str | None = None) -> Verdict:
    if intent.scope == "card":
        if card is None:
            return Verdict(False, "no product card selector to search within")
        return await _validate_field(page, intent, selector, card)
    if intent.repeated:
        return await _validate_repeated(page, selector)
    return await _validate_single(page, intent, selector)


async def _validate_field(page: Any, intent: Intent, selector: str, card: str) -> Verdict:
    rows = await dom.card_rows(page, card, [(intent.name, selector, intent.attribute)])
    if not rows:
        return Verdict(False, f"the card selector {card!r} matches nothing")
    values = [row[intent.name] for row in rows]
    good = [v for v in values if parses_as(intent.kind, v)]
    need = max(1, math.ceil(MOST * len(rows)))
    if len(good) < need:
        return Verdict(False, f"{len(good)}/{len(rows)} cards read as {intent.kind}")
    if intent.kind in ("text", "url") and len(rows) >= 3 and len(set(good)) < 2:
        return Verdict(False, f"the same value on every card ({good[0]!r}): a label, not data")
    return Verdict(True, f"{len(good)}/{len(rows)} cards read as {intent.kind}")


async def _validate_repeated(page: Any, selector: str) -> Verdict:
    shapes = await dom.match_shapes(page, selector)
    if shapes is None:
        return Verdict(False, "not a valid CSS selector")
    if len(shapes) < 2:
        return Verdict(False, f"{len(shapes)} match(es); a product card repeats")
    alike = Counter(shapes).most_common(1)[0][1]
    texts = await dom.values_of(page, selector, None, limit=200) or []
    priced = sum(parse_money(t) is not None for t in texts)
    if alike < MOST * len(shapes) or priced < MOST * len(shapes):
        return Verdict(False, f"{alike}/{len(shapes)} alike, {priced} show a price")
    return Verdict(True, f"{len(shapes)} alike cards, {priced} show a price")


async def _validate_single(page: Any, intent: Intent, selector: str) -> Verdict:
    values = await dom.values_of(page, selector, intent.attribute)
    if values is None:
        return Verdict(False, "not a valid CSS selector")
    if not 1 <= len(values) <= 2:
        return Verdict(False, f"{len(values)} matches; expected one")
    if not parses_as(intent.kind, values[0]):
        return Verdict(False, f"{values[0]!r} does not read as {intent.kind}")
    if intent.kind == "url" and intent.cues:
        element = await dom.describe_match(page, None, selector) or {}
        said = fold(element.get("text", "") + " " + " ".join(element.get("attrs", {}).values()))
        if not any(cue in said for cue in intent.cues):
            return Verdict(False, "the link says nothing like " + "/".join(intent.cues))
    return Verdict(True, "one match")
