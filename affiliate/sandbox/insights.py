"""Daily ad delivery figures, a pure function of (seed, ad id, day, daily budget).

Rates are drawn per day: CPM 8–20 USD and CTR 0.8–2.5 %, CPC kept within 0.50–1.50 USD.
Spend is clicks × that day's CPC in cents, and never exceeds the ad set's daily budget:
when the drawn reach would overspend, clicks (and impressions with them) are capped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from affiliate.sandbox.seeding import uniform

CENT = Decimal("0.01")
_MIN_CPC, _MAX_CPC = Decimal("0.50"), Decimal("1.50")


@dataclass(frozen=True)
class DailyInsight:
    date: dt.date
    impressions: int
    clicks: int
    cpc: Decimal
    spend: Decimal
    conversions: int
    currency: str = "USD"

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "impressions": self.impressions,
            "clicks": self.clicks,
            "spend": f"{self.spend:.2f}",
            "currency": self.currency,
            "conversions": self.conversions,
        }


def daily_insight(seed: int, ad_id: str, day: dt.date, daily_budget: Decimal) -> DailyInsight:
    """What the platform reports for one ad on one day (assuming it was running)."""
    key = (ad_id, day.isoformat())
    cpm = uniform(seed, 8.0, 20.0, "cpm", *key)
    # CTR is drawn within 0.8–2.5 % *and* so that CPC stays within 0.50–1.50 USD.
    ctr = uniform(seed, max(0.008, cpm / 1500), min(0.025, cpm / 500), "ctr", *key)
    cpc = min(max(Decimal(f"{cpm / 1000 / ctr:.2f}"), _MIN_CPC), _MAX_CPC)
    # Reach the budget would buy, ±35 %: some days under-deliver, most hit the cap.
    affordable = float(daily_budget) / cpm * 1000
    impressions = int(affordable * uniform(seed, 0.65, 1.35, "reach", *key))
    clicks = round(impressions * ctr)
    max_clicks = int((daily_budget / cpc).to_integral_value(rounding=ROUND_FLOOR))
    if clicks > max_clicks:
        clicks = max_clicks
        impressions = round(clicks / ctr)
    # The platform's own conversion claim: optimistic and noisy, never our source of truth.
    conversions = round(clicks * uniform(seed, 0.0, 0.06, "claimed-cvr", *key))
    return DailyInsight(day, impressions, clicks, cpc, (cpc * clicks).quantize(CENT), conversions)


def insights_between(
    seed: int,
    ad_id: str,
    created: dt.date,
    daily_budget: Decimal,
    since: dt.date | None,
    until: dt.date | None,
    today: dt.date,
) -> list[DailyInsight]:
    """One row per day from max(since, creation day) to min(until, today)."""
    first = max(since or created, created)
    last = min(until or today, today)
    days = (last - first).days + 1
    return [
        daily_insight(seed, ad_id, first + dt.timedelta(days=i), daily_budget)
        for i in range(max(days, 0))
    ]
