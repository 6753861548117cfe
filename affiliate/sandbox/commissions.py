"""How the network splits a sale: marketplace fee, affiliate commission, producer's rest."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MARKETPLACE_FEE_PCT = Decimal("9.9")
MARKETPLACE_FEE_FIXED = Decimal("0.50")


@dataclass(frozen=True)
class CommissionSplit:
    marketplace: Decimal
    producer: Decimal
    affiliate: Decimal


def split_commissions(price: Decimal, affiliate_pct: Decimal) -> CommissionSplit:
    """Fee ≈ 10 % (9.9 % + 0.50, Hotmart-like), affiliate = price × its %, producer the rest.

    Each part is rounded to cents and the producer takes the remainder, so the three sum
    to the price exactly; the fee yields first if rounding would leave the producer short.
    """
    affiliate = (price * affiliate_pct / 100).quantize(CENT, ROUND_HALF_UP)
    fee = (price * MARKETPLACE_FEE_PCT / 100 + MARKETPLACE_FEE_FIXED).quantize(CENT, ROUND_HALF_UP)
    fee = min(fee, price - affiliate)
    return CommissionSplit(marketplace=fee, producer=price - affiliate - fee, affiliate=affiliate)
