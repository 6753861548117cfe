"""The P&L's days follow var report_timezone: refunds land on their own local day.

Conversions with refunds and chargebacks near local midnight are inserted into the real test
database, the marts are built with report_timezone America/Sao_Paulo (UTC−3), and each local
day's revenue in fct_pnl_daily is compared with the same figures computed here in Python.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from affiliate.db import tables as t
from affiliate.db.testing import truncate_app_tables
from tests.dbt.conftest import failures
from tests.dbt.dataset import AD_SETS, ADS, CAMPAIGNS, PRODUCTS, USERS, at

ZONE = "America/Sao_Paulo"
MAY1, MAY2, MAY3, MAY4 = (date(2024, 5, d) for d in (1, 2, 3, 4))


def _conv(cid: int, status: str, commission: str, approved_at, refunded_at=None) -> dict:
    return {
        "id": cid,
        "user_id": 1,
        "product_id": 1,
        "campaign_id": 1,
        "ad_set_id": 1,
        "ad_id": 1,
        "network": "clickbank",
        "transaction_id": f"TZ{cid}",
        "status": status,
        "sale_amount": Decimal(commission) * 2,
        "commission_amount": Decimal(commission),
        "account_currency": "USD",
        "sale_amount_account": Decimal(commission) * 2,
        "commission_amount_account": Decimal(commission),
        "attribution": "click",
        "conversion_date": approved_at,
        "refunded_at": refunded_at,
    }


CONVERSIONS = [
    # 23:30 local on May 1 = 02:30 UTC on May 2: a May 1 sale.
    _conv(1, "approved", "40.00", at(MAY2, 2, 30)),
    # Sold May 1 (14:00 local), refunded 22:00 local on May 3 (01:00 UTC May 4): −25 on May 3.
    _conv(2, "refunded", "25.00", at(MAY1, 17), refunded_at=at(MAY4, 1)),
    # Sold and refunded within local May 2 although the refund is on May 3 in UTC.
    _conv(3, "refunded", "10.00", at(MAY2, 12), refunded_at=at(MAY3, 2, 59)),
    # Charged back at 00:30 local May 3 (03:30 UTC): a May 3 chargeback.
    _conv(4, "chargeback", "15.00", at(MAY2, 18), refunded_at=at(MAY3, 3, 30)),
    # Pending: never revenue.
    _conv(5, "pending", "99.00", at(MAY2, 13)),
]


def expected_revenue_by_local_day() -> dict[date, dict[str, Decimal]]:
    zone = ZoneInfo(ZONE)
    days: dict[date, dict[str, Decimal]] = defaultdict(
        lambda: {"gross_revenue": Decimal(0), "refunds": Decimal(0), "chargebacks": Decimal(0)}
    )
    for c in CONVERSIONS:
        if c["status"] == "pending":
            continue
        days[c["conversion_date"].astimezone(zone).date()]["gross_revenue"] += c[
            "commission_amount_account"
        ]
        if c["status"] in ("refunded", "chargeback"):
            kind = "refunds" if c["status"] == "refunded" else "chargebacks"
            days[c["refunded_at"].astimezone(zone).date()][kind] += c["commission_amount_account"]
    return dict(days)


@pytest.fixture(scope="module")
def built_in_sao_paulo(engine: sa.Engine, run_dbt) -> Iterator[sa.Engine]:
    truncate_app_tables(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("drop schema if exists analytics cascade"))
        for table, rows in [
            (t.users, USERS),
            (t.products, PRODUCTS),
            (t.campaigns, CAMPAIGNS),
            (t.ad_sets, AD_SETS),
            (t.ads, [{**ad, "creative_id": None, "landing_page_id": None} for ad in ADS]),
            (t.conversions, CONVERSIONS),
        ]:
            for row in rows:
                conn.execute(sa.insert(table).values(**row))
    result = run_dbt("build", "--vars", json.dumps({"report_timezone": ZONE}))
    assert result.success, failures(result)
    yield engine
    truncate_app_tables(engine)
    with engine.begin() as conn:  # incremental marts would keep this module's days
        conn.execute(sa.text("drop schema if exists analytics cascade"))


def test_pnl_revenue_lands_on_each_local_day(built_in_sao_paulo: sa.Engine) -> None:
    with built_in_sao_paulo.connect() as conn:
        rows = conn.execute(
            sa.text(
                "select date_day, currency_code, gross_revenue, refunds, chargebacks, net_revenue"
                " from analytics.fct_pnl_daily order by date_day"
            )
        ).mappings()
        got = {r["date_day"]: r for r in rows}
    expected = expected_revenue_by_local_day()
    assert sorted(got) == sorted(expected) == [MAY1, MAY2, MAY3]
    for day, want in expected.items():
        row = got[day]
        assert row["currency_code"] == "USD"
        assert {k: row[k] for k in want} == want, day
        assert row["net_revenue"] == want["gross_revenue"] - want["refunds"] - want["chargebacks"]
    # Hand-checked, so a mistake shared by the SQL and the Python above still shows:
    assert got[MAY1]["gross_revenue"] == Decimal("65.00")  # the 23:30 sale + conversion 2
    assert got[MAY2]["net_revenue"] == Decimal("15.00")  # 10 + 15 sold, 10 refunded same day
    assert got[MAY3]["net_revenue"] == Decimal("-40.00")  # refund 25 and chargeback 15


def test_by_campaign_mart_explains_every_local_day(built_in_sao_paulo: sa.Engine) -> None:
    with built_in_sao_paulo.connect() as conn:
        mismatches = conn.execute(
            sa.text("""
                select p.date_day
                from analytics.fct_pnl_daily p
                join (select date_day, sum(net_revenue) as net_revenue
                      from analytics.fct_pnl_daily_by_campaign group by 1) c using (date_day)
                where p.net_revenue <> c.net_revenue
            """)
        ).all()
    assert mismatches == []
