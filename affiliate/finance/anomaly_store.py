"""Anomaly checks and the database: campaign days read from the dbt marts, anomalies kept in
app.performance_anomalies (one row per flagged day × campaign × metric)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa

from affiliate.finance.anomalies import CampaignDay, CampaignPnlDay, Check, detect
from affiliate.finance.anomaly_baseline import LOOKBACK_DAYS
from affiliate.finance.cfo_days import latest_complete_day

MAX_SCORE = 99_999_999.0
RECHECK_DAYS = 7  # late conversions and refunds can change the last days: judge them again

PERFORMANCE_SQL = sa.text(
    """
    select date_day, campaign_id,
           coalesce(max(campaign_name), 'Campaign ' || campaign_id) as campaign_name,
           currency_code,
           sum(clicks)::bigint        as clicks,
           sum(conversions)::bigint   as conversions,
           sum(revenue)               as revenue,
           sum(spend)                 as spend
    from analytics.fct_campaign_performance_daily
    where date_day between :first and :last
    group by date_day, campaign_id, currency_code
    order by campaign_id, date_day
    """
)

PNL_SQL = sa.text(
    """
    select date_day, campaign_id, campaign_name, currency_code,
           net_revenue, ad_spend, ai_cost, other_costs
    from analytics.fct_pnl_daily_by_campaign
    where campaign_id is not null and date_day between :first and :last
    order by campaign_id, date_day
    """
)

UPSERT_SQL = sa.text(
    """
    insert into app.performance_anomalies
        (date_day, campaign_id, metric, value, expected, score, drivers, sentence)
    values (:date_day, :campaign_id, :metric, :value, :expected, :score,
            cast(:drivers as jsonb), :sentence)
    on conflict (date_day, campaign_id, metric) do update set
        value = excluded.value, expected = excluded.expected, score = excluded.score,
        drivers = excluded.drivers, sentence = excluded.sentence, detected_at = now()
    """
)


def read_campaign_days(conn: sa.Connection, first: date, last: date) -> list[CampaignDay]:
    """fct_campaign_performance_daily summed over each campaign's ads, per day."""
    rows = conn.execute(PERFORMANCE_SQL, {"first": first, "last": last})
    return [CampaignDay(**r._mapping) for r in rows]


def read_campaign_pnl(conn: sa.Connection, first: date, last: date) -> list[CampaignPnlDay]:
    """fct_pnl_daily_by_campaign without the Unattributed bucket (no campaign to judge)."""
    rows = conn.execute(PNL_SQL, {"first": first, "last": last})
    return [CampaignPnlDay(**r._mapping) for r in rows]


def days_to_check(
    conn: sa.Connection, today: date, last: date | None = None, recheck: int = RECHECK_DAYS
) -> list[date]:
    """The `recheck` days up to `last`, by default the latest complete day with data."""
    last = last or latest_complete_day(conn, "fct_campaign_performance_daily", today)
    if last is None:
        return []
    return [last - timedelta(days=k) for k in range(recheck - 1, -1, -1)]


def check_days(conn: sa.Connection, days: Sequence[date]) -> list[Check]:
    """Judge every campaign on each of `days` from the marts (reads only)."""
    if not days:
        return []
    first, last = min(days) - timedelta(days=LOOKBACK_DAYS), max(days)
    return detect(read_campaign_days(conn, first, last), read_campaign_pnl(conn, first, last), days)


def store_anomalies(conn: sa.Connection, checks: Sequence[Check], days: Sequence[date]) -> int:
    """Replace the anomalies of `days` by the flagged checks; returns how many were stored.

    Rows of those days that are no longer anomalies (late data settled them) are removed."""
    conn.execute(
        sa.text("delete from app.performance_anomalies where date_day = any(:days)"),
        {"days": list(days)},
    )
    flagged = [c for c in checks if c.flagged]
    for check in flagged:
        conn.execute(UPSERT_SQL, _row(check))
    return len(flagged)


def run_anomaly_checks(
    conn: sa.Connection, today: date, last: date | None = None
) -> tuple[list[date], list[Check]]:
    """Check the days up to `last` (default: the latest complete day), store what is
    anomalous, return the days and every check."""
    days = days_to_check(conn, today, last)
    checks = check_days(conn, days)
    store_anomalies(conn, checks, days)
    return days, checks


def _row(check: Check) -> dict:
    return {
        "date_day": check.date_day,
        "campaign_id": check.campaign_id,
        "metric": check.metric,
        "value": _numeric(check.value),
        "expected": _numeric(check.expected),
        # numeric(12,4): a zero-count check on a huge campaign can score beyond it.
        "score": round(max(min(check.score, MAX_SCORE), -MAX_SCORE), 4),
        "drivers": json.dumps(check.drivers),
        "sentence": check.sentence,
    }


def _numeric(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.000001"))
