"""The seed's V1 profitability score: commission × temperature ÷ price.

Commission is what the affiliate earns per sale, in money; temperature is the marketplace's
sales-velocity measure (ClickBank gravity, Hotmart temperature), a proxy for how readily the
product converts; dividing by price favours products that are easier to sell.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from affiliate.offers.model import Offer

SCORE_PLACES = Decimal("0.0001")  # matches app.products.ai_score NUMERIC(14, 4)
CENTS = Decimal("0.01")

# What each network calls its temperature, so explanations use the word the user knows.
TEMPERATURE_NAMES = {"clickbank": "gravity", "hotmart": "temperature"}


@dataclass(frozen=True)
class ScoreInputs:
    """The three numbers the score is made of, already in money/measure form."""

    commission: Decimal | None
    temperature: Decimal | None
    price: Decimal | None
    currency: str = "USD"
    temperature_name: str = "temperature"


def score_inputs(offer: Offer) -> ScoreInputs:
    """Pick the score's inputs from an offer.

    Commission is ``commission_amount`` when the network states it; otherwise it is
    ``price × commission_rate ÷ 100`` rounded to cents, since a rate alone is not money.
    """
    commission = offer.commission_amount
    if commission is None and offer.price is not None and offer.commission_rate is not None:
        commission = (offer.price * offer.commission_rate / 100).quantize(
            CENTS, rounding=ROUND_HALF_UP
        )
    return ScoreInputs(
        commission=commission,
        temperature=offer.popularity,
        price=offer.price,
        currency=offer.currency,
        temperature_name=TEMPERATURE_NAMES.get(offer.network, "temperature"),
    )


def unscorable_reason(inputs: ScoreInputs) -> str | None:
    """Why the score cannot be computed, or None when it can."""
    if inputs.price is None:
        return "price unknown"
    if inputs.price <= 0:
        return f"price {inputs.price} is not positive"
    if inputs.temperature is None:
        return f"{inputs.temperature_name} unknown"
    if inputs.commission is None:
        return "commission unknown"
    return None


def v1_score(offer: Offer | ScoreInputs) -> Decimal | None:
    """commission × temperature ÷ price, rounded half-up to 4 decimals.

    Returns None, not 0 and not an exception, when price is missing or ≤ 0, or temperature
    or commission is missing: such an offer is *unscored*, which is different from scoring
    zero, and one incomplete listing must not stop a whole marketplace from being ranked.
    """
    inputs = offer if isinstance(offer, ScoreInputs) else score_inputs(offer)
    if unscorable_reason(inputs) is not None:
        return None
    assert inputs.commission is not None and inputs.temperature is not None
    assert inputs.price is not None
    raw = inputs.commission * inputs.temperature / inputs.price
    return raw.quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)


def rank_offers(offers: Iterable[Offer], top_n: int | None = None) -> list[tuple[Offer, Decimal]]:
    """The best ``top_n`` offers (all when None) with their scores, best first.

    Unscorable offers are left out. Equal scores are ordered by network_id, then network,
    so the same input always gives the same ranking.
    """
    if top_n is not None and top_n < 0:
        raise ValueError(f"top_n must be ≥ 0 or None, got {top_n}")
    scored = ((offer, score) for offer in offers if (score := v1_score(offer)) is not None)

    def key(pair: tuple[Offer, Decimal]) -> tuple[Decimal, str, str]:
        return (-pair[1], pair[0].network_id, pair[0].network)

    if top_n is None:
        return sorted(scored, key=key)
    # A heap keeps only top_n pairs in memory, which matters for a full marketplace feed.
    return heapq.nsmallest(top_n, scored, key=key)


def explain_score(offer: Offer | ScoreInputs) -> str:
    """The formula with this offer's numbers in it, e.g.
    ``commission $36.75 × gravity 120.5 ÷ price $49.00 = 90.3750``.
    """
    inputs = offer if isinstance(offer, ScoreInputs) else score_inputs(offer)
    reason = unscorable_reason(inputs)
    if reason is not None:
        return f"not scored: {reason} (score = commission × {inputs.temperature_name} ÷ price)"
    return (
        f"commission {_money(inputs.commission, inputs.currency)} × "
        f"{inputs.temperature_name} {inputs.temperature} ÷ "
        f"price {_money(inputs.price, inputs.currency)} = {v1_score(inputs)}"
    )


def _money(amount: Decimal | None, currency: str) -> str:
    # Show cents as usual but never hide precision the score actually used.
    assert amount is not None
    text = f"{amount:.2f}" if amount == amount.quantize(CENTS) else str(amount)
    return f"${text}" if currency == "USD" else f"{text} {currency}"
