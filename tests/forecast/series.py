"""Generated P&L histories with a known trend and weekday pattern, as fct_pnl_daily rows."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

# Added to net revenue on Monday … Sunday: weekends sell most.
WEEKDAY_REVENUE = np.array([0.0, 10.0, 20.0, 30.0, 40.0, 80.0, 120.0])
REVENUE_BASE, REVENUE_SLOPE = 200.0, 1.0
SPEND_BASE, SPEND_SLOPE = 100.0, 0.5
AI_COST = 4.0  # a day's AI cost: in profit, not in revenue − spend
NOISE_SD = 2.0


def true_revenue(day: date, start: date) -> float:
    return REVENUE_BASE + REVENUE_SLOPE * (day - start).days + WEEKDAY_REVENUE[day.weekday()]


def true_spend(day: date, start: date) -> float:
    return SPEND_BASE + SPEND_SLOPE * (day - start).days + WEEKDAY_REVENUE[day.weekday()] / 2


def pnl_frame(start: date, days: int, currency: str = "USD", seed: int = 7) -> pd.DataFrame:
    """`days` consecutive mart rows from `start`: trend + weekday pattern + a little noise."""
    rng = np.random.default_rng(seed)
    rows = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        revenue = round(true_revenue(day, start) + rng.normal(0, NOISE_SD), 2)
        spend = round(true_spend(day, start) + rng.normal(0, NOISE_SD), 2)
        rows.append(
            {
                "date_day": day,
                "currency_code": currency,
                "net_revenue": revenue,
                "ad_spend": spend,
                "profit": round(revenue - spend - AI_COST, 2),
            }
        )
    return pd.DataFrame(rows)
