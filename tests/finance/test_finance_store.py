"""Readers and writers on the real database: mart rows in, app.performance_anomalies and
app.daily_summaries out, idempotent, and today (not over yet) never reported as complete."""

from __future__ import annotations

import math
from datetime import timedelta
from decimal import Decimal

import sqlalchemy as sa

from affiliate.finance.anomaly_store import (
    read_campaign_days,
    read_campaign_pnl,
    run_anomaly_checks,
)
from affiliate.finance.cfo_store import build_cfo_summary, latest_summary, write_cfo_summary
from tests.finance.conftest import FIRST, LAST, TODAY, UNATTRIBUTED_AI
from tests.finance.generated import pnl_of


def stored_anomalies(conn):
    return conn.execute(
        sa.text(
            "select date_day, campaign_id, metric, value, expected, score, drivers, sentence"
            " from app.performance_anomalies order by date_day, campaign_id, metric"
        )
    ).all()


def test_the_readers_sum_each_campaign_day_over_its_ads(marts, generated_rows):
    with marts.connect() as conn:
        days = read_campaign_days(conn, FIRST, TODAY)
        pnl = read_campaign_pnl(conn, FIRST, TODAY)
    key = lambda r: (r.campaign_id, r.date_day)  # noqa: E731
    assert sorted(days, key=key) == sorted(generated_rows, key=key)
    assert sorted(pnl, key=key) == sorted(pnl_of(generated_rows), key=key)  # no Unattributed


def test_the_spike_is_stored_with_its_drivers_and_a_rerun_changes_nothing(marts, generated_rows):
    with marts.begin() as conn:
        days, checks = run_anomaly_checks(conn, TODAY)
    assert days == [LAST - timedelta(days=k) for k in range(6, -1, -1)]  # not TODAY
    with marts.connect() as conn:
        rows = stored_anomalies(conn)
    spike = [r for r in rows if (r.date_day, r.campaign_id, r.metric) == (LAST, 1, "roas")]
    assert len(spike) == 1
    [row] = spike
    assert len(rows) == sum(c.flagged for c in checks)
    [day] = [r for r in generated_rows if (r.campaign_id, r.date_day) == (1, LAST)]
    assert row.value == Decimal(str(float(day.revenue / day.spend))).quantize(Decimal("1e-6"))
    assert row.score < -3.5
    shares = row.drivers["shares"]
    assert max(shares, key=shares.get) == "cpc" and shares["cpc"] > 0.5
    contributions = math.fsum(row.drivers["contributions"].values())
    assert (
        abs(contributions - math.log(float(day.revenue / day.spend) / float(row.expected))) < 1e-5
    )
    assert row.sentence.startswith("Keto - Search: ROAS fell") and "CPC rose" in row.sentence
    assert all(r.campaign_id == 1 for r in rows)  # the other campaigns were left alone

    with marts.begin() as conn:
        run_anomaly_checks(conn, TODAY)
        assert stored_anomalies(conn) == rows


def test_an_anomaly_that_late_data_settles_is_removed(marts):
    with marts.begin() as conn:
        run_anomaly_checks(conn, TODAY)
        assert (LAST, 1, "roas") in [
            (r.date_day, r.campaign_id, r.metric) for r in stored_anomalies(conn)
        ]
    with marts.begin() as conn:  # the platform restates the spike day's spend
        conn.execute(
            sa.text(
                "update analytics.fct_campaign_performance_daily set spend = spend / 2"
                " where campaign_id = 1 and date_day = :day"
            ),
            {"day": LAST},
        )
        run_anomaly_checks(conn, TODAY)
        metrics = [(r.date_day, r.campaign_id, r.metric) for r in stored_anomalies(conn)]
    assert (LAST, 1, "roas") not in metrics


def test_the_cfo_summary_is_about_yesterday_and_stored_once(marts, generated_rows):
    with marts.begin() as conn:
        summary = write_cfo_summary(conn, TODAY)
        again = write_cfo_summary(conn, TODAY)
        count = conn.scalar(sa.text("select count(*) from app.daily_summaries"))
        latest = latest_summary(conn)
    assert summary.date_day == LAST and again == summary and count == 1
    assert latest.text == summary.text and latest.figures == summary.figures

    def profit(day):
        return sum(
            (p.profit for p in pnl_of(generated_rows) if p.date_day == day), -UNATTRIBUTED_AI
        )

    p1, p0 = profit(LAST), profit(LAST - timedelta(days=1))
    usd = summary.figures["currencies"]["USD"]
    assert usd["profit"] == str(p1) and usd["previous_day"]["profit"] == str(p0)
    assert summary.text.startswith(f"Yesterday's profit was ${p1:,}")
    assert "Keto - Search" in summary.text and "after its ad spend rose" in summary.text
    assert usd["driver"]["campaign_id"] == 1


def test_a_given_day_without_rows_and_an_empty_mart(marts):
    quiet = FIRST - timedelta(days=1)
    with marts.connect() as conn:
        summary = build_cfo_summary(conn, TODAY, quiet)
    assert "no revenue, ad spend or AI cost was recorded that day" in summary.text
    with marts.begin() as conn:
        conn.execute(sa.text("delete from analytics.fct_pnl_daily"))
        assert write_cfo_summary(conn, TODAY) is None
        assert latest_summary(conn) is None
