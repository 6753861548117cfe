"""The pnl_forecast asset over a filled analytics.fct_pnl_daily (see conftest for why no dbt).

One materialisation with a forecast (three fits plus one backtest cut-off: six fits); the
refusals never reach Prophet.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import dagster as dg
import pandas as pd
import sqlalchemy as sa

from affiliate.config import get_settings
from affiliate.finance.forecast import METRICS
from affiliate.finance.forecast_store import latest_forecast
from assets.forecasts import pnl_forecast
from resources.database import DatabaseResource
from tests.forecast.series import pnl_frame

ONE_CUTOFF = {"ops": {"pnl_forecast": {"config": {"backtest_cutoffs": 1}}}}


def report_today() -> date:
    return datetime.now(ZoneInfo(get_settings().report_timezone)).date()


def materialize(db_url: str) -> dict:
    result = dg.materialize(
        [pnl_forecast], resources={"database": DatabaseResource(url=db_url)}, run_config=ONE_CUTOFF
    )
    assert result.success
    [materialization] = result.asset_materializations_for_node("pnl_forecast")
    return {key: value.value for key, value in materialization.metadata.items()}


def test_forecast_stored_with_backtest_and_next_week_as_metadata(pnl_mart, clean_db, db_url):
    last = report_today() - timedelta(days=20)
    history = pnl_frame(last - timedelta(days=55), 56)
    # A day not yet complete (here: tomorrow, whatever the clock says) is never history.
    unfinished = pnl_frame(report_today() + timedelta(days=1), 1).assign(net_revenue=-9999.0)
    pnl_mart(pd.concat([history, unfinished], ignore_index=True))

    metadata = materialize(db_url)

    assert metadata["as_of"] == str(last)
    assert metadata["history_days"] == 56
    assert metadata["rows_stored"] == 3 * 30
    assert "message" not in metadata
    for metric in METRICS:
        # A clean weekly series is easy: a few percent off at most.
        assert 0 < metadata[f"backtest_smape_pct_{metric}"] < 10
        assert metadata[f"backtest_mae_{metric}"] > 0
        assert metric in metadata["next_7_days"]
    table = metadata["next_7_days"].splitlines()
    assert len(table) == 2 + 7
    assert table[2].startswith(f"| {last + timedelta(days=1)} |")
    assert str(last - timedelta(days=7)) in metadata["backtest"]  # the cut-off
    with clean_db.connect() as conn:
        stored = {metric: latest_forecast(conn, metric) for metric in METRICS}
    for rows in stored.values():
        assert [r.date_day for r in rows] == [last + timedelta(days=i) for i in range(1, 31)]
        assert all(r.as_of == last and r.currency_code == "USD" for r in rows)
        assert all(r.yhat_lower <= r.yhat <= r.yhat_upper for r in rows)
        assert all(r.yhat == r.yhat.quantize(Decimal("0.01")) for r in rows)
    # The first forecast day in the table is the stored one, to the cent.
    first = stored["net_revenue"][0]
    assert f"| {first.yhat} ({first.yhat_lower} – {first.yhat_upper}) |" in table[2]


def test_short_history_succeeds_and_says_why_there_is_no_forecast(pnl_mart, clean_db, db_url):
    pnl_mart(pnl_frame(report_today() - timedelta(days=12), 10))

    metadata = materialize(db_url)

    assert "10 days of history" in metadata["message"]
    assert "at least 14" in metadata["message"]
    assert metadata["rows_stored"] == 0
    with clean_db.connect() as conn:
        assert conn.scalar(sa.text("select count(*) from app.pnl_forecasts")) == 0


def test_two_currencies_succeed_with_a_refusal(pnl_mart, db_url):
    start = report_today() - timedelta(days=40)
    pnl_mart(pd.concat([pnl_frame(start, 30, "USD"), pnl_frame(start, 30, "EUR")]))

    metadata = materialize(db_url)

    assert "EUR, USD" in metadata["message"]
    assert metadata["rows_stored"] == 0
