"""The readers against the real dbt marts, built over tests/dbt's hand-computed business: the
column names and grains they rely on exist, and the CFO figures match the hand computation."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa

from affiliate.finance.anomaly_store import read_campaign_days, run_anomaly_checks
from affiliate.finance.cfo_store import build_cfo_summary
from tests.dbt.conftest import built, run_dbt  # noqa: F401 — the dbt build fixtures
from tests.dbt.dataset import AD_SPEND_DAILY, ADS, D1, D2, D3, expected_pnl


def test_readers_match_the_dbt_marts(built):  # noqa: F811
    campaign_of = {ad["id"]: ad["campaign_id"] for ad in ADS}
    spend, clicks = defaultdict(Decimal), defaultdict(int)
    for row in AD_SPEND_DAILY:
        key = (campaign_of[row["ad_id"]], row["date_day"])
        spend[key] += row["spend"]
        clicks[key] += row["clicks"]

    with built.begin() as conn:
        days = read_campaign_days(conn, D1 - timedelta(days=60), D3)
        summary = build_cfo_summary(conn, today=D3 + timedelta(days=1))
        checked, checks = run_anomaly_checks(conn, D3 + timedelta(days=1))
        stored = conn.scalar(sa.text("select count(*) from app.performance_anomalies"))

    assert {(d.campaign_id, d.date_day): d.spend for d in days if d.spend} == dict(spend)
    assert {(d.campaign_id, d.date_day): d.clicks for d in days if d.clicks} == dict(clicks)

    expected = expected_pnl()
    usd = summary.figures["currencies"]["USD"]
    assert summary.date_day == D3
    assert Decimal(usd["profit"]) == expected[D3].profit
    assert Decimal(usd["net_revenue"]) == expected[D3].net_revenue
    assert Decimal(usd["ad_spend"]) == expected[D3].ad_spend
    assert Decimal(usd["previous_day"]["profit"]) == expected[D2].profit

    # Three days of history: every check says it cannot judge yet, and nothing is stored.
    assert checked[-1] == D3 and checks
    assert all(c.status == "no_verdict" for c in checks)
    assert stored == 0
