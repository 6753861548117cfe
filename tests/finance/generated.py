"""Generated campaign history: weekday patterns, sampling noise, and a planted change.

Each campaign has its own click volume, CVR, revenue per conversion and CPC; weekends bring
fewer, cheaper clicks that convert better; conversions are binomial draws and CPC and revenue
per conversion carry a few per cent of lognormal noise. `plant` changes one driver on one day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from affiliate.finance.anomalies import CampaignDay, CampaignPnlDay

CENT = Decimal("0.01")
# Monday … Sunday
CLICKS_BY_WEEKDAY = (1.10, 1.05, 1.00, 1.00, 0.95, 0.75, 0.70)
CVR_BY_WEEKDAY = (0.95, 1.00, 1.00, 1.00, 1.00, 1.15, 1.20)
CPC_BY_WEEKDAY = (1.05, 1.05, 1.00, 1.00, 1.00, 0.90, 0.85)


@dataclass(frozen=True)
class Campaign:
    campaign_id: int
    name: str
    clicks: int = 5000
    cvr: float = 0.04
    rpc: float = 30.0
    cpc: float = 0.45
    ai_cost: Decimal = Decimal("1.50")


@dataclass(frozen=True)
class Plant:
    """Multiply a driver of one campaign on one day: e.g. Plant(1, day, cpc=2.0)."""

    campaign_id: int
    day: date
    cvr: float = 1.0
    rpc: float = 1.0
    cpc: float = 1.0


CAMPAIGNS = (
    Campaign(1, "Keto - Search", clicks=5000, cvr=0.04, rpc=30.0, cpc=0.45),
    Campaign(2, "Yoga - Social", clicks=4000, cvr=0.05, rpc=22.0, cpc=0.35),
    Campaign(3, "Sleep - Native", clicks=6000, cvr=0.035, rpc=40.0, cpc=0.60),
)


def history(
    first: date, days: int, seed: int, plants: tuple[Plant, ...] = (), campaigns=CAMPAIGNS
) -> list[CampaignDay]:
    rng = np.random.default_rng(seed)
    rows = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        wd = day.weekday()
        for c in campaigns:
            p = _plant_for(plants, c.campaign_id, day)
            clicks = int(rng.poisson(c.clicks * CLICKS_BY_WEEKDAY[wd]))
            cvr = min(c.cvr * CVR_BY_WEEKDAY[wd] * p.cvr, 1.0)
            conversions = int(rng.binomial(clicks, cvr))
            rpc = c.rpc * p.rpc * rng.lognormal(0.0, 0.04)
            cpc = c.cpc * CPC_BY_WEEKDAY[wd] * p.cpc * rng.lognormal(0.0, 0.04)
            rows.append(
                CampaignDay(
                    date_day=day,
                    campaign_id=c.campaign_id,
                    campaign_name=c.name,
                    currency_code="USD",
                    clicks=clicks,
                    conversions=conversions,
                    revenue=Decimal(str(conversions * rpc)).quantize(CENT),
                    spend=Decimal(str(clicks * cpc)).quantize(CENT),
                )
            )
    return rows


def pnl_of(rows: list[CampaignDay], campaigns=CAMPAIGNS) -> list[CampaignPnlDay]:
    """The P&L rows that go with performance rows (AI cost per campaign per day)."""
    ai = {c.campaign_id: c.ai_cost for c in campaigns}
    return [
        CampaignPnlDay(
            date_day=r.date_day,
            campaign_id=r.campaign_id,
            campaign_name=r.campaign_name,
            currency_code=r.currency_code,
            net_revenue=r.revenue,
            ad_spend=r.spend,
            ai_cost=ai[r.campaign_id],
            other_costs=Decimal("0.00"),
        )
        for r in rows
    ]


def _plant_for(plants, campaign_id: int, day: date) -> Plant:
    for p in plants:
        if p.campaign_id == campaign_id and p.day == day:
            return p
    return Plant(campaign_id, day)
