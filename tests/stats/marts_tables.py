"""The two marts the creative tests read, as plain tables in a schema of the tests' own.

They have the columns and types dbt gives them (test_marts checks the names against the
models' yml); a separate schema leaves the `analytics` schema the dbt tests build untouched.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa

SCHEMA = "ab_test_marts"
DAY1 = date(2024, 6, 1)

PERF_COLUMNS = {
    "date_day": "date",
    "campaign_id": "bigint",
    "campaign_name": "text",
    "ad_group_id": "bigint",
    "ad_group_name": "text",
    "ad_id": "bigint",
    "ad_name": "text",
    "tracked_clicks": "bigint",
    "bot_clicks": "bigint",
    "conversions": "bigint",
    "revenue": "numeric(14,2)",
}
CONVERSION_COLUMNS = {
    "conversion_id": "bigint",
    "ad_group_id": "bigint",
    "ad_id": "bigint",
    "click_id": "text",
    "is_revenue": "boolean",
    "approved_day": "date",
    "net_commission_amount": "numeric(14,2)",
}


def perf(day, campaign, ad_set, ad, clicks, conversions, bots=0, name=None):
    return {
        "date_day": DAY1 + timedelta(days=day),
        "campaign_id": campaign,
        "campaign_name": f"Campaign {campaign}",
        "ad_group_id": ad_set,
        "ad_group_name": f"Ad set {ad_set}",
        "ad_id": ad,
        "ad_name": name or f"Ad {ad}",
        "tracked_clicks": clicks,
        "bot_clicks": bots,
        "conversions": conversions,
        "revenue": Decimal("0.00"),
    }


def sale(cid, ad_set, ad, click, day, amount, is_revenue=True):
    return {
        "conversion_id": cid,
        "ad_group_id": ad_set,
        "ad_id": ad,
        "click_id": click,
        "is_revenue": is_revenue,
        "approved_day": DAY1 + timedelta(days=day),
        "net_commission_amount": Decimal(amount),
    }


def create_marts(conn, perf_rows, sales):
    conn.execute(sa.text(f"drop schema if exists {SCHEMA} cascade"))
    conn.execute(sa.text(f"create schema {SCHEMA}"))
    for table, columns, rows in [
        ("fct_campaign_performance_daily", PERF_COLUMNS, perf_rows),
        ("fct_conversions", CONVERSION_COLUMNS, sales),
    ]:
        ddl = ", ".join(f"{name} {kind}" for name, kind in columns.items())
        conn.execute(sa.text(f"create table {SCHEMA}.{table} ({ddl})"))
        if rows:
            names = ", ".join(columns)
            values = ", ".join(f":{c}" for c in columns)
            conn.execute(sa.text(f"insert into {SCHEMA}.{table} ({names}) values ({values})"), rows)


def generated_ad_set(rng, ad_set, rates, clicks_per_day, days=14):
    rows = []
    for offset, rate in enumerate(rates):
        for day in range(days):
            clicks = int(clicks_per_day[offset])
            rows.append(
                perf(day, 7, ad_set, ad_set * 10 + offset, clicks, int(rng.binomial(clicks, rate)))
            )
    return rows
