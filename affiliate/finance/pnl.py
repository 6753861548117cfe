"""Read the P&L mart (analytics.fct_pnl_daily, built by dbt) for reports and asset metadata."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

import sqlalchemy as sa

MONEY_COLUMNS = (
    "gross_revenue",
    "refunds",
    "chargebacks",
    "net_revenue",
    "ad_spend",
    "ai_cost",
    "other_costs",
    "profit",
)


@dataclass(frozen=True)
class PnlRow:
    date_day: date | None  # None on the total row
    currency_code: str
    gross_revenue: Decimal
    refunds: Decimal
    chargebacks: Decimal
    net_revenue: Decimal
    ad_spend: Decimal
    ai_cost: Decimal
    other_costs: Decimal
    profit: Decimal
    conversions: int
    refunded_conversions: int

    @property
    def roi(self) -> Decimal | None:
        cost = self.ad_spend + self.ai_cost + self.other_costs
        return (self.profit / cost).quantize(Decimal("0.0001")) if cost > 0 else None

    @property
    def roas(self) -> Decimal | None:
        if self.ad_spend <= 0:
            return None
        return (self.net_revenue / self.ad_spend).quantize(Decimal("0.0001"))


def daily_pnl(conn: sa.Connection) -> list[PnlRow]:
    cols = ", ".join(f.name for f in fields(PnlRow))
    rows = conn.execute(sa.text(f"select {cols} from analytics.fct_pnl_daily order by date_day"))
    return [PnlRow(**r._mapping) for r in rows]


def total(rows: list[PnlRow], currency: str = "USD") -> PnlRow:
    """Sum of the days in one currency (ratios are recomputed, never summed)."""
    same = [r for r in rows if r.currency_code == currency]
    sums = {c: sum((getattr(r, c) for r in same), Decimal("0.00")) for c in MONEY_COLUMNS}
    return PnlRow(
        date_day=None,
        currency_code=currency,
        **sums,
        conversions=sum(r.conversions for r in same),
        refunded_conversions=sum(r.refunded_conversions for r in same),
    )
