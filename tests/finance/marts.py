"""The three marts the finance insights read, created by hand in the test database.

Why not dbt: the detector needs weeks of daily history for several campaigns with a planted
change, which is quick to write as mart rows and slow and indirect to produce through clicks,
webhooks and a dbt build (whose models another change may be editing at the same moment).
The tables carry the columns the readers use, under the marts' names and types; each
performance day is split over two ads so the readers' per-campaign sums are exercised.
`test_readers_match_the_dbt_marts` checks the readers against a real dbt build too.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import sqlalchemy as sa

from affiliate.finance.anomalies import CampaignDay, CampaignPnlDay

DDL = """
drop schema if exists analytics cascade;
create schema analytics;
create table analytics.fct_campaign_performance_daily (
    date_day date not null, campaign_id bigint not null, campaign_name text,
    ad_id bigint not null, currency_code text not null, impressions bigint not null default 0,
    clicks bigint not null, tracked_clicks bigint not null, conversions bigint not null,
    revenue numeric(14,2) not null, spend numeric(14,2) not null);
create table analytics.fct_pnl_daily_by_campaign (
    date_day date not null, campaign_id bigint, campaign_name text not null,
    currency_code text not null, net_revenue numeric(14,2) not null,
    ad_spend numeric(14,2) not null, ai_cost numeric(14,2) not null,
    other_costs numeric(14,2) not null, profit numeric(14,2) not null);
create table analytics.fct_pnl_daily (
    date_day date not null, currency_code text not null, net_revenue numeric(14,2) not null,
    ad_spend numeric(14,2) not null, ai_cost numeric(14,2) not null,
    other_costs numeric(14,2) not null, profit numeric(14,2) not null,
    roas numeric);
"""


def create_marts(conn: sa.Connection) -> None:
    conn.exec_driver_sql(DDL)


def add_campaigns(conn: sa.Connection, campaigns) -> None:
    conn.execute(
        sa.text(
            "insert into app.users (id, email, password_hash, name)"
            " values (1, 'cfo@example.com', 'x', 'CFO') on conflict do nothing"
        )
    )
    for c in campaigns:
        conn.execute(
            sa.text(
                "insert into app.campaigns (id, user_id, name, platform, idempotency_key)"
                " values (:id, 1, :name, 'sandbox', :key)"
            ),
            {"id": c.campaign_id, "name": c.name, "key": f"k{c.campaign_id}"},
        )


def load_performance(conn: sa.Connection, rows: list[CampaignDay]) -> None:
    """Each campaign day as two ads (ids campaign×10 and campaign×10+1)."""
    for r in rows:
        half = {
            "clicks": r.clicks // 2,
            "conversions": r.conversions // 2,
            "revenue": (r.revenue / 2).quantize(Decimal("0.01")),
            "spend": (r.spend / 2).quantize(Decimal("0.01")),
        }
        rest = {k: getattr(r, k) - v for k, v in half.items()}
        for ad, part in ((r.campaign_id * 10, half), (r.campaign_id * 10 + 1, rest)):
            conn.execute(
                sa.text(
                    "insert into analytics.fct_campaign_performance_daily (date_day, campaign_id,"
                    " campaign_name, ad_id, currency_code, clicks, tracked_clicks, conversions,"
                    " revenue, spend) values (:date_day, :campaign_id, :campaign_name, :ad_id,"
                    " :currency_code, :clicks, :clicks, :conversions, :revenue, :spend)"
                ),
                {
                    "date_day": r.date_day,
                    "campaign_id": r.campaign_id,
                    "campaign_name": r.campaign_name,
                    "currency_code": r.currency_code,
                    "ad_id": ad,
                    **part,
                },
            )


def load_pnl(conn: sa.Connection, rows: list[CampaignPnlDay], unattributed_ai=Decimal("0")):
    """The by-campaign P&L, an Unattributed row per day with `unattributed_ai` of AI cost,
    and fct_pnl_daily as their sum per day (as the dbt test asserts of the real marts)."""
    days = sorted({r.date_day for r in rows})
    unattributed = [
        CampaignPnlDay(
            d,
            None,
            "Unattributed",
            "USD",
            Decimal("0"),
            Decimal("0"),
            unattributed_ai,
            Decimal("0"),
        )
        for d in days
    ]
    totals = defaultdict(lambda: defaultdict(Decimal))
    for r in [*rows, *unattributed]:
        conn.execute(
            sa.text(
                "insert into analytics.fct_pnl_daily_by_campaign values (:date_day, :campaign_id,"
                " :campaign_name, :currency_code, :net_revenue, :ad_spend, :ai_cost,"
                " :other_costs, :profit)"
            ),
            {**r.__dict__, "profit": r.profit},
        )
        for k in ("net_revenue", "ad_spend", "ai_cost", "other_costs", "profit"):
            totals[(r.date_day, r.currency_code)][k] += getattr(r, k)
    for (day, cur), t in totals.items():
        conn.execute(
            sa.text(
                "insert into analytics.fct_pnl_daily values (:day, :cur, :net_revenue, :ad_spend,"
                " :ai_cost, :other_costs, :profit, null)"
            ),
            {"day": day, "cur": cur, **t},
        )
